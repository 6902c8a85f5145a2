import type { SlaTarget } from '@common/sla/sla-targets';
import { AppError } from '../platform/errors';
import type { BusinessCalendar } from './business-calendar';

const MINUTE = 60_000;

/**
 * The instant a target is due when counted from `start` on a calendar:
 * working minutes and hours in working time, working days to the close of
 * the n-th working day after the start's day, calendar hours and days as
 * elapsed time (days keep the local time of day).
 */
export function addTarget(calendar: BusinessCalendar, start: Date, target: SlaTarget): Date {
  const { amount, unit } = target;
  if (!Number.isFinite(amount) || amount < 0)
    throw new AppError('VALIDATION_FAILED', { field: 'amount', reason: 'not a non-negative number' });
  switch (unit) {
    case 'working_minutes':
      return calendar.addWorkingMinutes(start, amount);
    case 'working_hours':
      return calendar.addWorkingMinutes(start, amount * 60);
    case 'working_days':
      if (!Number.isInteger(amount)) throw new AppError('VALIDATION_FAILED', { field: 'amount', reason: 'working days are whole days' });
      return calendar.addWorkingDays(start, amount);
    case 'calendar_hours':
      return new Date(start.getTime() + amount * 60 * MINUTE);
    case 'calendar_days':
      if (!Number.isInteger(amount)) throw new AppError('VALIDATION_FAILED', { field: 'amount', reason: 'calendar days are whole days' });
      return calendar.addCalendarDays(start, amount);
  }
}
