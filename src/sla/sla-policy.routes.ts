import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SlaPolicyDto } from '@common/dto/sla.dto';
import { responses } from '../platform/http';
import { actorRef, authorize } from '../platform/security';
import { CreateSlaPolicyBody, SlaPolicyParams, UpdateSlaPolicyBody } from './sla-policy.contract';
import { slaPolicyPolicy } from './sla-policy.policy';
import { presentSlaPolicy } from './sla-policy.presenter';
import { createSlaPolicy, deleteSlaPolicy, getSlaPolicy, listSlaPolicies, updateSlaPolicy } from './sla-policy.service';

const tags = ['sla'];

export const slaPolicyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.ctx;

  app.get(
    '/sla-policies',
    {
      schema: {
        tags,
        summary: 'SLA policies in the order they are tried: conditions, targets, calendar, escalation',
        response: responses({ 200: Type.Array(SlaPolicyDto) }),
      },
    },
    async (request) => {
      authorize(request.actor, slaPolicyPolicy.read);
      return (await listSlaPolicies(db)).map(presentSlaPolicy);
    },
  );

  app.post(
    '/sla-policies',
    {
      schema: {
        tags,
        summary: 'Create an SLA policy (admin); it applies to tickets from their next change on',
        body: CreateSlaPolicyBody,
        response: responses({ 201: SlaPolicyDto }, 404, 409),
      },
    },
    async (request, reply) => {
      authorize(request.actor, slaPolicyPolicy.manage);
      const row = await db.transaction((tx) =>
        createSlaPolicy(tx, { settings: request.body, actor: actorRef(request.actor), now: clock.now() }),
      );
      return reply.code(201).send(presentSlaPolicy(row));
    },
  );

  app.get(
    '/sla-policies/:id',
    { schema: { tags, summary: 'One SLA policy', params: SlaPolicyParams, response: responses({ 200: SlaPolicyDto }, 404) } },
    async (request) => {
      authorize(request.actor, slaPolicyPolicy.read);
      return presentSlaPolicy(await getSlaPolicy(db, request.params.id));
    },
  );

  app.patch(
    '/sla-policies/:id',
    {
      schema: {
        tags,
        summary:
          'Change an SLA policy (admin): new targets, calendar or warning share also move the clocks running under it; conditions and order apply from each ticket’s next change',
        params: SlaPolicyParams,
        body: UpdateSlaPolicyBody,
        response: responses({ 200: SlaPolicyDto }, 404, 409),
      },
    },
    async (request) => {
      authorize(request.actor, slaPolicyPolicy.manage);
      const row = await db.transaction((tx) =>
        updateSlaPolicy(tx, { id: request.params.id, changes: request.body, actor: actorRef(request.actor), now: clock.now() }),
      );
      return presentSlaPolicy(row);
    },
  );

  app.delete(
    '/sla-policies/:id',
    {
      schema: {
        tags,
        summary: 'Delete an SLA policy no ticket clock is counted under (admin); otherwise deactivate it',
        params: SlaPolicyParams,
        response: responses({ 204: Type.Null() }, 404, 409),
      },
    },
    async (request, reply) => {
      authorize(request.actor, slaPolicyPolicy.manage);
      await db.transaction((tx) => deleteSlaPolicy(tx, { id: request.params.id, actor: actorRef(request.actor), now: clock.now() }));
      return reply.code(204).send();
    },
  );
};
