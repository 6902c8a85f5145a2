import { type Static, Type } from '@sinclair/typebox';
import { webhookPurposes } from '../webhooks/webhook-purposes';
import { Nullable, StringEnum, Timestamp, Uuid } from './primitives';

/** An endpoint as the API shows it: never its secret. */
export const WebhookEndpointDto = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    url: Type.String(),
    purposes: Type.Array(StringEnum(webhookPurposes)),
    active: Type.Boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'WebhookEndpoint' },
);
export type WebhookEndpointDto = Static<typeof WebhookEndpointDto>;

/** The answer to creating an endpoint: the signing secret, shown this once. */
export const CreatedWebhookEndpointDto = Type.Intersect([WebhookEndpointDto, Type.Object({ secret: Type.String() })], {
  title: 'CreatedWebhookEndpoint',
});

export const WebhookDeliveryDto = Type.Object(
  {
    id: Uuid,
    endpointId: Uuid,
    purpose: StringEnum(webhookPurposes),
    subjectType: Type.String(),
    subjectId: Type.String(),
    status: StringEnum(['pending', 'succeeded', 'failed'] as const),
    attempts: Type.Integer(),
    lastStatusCode: Nullable(Type.Integer()),
    lastDurationMs: Nullable(Type.Integer()),
    lastError: Nullable(Type.String()),
    createdAt: Timestamp,
    completedAt: Nullable(Timestamp),
    attemptLog: Type.Array(
      Type.Object({
        attempt: Type.Integer(),
        statusCode: Nullable(Type.Integer()),
        durationMs: Type.Integer(),
        error: Nullable(Type.String()),
        attemptedAt: Timestamp,
      }),
    ),
  },
  { title: 'WebhookDelivery' },
);
export type WebhookDeliveryDto = Static<typeof WebhookDeliveryDto>;
