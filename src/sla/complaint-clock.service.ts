import { and, asc, desc, eq, gt, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { customerNotices } from '@common/locales/customer-notices';
import { appendAudit, auditEntry } from '../audit';
import type { Executor } from '../platform/db';
import { AppError, isAppError } from '../platform/errors';
import { type Actor, actorRef, systemActor } from '../platform/security';
import { addArticle, eventPayload, getTicketByNumber, lockTicket, ticket, type TicketAccess, type TicketRow } from '../tickets';
import type { BusinessCalendar } from './business-calendar';
import { getBusinessCalendar, loadBusinessCalendar } from './business-calendar.service';
import { type ComplaintExtension, complaintClock } from './complaint-clock.table';
import { addLocalDays, formatLocalDateTime, localDate, localMidnightUtc, nextLocalDate } from './local-time';

export type ComplaintClockRow = typeof complaintClock.$inferSelect;
export type ComplaintState = 'on_time' | 'extended' | 'overdue' | 'decided';

/** A decision within 15 days of acceptance; once to 30 with a reason; complex cases once more. */
export const COMPLAINT_BASE_DAYS = 15;
const EXTENSION_DAYS: Record<ComplaintExtension['kind'], number> = { standard: 15, complex: 30 };
/** The statutory calendar: whose public holidays and weekends move a deadline's last day. */
const STATUTORY_CALENDAR = '工作日 09:00–18:00';

/**
 * The end of a period of calendar days counted as Chinese law counts them
 * (民法典 第二百零一条至第二百零三条): the day of acceptance is not counted,
 * the period ends at 24:00 of its last day, and a last day that is a rest day
 * or public holiday moves to the next working day (a make-up working day
 * counts as one). Where the holidays of that year are not known yet the last
 * day is not moved: the earlier deadline, never a later one than the law's.
 */
export function complaintDeadline(calendar: BusinessCalendar, acceptedAt: Date, days: number): Date {
  const zone = calendar.definition.timeZone;
  let last = addLocalDays(localDate(acceptedAt.getTime(), zone), days);
  for (;;) {
    let kind: string;
    try {
      kind = calendar.day(last).kind;
    } catch (error) {
      if (isAppError(error, 'HOLIDAYS_NOT_AVAILABLE')) break;
      throw error;
    }
    if (kind !== 'weekend' && kind !== 'public_holiday') break;
    last = nextLocalDate(last);
  }
  return new Date(localMidnightUtc(nextLocalDate(last), zone));
}

function totalDays(row: Pick<ComplaintClockRow, 'baseDays' | 'extensions'>): number {
  return row.baseDays + row.extensions.reduce((sum, extension) => sum + extension.days, 0);
}

export function complaintState(row: Pick<ComplaintClockRow, 'decidedAt' | 'dueAt' | 'extensions'>, now: Date): ComplaintState {
  if (row.decidedAt) return 'decided';
  if (now > row.dueAt) return 'overdue';
  return row.extensions.length > 0 ? 'extended' : 'on_time';
}

/**
 * Keeps a ticket's complaint clock in line with the ticket: started when it
 * becomes a formal complaint (accepted at `at`), removed when that is taken
 * back before a decision, decided when it is resolved or closed and open
 * again when it is reopened.
 */
export async function syncComplaintClock(tx: Executor, row: TicketRow, at: Date): Promise<void> {
  const [clock] = await tx.select().from(complaintClock).where(eq(complaintClock.ticketId, row.id));
  if (!row.isFormalComplaint) {
    if (clock && !clock.decidedAt) await tx.delete(complaintClock).where(eq(complaintClock.ticketId, row.id));
    return;
  }
  const decidedAt =
    row.status === 'resolved' || row.status === 'closed' || row.status === 'merged' ? (row.resolvedAt ?? row.closedAt ?? at) : null;
  if (clock) {
    if ((clock.decidedAt?.getTime() ?? null) !== (decidedAt?.getTime() ?? null))
      await tx.update(complaintClock).set({ decidedAt }).where(eq(complaintClock.ticketId, row.id));
    return;
  }
  const statutory = await getBusinessCalendar(tx, STATUTORY_CALENDAR);
  const calendar = await loadBusinessCalendar(tx, statutory.id);
  const marking = await complaintMarking(tx, row.id);
  // Accepted when it was made a complaint, not when this event was handled: an older event may come after it.
  const acceptedAt = marking?.occurredAt ?? at;
  await tx.insert(complaintClock).values({
    ticketId: row.id,
    acceptedAt,
    calendarId: statutory.id,
    baseDays: COMPLAINT_BASE_DAYS,
    extensions: [],
    dueAt: complaintDeadline(calendar, acceptedAt, COMPLAINT_BASE_DAYS),
    decidedAt,
    source: complaintSource(marking),
  });
}

/** The audit entry that made the ticket a formal complaint (the latest, if it was made one again). */
async function complaintMarking(tx: Executor, ticketId: string) {
  const [entry] = await tx
    .select({ actorType: auditEntry.actorType, actorId: auditEntry.actorId, occurredAt: auditEntry.occurredAt })
    .from(auditEntry)
    .where(
      and(
        eq(auditEntry.subjectType, 'ticket'),
        eq(auditEntry.subjectId, ticketId),
        sql`${auditEntry.after} ->> 'isFormalComplaint' = 'true'`,
      ),
    )
    .orderBy(desc(auditEntry.seq))
    .limit(1);
  return entry;
}

/**
 * Who made the ticket a formal complaint: a customer (the portal, later), the
 * platform's back-end for its customer (an API token), the classifier, or an agent.
 */
function complaintSource(entry: { actorType: string; actorId: string } | undefined): ComplaintClockRow['source'] {
  if (entry?.actorType === 'customer') return 'customer';
  if (entry?.actorType === 'api_token') return 'api';
  if (entry?.actorType === 'system' && entry.actorId === 'classifier') return 'classifier';
  return 'agent';
}

/**
 * Extends a formal complaint's decision deadline with a recorded reason: the
 * standard extension first (to 30 days), then once more for a complex case.
 * Audited on the ticket, raised as `ticket.complaint_extended`, and the
 * customer is told the new deadline in a system reply.
 * Errors: TICKET_NOT_FOUND, COMPLAINT_NOT_FOUND, COMPLAINT_EXTENSION_NOT_ALLOWED.
 */
export async function extendComplaint(
  tx: Executor,
  input: { number: string; kind: ComplaintExtension['kind']; reason: string; access: TicketAccess; actor: Actor; now: Date },
): Promise<ComplaintClockRow> {
  const row = await lockTicket(tx, { number: input.number }, input.access);
  const [clock] = await tx.select().from(complaintClock).where(eq(complaintClock.ticketId, row.id));
  if (!clock) throw new AppError('COMPLAINT_NOT_FOUND');
  const kinds = clock.extensions.map((extension) => extension.kind);
  const allowed = !clock.decidedAt && (input.kind === 'standard' ? kinds.length === 0 : kinds.length === 1 && kinds[0] === 'standard');
  if (!allowed)
    throw new AppError('COMPLAINT_EXTENSION_NOT_ALLOWED', { kind: input.kind, extensions: kinds, decided: clock.decidedAt !== null });
  const actor = actorRef(input.actor);
  const extension: ComplaintExtension = {
    kind: input.kind,
    reason: input.reason.trim(),
    days: EXTENSION_DAYS[input.kind],
    by: `${actor.type}:${actor.id}`,
    at: input.now.toISOString(),
  };
  const extensions = [...clock.extensions, extension];
  const calendar = await loadBusinessCalendar(tx, clock.calendarId);
  const days = totalDays({ baseDays: clock.baseDays, extensions });
  const dueAt = complaintDeadline(calendar, clock.acceptedAt, days);
  const [updated] = await tx.update(complaintClock).set({ extensions, dueAt }).where(eq(complaintClock.ticketId, row.id)).returning();
  const details = {
    kind: extension.kind,
    reason: extension.reason,
    days,
    dueAt: dueAt.toISOString(),
    previousDueAt: clock.dueAt.toISOString(),
  };
  await appendAudit(
    tx,
    { subjectType: 'ticket', subjectId: row.id, action: 'ticket.complaint_extended', actor, after: details, occurredAt: input.now },
    { name: 'ticket.complaint_extended', payload: eventPayload(row, details), occurredAt: input.now },
  );
  const due = formatLocalDateTime(new Date(dueAt.getTime() - 60_000), calendar.definition.timeZone).replace(/ 23:59$/, ' 24:00');
  const fill = (text: string) => text.replace('{reason}', extension.reason).replace('{days}', String(days)).replace('{due}', due);
  await addArticle(tx, {
    number: row.number,
    kind: 'outbound',
    bodyText: `${fill(customerNotices.complaintExtended['zh-CN'])}\n\n${fill(customerNotices.complaintExtended.en)}`,
    actor: systemActor('complaint-clock'),
    now: input.now,
    access: input.access,
    reopenWindowDays: 0,
  });
  return updated as ComplaintClockRow;
}

/** The complaint clock of a ticket the reader may see. Errors: TICKET_NOT_FOUND, COMPLAINT_NOT_FOUND. */
export async function getComplaintClock(
  db: Executor,
  input: { number: string; access: TicketAccess },
): Promise<ComplaintClockRow & { number: string }> {
  const view = await getTicketByNumber(db, input);
  const [row] = await db.select().from(complaintClock).where(eq(complaintClock.ticketId, view.id));
  if (!row) throw new AppError('COMPLAINT_NOT_FOUND');
  return { ...row, number: view.number };
}

/** Formal complaints by clock state, soonest deadline first, for supervisors and the regulator's reports. */
export async function listComplaints(
  db: Executor,
  input: { state?: ComplaintState | undefined; now: Date; limit: number },
): Promise<(ComplaintClockRow & { number: string; subject: string; status: string })[]> {
  const byState: Record<ComplaintState, SQL | undefined> = {
    decided: isNotNull(complaintClock.decidedAt),
    overdue: and(isNull(complaintClock.decidedAt), lte(complaintClock.dueAt, input.now)),
    extended: and(
      isNull(complaintClock.decidedAt),
      gt(complaintClock.dueAt, input.now),
      sql`jsonb_array_length(${complaintClock.extensions}) > 0`,
    ),
    on_time: and(
      isNull(complaintClock.decidedAt),
      gt(complaintClock.dueAt, input.now),
      sql`jsonb_array_length(${complaintClock.extensions}) = 0`,
    ),
  };
  const rows = await db
    .select({ clock: complaintClock, number: ticket.number, subject: ticket.subject, status: ticket.status })
    .from(complaintClock)
    .innerJoin(ticket, eq(ticket.id, complaintClock.ticketId))
    .where(input.state ? byState[input.state] : undefined)
    .orderBy(asc(complaintClock.dueAt))
    .limit(input.limit);
  return rows.map((row) => ({ ...row.clock, number: row.number, subject: row.subject, status: row.status }));
}
