import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { agent } from '../agents/agent.table';
import { customer } from '../customers/customer.table';
import { ticket } from '../tickets/ticket.table';
import { webhookDelivery } from '../webhooks/webhook.table';

export type IdentityCheckResult = 'pending' | 'pass' | 'fail' | 'error';
export type RequestedBy = 'agent' | 'customer';

/**
 * One attempt at the identity check (last 4 of ID + last 4 of mobile, judged
 * by the platform). Only the outcome is kept: the digits never reach a row.
 */
export const identityCheck = pgTable(
  'identity_check',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => ticket.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customer.id),
    requestedBy: text('requested_by').$type<RequestedBy>().notNull(),
    requestedByAgentId: uuid('requested_by_agent_id').references(() => agent.id),
    result: text('result').$type<IdentityCheckResult>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    index('identity_check_ticket_idx').on(table.ticketId, table.createdAt),
    index('identity_check_customer_idx').on(table.customerId, table.createdAt),
  ],
);

/** `rejected`: the platform refused to freeze; `failed`: the request never reached it. */
export type FreezeState = 'requested' | 'sent' | 'confirmed' | 'rejected' | 'failed';

/** An emergency freeze of the customer's platform account, sent to the platform's freeze endpoint. */
export const freezeRequest = pgTable(
  'freeze_request',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => ticket.id),
    requestedBy: text('requested_by').$type<RequestedBy>().notNull(),
    requestedByAgentId: uuid('requested_by_agent_id').references(() => agent.id),
    state: text('state').$type<FreezeState>().notNull(),
    platformReference: text('platform_reference'),
    outcome: text('outcome'),
    deliveryId: uuid('delivery_id').references(() => webhookDelivery.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    index('freeze_request_ticket_idx').on(table.ticketId, table.createdAt),
    // One click is one request: a second click while one is on its way finds it.
    uniqueIndex('freeze_request_open_idx').on(table.ticketId).where(sql`${table.state} in ('requested', 'sent')`),
  ],
);
