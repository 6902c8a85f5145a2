import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FreezeRequestDto, IdentityCheckDto, TicketSafetyDto } from '@common/dto/emergency.dto';
import { responses } from '../platform/http';
import { actorRef, authorize, requireAgent } from '../platform/security';
import { TicketNumberParams, ticketAccess } from '../tickets';
import { AgentFreezeBody, FreezeOutcomeBody, FreezeRequestParams, IdentityCheckBody } from './emergency.contract';
import { emergencyPolicy } from './emergency.policy';
import { presentFreezeRequest, presentIdentityCheck, presentTicketSafety } from './emergency.presenter';
import { recordFreezeOutcome, requestFreeze } from './freeze.service';
import { runIdentityCheck } from './identity-check.service';
import { safetyState } from './safety-state';

const tags = ['safety'];

export const emergencyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock, config } = app.ctx;

  app.get(
    '/tickets/:number/safety',
    {
      schema: {
        tags,
        summary: 'Fraud flag, identity checks (pass/fail only) and freeze requests of a ticket',
        params: TicketNumberParams,
        response: responses({ 200: TicketSafetyDto }, 404),
      },
    },
    async (request) => {
      const access = ticketAccess(request.actor, 'read');
      const state = await safetyState(db, {
        ticket: { number: request.params.number },
        access,
        maxPerHour: config.identityCheckMaxPerHour,
        now: clock.now(),
      });
      return presentTicketSafety(state);
    },
  );

  app.post(
    '/tickets/:number/identity-checks',
    {
      schema: {
        tags,
        summary: 'Check the customer told the right last 4 of ID and of mobile (asked of the platform; the digits are not stored)',
        params: TicketNumberParams,
        body: IdentityCheckBody,
        response: responses({ 200: IdentityCheckDto }, 404, 409, 422, 429, 502, 503),
      },
    },
    async (request) => {
      const agent = requireAgent(request.actor);
      const access = ticketAccess(agent, 'write');
      const check = await runIdentityCheck(db, {
        ticket: { number: request.params.number },
        access,
        requestedBy: 'agent',
        agentId: agent.agentId,
        actor: actorRef(agent),
        digits: request.body,
        maxPerHour: config.identityCheckMaxPerHour,
        timeoutMs: config.identityCheckTimeoutMs,
        now: () => clock.now(),
      });
      return presentIdentityCheck(check);
    },
  );

  app.post(
    '/tickets/:number/freeze-requests',
    {
      schema: {
        tags,
        summary: "One click: ask the platform to freeze the customer's account (suspected theft); a second click returns the first",
        params: TicketNumberParams,
        body: AgentFreezeBody,
        response: responses({ 200: FreezeRequestDto, 201: FreezeRequestDto }, 404, 409, 422, 503),
      },
    },
    async (request, reply) => {
      const agent = requireAgent(request.actor);
      const access = ticketAccess(agent, 'write');
      const { request: row, created } = await db.transaction((tx) =>
        requestFreeze(tx, {
          ticket: { number: request.params.number },
          access,
          requestedBy: 'agent',
          agentId: agent.agentId,
          actor: actorRef(agent),
          reason: request.body.reason,
          now: clock.now(),
        }),
      );
      return reply.status(created ? 201 : 200).send(presentFreezeRequest(row));
    },
  );

  app.post(
    '/freeze-requests/:id/outcome',
    {
      schema: {
        tags,
        summary: "The platform's back-end reports what became of a freeze (API token)",
        params: FreezeRequestParams,
        body: FreezeOutcomeBody,
        response: responses({ 200: FreezeRequestDto }, 404, 409),
      },
    },
    async (request) => {
      authorize(request.actor, emergencyPolicy.reportFreezeOutcome);
      const row = await db.transaction((tx) =>
        recordFreezeOutcome(tx, {
          freezeRequestId: request.params.id,
          outcome: request.body,
          actor: actorRef(request.actor),
          reopenWindowDays: config.reopenWindowDays,
          now: clock.now(),
        }),
      );
      return presentFreezeRequest(row);
    },
  );
};
