import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { SensitiveKind } from '@common/safety/sensitive-kinds';
import type { ArticleKind, ArticleVisibility, TicketChannel } from '@common/tickets/ticket-fields';
import { agent } from '../agents/agent.table';
import { customer } from '../customers/customer.table';
import { ticket } from './ticket.table';

/** One message on a ticket: from the customer, to the customer, or an internal note. */
export const article = pgTable(
  'article',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => ticket.id),
    kind: text('kind').$type<ArticleKind>().notNull(),
    channel: text('channel').$type<TicketChannel>().notNull(),
    visibility: text('visibility').$type<ArticleVisibility>().notNull(),
    authorType: text('author_type').$type<'agent' | 'customer' | 'api_token' | 'system'>().notNull(),
    authorAgentId: uuid('author_agent_id').references(() => agent.id),
    authorCustomerId: uuid('author_customer_id').references(() => customer.id),
    bodyText: text('body_text').notNull(),
    /** Sanitised HTML, or null when the message was plain text. */
    bodyHtml: text('body_html'),
    /** What was masked in the customer's text before it was stored (the values themselves never are). */
    maskedKinds: text('masked_kinds').array().$type<SensitiveKind[]>().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('article_ticket_idx').on(table.ticketId, table.createdAt, table.id)],
);
