import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AgentNotificationInboxDto } from '@common/dto/agent-notification.dto';
import { parseTimestamp, responses } from '../platform/http';
import { requireAgent } from '../platform/security';
import { MarkReadBody, NotificationListQuery } from './agent-notification.contract';
import { presentAgentNotification } from './agent-notification.presenter';
import { listAgentNotifications, markAgentNotificationsRead } from './agent-notification.service';

const tags = ['agents'];

/** The signed-in agent's own notifications: staff sessions only, an API token is nobody's inbox. */
export const agentNotificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.ctx;

  app.get(
    '/me/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications (SLA warnings and breaches, presses), newest first, with the unread count',
        querystring: NotificationListQuery,
        response: responses({ 200: AgentNotificationInboxDto }),
      },
    },
    async (request) => {
      const { agentId } = requireAgent(request.actor);
      const { unread, before, limit } = request.query;
      const inbox = await listAgentNotifications(db, {
        agentId,
        unreadOnly: unread ?? false,
        limit: limit ?? 30,
        before: before ? parseTimestamp(before, 'before') : undefined,
      });
      return { items: inbox.items.map(presentAgentNotification), unreadCount: inbox.unreadCount };
    },
  );

  app.post(
    '/me/notifications/read',
    {
      schema: {
        tags,
        summary: 'Mark my notifications read: the given ones, or all',
        body: MarkReadBody,
        response: responses({ 200: Type.Object({ marked: Type.Integer() }) }, 404),
      },
    },
    async (request) => {
      const { agentId } = requireAgent(request.actor);
      const marked = await db.transaction((tx) => markAgentNotificationsRead(tx, { agentId, ids: request.body.ids, now: clock.now() }));
      return { marked };
    },
  );
};
