import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SkillGroupDto } from '@common/dto/agent.dto';
import { responses } from '../platform/http';
import { actorRef, authorize } from '../platform/security';
import { CreateGroupBody, GroupParams, UpdateGroupBody } from './skill-group.contract';
import { groupPolicy } from './skill-group.policy';
import { presentGroup } from './skill-group.presenter';
import { createGroup, getGroup, listGroups, updateGroup } from './skill-group.service';

const tags = ['groups'];

export const skillGroupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.ctx;

  app.get(
    '/groups',
    { schema: { tags, summary: 'List skill groups with members', response: responses({ 200: Type.Array(SkillGroupDto) }) } },
    async (request) => {
      authorize(request.actor, groupPolicy.read);
      return (await listGroups(db)).map(presentGroup);
    },
  );

  app.post(
    '/groups',
    {
      schema: {
        tags,
        summary: 'Create a skill group (admin)',
        body: CreateGroupBody,
        response: responses({ 201: SkillGroupDto }, 404, 409),
      },
    },
    async (request, reply) => {
      authorize(request.actor, groupPolicy.manage);
      const actor = actorRef(request.actor);
      const view = await db.transaction((tx) => createGroup(tx, { ...request.body, actor, now: clock.now() }));
      return reply.status(201).send(presentGroup(view));
    },
  );

  app.get(
    '/groups/:id',
    { schema: { tags, summary: 'Get a skill group', params: GroupParams, response: responses({ 200: SkillGroupDto }, 404) } },
    async (request) => {
      authorize(request.actor, groupPolicy.read);
      return presentGroup(await getGroup(db, request.params.id));
    },
  );

  app.patch(
    '/groups/:id',
    {
      schema: {
        tags,
        summary: 'Update a skill group or its members (admin)',
        params: GroupParams,
        body: UpdateGroupBody,
        response: responses({ 200: SkillGroupDto }, 404, 409),
      },
    },
    async (request) => {
      authorize(request.actor, groupPolicy.manage);
      const actor = actorRef(request.actor);
      const view = await db.transaction((tx) => updateGroup(tx, { ...request.body, id: request.params.id, actor, now: clock.now() }));
      return presentGroup(view);
    },
  );
};
