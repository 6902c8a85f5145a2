import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AgentDto } from '@common/dto/agent.dto';
import { responses } from '../platform/http';
import { actorRef, authorize, hashPassword } from '../platform/security';
import { AgentParams, CreateAgentBody, UpdateAgentBody } from './agent.contract';
import { agentPolicy } from './agent.policy';
import { presentAgent } from './agent.presenter';
import { type AgentDeactivationHook, createAgent, getAgent, listAgents, updateAgent } from './agent.service';

const tags = ['agents'];

/** `onDeactivated`: see AgentDeactivationHook (the composition root passes routing's). */
export const agentRoutes: FastifyPluginAsyncTypebox<{ onDeactivated?: AgentDeactivationHook }> = async (app, options) => {
  const { db, clock } = app.ctx;

  app.get('/agents', { schema: { tags, summary: 'List agents', response: responses({ 200: Type.Array(AgentDto) }) } }, async (request) => {
    authorize(request.actor, agentPolicy.read);
    return (await listAgents(db)).map(presentAgent);
  });

  app.post(
    '/agents',
    { schema: { tags, summary: 'Create an agent (admin)', body: CreateAgentBody, response: responses({ 201: AgentDto }, 409) } },
    async (request, reply) => {
      authorize(request.actor, agentPolicy.manage);
      const actor = actorRef(request.actor);
      const { password, ...fields } = request.body;
      const passwordHash = await hashPassword(password);
      const row = await db.transaction((tx) => createAgent(tx, { ...fields, passwordHash, actor, now: clock.now() }));
      return reply.status(201).send(presentAgent(row));
    },
  );

  app.get(
    '/agents/:id',
    { schema: { tags, summary: 'Get an agent', params: AgentParams, response: responses({ 200: AgentDto }, 404) } },
    async (request) => {
      authorize(request.actor, agentPolicy.read);
      return presentAgent(await getAgent(db, request.params.id));
    },
  );

  app.patch(
    '/agents/:id',
    {
      schema: {
        tags,
        summary: 'Update an agent (admin)',
        params: AgentParams,
        body: UpdateAgentBody,
        response: responses({ 200: AgentDto }, 404, 422),
      },
    },
    async (request) => {
      authorize(request.actor, agentPolicy.manage);
      const actor = actorRef(request.actor);
      const { password, ...changes } = request.body;
      const passwordHash = password === undefined ? undefined : await hashPassword(password);
      const row = await db.transaction((tx) =>
        updateAgent(
          tx,
          { ...changes, passwordHash, id: request.params.id, actor, now: clock.now() },
          { onDeactivated: options.onDeactivated },
        ),
      );
      return presentAgent(row);
    },
  );
};
