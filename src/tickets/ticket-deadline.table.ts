import { sql } from 'drizzle-orm';
import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ticket } from './ticket.table';

/**
 * A ticket's SLA deadlines, written by the sla module. Kept out of the
 * `ticket` row on purpose: the SLA writes after every ticket event, and a row
 * lock on the ticket would hold up routing, which locks the head of its queue,
 * and every other writer of the ticket.
 */
export const ticketDeadline = pgTable(
  'ticket_deadline',
  {
    ticketId: uuid('ticket_id')
      .primaryKey()
      .references(() => ticket.id),
    /** Due instants of the running clocks (null: none, paused or met). */
    firstResponseDueAt: timestamp('first_response_due_at', { withTimezone: true, mode: 'date' }),
    nextResponseDueAt: timestamp('next_response_due_at', { withTimezone: true, mode: 'date' }),
    resolutionDueAt: timestamp('resolution_due_at', { withTimezone: true, mode: 'date' }),
    /** The next SLA warning or breach still to come: the at-risk queue sorts by it, the SLA check runs at it. */
    nextEscalationAt: timestamp('next_escalation_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    index('ticket_deadline_next_escalation_idx')
      .on(table.nextEscalationAt, table.ticketId)
      .where(sql`${table.nextEscalationAt} is not null`),
  ],
);

export type TicketDeadlineRow = typeof ticketDeadline.$inferSelect;
