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

/**
 * Hands out the next ticket number of the day: HY + yymmdd (workspace time
 * zone) + a sequence of at least four digits. Run it on the pool, outside the
 * transaction that creates the ticket: the counter row is then locked only for
 * this one statement, not until the ticket commits. A number whose ticket
 * never commits is skipped, never reused.
 */
export async function nextTicketNumber(db: Database, at: Date, timeZone: string): Promise<string> {
  const day = dayCode(at, timeZone);
  const [row] = await queryRows<{ last_value: number }>(
    db,
    sql`insert into ${ticketNumberCounter} (day, last_value) values (${day}, 1)
        on conflict (day) do update set last_value = ${ticketNumberCounter}.last_value + 1
        returning last_value`,
  );
  if (!row) throw new Error('ticket number counter returned nothing');
  return `HY${day}${String(row.last_value).padStart(4, '0')}`;
}
