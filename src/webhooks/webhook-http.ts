import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '@common/webhooks/webhook-purposes';
import { signPayload } from './webhook-signature';

export interface HttpOutcome {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  /** A network error or timeout, never the secret or the body. */
  error: string | null;
  /** At most 4 KiB of the response, for the caller to read an answer from. */
  responseText: string | null;
}

const RESPONSE_LIMIT = 4096;

/** One signed POST. Never throws: every way it can go is an outcome for the delivery log. */
export async function postSigned(input: {
  url: string;
  secret: string;
  body: string;
  deliveryId: string;
  nowMs: number;
  timeoutMs: number;
}): Promise<HttpOutcome> {
  const timestamp = Math.floor(input.nowMs / 1000);
  const started = performance.now();
  try {
    const response = await fetch(input.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Huiying-Webhooks/1',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signPayload(input.secret, timestamp, input.body),
        [DELIVERY_HEADER]: input.deliveryId,
      },
      body: input.body,
      redirect: 'error',
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    const text = (await response.text()).slice(0, RESPONSE_LIMIT);
    return {
      ok: response.status >= 200 && response.status < 300,
      statusCode: response.status,
      durationMs: Math.round(performance.now() - started),
      error: response.ok ? null : `HTTP ${response.status}`,
      responseText: text,
    };
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    const reason = name === 'TimeoutError' ? `timed out after ${input.timeoutMs} ms` : describeNetworkError(error);
    return { ok: false, statusCode: null, durationMs: Math.round(performance.now() - started), error: reason, responseText: null };
  }
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return 'request failed';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return (cause?.code ?? cause?.message ?? error.message).slice(0, 200);
}
