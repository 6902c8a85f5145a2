/**
 * `npm run bench:calendar`
 *
 * The cost of one `addWorkingMinutes` call whose deadline is a month of
 * working time away (22 working days of 9:00–18:00, from random starts in
 * 2025–2026, so weekends, public holidays and make-up days are crossed), of
 * `workingMinutesBetween` over the same span, and of `addWorkingDays(…, 3)`,
 * on a calendar whose days are already worked out (as on a running server)
 * and on a fresh one. Target: ≤ 20 µs per month-long `addWorkingMinutes`.
 */
import { BusinessCalendar, type BusinessCalendarDefinition, shippedPublicHolidays } from '../src/sla';
import { seededRandom } from '../src/platform/random';

const definition: BusinessCalendarDefinition = {
  id: 'bench',
  name: '工作日 09:00–18:00',
  timeZone: 'Asia/Shanghai',
  alwaysOpen: false,
  workingDays: [1, 2, 3, 4, 5],
  workingHours: [{ start: 540, end: 1_080 }],
  followsPublicHolidays: true,
  exceptions: [],
};
const MONTH_OF_WORK = 22 * 540;
const random = seededRandom(20_261_207);
const rangeStart = Date.parse('2025-01-01T00:00:00+08:00');
// Starts far enough before the end of 2026 that a month of working time stays within the known years.
const rangeEnd = Date.parse('2026-11-15T00:00:00+08:00');
const starts = Array.from({ length: 10_000 }, () => new Date(rangeStart + Math.floor(random() * (rangeEnd - rangeStart))));

function perCall(name: string, calls: number, run: () => void): string {
  const started = process.hrtime.bigint();
  run();
  const micros = Number(process.hrtime.bigint() - started) / 1_000 / calls;
  return `  ${name.padEnd(58)} ${micros.toFixed(2)} µs per call`;
}

const warm = new BusinessCalendar(definition, shippedPublicHolidays);
for (const start of starts) warm.addWorkingMinutes(start, MONTH_OF_WORK);
const rounds = 20;
const ends = starts.map((start) => warm.addWorkingMinutes(start, MONTH_OF_WORK));
const lines = [
  '== business calendar (Asia/Shanghai, 9:00–18:00, CN public holidays), 10,000 random starts in 2025–2026',
  perCall('addWorkingMinutes, a month of working time (warm)', starts.length * rounds, () => {
    for (let round = 0; round < rounds; round++) for (const start of starts) warm.addWorkingMinutes(start, MONTH_OF_WORK);
  }),
  perCall('addWorkingMinutes, 8 working hours (warm)', starts.length * rounds, () => {
    for (let round = 0; round < rounds; round++) for (const start of starts) warm.addWorkingMinutes(start, 480);
  }),
  perCall('workingMinutesBetween, a month of working time (warm)', starts.length * rounds, () => {
    for (let round = 0; round < rounds; round++) {
      for (let index = 0; index < starts.length; index++) warm.workingMinutesBetween(starts[index] as Date, ends[index] as Date);
    }
  }),
  perCall('addWorkingDays, 3 working days (warm)', starts.length * rounds, () => {
    for (let round = 0; round < rounds; round++) for (const start of starts) warm.addWorkingDays(start, 3);
  }),
  perCall('addWorkingMinutes, a month, new calendar each call (cold)', 2_000, () => {
    for (const start of starts.slice(0, 2_000))
      new BusinessCalendar(definition, shippedPublicHolidays).addWorkingMinutes(start, MONTH_OF_WORK);
  }),
  `  peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
];
process.stdout.write(`${lines.join('\n')}\n`);
