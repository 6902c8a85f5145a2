import { Type } from '@sinclair/typebox';
import { recommendedChannels, slaClasses } from '@common/classification/problem-types';
import { Nullable, StringEnum, Uuid } from '@common/dto/primitives';
import { ticketPriorities } from '@common/tickets/ticket-fields';

export const ProblemTypeParams = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$' }) }, { additionalProperties: false });
export const UpdateProblemTypeBody = Type.Object(
  {
    nameZh: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    recommendedChannel: Type.Optional(StringEnum(recommendedChannels)),
    defaultGroupId: Type.Optional(Nullable(Uuid)),
    priority: Type.Optional(StringEnum(ticketPriorities)),
    slaClass: Type.Optional(StringEnum(slaClasses)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
