import { and, asc, desc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import { type SlaMetric, type SlaTarget, isWorkingUnit } from '@common/sla/sla-targets';
import { listProblemTypes } from '../classification';
import { customer } from '../customers';
import type { Executor } from '../platform/db';
import { article, ticketDeadline, type TicketRow } from '../tickets';
import type { BusinessCalendar } from './business-calendar';
import { loadBusinessCalendar, loadPublicHolidays } from './business-calendar.service';
import { slaClock, slaPolicy } from './sla-policy.table';
import { addTarget } from './sla-target';

export type SlaPolicyRow = typeof slaPolicy.$inferSelect;
export type SlaClockRow = typeof slaClock.$inferSelect;

const MINUTE = 60_000;
const PAUSED_STATUSES = new Set(['pending_customer', 'pending_third_party']);
const FINISHED_STATUSES = new Set(['resolved', 'closed', 'merged']);

interface TicketFacts {
  problemType: string | null;
  slaClass: string | null;
  priority: string;
  channel: string;
  customerTier: string;
}

/** The first active policy, by position, whose every non-empty condition holds for the ticket. */
export function matchSlaPolicy(policies: readonly SlaPolicyRow[], facts: TicketFacts): SlaPolicyRow | undefined {
  const holds = (allowed: readonly string[], value: string | null) => allowed.length === 0 || (value !== null && allowed.includes(value));
  return [...policies]
    .sort((a, b) => a.position - b.position)
    .find(
      (policy) =>
        policy.active &&
        holds(policy.problemTypes, facts.problemType) &&
        holds(policy.slaClasses, facts.slaClass) &&
        holds(policy.priorities, facts.priority) &&
        holds(policy.channels, facts.channel) &&
        holds(policy.customerTiers, facts.customerTier),
    );
}

/** Where a clock should be, from the ticket as it is: when it started, and whether and when it stopped. */
interface WantedClock {
  metric: SlaMetric;
  target: SlaTarget;
  startedAt: Date;
  /** A new cycle starts at `startedAt`: a reopened resolution, a new customer message waiting for an answer. */
  newCycle?: true;
  stoppedAt: Date | null;
}

/**
 * Serialises SLA work on one ticket without locking its row: the SLA runs
 * after every ticket event, and holding the row would make routing (and
 * every writer of the ticket) wait on it. Transaction-scoped, so it ends
 * with the caller's transaction.
 */
export async function lockTicketSla(tx: Executor, ticketId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sla:${ticketId}`}))`);
}

/**
 * Brings a ticket's SLA clocks in line with the ticket as it is now, in the
 * caller's transaction (the caller holds lockTicketSla and read the row after it): which policy
 * applies, which clocks run, which are paused (waiting for the customer or a
 * third party, since `at`), which stopped (answered, resolved), and the due
 * and warning instants of each on its calendar. Writes the due-ats and
 * `nextEscalationAt` onto the ticket and returns the latter, for the caller
 * to schedule the SLA check. Recomputing what did not change is a no-op.
 */
export async function syncTicketSla(tx: Executor, row: TicketRow, at: Date): Promise<Date | null> {
  const [owner] = await tx.select({ tier: customer.tier }).from(customer).where(eq(customer.id, row.customerId));
  const types = await listProblemTypes(tx);
  const facts: TicketFacts = {
    problemType: row.problemType,
    slaClass: types.find((type) => type.code === row.problemType)?.slaClass ?? null,
    priority: row.priority,
    channel: row.channel,
    customerTier: owner?.tier ?? 'standard',
  };
  const policy = matchSlaPolicy(await tx.select().from(slaPolicy), facts);
  const existing = await tx.select().from(slaClock).where(eq(slaClock.ticketId, row.id));
  if (!policy) {
    if (existing.length > 0) await tx.delete(slaClock).where(eq(slaClock.ticketId, row.id));
    return writeDeadlines(tx, row.id, []);
  }
  // A deadline in a year whose holidays are not entered yet is kept on its weekdays (never later than the real one).
  const calendar = await loadBusinessCalendar(tx, policy.calendarId, await loadPublicHolidays(tx), { unknownYears: 'weekdays' });
  const wanted = await wantedClocks(tx, row, policy, existing, at);
  const clocks: SlaClockRow[] = [];
  for (const want of wanted) {
    const before = existing.find((clock) => clock.metric === want.metric);
    clocks.push(await saveClock(tx, row, policy, calendar, want, before, at));
  }
  const dropped = existing.filter((clock) => !wanted.some((want) => want.metric === clock.metric)).map((clock) => clock.metric);
  if (dropped.length > 0) await tx.delete(slaClock).where(and(eq(slaClock.ticketId, row.id), inArray(slaClock.metric, dropped)));
  return writeDeadlines(tx, row.id, clocks);
}

async function wantedClocks(
  tx: Executor,
  row: TicketRow,
  policy: SlaPolicyRow,
  existing: readonly SlaClockRow[],
  at: Date,
): Promise<WantedClock[]> {
  const finished = FINISHED_STATUSES.has(row.status);
  const finishedAt = row.resolvedAt ?? row.closedAt ?? at;
  const wanted: WantedClock[] = [];
  if (policy.firstResponse) {
    wanted.push({
      metric: 'first_response',
      target: policy.firstResponse,
      startedAt: row.createdAt,
      stoppedAt: row.firstRespondedAt ?? (finished ? finishedAt : null),
    });
  }
  if (policy.resolution) {
    const current = existing.find((clock) => clock.metric === 'resolution');
    // Resolved and then reopened: the promise starts again from the reopening.
    const reopened = current?.stoppedAt && !finished;
    wanted.push({
      metric: 'resolution',
      target: policy.resolution,
      startedAt: reopened ? at : (current?.startedAt ?? row.createdAt),
      ...(reopened ? { newCycle: true as const } : {}),
      stoppedAt: finished ? (current?.stoppedAt ?? finishedAt) : null,
    });
  }
  if (policy.nextResponse && row.firstRespondedAt) {
    const waiting = await customerMessageAwaitingAnswer(tx, row.id);
    const current = existing.find((clock) => clock.metric === 'next_response');
    if (waiting && !finished) {
      const isNew = !current || current.stoppedAt !== null || current.startedAt.getTime() !== waiting.getTime();
      wanted.push({
        metric: 'next_response',
        target: policy.nextResponse,
        startedAt: waiting,
        ...(isNew && current ? { newCycle: true as const } : {}),
        stoppedAt: null,
      });
    } else if (current) {
      wanted.push({
        metric: 'next_response',
        target: policy.nextResponse,
        startedAt: current.startedAt,
        stoppedAt: current.stoppedAt ?? at,
      });
    }
  }
  return wanted;
}

/** The first customer message after the last reply by a person or the platform (system notices do not answer), if any waits. */
async function customerMessageAwaitingAnswer(tx: Executor, ticketId: string): Promise<Date | null> {
  const [lastReply] = await tx
    .select({ createdAt: article.createdAt })
    .from(article)
    .where(and(eq(article.ticketId, ticketId), eq(article.kind, 'outbound'), ne(article.authorType, 'system')))
    .orderBy(desc(article.createdAt))
    .limit(1);
  if (!lastReply) return null;
  const [waiting] = await tx
    .select({ createdAt: article.createdAt })
    .from(article)
    .where(and(eq(article.ticketId, ticketId), eq(article.kind, 'inbound'), gt(article.createdAt, lastReply.createdAt)))
    .orderBy(asc(article.createdAt))
    .limit(1);
  return waiting?.createdAt ?? null;
}

async function saveClock(
  tx: Executor,
  row: TicketRow,
  policy: SlaPolicyRow,
  calendar: BusinessCalendar,
  want: WantedClock,
  before: SlaClockRow | undefined,
  at: Date,
): Promise<SlaClockRow> {
  const newCycle = before !== undefined && want.newCycle === true;
  const cycle = before ? before.cycle + (newCycle ? 1 : 0) : 1;
  let pausedAt = newCycle ? null : (before?.pausedAt ?? null);
  let pausedMinutes = newCycle ? 0 : (before?.pausedMinutes ?? 0);
  const running = want.stoppedAt === null;
  const waiting = running && PAUSED_STATUSES.has(row.status);
  // An older event handled after the status change (jobs run side by side) must not date the pause back to its own
  // time: the ticket was last changed, at the latest, when it started waiting. Later rather than earlier only ever
  // counts less of the wait as paused, so the deadline is never later than the truth.
  if (waiting && !pausedAt) pausedAt = at.getTime() >= row.updatedAt.getTime() ? at : row.updatedAt;
  if (!waiting && pausedAt) {
    // Resumed (or stopped while paused): the wait does not count against the target.
    pausedMinutes += measure(calendar, want.target, pausedAt, want.stoppedAt ?? at);
    pausedAt = null;
  }
  const { dueAt, warnAt } =
    running && !pausedAt
      ? deadlines(calendar, want.target, want.startedAt, pausedMinutes, policy.warnAtPercent)
      : { dueAt: null, warnAt: null };
  const values = {
    ticketId: row.id,
    metric: want.metric,
    cycle,
    policyId: policy.id,
    calendarId: policy.calendarId,
    target: want.target,
    warnAtPercent: policy.warnAtPercent,
    startedAt: want.startedAt,
    pausedAt,
    pausedMinutes,
    warnAt,
    dueAt,
    stoppedAt: want.stoppedAt,
    warnedAt: newCycle ? null : (before?.warnedAt ?? null),
    breachedAt: newCycle ? null : (before?.breachedAt ?? null),
  };
  const [saved] = await tx
    .insert(slaClock)
    .values(values)
    .onConflictDoUpdate({ target: [slaClock.ticketId, slaClock.metric], set: values })
    .returning();
  return saved as SlaClockRow;
}

/** Time between two instants as the target counts it: working minutes on the calendar, or elapsed minutes. */
function measure(calendar: BusinessCalendar, target: SlaTarget, from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  return isWorkingUnit(target.unit) ? calendar.workingMinutesBetween(from, to) : (to.getTime() - from.getTime()) / MINUTE;
}

/** Due: the target from the start, moved on by the paused time; warning: the policy's share of the way there. */
export function deadlines(
  calendar: BusinessCalendar,
  target: SlaTarget,
  startedAt: Date,
  pausedMinutes: number,
  warnAtPercent: number,
): { dueAt: Date; warnAt: Date } {
  const plain = addTarget(calendar, startedAt, target);
  if (isWorkingUnit(target.unit)) {
    const dueAt = calendar.addWorkingMinutes(plain, pausedMinutes);
    const span = calendar.workingMinutesBetween(startedAt, plain);
    return { dueAt, warnAt: calendar.addWorkingMinutes(startedAt, (span * warnAtPercent) / 100 + pausedMinutes) };
  }
  const dueAt = new Date(plain.getTime() + pausedMinutes * MINUTE);
  const span = plain.getTime() - startedAt.getTime();
  return { dueAt, warnAt: new Date(startedAt.getTime() + (span * warnAtPercent) / 100 + pausedMinutes * MINUTE) };
}

/** The next instant something is due to happen: a warning not yet given or a breach not yet recorded. */
export function nextEscalation(clocks: readonly SlaClockRow[]): Date | null {
  let next: number | null = null;
  for (const clock of clocks) {
    if (clock.stoppedAt || clock.pausedAt || !clock.dueAt || clock.breachedAt) continue;
    const when = !clock.warnedAt && clock.warnAt ? clock.warnAt : clock.dueAt;
    if (next === null || when.getTime() < next) next = when.getTime();
  }
  return next === null ? null : new Date(next);
}

async function writeDeadlines(tx: Executor, ticketId: string, clocks: readonly SlaClockRow[]): Promise<Date | null> {
  const dueOf = (metric: SlaMetric) => {
    const clock = clocks.find((candidate) => candidate.metric === metric);
    return clock && !clock.stoppedAt ? clock.dueAt : null;
  };
  const nextEscalationAt = nextEscalation(clocks);
  const values = {
    firstResponseDueAt: dueOf('first_response'),
    nextResponseDueAt: dueOf('next_response'),
    resolutionDueAt: dueOf('resolution'),
    nextEscalationAt,
  };
  await tx
    .insert(ticketDeadline)
    .values({ ticketId, ...values })
    .onConflictDoUpdate({ target: ticketDeadline.ticketId, set: values });
  return nextEscalationAt;
}

/** A ticket's clocks with their policies' names, metric order: first response, next response, resolution. */
export async function listTicketClocks(db: Executor, ticketId: string): Promise<(SlaClockRow & { policyName: string })[]> {
  const rows = await db
    .select({ clock: slaClock, policyName: slaPolicy.name })
    .from(slaClock)
    .innerJoin(slaPolicy, eq(slaPolicy.id, slaClock.policyId))
    .where(eq(slaClock.ticketId, ticketId));
  const order: SlaMetric[] = ['first_response', 'next_response', 'resolution'];
  return rows
    .map((row) => ({ ...row.clock, policyName: row.policyName }))
    .sort((a, b) => order.indexOf(a.metric) - order.indexOf(b.metric));
}
