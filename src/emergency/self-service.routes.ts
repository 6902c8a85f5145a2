import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FreezeRequestDto, IdentityCheckDto, SelfServiceFreezeDto } from '@common/dto/emergency.dto';
import { responses } from '../platform/http';
import { unrestricted } from '../tickets';
import { CustomerFreezeBody, IdentityCheckBody, SelfServiceParams } from './emergency.contract';
import { presentFreezeRequest, presentIdentityCheck, presentSelfService } from './emergency.presenter';
import { requestFreeze } from './freeze.service';
import { runIdentityCheck } from './identity-check.service';
import { safetyState } from './safety-state';
import { readSelfServiceToken, resolveSelfServiceSecret } from './self-service-link';

const tags = ['self-service'];

/**
 * The customer's side of the emergency freeze, reached by the signed link in
 * their ticket (no login: the link is the credential for that one ticket).
 * Public and limited per address, like the channel check.
 */
export const selfServiceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock, config } = app.ctx;
  const secret = resolveSelfServiceSecret(config);
  const rateLimit = { max: config.selfServiceRateLimitPerMinute, timeWindow: 60_000 };
  const link = (token: string) => readSelfServiceToken(secret, token, clock.now());

  app.get(
    '/self-service/freeze/:token',
    {
      schema: {
        tags,
        summary: "The customer's freeze page: identity verified yet, the freeze's state",
        security: [],
        params: SelfServiceParams,
        response: responses({ 200: SelfServiceFreezeDto }, 404, 410),
      },
      config: { rateLimit },
    },
    async (request) => {
      const { ticketId, expiresAt } = link(request.params.token);
      const state = await safetyState(db, {
        ticket: { id: ticketId },
        access: unrestricted,
        maxPerHour: config.identityCheckMaxPerHour,
        now: clock.now(),
      });
      return presentSelfService(state, expiresAt);
    },
  );

  app.post(
    '/self-service/freeze/:token/identity-check',
    {
      schema: {
        tags,
        summary: 'The customer confirms the last 4 of their ID and of their mobile number',
        security: [],
        params: SelfServiceParams,
        body: IdentityCheckBody,
        response: responses({ 200: IdentityCheckDto }, 404, 409, 410, 422, 429, 502, 503),
      },
      config: { rateLimit },
    },
    async (request) => {
      const { ticketId } = link(request.params.token);
      const check = await runIdentityCheck(db, {
        ticket: { id: ticketId },
        access: unrestricted,
        requestedBy: 'customer',
        agentId: null,
        actor: { type: 'system', id: 'self-service' },
        digits: request.body,
        maxPerHour: config.identityCheckMaxPerHour,
        timeoutMs: config.identityCheckTimeoutMs,
        now: () => clock.now(),
      });
      return presentIdentityCheck(check);
    },
  );

  app.post(
    '/self-service/freeze/:token/confirm',
    {
      schema: {
        tags,
        summary: 'The customer asks for the emergency freeze (after passing the identity check)',
        security: [],
        params: SelfServiceParams,
        body: CustomerFreezeBody,
        response: responses({ 200: FreezeRequestDto, 201: FreezeRequestDto }, 403, 404, 409, 410, 422, 503),
      },
      config: { rateLimit },
    },
    async (request, reply) => {
      const { ticketId } = link(request.params.token);
      const { request: row, created } = await db.transaction((tx) =>
        requestFreeze(tx, {
          ticket: { id: ticketId },
          access: unrestricted,
          requestedBy: 'customer',
          agentId: null,
          actor: { type: 'system', id: 'self-service' },
          now: clock.now(),
        }),
      );
      return reply.status(created ? 201 : 200).send(presentFreezeRequest(row));
    },
  );
};
