import { Type } from '@sinclair/typebox';
import { StringEnum, Uuid } from '@common/dto/primitives';
import { slaTargetUnits } from '@common/sla/sla-targets';
import { WorkingIntervalDto } from '@common/dto/sla.dto';

const Name = Type.String({ minLength: 1, maxLength: 80 });
const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Shanghai' });
const WorkingDays = Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { maxItems: 7, description: 'ISO weekdays, 1 = Monday' });
const WorkingHours = Type.Array(WorkingIntervalDto, { minItems: 1, maxItems: 8 });
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });

export const CalendarParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const CalendarDateParams = Type.Object({ id: Uuid, date: LocalDate }, { additionalProperties: false });
export const HolidayYearParams = Type.Object({ year: Type.String({ pattern: '^(19|20|21)\\d{2}$' }) }, { additionalProperties: false });

export const CreateCalendarBody = Type.Object(
  {
    name: Name,
    timeZone: Type.Optional(TimeZone),
    alwaysOpen: Type.Optional(Type.Boolean()),
    workingDays: Type.Optional(WorkingDays),
    workingHours: Type.Optional(WorkingHours),
    followsPublicHolidays: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UpdateCalendarBody = Type.Object(
  {
    name: Type.Optional(Name),
    timeZone: Type.Optional(TimeZone),
    alwaysOpen: Type.Optional(Type.Boolean()),
    workingDays: Type.Optional(WorkingDays),
    workingHours: Type.Optional(WorkingHours),
    followsPublicHolidays: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const CalendarExceptionBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('closed'), Type.Literal('working')]),
    name: Type.String({ minLength: 1, maxLength: 80 }),
  },
  { additionalProperties: false },
);

export const CalendarDaysQuery = Type.Object({ from: LocalDate, to: LocalDate }, { additionalProperties: false });

export const CalendarComputeQuery = Type.Object(
  {
    from: Type.String({ format: 'date-time', maxLength: 40 }),
    amount: Type.Number({ minimum: 0, maximum: 100_000 }),
    unit: StringEnum(slaTargetUnits),
  },
  { additionalProperties: false },
);

const NoticeDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
export const PublicHolidayYearBody = Type.Object(
  {
    notice: Type.Object(
      {
        title: Type.String({ minLength: 1, maxLength: 200 }),
        reference: Type.String({ minLength: 1, maxLength: 100 }),
        issued: NoticeDate,
        url: Type.String({ minLength: 1, maxLength: 500 }),
      },
      { additionalProperties: false },
    ),
    holidays: Type.Array(
      Type.Object(
        { name: Type.String({ minLength: 1, maxLength: 40 }), from: NoticeDate, to: NoticeDate },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20 },
    ),
    workdays: Type.Array(
      Type.Object({ name: Type.String({ minLength: 1, maxLength: 40 }), date: NoticeDate }, { additionalProperties: false }),
      {
        maxItems: 20,
      },
    ),
  },
  { additionalProperties: false },
);
