import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerResponse } from 'node:http';
import { Type } from '@sinclair/typebox';
import { responses } from '../platform/http';
import { requireAgent } from '../platform/security';
import { isVisibleTo, sseFrame } from './live-feed';

/**
 * Server-sent events for the agent console: committed domain events, filtered
 * per agent. Events arrive through the event bus, so with Redis an agent
 * hears changes made on any node.
 */
export const liveFeedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { bus } = app.ctx;
  const open = new Set<ServerResponse>();
  app.addHook('onClose', async () => {
    for (const response of open) response.end();
  });

  app.get(
    '/stream',
    {
      schema: {
        tags: ['realtime'],
        summary: 'Live ticket events for the console (text/event-stream, agent sessions only)',
        produces: ['text/event-stream'],
        response: responses({ 200: Type.String({ description: 'An endless text/event-stream' }) }),
      },
    },
    async (request, reply) => {
      const actor = requireAgent(request.actor);
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      response.write('retry: 3000\n\n');
      open.add(response);
      const unsubscribe = bus.onEvent((event) => {
        if (isVisibleTo(actor, event)) response.write(sseFrame(event));
      });
      const heartbeat = setInterval(() => response.write(': ping\n\n'), 25_000);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(response);
      });
    },
  );
};
