import { createHash } from 'node:crypto';
import { and, arrayContains, desc, eq, inArray } from 'drizzle-orm';
import type { WebhookPurpose } from '@common/webhooks/webhook-purposes';
import { appendAudit } from '../audit';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/errors';
import { enqueueJob } from '../platform/jobs';
import { type ActorRef, randomToken } from '../platform/security';
import { deliverWebhookJob } from './deliver-webhook.job';
import { type HttpOutcome, postSigned } from './webhook-http';
import { parseAnswer, recordAttempt } from './webhook-log';
import { webhookAttempt, webhookDelivery, webhookEndpoint } from './webhook.table';

export type WebhookEndpointRow = typeof webhookEndpoint.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDelivery.$inferSelect;
export type WebhookAttemptRow = typeof webhookAttempt.$inferSelect;

/**
 * Identifies a secret in the audit chain without disclosing it: the first 8
 * hex digits of its SHA-256, enough to tell which secret was set, useless to
 * sign with.
 */
export function secretFingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 8);
}

function auditSnapshot(row: WebhookEndpointRow) {
  return {
    name: row.name,
    url: row.url,
    purposes: row.purposes,
    active: row.active,
    secretFingerprint: secretFingerprint(row.secret),
  };
}

/**
 * Registers an endpoint. The secret is generated unless given and is returned
 * here only; the endpoint's audit chain (`webhook_endpoint`) opens with
 * `webhook_endpoint.created`, carrying the secret's fingerprint, never the secret.
 */
export async function createEndpoint(
  tx: Executor,
  input: { name: string; url: string; purposes: WebhookPurpose[]; secret?: string | undefined; actor: ActorRef; now: Date },
): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
  const secret = input.secret ?? `whsec_${randomToken(32)}`;
  const [endpoint] = await tx
    .insert(webhookEndpoint)
    .values({
      name: input.name,
      url: input.url,
      secret,
      purposes: [...new Set(input.purposes)],
      active: true,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning();
  if (!endpoint) throw new Error('insert returned no row');
  await appendAudit(tx, {
    subjectType: 'webhook_endpoint',
    subjectId: endpoint.id,
    action: 'webhook_endpoint.created',
    actor: input.actor,
    after: auditSnapshot(endpoint),
    occurredAt: input.now,
    newSubject: true,
  });
  return { endpoint, secret };
}

export function listEndpoints(db: Executor): Promise<WebhookEndpointRow[]> {
  return db.select().from(webhookEndpoint).orderBy(webhookEndpoint.createdAt);
}

/**
 * Changes an endpoint; a new secret is set (write-only) when given. The
 * change is audited as `webhook_endpoint.updated` with the fields that
 * changed, before and after (a new secret as its fingerprint, plus
 * `secretRotated: true`); a change that changes nothing writes no entry.
 * Errors: WEBHOOK_ENDPOINT_NOT_FOUND.
 */
export async function updateEndpoint(
  tx: Executor,
  input: {
    id: string;
    changes: { name?: string; url?: string; purposes?: WebhookPurpose[]; active?: boolean; secret?: string };
    actor: ActorRef;
    now: Date;
  },
): Promise<WebhookEndpointRow> {
  // The row lock serialises this endpoint's audit chain, and gives the "before".
  const [current] = await tx.select().from(webhookEndpoint).where(eq(webhookEndpoint.id, input.id)).for('update');
  if (!current) throw new AppError('WEBHOOK_ENDPOINT_NOT_FOUND');
  const { purposes, ...rest } = input.changes;
  const [row] = await tx
    .update(webhookEndpoint)
    .set({ ...rest, ...(purposes ? { purposes: [...new Set(purposes)] } : {}), updatedAt: input.now })
    .where(eq(webhookEndpoint.id, input.id))
    .returning();
  if (!row) throw new AppError('WEBHOOK_ENDPOINT_NOT_FOUND');
  const before: Record<string, unknown> = auditSnapshot(current);
  const after: Record<string, unknown> = auditSnapshot(row);
  const changed = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  // Setting the same secret again is still a deliberate act on the secret: record it.
  const secretSet = input.changes.secret !== undefined;
  if (changed.length > 0 || secretSet) {
    await appendAudit(tx, {
      subjectType: 'webhook_endpoint',
      subjectId: row.id,
      action: 'webhook_endpoint.updated',
      actor: input.actor,
      before: Object.fromEntries(changed.map((key) => [key, before[key]])),
      after: { ...Object.fromEntries(changed.map((key) => [key, after[key]])), ...(secretSet ? { secretRotated: true } : {}) },
      occurredAt: input.now,
    });
  }
  return row;
}

/** The active endpoint serving a purpose. Errors: PLATFORM_ENDPOINT_MISSING. */
export async function endpointFor(db: Executor, purpose: WebhookPurpose): Promise<WebhookEndpointRow> {
  const [row] = await db
    .select()
    .from(webhookEndpoint)
    .where(and(eq(webhookEndpoint.active, true), arrayContains(webhookEndpoint.purposes, [purpose])))
    .orderBy(webhookEndpoint.createdAt)
    .limit(1);
  if (!row) throw new AppError('PLATFORM_ENDPOINT_MISSING', { purpose });
  return row;
}

export function isPlatformEndpointConfigured(db: Executor, purpose: WebhookPurpose): Promise<boolean> {
  return endpointFor(db, purpose).then(
    () => true,
    () => false,
  );
}

/**
 * Queues a signed delivery of `body` to the purpose's endpoint, in the
 * caller's transaction: it leaves only after commit, by the
 * `webhooks.deliver` job, with retries and backoff. The outcome comes back
 * as a `webhook.delivered` or `webhook.failed` event.
 * Errors: PLATFORM_ENDPOINT_MISSING.
 */
export async function enqueueDelivery(
  tx: Executor,
  input: { purpose: WebhookPurpose; subjectType: string; subjectId: string; body: Record<string, unknown>; now: Date },
): Promise<WebhookDeliveryRow> {
  const endpoint = await endpointFor(tx, input.purpose);
  const [delivery] = await tx
    .insert(webhookDelivery)
    .values({
      endpointId: endpoint.id,
      purpose: input.purpose,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      body: JSON.stringify(input.body),
      status: 'pending',
      createdAt: input.now,
    })
    .returning();
  if (!delivery) throw new Error('insert returned no row');
  await enqueueJob(tx, deliverWebhookJob, { deliveryId: delivery.id }, { runAt: input.now, idempotencyKey: `webhook:${delivery.id}` });
  return delivery;
}

/**
 * A synchronous signed call for an answer the caller waits for (the identity
 * check). Logged like a delivery, but without its body: it may carry
 * secrets. Returns the parsed JSON answer of a 2xx, or null.
 * Errors: PLATFORM_ENDPOINT_MISSING.
 */
export async function callEndpoint(
  db: Executor,
  input: {
    purpose: WebhookPurpose;
    subjectType: string;
    subjectId: string;
    body: Record<string, unknown>;
    now: Date;
    nowMs: number;
    timeoutMs: number;
  },
): Promise<{ outcome: HttpOutcome; answer: Record<string, unknown> | null }> {
  const endpoint = await endpointFor(db, input.purpose);
  const [delivery] = await db
    .insert(webhookDelivery)
    .values({
      endpointId: endpoint.id,
      purpose: input.purpose,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      body: null,
      status: 'pending',
      createdAt: input.now,
    })
    .returning({ id: webhookDelivery.id });
  if (!delivery) throw new Error('insert returned no row');
  const outcome = await postSigned({
    url: endpoint.url,
    secret: endpoint.secret,
    body: JSON.stringify(input.body),
    deliveryId: delivery.id,
    nowMs: input.nowMs,
    timeoutMs: input.timeoutMs,
  });
  await recordAttempt(db, { deliveryId: delivery.id, attempt: 1, outcome, final: true, now: input.now });
  return { outcome, answer: outcome.ok ? parseAnswer(outcome.responseText) : null };
}

/** Newest deliveries first, with their attempts; filtered by endpoint or subject. */
export async function listDeliveries(
  db: Executor,
  input: { endpointId?: string | undefined; subjectId?: string | undefined; limit: number },
): Promise<(WebhookDeliveryRow & { attemptLog: WebhookAttemptRow[] })[]> {
  const rows = await db
    .select()
    .from(webhookDelivery)
    .where(
      and(
        input.endpointId ? eq(webhookDelivery.endpointId, input.endpointId) : undefined,
        input.subjectId ? eq(webhookDelivery.subjectId, input.subjectId) : undefined,
      ),
    )
    .orderBy(desc(webhookDelivery.createdAt), desc(webhookDelivery.id))
    .limit(input.limit);
  if (rows.length === 0) return [];
  const attempts = await db
    .select()
    .from(webhookAttempt)
    .where(
      inArray(
        webhookAttempt.deliveryId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(webhookAttempt.attempt);
  return rows.map((row) => ({ ...row, attemptLog: attempts.filter((attempt) => attempt.deliveryId === row.id) }));
}
