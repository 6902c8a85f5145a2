import { Type } from '@sinclair/typebox';
import { Uuid } from '@common/dto/primitives';

const Name = Type.String({ minLength: 1, maxLength: 100 });
const Description = Type.String({ maxLength: 1000 });
const MemberIds = Type.Array(Uuid, { maxItems: 1000 });

export const CreateGroupBody = Type.Object(
  { name: Name, description: Type.Optional(Description), isDefault: Type.Optional(Type.Boolean()), memberIds: Type.Optional(MemberIds) },
  { additionalProperties: false },
);

export const UpdateGroupBody = Type.Object(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    isDefault: Type.Optional(Type.Literal(true)),
    memberIds: Type.Optional(MemberIds),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const GroupParams = Type.Object({ id: Uuid }, { additionalProperties: false });
