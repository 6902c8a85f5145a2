import { eq } from 'drizzle-orm';
import type { Executor } from '../platform/db';
import { recordEvent } from '../platform/events';
import type { HttpOutcome } from './webhook-http';
import { webhookAttempt, webhookDelivery } from './webhook.table';

type WebhookDeliveryRow = typeof webhookDelivery.$inferSelect;

export function parseAnswer(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** One line of the delivery log, and the delivery's status when this attempt settles it. */
export async function recordAttempt(
  db: Executor,
  input: { deliveryId: string; attempt: number; outcome: HttpOutcome; final: boolean; now: Date },
): Promise<void> {
  const { outcome } = input;
  await db.insert(webhookAttempt).values({
    deliveryId: input.deliveryId,
    attempt: input.attempt,
    statusCode: outcome.statusCode,
    durationMs: outcome.durationMs,
    error: outcome.error,
    attemptedAt: input.now,
  });
  const settled = outcome.ok ? 'succeeded' : input.final ? 'failed' : 'pending';
  await db
    .update(webhookDelivery)
    .set({
      status: settled,
      attempts: input.attempt,
      lastStatusCode: outcome.statusCode,
      lastDurationMs: outcome.durationMs,
      lastError: outcome.error,
      ...(settled === 'pending' ? {} : { completedAt: input.now }),
    })
    .where(eq(webhookDelivery.id, input.deliveryId));
}

/** Tells subscribers (the freeze) how a queued delivery ended. */
export async function recordDeliveryOutcome(tx: Executor, delivery: WebhookDeliveryRow, outcome: HttpOutcome, now: Date): Promise<void> {
  await recordEvent(tx, {
    name: outcome.ok ? 'webhook.delivered' : 'webhook.failed',
    payload: {
      deliveryId: delivery.id,
      purpose: delivery.purpose,
      subjectType: delivery.subjectType,
      subjectId: delivery.subjectId,
      statusCode: outcome.statusCode,
      error: outcome.error,
      answer: outcome.ok ? parseAnswer(outcome.responseText) : null,
    },
    occurredAt: now,
  });
}
