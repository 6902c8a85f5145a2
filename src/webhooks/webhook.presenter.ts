import type { WebhookDeliveryDto, WebhookEndpointDto } from '@common/dto/webhook.dto';
import type { WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow } from './webhook.service';

export function presentWebhookEndpoint(row: WebhookEndpointRow): WebhookEndpointDto {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    purposes: row.purposes,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentWebhookDelivery(row: WebhookDeliveryRow & { attemptLog: WebhookAttemptRow[] }): WebhookDeliveryDto {
  return {
    id: row.id,
    endpointId: row.endpointId,
    purpose: row.purpose,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastDurationMs: row.lastDurationMs,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    attemptLog: row.attemptLog.map((attempt) => ({
      attempt: attempt.attempt,
      statusCode: attempt.statusCode,
      durationMs: attempt.durationMs,
      error: attempt.error,
      attemptedAt: attempt.attemptedAt.toISOString(),
    })),
  };
}
