import { BusinessCalendar, type BusinessCalendarDefinition, shippedPublicHolidays } from '../../src/sla';

/** A 9:00–18:00 Monday-to-Friday calendar in Shanghai on the shipped public holidays, with overrides. */
export function buildBusinessCalendar(overrides: Partial<BusinessCalendarDefinition> = {}): BusinessCalendar {
  return new BusinessCalendar(
    {
      id: 'office',
      name: '工作日 9:00–18:00',
      timeZone: 'Asia/Shanghai',
      alwaysOpen: false,
      workingDays: [1, 2, 3, 4, 5],
      workingHours: [{ start: 9 * 60, end: 18 * 60 }],
      followsPublicHolidays: true,
      exceptions: [],
      ...overrides,
    },
    shippedPublicHolidays,
  );
}
