import { Type } from '@sinclair/typebox';
import { StringEnum, Uuid } from '@common/dto/primitives';
import { webhookPurposes } from '@common/webhooks/webhook-purposes';

const Url = Type.String({
  minLength: 8,
  maxLength: 2000,
  pattern: '^https?://[^\\s]+$',
  description: 'http(s) URL of the platform back-end',
});
const Purposes = Type.Array(StringEnum(webhookPurposes), { minItems: 1, maxItems: webhookPurposes.length, uniqueItems: true });
const Secret = Type.String({
  minLength: 24,
  maxLength: 200,
  pattern: '^[\\x21-\\x7e]{24,200}$',
  description: 'Write-only; generated when omitted',
});

export const CreateWebhookEndpointBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), url: Url, purposes: Purposes, secret: Type.Optional(Secret) },
  { additionalProperties: false },
);

export const UpdateWebhookEndpointBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    url: Type.Optional(Url),
    purposes: Type.Optional(Purposes),
    active: Type.Optional(Type.Boolean()),
    secret: Type.Optional(Secret),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const WebhookEndpointParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const WebhookDeliveriesQuery = Type.Object(
  {
    endpointId: Type.Optional(Uuid),
    subjectId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
