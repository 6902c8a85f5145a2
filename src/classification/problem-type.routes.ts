import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ProblemTypeDto } from '@common/dto/classification.dto';
import { recommendedChannels, slaClasses } from '@common/classification/problem-types';
import { Nullable, StringEnum, Uuid } from '@common/dto/primitives';
import { ticketPriorities } from '@common/tickets/ticket-fields';
import { responses } from '../platform/http';
import { type AccessRule, actorRef, authorize } from '../platform/security';
import { listProblemTypes, type ProblemTypeRow, updateProblemType } from './problem-type.service';

const tags = ['classification'];

/** Agents read the taxonomy to sort tickets; only admins change its names and defaults. */
const problemTypePolicy = {
  read: { scope: 'directory:read' },
  manage: { roles: ['admin'] },
} satisfies Record<string, AccessRule>;

const ProblemTypeParams = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$' }) }, { additionalProperties: false });
const UpdateProblemTypeBody = Type.Object(
  {
    nameZh: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    recommendedChannel: Type.Optional(StringEnum(recommendedChannels)),
    defaultGroupId: Type.Optional(Nullable(Uuid)),
    priority: Type.Optional(StringEnum(ticketPriorities)),
    slaClass: Type.Optional(StringEnum(slaClasses)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

function presentProblemType(row: ProblemTypeRow): ProblemTypeDto {
  const { id: _id, updatedAt, ...fields } = row;
  return { ...fields, updatedAt: updatedAt.toISOString() };
}

export const problemTypeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.ctx;

  app.get(
    '/problem-types',
    {
      schema: {
        tags,
        summary: 'The problem-type taxonomy with each type’s defaults',
        response: responses({ 200: Type.Array(ProblemTypeDto) }),
      },
    },
    async (request) => {
      authorize(request.actor, problemTypePolicy.read);
      return (await listProblemTypes(db)).map(presentProblemType);
    },
  );

  app.patch(
    '/problem-types/:code',
    {
      schema: {
        tags,
        summary: 'Change a problem type’s names or defaults (admin)',
        params: ProblemTypeParams,
        body: UpdateProblemTypeBody,
        response: responses({ 200: ProblemTypeDto }, 404),
      },
    },
    async (request) => {
      authorize(request.actor, problemTypePolicy.manage);
      const actor = actorRef(request.actor);
      const row = await db.transaction((tx) =>
        updateProblemType(tx, { code: request.params.code, changes: request.body, actor, now: clock.now() }),
      );
      return presentProblemType(row);
    },
  );
};
