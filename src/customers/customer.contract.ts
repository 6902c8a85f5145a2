import { Type } from '@sinclair/typebox';
import { ContactPointDto } from '@common/dto/customer.dto';
import { Nullable, Uuid } from '@common/dto/primitives';

const Name = Type.String({ minLength: 1, maxLength: 200 });
const PlatformUserId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\\s]+$' });
const Tier = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9_-]+$' });
const ContactPoints = Type.Array(ContactPointDto, { maxItems: 20 });

export const CreateCustomerBody = Type.Object(
  {
    platformUserId: Type.Optional(PlatformUserId),
    name: Type.Optional(Name),
    tier: Type.Optional(Tier),
    contactPoints: Type.Optional(ContactPoints),
  },
  { additionalProperties: false },
);

export const UpdateCustomerBody = Type.Object(
  {
    platformUserId: Type.Optional(Nullable(PlatformUserId)),
    name: Type.Optional(Nullable(Name)),
    tier: Type.Optional(Tier),
    contactPoints: Type.Optional(ContactPoints),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const CustomerParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const ListCustomersQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  },
  { additionalProperties: false },
);
