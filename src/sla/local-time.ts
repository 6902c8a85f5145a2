/** A date on a wall calendar, `YYYY-MM-DD`, without a time zone of its own. */
export type LocalDate = string;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
// UTC offsets change at most a few times a year: one per zone and UTC hour is plenty, and keeps the hot path off Intl.
const offsetsByZone = new Map<string, Map<number, number>>();

/** Whether the runtime knows an IANA time zone name. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes the zone is ahead of UTC at an instant (Asia/Shanghai: 480). */
export function offsetMinutes(utcMs: number, zone: string): number {
  const hour = Math.floor(utcMs / HOUR);
  let offsets = offsetsByZone.get(zone);
  if (!offsets) {
    offsets = new Map();
    offsetsByZone.set(zone, offsets);
  }
  let offset = offsets.get(hour);
  if (offset === undefined) {
    offset = computeOffset(hour * HOUR, zone);
    if (offsets.size > 200_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

function computeOffset(utcMs: number, zone: string): number {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  const part = Object.fromEntries(formatter.formatToParts(new Date(utcMs)).map(({ type, value }) => [type, Number(value)]));
  const asUtc = Date.UTC(part.year as number, (part.month as number) - 1, part.day, part.hour, part.minute, part.second);
  return Math.round((asUtc - utcMs) / 60_000);
}

/** The local date of an instant in a zone. */
export function localDate(utcMs: number, zone: string): LocalDate {
  return dateOfDayNumber(localDayNumber(utcMs, zone));
}

/** The local date of an instant as days since 1970-01-01. */
export function localDayNumber(utcMs: number, zone: string): number {
  return Math.floor((utcMs + offsetMinutes(utcMs, zone) * 60_000) / DAY);
}

export function dateOfDayNumber(day: number): LocalDate {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** The instant a local wall-clock time happens (for a time skipped by a clock change, the instant after the gap). */
export function localTimeToUtc(date: LocalDate, minutesAfterMidnight: number, zone: string): number {
  const wall = dayNumber(date) * DAY + minutesAfterMidnight * 60_000;
  const guess = wall - offsetMinutes(wall, zone) * 60_000;
  return wall - offsetMinutes(guess, zone) * 60_000;
}

export function localMidnightUtc(date: LocalDate, zone: string): number {
  return localTimeToUtc(date, 0, zone);
}

export function dayNumber(date: LocalDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
}

export function addLocalDays(date: LocalDate, days: number): LocalDate {
  return new Date((dayNumber(date) + days) * DAY).toISOString().slice(0, 10);
}

export function nextLocalDate(date: LocalDate): LocalDate {
  return addLocalDays(date, 1);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return ((new Date(dayNumber(date) * DAY).getUTCDay() + 6) % 7) + 1;
}

/** Whether a string is a real `YYYY-MM-DD` date (not 2026-02-30). */
export function isLocalDate(value: string): boolean {
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `HH:MM` (00:00 … 24:00) as minutes after midnight, or undefined. */
export function parseClockTime(value: string): number | undefined {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 1_440 ? minutes : undefined;
}

export function formatClockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** An instant as wall-clock time in a zone, `YYYY-MM-DD HH:MM`. */
export function formatLocalDateTime(instant: Date, zone: string): string {
  const ms = instant.getTime();
  return new Date(ms + offsetMinutes(ms, zone) * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}
