import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { SlaMetric, SlaTarget } from '@common/sla/sla-targets';
import type { Database } from '../platform/db';
import { enqueueJobs } from '../platform/jobs';
import { ticketDeadline } from '../tickets';
import type { BusinessCalendar } from './business-calendar';
import { loadBusinessCalendar, loadPublicHolidays } from './business-calendar.service';
import { deadlines } from './sla-clock.service';
import { slaCheckJob } from './sla-check.job';
import { slaClock } from './sla-policy.table';

/** Clocks read per page; a page ends on a whole ticket, so each ticket's columns are written once from all its clocks. */
const PAGE = 10_000;

export interface RecomputeReport {
  clocks: number;
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
  startedAt: Date;
  pausedMinutes: number;
  warnAtPercent: number;
  warnedAt: Date | null;
  breachedAt: Date | null;
  previousEscalationAt: Date | null;
}

/**
 * Gives every running clock counted on a calendar (on any calendar when
 * none is named, as after a public-holiday year was entered) its due and
 * warning instants again, and its ticket the resulting due-ats and next
 * escalation. Works in pages: one read, the instants computed in memory
 * (microseconds each), one statement writing the clocks and their tickets
 * from `unnest`ed arrays — so 100,000 open tickets are seconds of work, not
 * a transaction each (`npm run bench:sla`). A check job is scheduled only
 * where the next escalation came earlier: a check already scheduled for a
 * later-moved one runs, finds nothing due and schedules the next itself.
 * Paused clocks have no due instant and are left alone.
 */
export async function recomputeDeadlines(db: Database, input: { calendarId?: string | undefined }): Promise<RecomputeReport> {
  const holidays = await loadPublicHolidays(db);
  const calendars = new Map<string, BusinessCalendar>();
  const report: RecomputeReport = { clocks: 0, tickets: 0, checksScheduled: 0 };
  let afterTicket: string | undefined;
  for (;;) {
    const conditions: (SQL | undefined)[] = [isNull(slaClock.stoppedAt), isNull(slaClock.pausedAt)];
    if (input.calendarId) conditions.push(eq(slaClock.calendarId, input.calendarId));
    if (afterTicket) conditions.push(sql`${slaClock.ticketId} > ${afterTicket}::uuid`);
    const rows: ClockFacts[] = await db
      .select({
        ticketId: slaClock.ticketId,
        metric: slaClock.metric,
        calendarId: slaClock.calendarId,
        target: slaClock.target,
        startedAt: slaClock.startedAt,
        pausedMinutes: slaClock.pausedMinutes,
        warnAtPercent: slaClock.warnAtPercent,
        warnedAt: slaClock.warnedAt,
        breachedAt: slaClock.breachedAt,
        previousEscalationAt: ticketDeadline.nextEscalationAt,
      })
      .from(slaClock)
      .leftJoin(ticketDeadline, eq(ticketDeadline.ticketId, slaClock.ticketId))
      .where(and(...conditions))
      .orderBy(asc(slaClock.ticketId))
      .limit(PAGE);
    if (rows.length === 0) return report;
    // A full page may have cut the last ticket's clocks in two: that ticket starts the next page.
    const lastTicket = (rows[rows.length - 1] as ClockFacts).ticketId;
    const page = rows.length === PAGE && rows[0]?.ticketId !== lastTicket ? rows.filter((row) => row.ticketId !== lastTicket) : rows;
    await writePage(db, page, await calendarsFor(db, page, calendars, holidays), report);
    afterTicket = (page[page.length - 1] as ClockFacts).ticketId;
  }
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

async function writePage(db: Database, rows: readonly ClockFacts[], calendars: Map<string, BusinessCalendar>, report: RecomputeReport) {
  const clockTickets: string[] = [];
  const clockMetrics: string[] = [];
  const dues: string[] = [];
  const warns: string[] = [];
  const byTicket = new Map<string, { dues: Partial<Record<SlaMetric, Date>>; next: number | null; previous: Date | null }>();
  for (const row of rows) {
    const { dueAt, warnAt } = deadlines(
      calendars.get(row.calendarId) as BusinessCalendar,
      row.target,
      row.startedAt,
      row.pausedMinutes,
      row.warnAtPercent,
    );
    clockTickets.push(row.ticketId);
    clockMetrics.push(row.metric);
    dues.push(dueAt.toISOString());
    warns.push(warnAt.toISOString());
    const entry = byTicket.get(row.ticketId) ?? { dues: {}, next: null, previous: row.previousEscalationAt };
    entry.dues[row.metric] = dueAt;
    // As nextEscalation() in sla-clock.service: the warning not yet given, else the breach not yet recorded.
    if (!row.breachedAt) {
      const when = (row.warnedAt ? dueAt : warnAt).getTime();
      entry.next = entry.next === null ? when : Math.min(entry.next, when);
    }
    byTicket.set(row.ticketId, entry);
  }
  const ticketIds = [...byTicket.keys()];
  const column = (pick: (entry: { dues: Partial<Record<SlaMetric, Date>>; next: number | null }) => Date | null) =>
    pgArray([...byTicket.values()].map((entry) => pick(entry)?.toISOString() ?? null));
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
      ${pgArray(ticketIds)}::uuid[],
      ${column((entry) => entry.dues.first_response ?? null)}::timestamptz[],
      ${column((entry) => entry.dues.next_response ?? null)}::timestamptz[],
      ${column((entry) => entry.dues.resolution ?? null)}::timestamptz[],
      ${column((entry) => (entry.next === null ? null : new Date(entry.next)))}::timestamptz[]
    )
    on conflict (ticket_id) do update set
      first_response_due_at = excluded.first_response_due_at, next_response_due_at = excluded.next_response_due_at,
      resolution_due_at = excluded.resolution_due_at, next_escalation_at = excluded.next_escalation_at`);
  const checks = [...byTicket.entries()]
    .filter(([, entry]) => entry.next !== null && (entry.previous === null || entry.next < entry.previous.getTime()))
    .map(([ticketId, entry]) => {
      const at = new Date(entry.next as number);
      return {
        definition: slaCheckJob,
        payload: { ticketId },
        options: { runAt: at, idempotencyKey: `sla.check:${ticketId}:${at.toISOString()}` },
      };
    });
  for (let start = 0; start < checks.length; start += 2_000) await enqueueJobs(db, checks.slice(start, start + 2_000));
  report.clocks += rows.length;
  report.tickets += ticketIds.length;
  report.checksScheduled += checks.length;
}
