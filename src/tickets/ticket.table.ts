import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  integer,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { TicketStatus } from '@common/tickets/ticket-status';
import type { TicketChannel, TicketPriority } from '@common/tickets/ticket-fields';
import { agent } from '../agents/agent.table';
import { customer } from '../customers/customer.table';
import { skillGroup } from '../routing/skill-group.table';

/** Segmented lexemes written by the application (see platform/search), read only by `@@`. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const ticket = pgTable(
  'ticket',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    subject: text('subject').notNull(),
    status: text('status').$type<TicketStatus>().notNull(),
    channel: text('channel').$type<TicketChannel>().notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customer.id),
    groupId: uuid('group_id')
      .notNull()
      .references(() => skillGroup.id),
    assigneeId: uuid('assignee_id').references(() => agent.id),
    priority: text('priority').$type<TicketPriority>().notNull(),
    problemType: text('problem_type'),
    /** The classifier's confidence in problemType; null once a person set or confirmed it. */
    classificationConfidence: real('classification_confidence'),
    /** The classifier was unsure: the ticket waits in the triage queue for a person to set its type. */
    needsTriage: boolean('needs_triage').notNull().default(false),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    isFormalComplaint: boolean('is_formal_complaint').notNull().default(false),
    /** A customer's message on it read as a fraud or impersonation report (on opening or later). */
    fraudFlagged: boolean('fraud_flagged').notNull().default(false),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => ticket.id),
    articleCount: integer('article_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    firstRespondedAt: timestamp('first_responded_at', { withTimezone: true, mode: 'date' }),
    lastCustomerMessageAt: timestamp('last_customer_message_at', { withTimezone: true, mode: 'date' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    searchVector: tsvector('search_vector').notNull(),
  },
  (table) => [
    uniqueIndex('ticket_number_idx').on(table.number),
    index('ticket_updated_idx').on(table.updatedAt, table.id),
    index('ticket_created_idx').on(table.createdAt, table.id),
    index('ticket_triage_idx').on(table.updatedAt, table.id).where(sql`${table.needsTriage}`),
    index('ticket_group_status_updated_idx').on(table.groupId, table.status, table.updatedAt, table.id),
    index('ticket_status_updated_idx').on(table.status, table.updatedAt, table.id),
    index('ticket_assignee_updated_idx').on(table.assigneeId, table.updatedAt, table.id),
    // The routing queues: unassigned tickets of a group, oldest first.
    index('ticket_routing_queue_idx').on(table.groupId, table.createdAt).where(sql`${table.assigneeId} is null`),
    index('ticket_customer_idx').on(table.customerId, table.updatedAt),
    index('ticket_tags_idx').using('gin', table.tags),
    index('ticket_search_idx').using('gin', table.searchVector),
  ],
);

/** Last sequence handed out per workspace-local day; numbers are never reused. */
export const ticketNumberCounter = pgTable('ticket_number_counter', {
  day: text('day').primaryKey(),
  lastValue: integer('last_value').notNull(),
});
