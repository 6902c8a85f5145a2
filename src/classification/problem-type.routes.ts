import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ProblemTypeDto } from '@common/dto/classification.dto';
import { responses } from '../platform/http';
import { actorRef, authorize } from '../platform/security';
import { ProblemTypeParams, UpdateProblemTypeBody } from './problem-type.contract';
import { problemTypePolicy } from './problem-type.policy';
import { presentProblemType } from './problem-type.presenter';
import { listProblemTypes, updateProblemType } from './problem-type.service';

const tags = ['classification'];

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
