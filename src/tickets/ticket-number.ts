import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../platform/db';
import { ticketNumberCounter } from './ticket.table';

const formatters = new Map<string, Intl.DateTimeFormat>();

function dayCode(at: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en', { timeZone, year: '2-digit', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}`;
}

interface Waiter {
  resolve(number: string): void;
  reject(error: unknown): void;
}

/** Requests of one process waiting for a number of one day, and whether a counter update is under way for them. */
interface DayQueue {
  waiting: Waiter[];
  inFlight: boolean;
}

const queues = new WeakMap<Database, Map<string, DayQueue>>();

/**
 * Hands out the next ticket number of the day: HY + yymmdd (workspace time
 * zone) + a sequence of at least four digits. Run it on the pool, outside the
 * transaction that creates the ticket: the counter row is then locked only for
 * one statement, not until the ticket commits. A number whose ticket never
 * commits is skipped, never reused.
 *
 * Requests that arrive while an update is under way are served together by
 * the next one (`last_value + n`), so a burst costs a few statements instead
 * of one queue on the counter row per ticket.
 */
export function nextTicketNumber(db: Database, at: Date, timeZone: string): Promise<string> {
  const day = dayCode(at, timeZone);
  let byDay = queues.get(db);
  if (!byDay) {
    byDay = new Map();
    queues.set(db, byDay);
  }
  let queue = byDay.get(day);
  if (!queue) {
    queue = { waiting: [], inFlight: false };
    byDay.set(day, queue);
  }
  const number = new Promise<string>((resolve, reject) => queue.waiting.push({ resolve, reject }));
  if (!queue.inFlight) void allocate(db, day, queue);
  return number;
}

async function allocate(db: Database, day: string, queue: DayQueue): Promise<void> {
  queue.inFlight = true;
  while (queue.waiting.length > 0) {
    const batch = queue.waiting.splice(0, 500);
    try {
      const [row] = await queryRows<{ last_value: number }>(
        db,
        sql`insert into ${ticketNumberCounter} (day, last_value) values (${day}, ${batch.length})
            on conflict (day) do update set last_value = ${ticketNumberCounter}.last_value + ${batch.length}
            returning last_value`,
      );
      if (!row) throw new Error('ticket number counter returned nothing');
      const first = Number(row.last_value) - batch.length + 1;
      for (const [i, waiter] of batch.entries()) waiter.resolve(`HY${day}${String(first + i).padStart(4, '0')}`);
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    }
  }
  queue.inFlight = false;
}
