import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Working hours as the admin wrote them, `HH:MM` (24:00 allowed as an end). */
export interface StoredWorkingInterval {
  start: string;
  end: string;
}

/** A calendar that working time is counted on: a 9–18 back office, a 7×24 hotline. */
export const businessCalendar = pgTable(
  'business_calendar',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull(),
    alwaysOpen: boolean('always_open').notNull().default(false),
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    workingDays: integer('working_days').array().notNull(),
    workingHours: jsonb('working_hours').$type<StoredWorkingInterval[]>().notNull(),
    followsPublicHolidays: boolean('follows_public_holidays').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [uniqueIndex('business_calendar_name_idx').on(table.name)],
);

/** A day of one calendar that differs from its rule: closed, or an extra working day. */
export const businessCalendarException = pgTable(
  'business_calendar_exception',
  {
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendar.id, { onDelete: 'cascade' }),
    /** Local date, `YYYY-MM-DD`. */
    date: text('date').notNull(),
    kind: text('kind').$type<'closed' | 'working'>().notNull(),
    name: text('name').notNull(),
  },
  (table) => [primaryKey({ columns: [table.calendarId, table.date] })],
);

/**
 * A year of public holidays an admin entered from the State Council's notice
 * (the years shipped in `cn-public-holidays.ts` cannot be entered here).
 */
export const publicHolidayYear = pgTable('public_holiday_year', {
  /** The audit chain's subject id. */
  id: uuid('id').primaryKey().defaultRandom(),
  year: integer('year').notNull().unique('public_holiday_year_year_key'),
  noticeTitle: text('notice_title').notNull(),
  noticeReference: text('notice_reference').notNull(),
  noticeIssued: text('notice_issued').notNull(),
  noticeUrl: text('notice_url').notNull(),
  holidays: jsonb('holidays').$type<{ name: string; from: string; to: string }[]>().notNull(),
  workdays: jsonb('workdays').$type<{ name: string; date: string }[]>().notNull(),
  enteredAt: timestamp('entered_at', { withTimezone: true, mode: 'date' }).notNull(),
});
