import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../platform/config';
import { AppError } from '../platform/errors';
import { randomToken } from '../platform/security';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A customer's self-service token: `<ticket id>.<expiry, Unix seconds>.<mac>`
 * with mac = base64url HMAC-SHA256(secret, "freeze:" + ticket id + "." + expiry).
 * There is no customer login yet: holding the link is what lets the customer
 * act on that one ticket, and only after the identity check.
 */
export function issueSelfServiceToken(secret: string, ticketId: string, expiresAt: Date): string {
  const expiry = Math.floor(expiresAt.getTime() / 1000);
  return `${ticketId}.${expiry}.${mac(secret, ticketId, expiry)}`;
}

/** Errors: SELF_SERVICE_LINK_INVALID (malformed or forged), SELF_SERVICE_LINK_EXPIRED. */
export function readSelfServiceToken(secret: string, token: string, now: Date): { ticketId: string; expiresAt: Date } {
  const [ticketId, expiryText, given, ...rest] = token.split('.');
  const expiry = Number(expiryText);
  if (rest.length > 0 || !ticketId || !UUID.test(ticketId) || !given || !Number.isSafeInteger(expiry)) {
    throw new AppError('SELF_SERVICE_LINK_INVALID');
  }
  const expected = Buffer.from(mac(secret, ticketId, expiry));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw new AppError('SELF_SERVICE_LINK_INVALID');
  // Checked after the signature, so an expired answer is only given for a link we really issued.
  if (expiry * 1000 <= now.getTime()) throw new AppError('SELF_SERVICE_LINK_EXPIRED');
  return { ticketId, expiresAt: new Date(expiry * 1000) };
}

function mac(secret: string, ticketId: string, expiry: number): string {
  return createHmac('sha256', secret).update(`freeze:${ticketId}.${expiry}`).digest('base64url');
}

/**
 * SELF_SERVICE_SECRET, or a key created once in DATA_DIR: enough for one
 * machine; nodes sharing PostgreSQL must be given the same SELF_SERVICE_SECRET.
 */
export function resolveSelfServiceSecret(config: Pick<Config, 'selfServiceSecret' | 'dataDir'>): string {
  if (config.selfServiceSecret) return config.selfServiceSecret;
  const file = path.join(config.dataDir, 'self-service.key');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const secret = randomToken(32);
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}
