import { Type } from '@sinclair/typebox';
import { Uuid } from '@common/dto/primitives';

export const NotificationListQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean({ description: 'Only the unread ones' })),
    before: Type.Optional(
      Type.String({ format: 'date-time', maxLength: 40, description: 'The createdAt of the last one seen, for the next page' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
  },
  { additionalProperties: false },
);

export const MarkReadBody = Type.Object(
  { ids: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 100, description: 'Without ids, all of mine' })) },
  { additionalProperties: false },
);
