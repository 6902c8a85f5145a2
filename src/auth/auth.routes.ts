import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiTokenDto, SessionDto } from '@common/dto/agent.dto';
import { getAgent, presentAgent } from '../agents';
import { responses } from '../platform/http';
import { AppError } from '../platform/errors';
import { actorRef, authorize, hashPassword, requireAgent } from '../platform/security';
import { groupIdsOfAgent } from '../routing';
import { createApiToken, forgetApiToken, listApiTokens, revokeApiToken } from './api-token.service';
import { ApiTokenParams, ChangePasswordBody, CreateApiTokenBody, LoginBody } from './auth.contract';
import { authPolicy } from './auth.policy';
import { presentApiToken } from './auth.presenter';
import { SESSION_COOKIE } from './authenticate';
import { changeOwnPassword, resolveSession, signIn, signOut } from './session.service';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock, config } = app.ctx;
  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/' } as const;

  app.post(
    '/auth/login',
    {
      schema: { tags, summary: 'Sign in as an agent', security: [], body: LoginBody, response: responses({ 200: SessionDto }, 423) },
      config: { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const signedIn = await signIn(db, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        now: clock.now(),
        policy: {
          maxFailures: config.loginMaxFailures,
          lockoutMinutes: config.loginLockoutMinutes,
          sessionTtlHours: config.sessionTtlHours,
        },
      });
      reply.setCookie(SESSION_COOKIE, signedIn.sessionToken, { ...cookieOptions, expires: signedIn.expiresAt });
      return {
        agent: presentAgent(signedIn.agent),
        groupIds: await groupIdsOfAgent(db, signedIn.agent.id),
        csrfToken: signedIn.csrfToken,
        expiresAt: signedIn.expiresAt.toISOString(),
      };
    },
  );

  app.get(
    '/auth/session',
    { schema: { tags, summary: 'The current session', response: responses({ 200: SessionDto }) } },
    async (request) => {
      requireAgent(request.actor);
      const session = await resolveSession(db, request.cookies[SESSION_COOKIE] ?? '', clock.now());
      if (!session) throw new AppError('UNAUTHENTICATED');
      return {
        agent: presentAgent(await getAgent(db, session.actor.agentId)),
        groupIds: [...session.actor.groupIds],
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
      };
    },
  );

  app.post('/auth/logout', { schema: { tags, summary: 'Sign out', response: responses({ 204: Type.Null() }) } }, async (request, reply) => {
    requireAgent(request.actor);
    await signOut(db, request.cookies[SESSION_COOKIE] ?? '');
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.status(204).send();
  });

  app.post(
    '/auth/password',
    { schema: { tags, summary: 'Change your own password', body: ChangePasswordBody, response: responses({ 204: Type.Null() }) } },
    async (request, reply) => {
      const self = requireAgent(request.actor);
      const newPasswordHash = await hashPassword(request.body.newPassword);
      await changeOwnPassword(db, {
        agentId: self.agentId,
        currentSessionId: self.sessionId,
        currentPassword: request.body.currentPassword,
        newPasswordHash,
        now: clock.now(),
      });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api-tokens',
    { schema: { tags, summary: 'List API tokens (admin)', response: responses({ 200: Type.Array(ApiTokenDto) }) } },
    async (request) => {
      authorize(request.actor, authPolicy.manageTokens);
      return (await listApiTokens(db)).map(presentApiToken);
    },
  );

  app.post(
    '/api-tokens',
    {
      schema: {
        tags,
        summary: 'Issue an API token (admin); the token is shown once',
        body: CreateApiTokenBody,
        response: responses({ 201: Type.Object({ token: Type.String(), apiToken: ApiTokenDto }) }),
      },
    },
    async (request, reply) => {
      authorize(request.actor, authPolicy.manageTokens);
      const actor = actorRef(request.actor);
      const issued = await db.transaction((tx) => createApiToken(tx, { ...request.body, actor, now: clock.now() }));
      return reply.status(201).send({ token: issued.token, apiToken: presentApiToken(issued.row) });
    },
  );

  app.delete(
    '/api-tokens/:id',
    { schema: { tags, summary: 'Revoke an API token (admin)', params: ApiTokenParams, response: responses({ 200: ApiTokenDto }, 404) } },
    async (request) => {
      authorize(request.actor, authPolicy.manageTokens);
      const actor = actorRef(request.actor);
      const revoked = await db.transaction((tx) => revokeApiToken(tx, { id: request.params.id, actor, now: clock.now() }));
      forgetApiToken(db, revoked.id);
      return presentApiToken(revoked);
    },
  );
};
