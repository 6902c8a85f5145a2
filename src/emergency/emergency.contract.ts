import { Type } from '@sinclair/typebox';
import { StringEnum, Uuid } from '@common/dto/primitives';

/** The last four characters of a resident ID (the check character may be X) and of a mobile number. */
export const IdentityCheckBody = Type.Object(
  {
    idLast4: Type.String({ pattern: '^[0-9]{3}[0-9Xx]$', minLength: 4, maxLength: 4 }),
    mobileLast4: Type.String({ pattern: '^[0-9]{4}$', minLength: 4, maxLength: 4 }),
  },
  { additionalProperties: false },
);

export const FreezeOutcomeBody = Type.Object(
  {
    status: StringEnum(['frozen', 'accepted', 'rejected'] as const),
    reference: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    message: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const FreezeRequestParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const SelfServiceParams = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200, pattern: '^[0-9A-Za-z_.-]{10,200}$' }) },
  { additionalProperties: false },
);

/** An agent's click may say why (e.g. 客户来电确认资金被转走); kept on the request's audit entry and sent to the platform. */
export const AgentFreezeBody = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) },
  { additionalProperties: false },
);

/** The customer's explicit "yes, freeze my account". */
export const CustomerFreezeBody = Type.Object({ confirm: Type.Literal(true) }, { additionalProperties: false });
