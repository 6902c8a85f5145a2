import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ticket } from '../tickets/ticket.table';

/** Each time a customer pressed (催办) a case; the last one decides when the next is allowed. */
export const ticketPress = pgTable(
  'ticket_press',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => ticket.id),
    articleId: uuid('article_id').notNull(),
    pressedAt: timestamp('pressed_at', { withTimezone: true, mode: 'date' }).notNull(),
    reason: text('reason').notNull(),
  },
  (table) => [index('ticket_press_ticket_idx').on(table.ticketId, table.pressedAt)],
);
