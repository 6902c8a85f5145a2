import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../audit';
import { type Executor, isUniqueViolation } from '../platform/db';
import { AppError } from '../platform/errors';
import type { ActorRef } from '../platform/security';
import { BusinessCalendar, type BusinessCalendarDefinition, type CalendarDay, type WorkingInterval } from './business-calendar';
import { businessCalendar, businessCalendarException, publicHolidayYear, type StoredWorkingInterval } from './business-calendar.table';
import { cnPublicHolidayYears, type PublicHolidayYear } from './cn-public-holidays';
import type { SlaTarget } from '@common/sla/sla-targets';
import { addTarget } from './sla-target';
import { dayNumber, formatClockTime, formatLocalDateTime, isLocalDate, isTimeZone, nextLocalDate, parseClockTime } from './local-time';
import { PublicHolidays } from './public-holidays';
import { slaClock, slaPolicy } from './sla-policy.table';

export type BusinessCalendarRow = typeof businessCalendar.$inferSelect;
export type CalendarExceptionRow = typeof businessCalendarException.$inferSelect;
export type PublicHolidayYearRow = typeof publicHolidayYear.$inferSelect;

export interface CalendarWithExceptions extends BusinessCalendarRow {
  exceptions: CalendarExceptionRow[];
}

export interface CalendarSettings {
  name?: string | undefined;
  timeZone?: string | undefined;
  alwaysOpen?: boolean | undefined;
  workingDays?: number[] | undefined;
  workingHours?: StoredWorkingInterval[] | undefined;
  followsPublicHolidays?: boolean | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Working hours as minutes, sorted; `CALENDAR_HOURS_INVALID` when an
 * interval is not `HH:MM` within 00:00–24:00, does not start before it ends,
 * or overlaps another.
 */
export function parseWorkingHours(hours: readonly StoredWorkingInterval[]): WorkingInterval[] {
  const intervals = hours.map(({ start, end }) => {
    const from = parseClockTime(start);
    const to = parseClockTime(end);
    if (from === undefined || to === undefined || from >= to) throw new AppError('CALENDAR_HOURS_INVALID', { start, end });
    return { start: from, end: to };
  });
  intervals.sort((a, b) => a.start - b.start);
  for (let i = 1; i < intervals.length; i++) {
    const previous = intervals[i - 1] as WorkingInterval;
    const current = intervals[i] as WorkingInterval;
    if (current.start < previous.end)
      throw new AppError('CALENDAR_HOURS_INVALID', {
        overlap: [
          formatClockTime(previous.start),
          formatClockTime(previous.end),
          formatClockTime(current.start),
          formatClockTime(current.end),
        ],
      });
  }
  return intervals;
}

function checkSettings(settings: CalendarSettings): void {
  if (settings.timeZone !== undefined && !isTimeZone(settings.timeZone))
    throw new AppError('VALIDATION_FAILED', { field: 'timeZone', reason: 'not an IANA time zone' });
  if (settings.workingHours !== undefined) parseWorkingHours(settings.workingHours);
  if (settings.workingDays !== undefined && new Set(settings.workingDays).size !== settings.workingDays.length)
    throw new AppError('VALIDATION_FAILED', { field: 'workingDays', reason: 'a weekday twice' });
}

function auditedFields(row: BusinessCalendarRow) {
  const { id: _id, createdAt: _created, updatedAt: _updated, ...fields } = row;
  return fields;
}

export async function listBusinessCalendars(db: Executor): Promise<CalendarWithExceptions[]> {
  const rows = await db.select().from(businessCalendar).orderBy(asc(businessCalendar.name));
  if (rows.length === 0) return [];
  const exceptions = await db
    .select()
    .from(businessCalendarException)
    .where(
      inArray(
        businessCalendarException.calendarId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(businessCalendarException.date));
  return rows.map((row) => ({ ...row, exceptions: exceptions.filter((exception) => exception.calendarId === row.id) }));
}

/** A calendar by id or by exact name. @throws AppError CALENDAR_NOT_FOUND */
export async function getBusinessCalendar(db: Executor, idOrName: string): Promise<CalendarWithExceptions> {
  const [row] = await db
    .select()
    .from(businessCalendar)
    .where(UUID.test(idOrName) ? eq(businessCalendar.id, idOrName) : eq(businessCalendar.name, idOrName));
  if (!row) throw new AppError('CALENDAR_NOT_FOUND', { calendar: idOrName });
  const exceptions = await db
    .select()
    .from(businessCalendarException)
    .where(eq(businessCalendarException.calendarId, row.id))
    .orderBy(asc(businessCalendarException.date));
  return { ...row, exceptions };
}

/** Errors: VALIDATION_FAILED (time zone, weekdays), CALENDAR_HOURS_INVALID, CALENDAR_NAME_TAKEN. */
export async function createBusinessCalendar(
  tx: Executor,
  input: { settings: Required<CalendarSettings>; actor: ActorRef; now: Date },
): Promise<CalendarWithExceptions> {
  checkSettings(input.settings);
  let row: BusinessCalendarRow | undefined;
  try {
    [row] = await tx
      .insert(businessCalendar)
      .values({ ...input.settings, createdAt: input.now, updatedAt: input.now })
      .returning();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CALENDAR_NAME_TAKEN');
    throw error;
  }
  if (!row) throw new AppError('CALENDAR_NOT_FOUND');
  await appendAudit(tx, {
    subjectType: 'business_calendar',
    subjectId: row.id,
    action: 'business_calendar.created',
    actor: input.actor,
    after: auditedFields(row),
    occurredAt: input.now,
    newSubject: true,
  });
  return { ...row, exceptions: [] };
}

/**
 * Changes a calendar's rule; the deadlines counted on it are recomputed by
 * the SLA module on `business_calendar.changed`.
 * Errors: CALENDAR_NOT_FOUND, VALIDATION_FAILED, CALENDAR_HOURS_INVALID, CALENDAR_NAME_TAKEN.
 */
export async function updateBusinessCalendar(
  tx: Executor,
  input: { id: string; changes: CalendarSettings; actor: ActorRef; now: Date },
): Promise<CalendarWithExceptions> {
  checkSettings(input.changes);
  const [current] = await tx.select().from(businessCalendar).where(eq(businessCalendar.id, input.id)).for('update');
  if (!current) throw new AppError('CALENDAR_NOT_FOUND', { calendar: input.id });
  const changes = Object.fromEntries(Object.entries(input.changes).filter(([, value]) => value !== undefined)) as CalendarSettings;
  let row: BusinessCalendarRow | undefined;
  try {
    [row] = await tx
      .update(businessCalendar)
      .set({ ...changes, updatedAt: input.now })
      .where(eq(businessCalendar.id, input.id))
      .returning();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CALENDAR_NAME_TAKEN');
    throw error;
  }
  if (!row) throw new AppError('CALENDAR_NOT_FOUND', { calendar: input.id });
  await appendAudit(
    tx,
    {
      subjectType: 'business_calendar',
      subjectId: row.id,
      action: 'business_calendar.updated',
      actor: input.actor,
      before: auditedFields(current),
      after: auditedFields(row),
      occurredAt: input.now,
    },
    { name: 'business_calendar.changed', payload: { calendarId: row.id }, occurredAt: input.now },
  );
  return getBusinessCalendar(tx, row.id);
}

/**
 * Deletes a calendar nothing counts on: no SLA policy names it and no ticket
 * clock was counted on it (their history would lose its meaning).
 * Errors: CALENDAR_NOT_FOUND, CALENDAR_IN_USE.
 */
export async function deleteBusinessCalendar(tx: Executor, input: { id: string; actor: ActorRef; now: Date }): Promise<void> {
  const [current] = await tx.select().from(businessCalendar).where(eq(businessCalendar.id, input.id)).for('update');
  if (!current) throw new AppError('CALENDAR_NOT_FOUND', { calendar: input.id });
  const [policies] = await tx.select({ count: count() }).from(slaPolicy).where(eq(slaPolicy.calendarId, input.id));
  const [clocks] = await tx.select({ count: count() }).from(slaClock).where(eq(slaClock.calendarId, input.id));
  if ((policies?.count ?? 0) > 0 || (clocks?.count ?? 0) > 0)
    throw new AppError('CALENDAR_IN_USE', { policies: policies?.count ?? 0, clocks: clocks?.count ?? 0 });
  await tx.delete(businessCalendar).where(eq(businessCalendar.id, input.id));
  await appendAudit(tx, {
    subjectType: 'business_calendar',
    subjectId: current.id,
    action: 'business_calendar.deleted',
    actor: input.actor,
    before: auditedFields(current),
    occurredAt: input.now,
  });
}

/**
 * Closes a calendar on a date or opens it as an extra working day (replacing
 * what that date had), or with `kind: null` removes the date's exception.
 * Errors: CALENDAR_NOT_FOUND, VALIDATION_FAILED (date).
 */
export async function setCalendarException(
  tx: Executor,
  input: { calendarId: string; date: string; kind: 'closed' | 'working' | null; name?: string; actor: ActorRef; now: Date },
): Promise<CalendarWithExceptions> {
  if (!isLocalDate(input.date)) throw new AppError('VALIDATION_FAILED', { field: 'date', reason: 'not a YYYY-MM-DD date' });
  const [calendar] = await tx.select().from(businessCalendar).where(eq(businessCalendar.id, input.calendarId)).for('update');
  if (!calendar) throw new AppError('CALENDAR_NOT_FOUND', { calendar: input.calendarId });
  const [before] = await tx
    .delete(businessCalendarException)
    .where(and(eq(businessCalendarException.calendarId, calendar.id), eq(businessCalendarException.date, input.date)))
    .returning();
  const after = input.kind ? { calendarId: calendar.id, date: input.date, kind: input.kind, name: input.name ?? '' } : undefined;
  if (after) await tx.insert(businessCalendarException).values(after);
  await tx.update(businessCalendar).set({ updatedAt: input.now }).where(eq(businessCalendar.id, calendar.id));
  await appendAudit(
    tx,
    {
      subjectType: 'business_calendar',
      subjectId: calendar.id,
      action: 'business_calendar.exception_set',
      actor: input.actor,
      before: { date: input.date, kind: before?.kind ?? null, name: before?.name ?? null },
      after: { date: input.date, kind: after?.kind ?? null, name: after?.name ?? null },
      occurredAt: input.now,
    },
    { name: 'business_calendar.changed', payload: { calendarId: calendar.id }, occurredAt: input.now },
  );
  return getBusinessCalendar(tx, calendar.id);
}

/** Every public-holiday year we know: the shipped notices and the years admins entered. */
export async function loadPublicHolidays(db: Executor): Promise<PublicHolidays> {
  const entered = await db.select().from(publicHolidayYear).orderBy(asc(publicHolidayYear.year));
  return new PublicHolidays([...cnPublicHolidayYears, ...entered.map(asPublicHolidayYear)]);
}

export function asPublicHolidayYear(row: PublicHolidayYearRow): PublicHolidayYear {
  return {
    year: row.year,
    notice: { title: row.noticeTitle, reference: row.noticeReference, issued: row.noticeIssued, url: row.noticeUrl },
    holidays: row.holidays,
    workdays: row.workdays,
  };
}

/** The shipped years (not editable) and the entered ones, oldest first. */
export async function listPublicHolidayYears(db: Executor): Promise<{ year: PublicHolidayYear; shipped: boolean }[]> {
  const entered = await db.select().from(publicHolidayYear).orderBy(asc(publicHolidayYear.year));
  return [
    ...cnPublicHolidayYears.map((year) => ({ year, shipped: true })),
    ...entered.map((row) => ({ year: asPublicHolidayYear(row), shipped: false })),
  ].sort((a, b) => a.year.year - b.year.year);
}

/**
 * Enters (or replaces) a year's public holidays from the State Council's
 * notice, e.g. 2027 once it is published. Dates must be real; a holiday
 * range must not be reversed and may reach into the neighbouring years only
 * by its New Year days (2023's 元旦 began on 31 December 2022); make-up days
 * must be in the year and not holidays.
 * Errors: HOLIDAY_YEAR_SHIPPED, VALIDATION_FAILED.
 */
export async function enterPublicHolidayYear(
  tx: Executor,
  input: { year: PublicHolidayYear; actor: ActorRef; now: Date },
): Promise<PublicHolidayYear> {
  const { year } = input;
  if (cnPublicHolidayYears.some((shipped) => shipped.year === year.year)) throw new AppError('HOLIDAY_YEAR_SHIPPED', { year: year.year });
  checkHolidayYear(year);
  const values = {
    year: year.year,
    noticeTitle: year.notice.title,
    noticeReference: year.notice.reference,
    noticeIssued: year.notice.issued,
    noticeUrl: year.notice.url,
    holidays: [...year.holidays],
    workdays: [...year.workdays],
    enteredAt: input.now,
  };
  const [before] = await tx.select().from(publicHolidayYear).where(eq(publicHolidayYear.year, year.year)).for('update');
  const [row] = before
    ? await tx.update(publicHolidayYear).set(values).where(eq(publicHolidayYear.id, before.id)).returning()
    : await tx.insert(publicHolidayYear).values(values).returning();
  if (!row) throw new AppError('VALIDATION_FAILED', { field: 'year' });
  await appendAudit(
    tx,
    {
      subjectType: 'public_holiday_year',
      subjectId: row.id,
      action: before ? 'public_holiday_year.replaced' : 'public_holiday_year.entered',
      actor: input.actor,
      before: before ? { ...asPublicHolidayYear(before) } : null,
      after: { ...asPublicHolidayYear(row) },
      occurredAt: input.now,
      ...(before ? {} : { newSubject: true as const }),
    },
    { name: 'business_calendar.changed', payload: { publicHolidayYear: row.year }, occurredAt: input.now },
  );
  return asPublicHolidayYear(row);
}

function checkHolidayYear(year: PublicHolidayYear): void {
  const inYear = (date: string) => isLocalDate(date) && Number(date.slice(0, 4)) === year.year;
  const near = (date: string) => isLocalDate(date) && date >= `${year.year - 1}-12-01` && date <= `${year.year + 1}-01-31`;
  for (const holiday of year.holidays) {
    if (!near(holiday.from) || !near(holiday.to) || holiday.to < holiday.from)
      throw new AppError('VALIDATION_FAILED', { field: 'holidays', holiday: holiday.name, from: holiday.from, to: holiday.to });
  }
  const holidayDates = new PublicHolidays([{ ...year, workdays: [] }]);
  for (const workday of year.workdays) {
    if (!inYear(workday.date) || holidayDates.on(workday.date)?.kind === 'holiday')
      throw new AppError('VALIDATION_FAILED', { field: 'workdays', workday: workday.name, date: workday.date });
  }
}

/**
 * The calendar ready for arithmetic, with every public-holiday year we know;
 * `unknownYears: 'weekdays'` for deadlines that must be kept even before a
 * year's notice is entered (see BusinessCalendar). @throws AppError CALENDAR_NOT_FOUND
 */
export async function loadBusinessCalendar(
  db: Executor,
  idOrName: string,
  holidays?: PublicHolidays,
  options?: { unknownYears: 'error' | 'weekdays' },
): Promise<BusinessCalendar> {
  const row = await getBusinessCalendar(db, idOrName);
  return toBusinessCalendar(row, holidays ?? (await loadPublicHolidays(db)), options);
}

export function toBusinessCalendar(
  row: CalendarWithExceptions,
  holidays: PublicHolidays,
  options?: { unknownYears: 'error' | 'weekdays' },
): BusinessCalendar {
  const definition: BusinessCalendarDefinition = {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    alwaysOpen: row.alwaysOpen,
    workingDays: row.workingDays,
    workingHours: parseWorkingHours(row.workingHours),
    followsPublicHolidays: row.followsPublicHolidays,
    exceptions: row.exceptions.map(({ date, kind, name }) => ({ date, kind, name })),
  };
  return new BusinessCalendar(definition, holidays, options);
}

const MAX_DAYS_LISTED = 366;

/** The days of a date range as the calendar sees them. Errors: CALENDAR_NOT_FOUND, VALIDATION_FAILED, HOLIDAYS_NOT_AVAILABLE. */
export async function daysOfCalendar(db: Executor, input: { calendarId: string; from: string; to: string }): Promise<CalendarDay[]> {
  if (!isLocalDate(input.from) || !isLocalDate(input.to) || input.to < input.from)
    throw new AppError('VALIDATION_FAILED', { field: 'from/to', reason: 'two YYYY-MM-DD dates, from not after to' });
  if (dayNumber(input.to) - dayNumber(input.from) >= MAX_DAYS_LISTED)
    throw new AppError('VALIDATION_FAILED', { field: 'to', reason: `at most ${MAX_DAYS_LISTED} days` });
  const calendar = await loadBusinessCalendar(db, input.calendarId);
  const days: CalendarDay[] = [];
  for (let date = input.from; date <= input.to; date = nextLocalDate(date)) days.push(calendar.day(date));
  return days;
}

/**
 * A deadline on a calendar: `from` plus an amount of working minutes or
 * hours, working days (to the close of the n-th working day after the
 * start's day), or elapsed hours or days. Errors: CALENDAR_NOT_FOUND,
 * VALIDATION_FAILED, HOLIDAYS_NOT_AVAILABLE, CALENDAR_HAS_NO_WORKING_TIME.
 */
export async function computeOnCalendar(
  db: Executor,
  input: { calendarId: string; from: Date; target: SlaTarget },
): Promise<CalendarComputation> {
  if (Number.isNaN(input.from.getTime())) throw new AppError('VALIDATION_FAILED', { field: 'from', reason: 'not an instant' });
  const calendar = await loadBusinessCalendar(db, input.calendarId);
  const due = addTarget(calendar, input.from, input.target);
  return {
    calendarId: calendar.definition.id,
    from: input.from.toISOString(),
    due: due.toISOString(),
    dueLocal: formatLocalDateTime(due, calendar.definition.timeZone),
    workingMinutes: calendar.workingMinutesBetween(input.from, due),
  };
}

export interface CalendarComputation {
  calendarId: string;
  from: string;
  due: string;
  dueLocal: string;
  workingMinutes: number;
}
