export { createApiToken, listApiTokens, resolveApiToken, revokeApiToken } from './api-token.service';
export { authRoutes } from './auth.routes';
export { agentSession, apiToken } from './auth.table';
export { authenticate, SESSION_COOKIE } from './authenticate';
export { purgeExpiredSessionsSchedule } from './purge-sessions.job';
export { resolveSession, signIn, signOut } from './session.service';
