import { Type } from '@sinclair/typebox';
import { StringEnum, Uuid } from '@common/dto/primitives';
import { apiTokenScopes } from '@common/tickets/ticket-fields';
import { Password } from '../agents';

export const LoginBody = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Password },
  { additionalProperties: false },
);

export const CreateApiTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(StringEnum(apiTokenScopes), { minItems: 1, maxItems: apiTokenScopes.length, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const ApiTokenParams = Type.Object({ id: Uuid }, { additionalProperties: false });
