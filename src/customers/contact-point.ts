import type { ContactPointKind } from '@common/tickets/ticket-fields';
import { AppError } from '../platform/errors';

export interface ContactPointInput {
  kind: ContactPointKind;
  value: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const WECHAT_OPENID = /^[A-Za-z0-9_-]{6,64}$/;

/**
 * One spelling per contact point, so the same person is found whichever way
 * they wrote it: emails lower-case, mainland mobiles as +86XXXXXXXXXXX.
 */
export function normalizeContactPoint(input: ContactPointInput): ContactPointInput {
  const raw = input.value.normalize('NFKC').trim();
  switch (input.kind) {
    case 'email': {
      const value = raw.toLowerCase();
      if (!EMAIL.test(value)) throw invalid(input);
      return { kind: 'email', value };
    }
    case 'mobile': {
      const digits = raw.replace(/[\s\-()]/g, '');
      if (/^1\d{10}$/.test(digits)) return { kind: 'mobile', value: `+86${digits}` };
      if (/^(\+|00)86(1\d{10})$/.test(digits)) return { kind: 'mobile', value: `+86${digits.slice(-11)}` };
      if (/^\+\d{6,15}$/.test(digits)) return { kind: 'mobile', value: digits };
      throw invalid(input);
    }
    case 'wechat_openid':
      if (!WECHAT_OPENID.test(raw)) throw invalid(input);
      return { kind: 'wechat_openid', value: raw };
  }
}

function invalid(input: ContactPointInput): AppError {
  return new AppError('VALIDATION_FAILED', { field: 'contactPoints', kind: input.kind, reason: 'malformed contact point' });
}

/** Keeps enough of a contact point to recognise it in an audit record without storing it in full. */
export function maskContactPoint(point: ContactPointInput): string {
  if (point.kind === 'email') {
    const [local = '', domain = ''] = point.value.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  if (point.kind === 'mobile') return `${point.value.slice(0, -8)}****${point.value.slice(-4)}`;
  return `${point.value.slice(0, 4)}***`;
}
