import { Type } from '@sinclair/typebox';
import { Nullable, StringEnum, Uuid } from '@common/dto/primitives';
import { agentLanguages, agentPresences, routingStrategies } from '@common/routing/routing-fields';

export const PresenceBody = Type.Object({ status: StringEnum(agentPresences) }, { additionalProperties: false });

export const RoutingProfileBody = Type.Object(
  {
    languages: Type.Optional(Type.Array(StringEnum(agentLanguages), { minItems: 1, maxItems: agentLanguages.length * 2 })),
    maxOpenTickets: Type.Optional(Type.Integer({ minimum: 0, maximum: 500 })),
    maxConcurrentChats: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const GroupRoutingBody = Type.Object(
  {
    strategy: Type.Optional(StringEnum(routingStrategies)),
    overflowGroupId: Type.Optional(Nullable(Uuid)),
    overflowAfterMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 }))),
    requiredLanguage: Type.Optional(Nullable(StringEnum(agentLanguages))),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** Taking the next ticket needs nothing but who asks; an empty object, strictly. */
export const TakeNextTicketBody = Type.Object({}, { additionalProperties: false });

/** The heartbeat carries nothing but who calls; an empty object, strictly. */
export const HeartbeatBody = Type.Object({}, { additionalProperties: false });

export const AgentIdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const GroupIdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const ProblemTypeCodeParams = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' }) },
  { additionalProperties: false },
);
