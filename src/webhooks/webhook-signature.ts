import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `v1=` + hex HMAC-SHA256(secret, timestamp + "." + body). The timestamp is
 * Unix seconds, sent in X-Huiying-Timestamp; a receiver recomputes the
 * signature over the raw body and refuses timestamps outside its tolerance,
 * so a captured request cannot be replayed later.
 */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type SignatureCheck = { valid: true } | { valid: false; reason: 'malformed' | 'stale' | 'mismatch' };

/** The receiving side's check (used by the CLI, the tests and the bench's platform). */
export function verifySignature(input: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string;
  nowMs: number;
  toleranceSeconds?: number;
}): SignatureCheck {
  const timestamp = Number(input.timestamp);
  if (!input.signature || !Number.isInteger(timestamp)) return { valid: false, reason: 'malformed' };
  if (Math.abs(input.nowMs / 1000 - timestamp) > (input.toleranceSeconds ?? 300)) return { valid: false, reason: 'stale' };
  const expected = Buffer.from(signPayload(input.secret, timestamp, input.body));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { valid: true } : { valid: false, reason: 'mismatch' };
}
