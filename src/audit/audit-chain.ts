import canonicalize from 'canonicalize';
import { sha256Hex } from '../platform/security';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers, in the shape that is hashed and exported. */
export interface AuditRecord {
  subjectType: string;
  subjectId: string;
  seq: number;
  action: string;
  actorType: string;
  actorId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  occurredAt: string;
}

/** sha256(previousHash + RFC 8785 canonical JSON of the record). */
export function chainHash(prevHash: string, record: AuditRecord): string {
  return sha256Hex(prevHash + canonicalize(record));
}
