import { describe, expect, it } from 'vitest';
import { buildBusinessCalendar } from '../../test/factories/business-calendar';

const office = buildBusinessCalendar();
const withLunch = buildBusinessCalendar({
  id: 'lunch',
  workingHours: [
    { start: 9 * 60, end: 12 * 60 },
    { start: 13 * 60 + 30, end: 18 * 60 },
  ],
});
const hotline = buildBusinessCalendar({ id: 'hotline', alwaysOpen: true, followsPublicHolidays: false });

/** Shanghai wall-clock time as an instant. */
const cst = (wall: string) => new Date(`${wall}:00+08:00`);
const asCst = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('business calendar: working minutes on the Chinese calendar', () => {
  it.each([
    // National Day 2025: Friday evening before, the make-up Sunday 28 September, 1–8 October off, Saturday 11 October worked.
    ['Friday evening before National Day 2025, 8 working hours', '2025-09-26T19:30', 480, '2025-09-28 17:00'],
    ['Friday evening before National Day 2025, 16 working hours', '2025-09-26T19:30', 960, '2025-09-29 16:00'],
    ['the last working hour before National Day 2025 runs into 9 October', '2025-09-30T17:30', 60, '2025-10-09 09:30'],
    ['the make-up Saturday after National Day 2025', '2025-10-10T17:00', 120, '2025-10-11 10:00'],
    // National Day 2026: 中秋 25–27 September, make-up Sunday 20 September, 1–7 October off, Saturday 10 October worked.
    ['Friday evening before National Day 2026 (make-up Sunday 20 September)', '2026-09-18T19:00', 960, '2026-09-21 16:00'],
    ['a ticket opened on the 中秋 holiday', '2026-09-25T20:00', 540, '2026-09-28 18:00'],
    ['the day before National Day 2026', '2026-09-30T17:00', 120, '2026-10-08 10:00'],
    ['the make-up Saturday 10 October 2026', '2026-10-09T17:30', 60, '2026-10-10 09:30'],
    // Spring Festival 2025: Sunday 26 January worked, 28 January – 4 February off, Saturday 8 February worked.
    ['the make-up Sunday before Spring Festival 2025', '2025-01-24T18:00', 60, '2025-01-26 10:00'],
    ['over Spring Festival 2025', '2025-01-27T17:30', 60, '2025-02-05 09:30'],
    ['the make-up Saturday after Spring Festival 2025', '2025-02-07T17:00', 120, '2025-02-08 10:00'],
    // Spring Festival 2026: Saturday 14 February worked, 15–23 February off, Saturday 28 February worked.
    ['the make-up Saturday before Spring Festival 2026', '2026-02-13T17:00', 120, '2026-02-14 10:00'],
    ['over Spring Festival 2026', '2026-02-14T17:00', 120, '2026-02-24 10:00'],
    ['the make-up Saturday after Spring Festival 2026', '2026-02-27T17:00', 120, '2026-02-28 10:00'],
    // Ordinary edges.
    ['a start before opening counts from opening', '2026-03-03T07:15', 30, '2026-03-03 09:30'],
    ['a deadline at closing stays on that day', '2026-03-03T09:00', 540, '2026-03-03 18:00'],
    ['one minute after closing is the next morning', '2026-03-03T18:00', 1, '2026-03-04 09:01'],
    ['a weekend start', '2026-03-07T11:00', 60, '2026-03-09 10:00'],
    ['zero minutes is the start itself, even outside working hours', '2026-03-07T11:00', 0, '2026-03-07 11:00'],
    ['a month of working time', '2026-03-02T09:00', 22 * 540, '2026-03-31 18:00'],
  ])('%s', (_name, start, minutes, due) => {
    expect(asCst(office.addWorkingMinutes(cst(start), minutes))).toBe(due);
  });

  it('skips the lunch break', () => {
    expect(asCst(withLunch.addWorkingMinutes(cst('2026-03-03T11:30'), 60))).toBe('2026-03-03 14:00');
    expect(withLunch.minutesPerWorkingDay).toBe(450);
  });

  it('counts working minutes between two instants, make-up days in and holidays out', () => {
    // 13 Feb (Fri) and the make-up 14 Feb, then 24–27 Feb and the make-up 28 Feb: 7 days of 540 minutes.
    expect(office.workingMinutesBetween(cst('2026-02-13T09:00'), cst('2026-03-02T09:00'))).toBe(7 * 540);
    expect(office.workingMinutesBetween(cst('2026-03-02T09:00'), cst('2026-02-13T09:00'))).toBe(-7 * 540);
    expect(office.workingMinutesBetween(cst('2026-10-01T00:00'), cst('2026-10-08T00:00'))).toBe(0);
    expect(office.workingMinutesBetween(cst('2026-03-03T17:00'), cst('2026-03-04T10:00'))).toBe(120);
  });

  it('inverts addWorkingMinutes', () => {
    const start = cst('2025-09-26T19:30');
    for (const minutes of [1, 59, 540, 541, 5_000, 20_000]) {
      expect(office.workingMinutesBetween(start, office.addWorkingMinutes(start, minutes))).toBe(minutes);
    }
  });

  it('counts working days to the close of the n-th working day after the start', () => {
    // The example: a case opened on Tuesday 29 September 2026 with 3 working days is due 9 October 18:00.
    expect(asCst(office.addWorkingDays(cst('2026-09-29T10:00'), 3))).toBe('2026-10-09 18:00');
    expect(asCst(office.addWorkingDays(cst('2025-09-26T19:30'), 1))).toBe('2025-09-28 18:00');
    expect(asCst(office.addWorkingDays(cst('2025-09-26T19:30'), 4))).toBe('2025-10-09 18:00');
    expect(asCst(office.addWorkingDays(cst('2026-02-13T10:00'), 2))).toBe('2026-02-24 18:00');
  });

  it('adds calendar days, holidays included', () => {
    expect(asCst(office.addCalendarDays(cst('2026-09-30T10:00'), 15))).toBe('2026-10-15 10:00');
    expect(asCst(office.addCalendarDays(cst('2026-12-25T23:30'), 10))).toBe('2027-01-04 23:30');
  });

  it('describes a day by what makes it a day off or a working day', () => {
    expect(office.day('2026-02-14')).toMatchObject({ kind: 'makeup_workday', name: '春节' });
    expect(office.day('2026-02-16')).toMatchObject({ kind: 'public_holiday', name: '春节', intervals: [] });
    expect(office.day('2026-03-07')).toMatchObject({ kind: 'weekend', intervals: [] });
    expect(office.isWorkingTime(cst('2026-02-14T10:00'))).toBe(true);
    expect(office.isWorkingTime(cst('2026-02-16T10:00'))).toBe(false);
  });

  it('refuses to count through a year whose holidays are unknown, naming the year', () => {
    expect(() => office.addWorkingMinutes(cst('2026-12-31T17:00'), 120)).toThrow(
      expect.objectContaining({ code: 'HOLIDAYS_NOT_AVAILABLE', details: expect.objectContaining({ year: 2027 }) }),
    );
    expect(() => office.workingMinutesBetween(cst('2023-12-29T10:00'), cst('2024-01-02T10:00'))).toThrow(
      expect.objectContaining({ code: 'HOLIDAYS_NOT_AVAILABLE', details: expect.objectContaining({ year: 2023 }) }),
    );
    // Within the known years the same arithmetic works.
    expect(asCst(office.addWorkingMinutes(cst('2026-12-31T17:00'), 60))).toBe('2026-12-31 18:00');
  });

  it('applies an admin’s closures and extra working days over the rule and the holidays', () => {
    const calendar = buildBusinessCalendar({
      exceptions: [
        { date: '2026-03-04', kind: 'closed', name: '系统升级' },
        { date: '2026-03-07', kind: 'working', name: '季度结算加班' },
      ],
    });
    expect(asCst(calendar.addWorkingMinutes(cst('2026-03-03T17:00'), 120))).toBe('2026-03-05 10:00');
    expect(calendar.day('2026-03-07')).toMatchObject({ kind: 'extra_working', name: '季度结算加班' });
    expect(asCst(calendar.addWorkingMinutes(cst('2026-03-06T17:00'), 120))).toBe('2026-03-07 10:00');
  });

  it('runs a 7×24 calendar on plain elapsed time, holidays and unknown years included', () => {
    expect(asCst(hotline.addWorkingMinutes(cst('2026-09-30T23:00'), 240))).toBe('2026-10-01 03:00');
    expect(hotline.workingMinutesBetween(cst('2026-10-01T00:00'), cst('2026-10-08T00:00'))).toBe(7 * 1_440);
    expect(asCst(hotline.addWorkingMinutes(cst('2026-12-31T22:00'), 240))).toBe('2027-01-01 02:00');
    expect(asCst(hotline.addWorkingDays(cst('2026-09-30T10:00'), 2))).toBe('2026-10-02 10:00');
  });

  it('keeps wall-clock hours in a zone with daylight saving', () => {
    const berlin = buildBusinessCalendar({ timeZone: 'Europe/Berlin', followsPublicHolidays: false });
    // Clocks went forward on Sunday 29 March 2026: Friday 17:00 CET is 16:00Z, Monday 10:00 CEST is 08:00Z.
    expect(berlin.addWorkingMinutes(new Date('2026-03-27T16:00:00Z'), 120).toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });

  it('reports a calendar without working time instead of looping', () => {
    const never = buildBusinessCalendar({ workingDays: [], followsPublicHolidays: false });
    expect(() => never.addWorkingMinutes(cst('2026-03-03T10:00'), 1)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_HAS_NO_WORKING_TIME' }),
    );
    expect(() => never.addWorkingDays(cst('2026-03-03T10:00'), 1)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_HAS_NO_WORKING_TIME' }),
    );
  });
});
