import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Redis } from 'ioredis';
import { agentRoutes } from '../agents';
import { authenticate, authRoutes } from '../auth';
import { customerRoutes } from '../customers';
import { emergencyRoutes, selfServiceRoutes } from '../emergency';
import { AppError } from '../platform/errors';
import {
  answerFrameworkError,
  type AppContext,
  installErrorHandler,
  installJsonBodyParser,
  installOpenApi,
  installValidation,
  installWebConsole,
  responses,
} from '../platform/http';
import { officialChannelRoutes } from '../safety';
import { problemTypeRoutes } from '../classification';
import { liveFeedRoutes } from '../realtime';
import { presenceOnDeactivation, routingRoutes, skillGroupRoutes } from '../routing';
import { agentNotificationRoutes } from '../agent-notifications';
import { businessCalendarRoutes, complaintClockRoutes, slaPolicyRoutes, slaRoutes, ticketPressRoutes } from '../sla';
import { articleRoutes, attachmentRoutes, routingTicketDesk, ticketRoutes } from '../tickets';
import { webhookRoutes } from '../webhooks';
import { version } from './version';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Wires the HTTP application: platform plugins, authentication, every module's routes, the console. */
export async function buildApp(ctx: AppContext, options: { webDistDir?: string } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    bodyLimit: ctx.config.bodyLimitBytes,
    forceCloseConnections: true,
    logController: new LogController({ disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace' }),
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: answerFrameworkError,
  });
  app.decorate('ctx', ctx);
  installValidation(app);
  installJsonBodyParser(app);
  installErrorHandler(app);
  // PostgreSQL cannot store NUL; refuse it in the URL before any handler sees a decoded value.
  app.addHook('onRequest', async (request) => {
    if (/%00/i.test(request.url)) throw new AppError('INVALID_ENCODING', { reason: 'NUL in URL' });
  });

  await app.register(cookie);
  const redis = ctx.config.redisUrl ? new Redis(ctx.config.redisUrl, { maxRetriesPerRequest: 2, connectTimeout: 2_000 }) : undefined;
  redis?.on('error', (error) => ctx.logger.warn({ err: error }, 'rate-limit redis error'));
  app.addHook('onClose', async () => redis?.disconnect());
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: 'huiying-rate-limit:' } : {}),
    errorResponseBuilder: (_request, context) => new AppError('RATE_LIMITED', { retryAfterMs: context.ttl }),
  });
  await app.register(multipart, {
    // Keep the client's file name as sent: the attachment service refuses path-like names instead of busboy quietly cutting them.
    preservePath: true,
    limits: { fileSize: ctx.config.attachmentMaxBytes, files: 1, fields: 10, parts: 11, headerPairs: 50 },
  });
  await installOpenApi(app, ctx.config.publicUrl, version);
  await app.register(authenticate);

  await app.register(
    async (api) => {
      api.get(
        '/health',
        {
          schema: {
            tags: ['system'],
            summary: 'Liveness',
            security: [],
            response: responses({ 200: Type.Object({ status: Type.Literal('ok'), version: Type.String() }) }),
          },
        },
        async () => ({ status: 'ok' as const, version }),
      );
      await api.register(authRoutes);
      await api.register(agentRoutes, { onDeactivated: presenceOnDeactivation(routingTicketDesk) });
      await api.register(skillGroupRoutes);
      await api.register(routingRoutes, { desk: routingTicketDesk });
      await api.register(customerRoutes);
      await api.register(ticketRoutes);
      await api.register(articleRoutes);
      await api.register(attachmentRoutes);
      await api.register(officialChannelRoutes);
      await api.register(problemTypeRoutes);
      await api.register(businessCalendarRoutes);
      await api.register(slaPolicyRoutes);
      await api.register(agentNotificationRoutes);
      await api.register(slaRoutes);
      await api.register(ticketPressRoutes);
      await api.register(complaintClockRoutes);
      await api.register(liveFeedRoutes);
      await api.register(webhookRoutes);
      await api.register(emergencyRoutes);
      await api.register(selfServiceRoutes);
    },
    { prefix: '/api/v1' },
  );
  await installWebConsole(app, options.webDistDir ?? webDist);
  return app;
}
