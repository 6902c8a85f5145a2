import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorEnvelope } from './error-envelope';

/**
 * Serves the built single-page console from `distDir`: assets as files, and
 * index.html for any other GET outside /api so client-side routes load.
 * API paths that match nothing keep the JSON error.
 */
export async function installWebConsole(app: FastifyInstance, distDir: string): Promise<boolean> {
  const indexFile = path.join(distDir, 'index.html');
  const built = fs.existsSync(indexFile);
  if (built) {
    await app.register(fastifyStatic, { root: distDir, wildcard: false, index: false, maxAge: '1h', immutable: false });
  }
  app.setNotFoundHandler((request, reply) => {
    // A missing script or stylesheet must be a 404, not the page: the browser would try to run the HTML.
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/assets/') && built;
    if (wantsPage) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply.status(404).send(errorEnvelope('ROUTE_NOT_FOUND'));
  });
  return built;
}
