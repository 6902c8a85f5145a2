import { eq, getTableColumns, type SQLWrapper } from 'drizzle-orm';
import { appendAudit } from '../audit';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/errors';
import { type Actor, actorRef } from '../platform/security';
import type { TicketRow } from './ticket-query';
import { canSee, type TicketAccess } from './ticket.policy';
import { ticket } from './ticket.table';

const { searchVector: _omit, ...lockedColumns } = getTableColumns(ticket);

/**
 * Locks a ticket row for the rest of the transaction. Every change to a
 * ticket goes through here first, which also serialises appends to its audit
 * chain. Errors: TICKET_NOT_FOUND (missing or outside access).
 */
export async function lockTicket(tx: Executor, where: { id: string } | { number: string }, access: TicketAccess): Promise<TicketRow> {
  const condition = 'id' in where ? eq(ticket.id, where.id) : eq(ticket.number, where.number.toUpperCase());
  const [row] = await tx.select(lockedColumns).from(ticket).where(condition).for('update');
  if (!row || !canSee(access, row)) throw new AppError('TICKET_NOT_FOUND');
  return row;
}

/** Refuses changes to tickets that are merged away or closed. Errors: TICKET_MERGED, TICKET_CLOSED. */
export function assertChangeable(row: TicketRow, mergedIntoNumber?: string | null): void {
  if (row.status === 'merged') throw new AppError('TICKET_MERGED', mergedIntoNumber ? { mergedInto: mergedIntoNumber } : undefined);
  if (row.status === 'closed') throw new AppError('TICKET_CLOSED');
}

/** assertChangeable with the number of the ticket a merged one went into, for the error details. Errors: TICKET_MERGED, TICKET_CLOSED. */
export async function assertTicketChangeable(tx: Executor, row: TicketRow): Promise<void> {
  if (row.status === 'merged' && row.mergedIntoId) {
    const [target] = await tx.select({ number: ticket.number }).from(ticket).where(eq(ticket.id, row.mergedIntoId));
    assertChangeable(row, target?.number);
  }
  assertChangeable(row);
}

/** What every ticket event carries, so subscribers and the realtime feed can route it without a query. */
export function eventPayload(
  row: Pick<TicketRow, 'id' | 'number' | 'groupId' | 'assigneeId' | 'customerId' | 'status'>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ticketId: row.id,
    number: row.number,
    groupId: row.groupId,
    assigneeId: row.assigneeId,
    customerId: row.customerId,
    status: row.status,
    ...extra,
  };
}

/** Writes the audit entry and the outbox event of one ticket change in the caller's transaction. */
export async function recordTicketChange(
  tx: Executor,
  change: {
    ticket: TicketRow;
    action: string;
    event?: string;
    actor: Actor;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    eventExtra?: Record<string, unknown>;
    /** A second event raised by the same change. */
    alsoEvent?: { name: string; extra: Record<string, unknown> };
    now: Date;
    newSubject?: true;
    /** A write that belongs to this change (the new message row), folded into the same statement. */
    alongside?: SQLWrapper;
  },
): Promise<void> {
  await appendAudit(
    tx,
    {
      ...(change.newSubject ? { newSubject: true } : {}),
      subjectType: 'ticket',
      subjectId: change.ticket.id,
      action: change.action,
      actor: actorRef(change.actor),
      before: change.before ?? null,
      after: change.after ?? null,
      occurredAt: change.now,
    },
    [
      ...(change.event ? [{ name: change.event, payload: eventPayload(change.ticket, change.eventExtra), occurredAt: change.now }] : []),
      ...(change.alsoEvent
        ? [{ name: change.alsoEvent.name, payload: eventPayload(change.ticket, change.alsoEvent.extra), occurredAt: change.now }]
        : []),
    ],
    change.alongside,
  );
}
