import { BusinessCalendar } from '../src/sla/business-calendar';
import { shippedPublicHolidays } from '../src/sla/public-holidays';
import { deadlines } from '../src/sla/sla-clock.service';
const hol = shippedPublicHolidays;
for (const exc of [[], [{ date: '2026-06-15', kind: 'closed', name: 'x' }]]) {
  const cal = new BusinessCalendar({ id: 'x', name: 'x', timeZone: 'Asia/Shanghai', alwaysOpen: false, workingDays: [1,2,3,4,5], workingHours: [{start:540,end:1080}], followsPublicHolidays: true, exceptions: exc as any }, hol, { unknownYears: 'weekdays' });
  for (const target of [{amount:2,unit:'working_hours'},{amount:3,unit:'working_days'}]) {
    const t = performance.now();
    for (let i = 0; i < 100000; i++) {
      const start = new Date(Date.parse('2026-01-05T01:00:00Z') + ((i * 7919) % 600) * 13 * 3600000);
      deadlines(cal, target as any, start, 0, 80);
    }
    console.log(exc.length, target.unit, ((performance.now() - t) / 100000 * 1000).toFixed(2), 'µs');
  }
}
