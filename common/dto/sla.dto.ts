import { type Static, Type } from '@sinclair/typebox';
import { slaTargetUnits } from '../sla/sla-targets';
import { Timestamp, Uuid } from './primitives';

const LocalDateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10, description: 'A local date, YYYY-MM-DD' });
const ClockTime = Type.String({ pattern: '^([01]\\d|2[0-4]):[0-5]\\d$', maxLength: 5, description: 'HH:MM, 24:00 allowed as an end' });

export const WorkingIntervalDto = Type.Object({ start: ClockTime, end: ClockTime }, { additionalProperties: false });

export const CalendarExceptionDto = Type.Object({
  date: LocalDateString,
  kind: Type.Union([Type.Literal('closed'), Type.Literal('working')]),
  name: Type.String(),
});

export const BusinessCalendarDto = Type.Object({
  id: Uuid,
  name: Type.String(),
  timeZone: Type.String(),
  alwaysOpen: Type.Boolean(),
  workingDays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 })),
  workingHours: Type.Array(WorkingIntervalDto),
  followsPublicHolidays: Type.Boolean(),
  minutesPerWorkingDay: Type.Integer(),
  exceptions: Type.Array(CalendarExceptionDto),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type BusinessCalendarDto = Static<typeof BusinessCalendarDto>;

export const CalendarDayDto = Type.Object({
  date: LocalDateString,
  kind: Type.Union(['working', 'weekend', 'public_holiday', 'makeup_workday', 'closed', 'extra_working'].map((kind) => Type.Literal(kind))),
  name: Type.Optional(Type.String()),
  workingMinutes: Type.Integer(),
});
export type CalendarDayDto = Static<typeof CalendarDayDto>;

export const PublicHolidayYearDto = Type.Object({
  year: Type.Integer(),
  shipped: Type.Boolean({ description: 'Shipped with Huiying from the State Council notice; entered years can be replaced' }),
  notice: Type.Object({ title: Type.String(), reference: Type.String(), issued: LocalDateString, url: Type.String() }),
  holidays: Type.Array(Type.Object({ name: Type.String(), from: LocalDateString, to: LocalDateString })),
  workdays: Type.Array(Type.Object({ name: Type.String(), date: LocalDateString })),
});
export type PublicHolidayYearDto = Static<typeof PublicHolidayYearDto>;

export const CalendarComputationDto = Type.Object({
  calendarId: Uuid,
  from: Timestamp,
  due: Timestamp,
  /** The due instant as local wall-clock time in the calendar's zone, e.g. 2026-10-09 18:00. */
  dueLocal: Type.String(),
  workingMinutes: Type.Number({ description: 'Working minutes from `from` to `due` on this calendar' }),
});
export type CalendarComputationDto = Static<typeof CalendarComputationDto>;

export const SlaClockDto = Type.Object({
  metric: Type.Union([Type.Literal('first_response'), Type.Literal('next_response'), Type.Literal('resolution')]),
  cycle: Type.Integer({
    description: 'Resolution starts a new cycle when a resolved case is reopened; next response with each new customer message',
  }),
  policy: Type.Object({ id: Uuid, name: Type.String() }),
  calendarId: Uuid,
  target: Type.Object({ amount: Type.Number(), unit: Type.String() }),
  state: Type.Union(
    ['running', 'paused', 'met', 'breached'].map((state) => Type.Literal(state)),
    { description: 'met: stopped (answered, resolved or closed) before a breach; breached: passed its due time, running or not' },
  ),
  startedAt: Timestamp,
  dueAt: Type.Union([Timestamp, Type.Null()]),
  warnAt: Type.Union([Timestamp, Type.Null()]),
  /** Working minutes left on the calendar (negative once overdue); null while paused or stopped. */
  remainingMinutes: Type.Union([Type.Number(), Type.Null()]),
  /** Years the clock runs into whose public holidays are not entered yet: the due time counts their weekdays only (the earliest it can be). */
  provisionalYears: Type.Array(Type.Integer()),
  pausedSince: Type.Union([Timestamp, Type.Null()]),
  pausedMinutes: Type.Number(),
  stoppedAt: Type.Union([Timestamp, Type.Null()]),
  warnedAt: Type.Union([Timestamp, Type.Null()]),
  breachedAt: Type.Union([Timestamp, Type.Null()]),
});
export type SlaClockDto = Static<typeof SlaClockDto>;

export const TicketSlaDto = Type.Object({
  ticketNumber: Type.String(),
  nextEscalationAt: Type.Union([Timestamp, Type.Null()]),
  clocks: Type.Array(SlaClockDto),
});
export type TicketSlaDto = Static<typeof TicketSlaDto>;

export const PressStateDto = Type.Object({
  ticketNumber: Type.String(),
  /** Whether the case may be pressed now (open and the interval has passed). */
  pressable: Type.Boolean(),
  /** When it may be pressed (again); null when its state does not allow pressing. */
  availableAt: Type.Union([Timestamp, Type.Null()]),
  pressCount: Type.Integer(),
});
export type PressStateDto = Static<typeof PressStateDto>;

export const ComplaintClockDto = Type.Object({
  ticketNumber: Type.String(),
  subject: Type.Optional(Type.String()),
  acceptedAt: Timestamp,
  /** The decision deadline: 24:00 (local) of the last day, moved past a weekend or public holiday. */
  dueAt: Timestamp,
  days: Type.Integer({ description: 'Calendar days from acceptance: 15, 30 after the standard extension, 60 after a complex one' }),
  state: Type.Union(['on_time', 'extended', 'overdue', 'decided'].map((state) => Type.Literal(state))),
  source: Type.Union(
    ['customer', 'api', 'classifier', 'agent'].map((source) => Type.Literal(source)),
    {
      description: 'Who made it a formal complaint: the customer, the platform for its customer (API), the classifier, an agent',
    },
  ),
  extensions: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal('standard'), Type.Literal('complex')]),
      reason: Type.String(),
      days: Type.Integer(),
      by: Type.String(),
      at: Timestamp,
    }),
  ),
  decidedAt: Type.Union([Timestamp, Type.Null()]),
});
export type ComplaintClockDto = Static<typeof ComplaintClockDto>;

const SlaTargetDto = Type.Object(
  {
    amount: Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }),
    unit: Type.Union(slaTargetUnits.map((unit) => Type.Literal(unit))),
  },
  { additionalProperties: false },
);

export const SlaPolicyDto = Type.Object({
  id: Uuid,
  name: Type.String(),
  position: Type.Integer({ description: 'Policies are tried in this order; the first whose every non-empty condition holds applies' }),
  active: Type.Boolean(),
  conditions: Type.Object({
    problemTypes: Type.Array(Type.String()),
    slaClasses: Type.Array(Type.String()),
    priorities: Type.Array(Type.String()),
    channels: Type.Array(Type.String()),
    customerTiers: Type.Array(Type.String()),
  }),
  calendarId: Uuid,
  firstResponse: Type.Union([SlaTargetDto, Type.Null()]),
  nextResponse: Type.Union([SlaTargetDto, Type.Null()]),
  resolution: Type.Union([SlaTargetDto, Type.Null()]),
  warnAtPercent: Type.Integer(),
  raisePriorityOnBreach: Type.Boolean(),
  escalationGroupId: Type.Union([Uuid, Type.Null()]),
  /** Clocks now counting under this policy. */
  runningClocks: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type SlaPolicyDto = Static<typeof SlaPolicyDto>;
export { SlaTargetDto };
