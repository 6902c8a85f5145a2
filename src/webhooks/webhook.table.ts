import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { WebhookPurpose } from '@common/webhooks/webhook-purposes';

/**
 * An HTTPS endpoint of the platform's own back-end that Huiying calls,
 * signed with the endpoint's secret. The secret is needed in clear to sign,
 * so it is stored, but the API never returns it after creation.
 */
export const webhookEndpoint = pgTable('webhook_endpoint', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  purposes: text('purposes').array().$type<WebhookPurpose[]>().notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

/**
 * One message to one endpoint and how it went. `body` is what is signed and
 * resent on a retry; a synchronous call whose body carries secrets (the
 * identity check's digits) keeps no body.
 */
export const webhookDelivery = pgTable(
  'webhook_delivery',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoint.id),
    purpose: text('purpose').$type<WebhookPurpose>().notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    body: text('body'),
    status: text('status').$type<WebhookDeliveryStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastDurationMs: integer('last_duration_ms'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    index('webhook_delivery_endpoint_idx').on(table.endpointId, table.createdAt),
    index('webhook_delivery_subject_idx').on(table.subjectType, table.subjectId),
  ],
);

/** The delivery log: one row per HTTP attempt (never the secret, never a body). */
export const webhookAttempt = pgTable(
  'webhook_attempt',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDelivery.id),
    attempt: integer('attempt').notNull(),
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms').notNull(),
    error: text('error'),
    attemptedAt: timestamp('attempted_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('webhook_attempt_delivery_idx').on(table.deliveryId, table.attempt)],
);
