import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ticket } from '../tickets/ticket.table';
import { businessCalendar } from './business-calendar.table';

export interface ComplaintExtension {
  kind: 'standard' | 'complex';
  reason: string;
  /** Calendar days added to the decision deadline. */
  days: number;
  by: string;
  at: string;
}

/**
 * The regulatory clock of a formal complaint (投诉): a decision is due
 * 15 calendar days after acceptance, extendable with a recorded reason.
 */
export const complaintClock = pgTable(
  'complaint_clock',
  {
    ticketId: uuid('ticket_id')
      .primaryKey()
      .references(() => ticket.id),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The calendar whose public holidays roll a deadline that ends on one. */
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendar.id),
    baseDays: integer('base_days').notNull(),
    extensions: jsonb('extensions').$type<ComplaintExtension[]>().notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The ticket was resolved or closed: the decision was given. */
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    source: text('source').$type<'agent' | 'customer' | 'classifier' | 'api'>().notNull(),
  },
  (table) => [index('complaint_clock_due_idx').on(table.dueAt)],
);
