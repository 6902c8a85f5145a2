import { AppError } from '../platform/errors';
import {
  addLocalDays,
  dateOfDayNumber,
  dayNumber,
  localDate,
  localDayNumber,
  type LocalDate,
  localMidnightUtc,
  localTimeToUtc,
  nextLocalDate,
  weekdayOf,
} from './local-time';
import type { PublicHolidays } from './public-holidays';

const MINUTE = 60_000;

/** Minutes after local midnight; `end` may be 1440 (24:00). */
export interface WorkingInterval {
  start: number;
  end: number;
}

/** A day an admin made different from the rule: a closure (团建, 系统升级) or an extra working day. */
export interface CalendarException {
  date: LocalDate;
  kind: 'closed' | 'working';
  name: string;
}

export interface BusinessCalendarDefinition {
  id: string;
  name: string;
  timeZone: string;
  /** 7×24: every minute is working time; weekdays, hours, holidays and exceptions are ignored. */
  alwaysOpen: boolean;
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are working days unless a holiday says otherwise. */
  workingDays: readonly number[];
  /** Sorted, non-overlapping intervals of every working day, e.g. 09:00–12:00 and 13:30–18:00. */
  workingHours: readonly WorkingInterval[];
  /** Public holidays close the calendar and make-up days (调休) open it. */
  followsPublicHolidays: boolean;
  exceptions: readonly CalendarException[];
}

export type DayKind = 'working' | 'weekend' | 'public_holiday' | 'makeup_workday' | 'closed' | 'extra_working';

export interface CalendarDay {
  date: LocalDate;
  kind: DayKind;
  /** The holiday's or the exception's name. */
  name?: string;
  /** Working intervals of the day as UTC milliseconds, empty on a day off. */
  intervals: readonly (readonly [number, number])[];
}

// A calendar with no working time would loop for ever; ten years of nothing is an error, not a deadline.
const MAX_DAYS_SCANNED = 3_700;

/**
 * Working-time arithmetic over one calendar. Days are worked out once and
 * kept (`dayAt`), so a deadline a month away costs a few map look-ups per
 * day rather than time-zone conversions: `addWorkingMinutes` over a month
 * stays in microseconds (`bench/business-calendar.ts`).
 *
 * Throws AppError HOLIDAYS_NOT_AVAILABLE ({ year }) when the arithmetic
 * needs a day in a year whose public holidays are not known and the
 * calendar follows them — unless built with `unknownYears: 'weekdays'`,
 * which counts such a year by its weekdays alone and lists it in
 * `assumedYears` (holidays only ever move a deadline later, so the result is
 * the earliest the real one can be) — and CALENDAR_HAS_NO_WORKING_TIME when
 * it finds no working time at all.
 */
export class BusinessCalendar {
  private readonly days = new Map<number, CalendarDay>();
  private readonly exceptions: Map<LocalDate, CalendarException>;
  readonly minutesPerWorkingDay: number;
  /** Years counted by weekdays only because their holidays are not known (with `unknownYears: 'weekdays'`). */
  readonly assumedYears = new Set<number>();

  constructor(
    readonly definition: BusinessCalendarDefinition,
    private readonly holidays: PublicHolidays,
    private readonly options: { unknownYears: 'error' | 'weekdays' } = { unknownYears: 'error' },
  ) {
    this.exceptions = new Map(definition.exceptions.map((exception) => [exception.date, exception]));
    this.minutesPerWorkingDay = definition.alwaysOpen
      ? 1_440
      : definition.workingHours.reduce((sum, interval) => sum + interval.end - interval.start, 0);
  }

  /** Years from `from` to `to` whose public holidays this calendar would need but does not know. */
  unknownYearsBetween(from: Date, to: Date): number[] {
    if (this.definition.alwaysOpen || !this.definition.followsPublicHolidays) return [];
    const zone = this.definition.timeZone;
    const first = Number(dateOfDayNumber(localDayNumber(from.getTime(), zone)).slice(0, 4));
    const last = Number(dateOfDayNumber(localDayNumber(to.getTime(), zone)).slice(0, 4));
    const years: number[] = [];
    for (let year = first; year <= last; year++) if (!this.holidays.years.has(year)) years.push(year);
    return years;
  }

  /** The calendar day containing an instant, in the calendar's time zone. */
  dayOf(instant: Date): CalendarDay {
    return this.dayAt(this.dayNumberOf(instant.getTime()));
  }

  day(date: LocalDate): CalendarDay {
    return this.dayAt(dayNumber(date));
  }

  /** The day by its number (days since 1970-01-01): the loops below walk numbers, not date strings. */
  private dayAt(number: number): CalendarDay {
    let day = this.days.get(number);
    if (!day) {
      day = this.describe(dateOfDayNumber(number));
      this.days.set(number, day);
    }
    return day;
  }

  private dayNumberOf(instant: number): number {
    return localDayNumber(instant, this.definition.timeZone);
  }

  isWorkingTime(instant: Date): boolean {
    const at = instant.getTime();
    return this.dayOf(instant).intervals.some(([start, end]) => at >= start && at < end);
  }

  /** The instant `minutes` of working time after `start` (`start` itself for 0). */
  addWorkingMinutes(start: Date, minutes: number): Date {
    if (!Number.isFinite(minutes) || minutes < 0)
      throw new AppError('VALIDATION_FAILED', { field: 'minutes', reason: 'not a non-negative number' });
    if (this.definition.alwaysOpen || minutes === 0) return new Date(start.getTime() + minutes * MINUTE);
    let remaining = minutes * MINUTE;
    let at = start.getTime();
    const first = this.dayNumberOf(at);
    for (let day = first; day < first + MAX_DAYS_SCANNED; day++) {
      for (const [intervalStart, intervalEnd] of this.dayAt(day).intervals) {
        if (intervalEnd <= at) continue;
        const from = Math.max(intervalStart, at);
        if (remaining <= intervalEnd - from) return new Date(from + remaining);
        remaining -= intervalEnd - from;
        at = intervalEnd;
      }
    }
    throw new AppError('CALENDAR_HAS_NO_WORKING_TIME', { calendarId: this.definition.id });
  }

  /** Working minutes from `from` to `to`; negative when `to` is earlier. */
  workingMinutesBetween(from: Date, to: Date): number {
    if (to.getTime() < from.getTime()) return -this.workingMinutesBetween(to, from);
    const a = from.getTime();
    const b = to.getTime();
    if (this.definition.alwaysOpen) return (b - a) / MINUTE;
    let total = 0;
    const last = this.dayNumberOf(b);
    for (let day = this.dayNumberOf(a); day <= last; day++) {
      for (const [start, end] of this.dayAt(day).intervals) {
        const overlap = Math.min(end, b) - Math.max(start, a);
        if (overlap > 0) total += overlap;
      }
    }
    return total / MINUTE;
  }

  /**
   * The close of the `days`-th working day after the day of `start` (the
   * customer's "3 个工作日": created Tuesday 29 September 2026, due Friday
   * 9 October 18:00, the National Day holiday skipped). For 7×24 calendars,
   * `days` × 24 hours.
   */
  addWorkingDays(start: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 0)
      throw new AppError('VALIDATION_FAILED', { field: 'days', reason: 'not a non-negative integer' });
    if (this.definition.alwaysOpen) return new Date(start.getTime() + days * 1_440 * MINUTE);
    if (days === 0) return start;
    const first = this.dayNumberOf(start.getTime());
    let counted = 0;
    for (let day = first + 1; day <= first + MAX_DAYS_SCANNED; day++) {
      const { intervals } = this.dayAt(day);
      const close = intervals[intervals.length - 1];
      if (close && ++counted === days) return new Date(close[1]);
    }
    throw new AppError('CALENDAR_HAS_NO_WORKING_TIME', { calendarId: this.definition.id });
  }

  /** The same local time of day `days` calendar days later (holidays count). */
  addCalendarDays(start: Date, days: number): Date {
    if (!Number.isInteger(days)) throw new AppError('VALIDATION_FAILED', { field: 'days', reason: 'not an integer' });
    const zone = this.definition.timeZone;
    let date = localDate(start.getTime(), zone);
    const sinceMidnight = start.getTime() - localMidnightUtc(date, zone);
    date = addLocalDays(date, days);
    return new Date(localMidnightUtc(date, zone) + sinceMidnight);
  }

  private describe(date: LocalDate): CalendarDay {
    const { definition } = this;
    if (definition.alwaysOpen) {
      const start = localMidnightUtc(date, definition.timeZone);
      return { date, kind: 'working', intervals: [[start, localMidnightUtc(nextLocalDate(date), definition.timeZone)]] };
    }
    const exception = this.exceptions.get(date);
    if (exception) return this.withHours(date, exception.kind === 'working' ? 'extra_working' : 'closed', exception.name);
    if (
      definition.followsPublicHolidays &&
      this.options.unknownYears === 'weekdays' &&
      !this.holidays.years.has(Number(date.slice(0, 4)))
    ) {
      this.assumedYears.add(Number(date.slice(0, 4)));
    } else if (definition.followsPublicHolidays) {
      const holiday = this.holidays.on(date);
      if (holiday?.kind === 'holiday') return this.withHours(date, 'public_holiday', holiday.name);
      if (holiday?.kind === 'workday') return this.withHours(date, 'makeup_workday', holiday.name);
    }
    return this.withHours(date, definition.workingDays.includes(weekdayOf(date)) ? 'working' : 'weekend');
  }

  private withHours(date: LocalDate, kind: DayKind, name?: string): CalendarDay {
    const open = kind === 'working' || kind === 'makeup_workday' || kind === 'extra_working';
    const zone = this.definition.timeZone;
    // Each edge on its own, so a zone with daylight saving gets its wall-clock hours on the day clocks change.
    const intervals = open
      ? this.definition.workingHours.map(({ start, end }) => [localTimeToUtc(date, start, zone), localTimeToUtc(date, end, zone)] as const)
      : [];
    return { date, kind, ...(name ? { name } : {}), intervals };
  }
}
