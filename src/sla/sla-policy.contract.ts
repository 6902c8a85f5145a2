import { Type } from '@sinclair/typebox';
import { SlaTargetDto } from '@common/dto/sla.dto';
import { StringEnum, Uuid } from '@common/dto/primitives';
import { slaClasses } from '@common/classification/problem-types';
import { ticketChannels, ticketPriorities } from '@common/tickets/ticket-fields';

const Codes = Type.Array(Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9_-]+$' }), { maxItems: 50 });
const Target = Type.Union([SlaTargetDto, Type.Null()]);

const fields = {
  name: Type.String({ minLength: 1, maxLength: 80 }),
  position: Type.Integer({ minimum: 0, maximum: 100_000 }),
  active: Type.Boolean(),
  problemTypes: Codes,
  slaClasses: Type.Array(StringEnum(slaClasses), { maxItems: 10 }),
  priorities: Type.Array(StringEnum(ticketPriorities), { maxItems: 4 }),
  channels: Type.Array(StringEnum(ticketChannels), { maxItems: 10 }),
  customerTiers: Codes,
  calendarId: Uuid,
  firstResponse: Target,
  nextResponse: Target,
  resolution: Target,
  warnAtPercent: Type.Integer({ minimum: 1, maximum: 99 }),
  raisePriorityOnBreach: Type.Boolean(),
  escalationGroupId: Type.Union([Uuid, Type.Null()]),
};

export const SlaPolicyParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const CreateSlaPolicyBody = Type.Object(
  {
    name: fields.name,
    calendarId: fields.calendarId,
    position: Type.Optional(fields.position),
    active: Type.Optional(fields.active),
    problemTypes: Type.Optional(fields.problemTypes),
    slaClasses: Type.Optional(fields.slaClasses),
    priorities: Type.Optional(fields.priorities),
    channels: Type.Optional(fields.channels),
    customerTiers: Type.Optional(fields.customerTiers),
    firstResponse: Type.Optional(fields.firstResponse),
    nextResponse: Type.Optional(fields.nextResponse),
    resolution: Type.Optional(fields.resolution),
    warnAtPercent: Type.Optional(fields.warnAtPercent),
    raisePriorityOnBreach: Type.Optional(fields.raisePriorityOnBreach),
    escalationGroupId: Type.Optional(fields.escalationGroupId),
  },
  { additionalProperties: false },
);

export const UpdateSlaPolicyBody = Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 });
