import { AppError } from '../platform/errors';
import { cnPublicHolidayYears, type PublicHolidayYear } from './cn-public-holidays';
import { addLocalDays, dayNumber, type LocalDate } from './local-time';

export interface PublicHolidayDay {
  kind: 'holiday' | 'workday';
  name: string;
}

/**
 * The public holidays and make-up working days of the years we know: the
 * shipped notices (`cn-public-holidays.ts`) and any year an admin entered.
 * Asking about a day of another year is an error naming the year, so a
 * deadline is never computed on a guess.
 */
export class PublicHolidays {
  private readonly days = new Map<LocalDate, PublicHolidayDay>();
  readonly years: ReadonlySet<number>;

  constructor(years: readonly PublicHolidayYear[]) {
    this.years = new Set(years.map((year) => year.year));
    for (const year of years) {
      for (const holiday of year.holidays) {
        for (let date = holiday.from; dayNumber(date) <= dayNumber(holiday.to); date = addLocalDays(date, 1))
          this.days.set(date, { kind: 'holiday', name: holiday.name });
      }
      for (const workday of year.workdays) this.days.set(workday.date, { kind: 'workday', name: workday.name });
    }
  }

  /** @throws AppError HOLIDAYS_NOT_AVAILABLE ({ year, supportedYears }) for a year we have no notice of. */
  on(date: LocalDate): PublicHolidayDay | undefined {
    const year = Number(date.slice(0, 4));
    if (!this.years.has(year)) throw new AppError('HOLIDAYS_NOT_AVAILABLE', { year, supportedYears: [...this.years].sort() });
    return this.days.get(date);
  }
}

export const shippedPublicHolidays = new PublicHolidays(cnPublicHolidayYears);
