import { AppError } from '../errors';

// JavaScript dates reach 271,821 years either side of 1970, PostgreSQL's from 4713 BC to 294276 AD, and
// PostgreSQL refuses the ISO year 0000 Drizzle would send for 1 BC: a date from a request must lie in years 1-9999.
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/** Whether a date parsed from a request can be sent to the database (not Invalid Date, years 1-9999 UTC). */
export function isStorableDate(at: Date): boolean {
  const time = at.getTime();
  return time >= EARLIEST && time <= LATEST;
}

/**
 * A date-time from a query string. The format check lets through what JavaScript cannot parse (a leap second,
 * 23:59:60) and years PostgreSQL cannot compare with. Errors: VALIDATION_FAILED.
 */
export function parseTimestamp(text: string, field: string): Date {
  const at = new Date(text);
  if (!isStorableDate(at)) throw new AppError('VALIDATION_FAILED', { field, reason: 'date out of range' });
  return at;
}
