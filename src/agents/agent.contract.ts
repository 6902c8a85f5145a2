import { Type } from '@sinclair/typebox';
import { StringEnum, Uuid } from '@common/dto/primitives';
import { agentRoles } from '@common/tickets/ticket-fields';

export const Password = Type.String({ minLength: 10, maxLength: 200 });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Locale = StringEnum(['zh-CN', 'en'] as const);

export const CreateAgentBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    name: Name,
    role: StringEnum(agentRoles),
    password: Password,
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);

export const UpdateAgentBody = Type.Object(
  {
    name: Type.Optional(Name),
    role: Type.Optional(StringEnum(agentRoles)),
    active: Type.Optional(Type.Boolean()),
    locale: Type.Optional(Locale),
    password: Type.Optional(Password),
    unlock: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const AgentParams = Type.Object({ id: Uuid }, { additionalProperties: false });
