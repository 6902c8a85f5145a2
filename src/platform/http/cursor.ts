import { AppError } from '../errors';
import { isStorableDate } from './timestamp';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Opaque keyset cursors: base64url JSON of the last row's sort key (a
 * timestamp and a uuid tie-breaker). Anything else decodes to INVALID_CURSOR,
 * never to a query error.
 */
export function encodeTimeIdCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

export function decodeTimeIdCursor(cursor: string): [Date, string] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === 2 && typeof values[0] === 'string' && typeof values[1] === 'string') {
      const at = new Date(values[0]);
      if (isStorableDate(at) && UUID.test(values[1])) return [at, values[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('INVALID_CURSOR');
}
