import { eq } from 'drizzle-orm';
import { defineJob } from '../platform/jobs';
import { postSigned } from './webhook-http';
import { recordAttempt, recordDeliveryOutcome } from './webhook-log';
import { webhookDelivery, webhookEndpoint } from './webhook.table';

/** Per-attempt HTTP timeout of a queued delivery. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * Sends one queued delivery, signed at the moment of sending (a retry gets a
 * fresh timestamp). A non-2xx answer or a network error is logged and
 * retried with exponential backoff (2 s, 4 s, 8 s … up to 5 min); the last
 * failure marks the delivery failed and raises `webhook.failed`. Idempotent:
 * a delivery already settled is not sent again.
 */
export const deliverWebhookJob = defineJob<{ deliveryId: string }>({
  name: 'webhooks.deliver',
  attempts: 6,
  backoff: { baseMs: 2_000, maxMs: 5 * 60_000 },
  timeoutMs: DELIVERY_TIMEOUT_MS + 5_000,
  async run({ db, clock, attempt, logger }, { deliveryId }) {
    const [found] = await db
      .select({ delivery: webhookDelivery, endpoint: webhookEndpoint })
      .from(webhookDelivery)
      .innerJoin(webhookEndpoint, eq(webhookEndpoint.id, webhookDelivery.endpointId))
      .where(eq(webhookDelivery.id, deliveryId));
    if (found?.delivery.status !== 'pending' || found.delivery.body === null) return;
    const { delivery, endpoint } = found;
    const outcome = endpoint.active
      ? await postSigned({
          url: endpoint.url,
          secret: endpoint.secret,
          body: delivery.body as string,
          deliveryId,
          nowMs: clock.now().getTime(),
          timeoutMs: DELIVERY_TIMEOUT_MS,
        })
      : { ok: false, statusCode: null, durationMs: 0, error: 'endpoint deactivated', responseText: null };
    const final = outcome.ok || attempt >= deliverWebhookJob.attempts || !endpoint.active;
    const now = clock.now();
    await db.transaction(async (tx) => {
      await recordAttempt(tx, { deliveryId, attempt, outcome, final, now });
      if (final) await recordDeliveryOutcome(tx, delivery, outcome, now);
    });
    logger.info(
      { deliveryId, purpose: delivery.purpose, statusCode: outcome.statusCode, durationMs: outcome.durationMs },
      'webhook attempt',
    );
    // Throwing hands the retry and its backoff to the job runner.
    if (!final) throw new Error(`webhook delivery failed: ${outcome.error ?? 'no answer'}`);
  },
});
