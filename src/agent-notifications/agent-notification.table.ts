import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AgentNotificationKind } from '@common/dto/agent-notification.dto';
import { agent } from '../agents/agent.table';
import { ticket } from '../tickets/ticket.table';

/**
 * Something an agent must hear of personally (a deadline warning or breach
 * on a ticket they own or supervise, a customer pressing a case), kept until
 * they read it — the console feed only reaches those online at that moment.
 */
export const agentNotification = pgTable(
  'agent_notification',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agent.id),
    kind: text('kind').$type<AgentNotificationKind>().notNull(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => ticket.id),
    /** Why this agent: the ticket's assignee, or a supervisor of its group. */
    reason: text('reason').$type<'assignee' | 'supervisor'>().notNull(),
    /** The domain event it came from: an event delivered twice notifies once. */
    sourceEventId: bigint('source_event_id', { mode: 'number' }).notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    uniqueIndex('agent_notification_once_idx').on(table.agentId, table.sourceEventId),
    index('agent_notification_inbox_idx').on(table.agentId, table.createdAt),
    index('agent_notification_unread_idx').on(table.agentId).where(sql`${table.readAt} is null`),
  ],
);
