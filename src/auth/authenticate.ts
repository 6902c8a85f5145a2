import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../platform/errors';
import { constantTimeEqual } from '../platform/security';
import { forgetApiToken, resolveApiToken } from './api-token.service';
import { resolveSession } from './session.service';

export const SESSION_COOKIE = 'hy_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Sets `request.actor` for every API request: a bearer API token, or an agent
 * session cookie. Cookie-authenticated requests that change something must
 * carry the session's CSRF token in X-CSRF-Token; token requests need none
 * because a browser never attaches them on its own.
 */
export const authenticate = fp(async (app: FastifyInstance) => {
  const { db, clock, bus } = app.ctx;
  const stopListening = bus.onEvent((event) => {
    if (event.name === 'api_token.revoked' && typeof event.payload.tokenId === 'string') forgetApiToken(db, event.payload.tokenId);
  });
  app.addHook('onClose', async () => stopListening());
  app.decorateRequest('actor');
  app.addHook('onRequest', async (request: FastifyRequest) => {
    request.actor = { kind: 'anonymous' };
    if (!request.url.startsWith('/api/')) return;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const actor = match?.[1] ? await resolveApiToken(db, match[1], clock.now()) : undefined;
      if (!actor) throw new AppError('UNAUTHENTICATED', { reason: 'invalid or revoked API token' });
      request.actor = actor;
      return;
    }
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (!sessionToken) return;
    const session = await resolveSession(db, sessionToken, clock.now());
    if (!session) return;
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !constantTimeEqual(sent, session.csrfToken)) throw new AppError('CSRF_TOKEN_INVALID');
    }
    request.actor = session.actor;
  });
});
