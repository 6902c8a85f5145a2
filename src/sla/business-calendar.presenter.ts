import type { BusinessCalendarDto, CalendarDayDto, PublicHolidayYearDto } from '@common/dto/sla.dto';
import type { BusinessCalendar, CalendarDay } from './business-calendar';
import type { CalendarWithExceptions } from './business-calendar.service';
import type { PublicHolidayYear } from './cn-public-holidays';

export function presentBusinessCalendar(row: CalendarWithExceptions, calendar: BusinessCalendar): BusinessCalendarDto {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    alwaysOpen: row.alwaysOpen,
    workingDays: [...row.workingDays].sort(),
    workingHours: row.workingHours,
    followsPublicHolidays: row.followsPublicHolidays,
    minutesPerWorkingDay: calendar.minutesPerWorkingDay,
    exceptions: row.exceptions.map(({ date, kind, name }) => ({ date, kind, name })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentCalendarDay(day: CalendarDay): CalendarDayDto {
  return {
    date: day.date,
    kind: day.kind,
    ...(day.name ? { name: day.name } : {}),
    workingMinutes: day.intervals.reduce((sum, [start, end]) => sum + (end - start) / 60_000, 0),
  };
}

export function presentPublicHolidayYear({ year, shipped }: { year: PublicHolidayYear; shipped: boolean }): PublicHolidayYearDto {
  return { year: year.year, shipped, notice: year.notice, holidays: [...year.holidays], workdays: [...year.workdays] };
}
