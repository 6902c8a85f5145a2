import { desc, eq } from 'drizzle-orm';
import { priorityAbove } from '@common/tickets/ticket-fields';
import { appendAudit } from '../audit';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/errors';
import { type Actor, actorRef } from '../platform/security';
import { addArticle, eventPayload, getTicketByNumber, lockTicket, type TicketAccess, type TicketRow, updateTicket } from '../tickets';
import { ticketPress } from './ticket-press.table';

const PRESSABLE = new Set(['new', 'open', 'pending_customer', 'pending_third_party']);

export interface PressOutcome {
  ticket: TicketRow;
  pressedAt: Date;
  /** When the customer may press again. */
  nextAvailableAt: Date;
  pressCount: number;
}

/** When a case may next be pressed: `intervalHours` after its creation or its last press. */
export async function nextPressAllowedAt(db: Executor, row: Pick<TicketRow, 'id' | 'createdAt'>, intervalHours: number): Promise<Date> {
  const [last] = await db
    .select({ pressedAt: ticketPress.pressedAt })
    .from(ticketPress)
    .where(eq(ticketPress.ticketId, row.id))
    .orderBy(desc(ticketPress.pressedAt))
    .limit(1);
  return new Date((last?.pressedAt ?? row.createdAt).getTime() + intervalHours * 3_600_000);
}

/**
 * A customer presses (催办) their case: the press is a message on the
 * timeline, the priority goes up one step (to urgent at most), the ticket's
 * chain records `ticket.pressed` and the `ticket.pressed` event reaches the
 * assignee and the group. Allowed `intervalHours` after creation or the last
 * press. Errors: TICKET_NOT_FOUND, TICKET_CLOSED, TICKET_MERGED,
 * PRESS_NOT_ALLOWED (resolved), PRESS_TOO_EARLY ({ availableAt }).
 */
export async function pressTicket(
  tx: Executor,
  input: { number: string; reason: string; access: TicketAccess; actor: Actor; now: Date; intervalHours: number },
): Promise<PressOutcome> {
  const current = await lockTicket(tx, { number: input.number }, input.access);
  if (current.status === 'closed') throw new AppError('TICKET_CLOSED');
  if (current.status === 'merged') throw new AppError('TICKET_MERGED');
  if (!PRESSABLE.has(current.status)) throw new AppError('PRESS_NOT_ALLOWED', { status: current.status });
  const availableAt = await nextPressAllowedAt(tx, current, input.intervalHours);
  if (input.now < availableAt) throw new AppError('PRESS_TOO_EARLY', { availableAt: availableAt.toISOString() });

  const reason = input.reason.trim();
  const { article } = await addArticle(tx, {
    number: current.number,
    kind: 'inbound',
    bodyText: reason ? `【催办】${reason}` : '【催办】',
    actor: input.actor,
    now: input.now,
    access: input.access,
    reopenWindowDays: 0,
  });
  await tx.insert(ticketPress).values({ ticketId: current.id, articleId: article.id, pressedAt: input.now, reason });
  const presses = await tx.select({ id: ticketPress.id }).from(ticketPress).where(eq(ticketPress.ticketId, current.id));
  const raised = priorityAbove(current.priority);
  const row = raised
    ? await updateTicket(tx, {
        number: current.number,
        changes: { priority: raised },
        access: input.access,
        actor: input.actor,
        now: input.now,
      })
    : await lockTicket(tx, { id: current.id }, input.access);
  const details = { articleId: article.id, pressCount: presses.length, priority: { before: current.priority, after: row.priority } };
  await appendAudit(
    tx,
    {
      subjectType: 'ticket',
      subjectId: row.id,
      action: 'ticket.pressed',
      actor: actorRef(input.actor),
      after: details,
      occurredAt: input.now,
    },
    { name: 'ticket.pressed', payload: eventPayload(row, details), occurredAt: input.now },
  );
  return {
    ticket: row,
    pressedAt: input.now,
    nextAvailableAt: new Date(input.now.getTime() + input.intervalHours * 3_600_000),
    pressCount: presses.length,
  };
}

/** Whether and when a case may be pressed, for the portal's 催办 button. Errors: TICKET_NOT_FOUND. */
export async function pressState(
  db: Executor,
  input: { number: string; access: TicketAccess; now: Date; intervalHours: number },
): Promise<{ ticketNumber: string; pressable: boolean; availableAt: Date | null; pressCount: number }> {
  const view = await getTicketByNumber(db, { number: input.number, access: input.access });
  const presses = await db.select({ id: ticketPress.id }).from(ticketPress).where(eq(ticketPress.ticketId, view.id));
  const availableAt = PRESSABLE.has(view.status) ? await nextPressAllowedAt(db, view, input.intervalHours) : null;
  return {
    ticketNumber: view.number,
    pressable: availableAt !== null && availableAt <= input.now,
    availableAt,
    pressCount: presses.length,
  };
}
