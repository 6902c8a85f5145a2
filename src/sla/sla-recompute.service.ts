import { and, asc, between, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { SlaMetric, SlaTarget } from '@common/sla/sla-targets';
import type { Database } from '../platform/db';
import { enqueueJobs } from '../platform/jobs';
import { ticketDeadline } from '../tickets';
import type { BusinessCalendar } from './business-calendar';
import { loadBusinessCalendar, loadPublicHolidays } from './business-calendar.service';
import { deadlines } from './sla-clock.service';
import { slaCheckJob } from './sla-check.job';
import { slaClock } from './sla-policy.table';

/** Tickets per page: small enough to hold in memory, large enough that a statement's cost is spread thin. */
const PAGE = 5_000;
/**
 * Pages handled side by side, each on its own connection: the database
 * writes one while the next is read and computed. Three of the pool's ten
 * connections (measured on two cores: 2 → 7.8 s, 3 → 6.0 s for 100,000
 * tickets whose every deadline moved), so requests still find connections.
 */
const WRITERS = 3;

export interface RecomputeReport {
  /** Running clocks looked at. */
  clocks: number;
  /** Tickets whose deadlines moved (the others were left untouched). */
  tickets: number;
  /** Tickets whose next escalation came earlier, so a check had to be scheduled at the new instant. */
  checksScheduled: number;
}

/**
 * An array literal for one bound parameter (a JS array in a template would be
 * expanded into a list); the values here are uuids and ISO instants, which
 * need no quoting, or empty for NULL.
 */
function pgArray(values: readonly (string | null)[]): string {
  return `{${values.map((value) => value ?? 'NULL').join(',')}}`;
}

interface ClockFacts {
  ticketId: string;
  metric: SlaMetric;
  calendarId: string;
  target: SlaTarget;
  /** Instants as epoch milliseconds, not Dates: the driver's date parsing was a good part of reading a page. */
  startedAt: number;
  pausedMinutes: number;
  warnAtPercent: number;
  warnAt: number | null;
  dueAt: number | null;
  warned: boolean;
  breached: boolean;
}

interface TicketDeadlines {
  dues: Partial<Record<SlaMetric, Date>>;
  next: number | null;
}

interface StoredDeadlines {
  firstResponseDueAt: number | null;
  nextResponseDueAt: number | null;
  resolutionDueAt: number | null;
  nextEscalationAt: number | null;
}

function epochMs(column: AnyPgColumn) {
  return sql<number | null>`(extract(epoch from ${column}) * 1000)::float8`;
}

/**
 * Gives every running clock counted on a calendar, or under a policy (on
 * any when neither is named, as after a public-holiday year was entered) its due and
 * warning instants again, and its ticket the resulting due-ats and next
 * escalation. The affected tickets are listed first, then handled in pages
 * of whole tickets, a few pages at a time: one read by primary key, the
 * instants computed in memory (microseconds each), one statement writing
 * only the clocks and tickets whose instants moved (closing one day moves
 * few of them) — so 100,000 open tickets are seconds of work,
 * not a transaction each (`npm run bench:sla`). A check job is scheduled only
 * where the next escalation came earlier: a check already scheduled for a
 * later-moved one runs, finds nothing due and schedules the next itself.
 * Paused clocks have no due instant and are left alone.
 */
export async function recomputeDeadlines(
  db: Database,
  input: { calendarId?: string | undefined; policyId?: string | undefined; pageSize?: number },
): Promise<RecomputeReport> {
  const holidays = await loadPublicHolidays(db);
  const calendars = new Map<string, BusinessCalendar>();
  const report: RecomputeReport = { clocks: 0, tickets: 0, checksScheduled: 0 };
  const ticketIds = await runningTickets(db, input);
  const pages: string[][] = [];
  const pageSize = input.pageSize ?? PAGE;
  for (let start = 0; start < ticketIds.length; start += pageSize) pages.push(ticketIds.slice(start, start + pageSize));
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < pages.length; index = next++) {
      const page = await readPage(db, pages[index] as string[]);
      await writePage(db, page, await calendarsFor(db, page.clocks, calendars, holidays), report);
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, worker));
  return report;
}

async function runningTickets(db: Database, input: { calendarId?: string | undefined; policyId?: string | undefined }): Promise<string[]> {
  const conditions: (SQL | undefined)[] = [isNull(slaClock.stoppedAt), isNull(slaClock.pausedAt)];
  if (input.calendarId) conditions.push(eq(slaClock.calendarId, input.calendarId));
  if (input.policyId) conditions.push(eq(slaClock.policyId, input.policyId));
  const rows = await db
    .selectDistinct({ ticketId: slaClock.ticketId })
    .from(slaClock)
    .where(and(...conditions))
    .orderBy(asc(slaClock.ticketId));
  return rows.map((row) => row.ticketId);
}

/**
 * All running clocks of the page's tickets, whatever their calendar, so each
 * ticket's columns are written from all of them. Read as a range of the
 * primary key (the page's ids are in order): a join against the id list
 * would hash the whole table for every page.
 */
async function readPage(db: Database, ticketIds: readonly string[]) {
  const first = ticketIds[0] as string;
  const last = ticketIds[ticketIds.length - 1] as string;
  const clocks = await db
    .select({
      ticketId: slaClock.ticketId,
      metric: slaClock.metric,
      calendarId: slaClock.calendarId,
      target: slaClock.target,
      startedAt: sql<number>`${epochMs(slaClock.startedAt)}`,
      pausedMinutes: slaClock.pausedMinutes,
      warnAtPercent: slaClock.warnAtPercent,
      warnAt: epochMs(slaClock.warnAt),
      dueAt: epochMs(slaClock.dueAt),
      warned: sql<boolean>`${slaClock.warnedAt} is not null`,
      breached: sql<boolean>`${slaClock.breachedAt} is not null`,
    })
    .from(slaClock)
    .where(and(between(slaClock.ticketId, first, last), isNull(slaClock.stoppedAt), isNull(slaClock.pausedAt)));
  const stored = await db
    .select({
      ticketId: ticketDeadline.ticketId,
      firstResponseDueAt: epochMs(ticketDeadline.firstResponseDueAt),
      nextResponseDueAt: epochMs(ticketDeadline.nextResponseDueAt),
      resolutionDueAt: epochMs(ticketDeadline.resolutionDueAt),
      nextEscalationAt: epochMs(ticketDeadline.nextEscalationAt),
    })
    .from(ticketDeadline)
    .where(between(ticketDeadline.ticketId, first, last));
  // The range also holds tickets counted on other calendars; they are not this recompute's.
  const wanted = new Set(ticketIds);
  return {
    clocks: clocks.filter((clock) => wanted.has(clock.ticketId)),
    stored: new Map<string, StoredDeadlines>(stored.filter((row) => wanted.has(row.ticketId)).map((row) => [row.ticketId, row])),
  };
}

async function calendarsFor(
  db: Database,
  rows: readonly ClockFacts[],
  calendars: Map<string, BusinessCalendar>,
  holidays: Awaited<ReturnType<typeof loadPublicHolidays>>,
): Promise<Map<string, BusinessCalendar>> {
  for (const id of new Set(rows.map((row) => row.calendarId))) {
    if (!calendars.has(id)) calendars.set(id, await loadBusinessCalendar(db, id, holidays, { unknownYears: 'weekdays' }));
  }
  return calendars;
}

function sameInstant(stored: number | null, wanted: Date | number | null | undefined): boolean {
  return stored === (wanted instanceof Date ? wanted.getTime() : (wanted ?? null));
}

function unchanged(stored: StoredDeadlines | undefined, wanted: TicketDeadlines): boolean {
  return (
    stored !== undefined &&
    sameInstant(stored.firstResponseDueAt, wanted.dues.first_response) &&
    sameInstant(stored.nextResponseDueAt, wanted.dues.next_response) &&
    sameInstant(stored.resolutionDueAt, wanted.dues.resolution) &&
    sameInstant(stored.nextEscalationAt, wanted.next)
  );
}

async function writePage(
  db: Database,
  page: { clocks: readonly ClockFacts[]; stored: ReadonlyMap<string, StoredDeadlines> },
  calendars: Map<string, BusinessCalendar>,
  report: RecomputeReport,
) {
  const clockTickets: string[] = [];
  const clockMetrics: string[] = [];
  const dues: string[] = [];
  const warns: string[] = [];
  const byTicket = new Map<string, TicketDeadlines>();
  for (const row of page.clocks) {
    const { dueAt, warnAt } = deadlines(
      calendars.get(row.calendarId) as BusinessCalendar,
      row.target,
      new Date(row.startedAt),
      row.pausedMinutes,
      row.warnAtPercent,
    );
    if (!sameInstant(row.dueAt, dueAt) || !sameInstant(row.warnAt, warnAt)) {
      clockTickets.push(row.ticketId);
      clockMetrics.push(row.metric);
      dues.push(dueAt.toISOString());
      warns.push(warnAt.toISOString());
    }
    const entry = byTicket.get(row.ticketId) ?? { dues: {}, next: null };
    entry.dues[row.metric] = dueAt;
    // As nextEscalation() in sla-clock.service: the warning not yet given, else the breach not yet recorded.
    if (!row.breached) {
      const when = (row.warned ? dueAt : warnAt).getTime();
      entry.next = entry.next === null ? when : Math.min(entry.next, when);
    }
    byTicket.set(row.ticketId, entry);
  }
  const moved = [...byTicket.entries()].filter(([ticketId, entry]) => !unchanged(page.stored.get(ticketId), entry));
  report.clocks += page.clocks.length;
  report.tickets += moved.length;
  if (moved.length === 0 && clockTickets.length === 0) return;
  const column = (pick: (entry: TicketDeadlines) => Date | null) => pgArray(moved.map(([, entry]) => pick(entry)?.toISOString() ?? null));
  await db.execute(sql`
    -- A data-modifying CTE runs whether or not it is read: the clocks and their tickets in one statement.
    with clocks as (
      update sla_clock c set due_at = v.due, warn_at = v.warn
      from unnest(${pgArray(clockTickets)}::uuid[], ${pgArray(clockMetrics)}::text[], ${pgArray(dues)}::timestamptz[], ${pgArray(warns)}::timestamptz[])
        as v(ticket_id, metric, due, warn)
      where c.ticket_id = v.ticket_id and c.metric = v.metric and c.stopped_at is null and c.paused_at is null
    )
    insert into ticket_deadline (ticket_id, first_response_due_at, next_response_due_at, resolution_due_at, next_escalation_at)
    select * from unnest(
      ${pgArray(moved.map(([ticketId]) => ticketId))}::uuid[],
      ${column((entry) => entry.dues.first_response ?? null)}::timestamptz[],
      ${column((entry) => entry.dues.next_response ?? null)}::timestamptz[],
      ${column((entry) => entry.dues.resolution ?? null)}::timestamptz[],
      ${column((entry) => (entry.next === null ? null : new Date(entry.next)))}::timestamptz[]
    )
    on conflict (ticket_id) do update set
      first_response_due_at = excluded.first_response_due_at, next_response_due_at = excluded.next_response_due_at,
      resolution_due_at = excluded.resolution_due_at, next_escalation_at = excluded.next_escalation_at`);
  const checks = moved
    .filter(([ticketId, entry]) => {
      const previous = page.stored.get(ticketId)?.nextEscalationAt;
      return entry.next !== null && (previous == null || entry.next < previous);
    })
    .map(([ticketId, entry]) => {
      const at = new Date(entry.next as number);
      return {
        definition: slaCheckJob,
        payload: { ticketId },
        options: { runAt: at, idempotencyKey: `sla.check:${ticketId}:${at.toISOString()}` },
      };
    });
  for (let start = 0; start < checks.length; start += 2_000) await enqueueJobs(db, checks.slice(start, start + 2_000));
  report.checksScheduled += checks.length;
}
