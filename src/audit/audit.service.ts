import { and, asc, desc, eq, gt, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Database, Executor } from '../platform/db';
import { type OutboxEventInput, outboxInsert } from '../platform/events';
import type { ActorRef } from '../platform/security';
import { type AuditRecord, chainHash, GENESIS_HASH } from './audit-chain';
import { auditEntry } from './audit-entry.table';

export type AuditSubjectType =
  | 'ticket'
  | 'customer'
  | 'agent'
  | 'skill_group'
  | 'api_token'
  | 'official_channel'
  | 'problem_type'
  | 'webhook_endpoint'
  | 'business_calendar'
  | 'sla_policy'
  | 'public_holiday_year';

export interface AuditChange {
  subjectType: AuditSubjectType;
  subjectId: string;
  action: string;
  actor: ActorRef;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  occurredAt: Date;
  /** The subject was created in this transaction, so this is the first entry of its chain (saves a lookup). */
  newSubject?: true;
}

export interface AuditEntryView extends AuditRecord {
  id: number;
  prevHash: string;
  hash: string;
}

// The chain head each open transaction last wrote per subject: the next append
// in the same transaction needs no query. Safe because the caller holds the
// subject's lock for the whole transaction (and Huiying nests no savepoints).
const headsByTransaction = new WeakMap<Executor, Map<string, { seq: number; hash: string }>>();

function chainEntry(change: AuditChange, last: { seq: number; hash: string } | undefined) {
  const record: AuditRecord = {
    subjectType: change.subjectType,
    subjectId: change.subjectId,
    seq: (last?.seq ?? 0) + 1,
    action: change.action,
    actorType: change.actor.type,
    actorId: change.actor.id,
    before: change.before ?? null,
    after: change.after ?? null,
    occurredAt: change.occurredAt.toISOString(),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = chainHash(prevHash, record);
  return { values: { ...record, occurredAt: change.occurredAt, prevHash, hash }, head: { seq: record.seq, hash } };
}

/**
 * The opening entries of the chain of a subject that the same statement
 * creates, as rows of `auditEntry` for the caller to insert with it: a new
 * subject has no head to look up, so creating it and its history costs one
 * round trip.
 */
export function openingAuditEntries(changes: readonly Omit<AuditChange, 'newSubject'>[]) {
  let head: { seq: number; hash: string } | undefined;
  return changes.map((change) => {
    const entry = chainEntry(change, head);
    head = entry.head;
    return entry.values;
  });
}

/**
 * Appends an entry to the subject's chain in the caller's transaction. The
 * caller must hold a lock on the subject (the ticket row) so appends to one
 * chain are serial; the unique (subject, seq) index refuses a fork regardless.
 * An outbox event that goes with the change is written by the same statement.
 */
export async function appendAudit(
  tx: Executor,
  change: AuditChange,
  events?: OutboxEventInput | OutboxEventInput[],
  alongside?: SQLWrapper,
): Promise<void> {
  const subjectKey = `${change.subjectType}:${change.subjectId}`;
  let heads = headsByTransaction.get(tx);
  if (!heads) {
    heads = new Map();
    headsByTransaction.set(tx, heads);
  }
  let last = heads.get(subjectKey);
  if (!last && !change.newSubject) {
    [last] = await tx
      .select({ seq: auditEntry.seq, hash: auditEntry.hash })
      .from(auditEntry)
      .where(and(eq(auditEntry.subjectType, change.subjectType), eq(auditEntry.subjectId, change.subjectId)))
      .orderBy(desc(auditEntry.seq))
      .limit(1);
  }
  const entry = chainEntry(change, last);
  const insertEntry = tx.insert(auditEntry).values(entry.values);
  // One round trip for all rows of the change: per-statement overhead is most of a ticket write's cost.
  const eventList = events === undefined ? [] : Array.isArray(events) ? events : [events];
  const writes = [
    alongside?.getSQL(),
    insertEntry.getSQL(),
    eventList.length > 0 ? outboxInsert(tx, eventList).getSQL() : undefined,
  ].filter((write): write is SQL => write !== undefined);
  const final = writes.pop() as SQL;
  const ctes = writes.map((write, i) => sql`${sql.raw(`w${i}`)} as (${write})`);
  await tx.execute(ctes.length === 0 ? final : sql`with ${sql.join(ctes, sql`, `)} ${final}`);
  heads.set(subjectKey, entry.head);
}

type AuditRow = typeof auditEntry.$inferSelect;

function toView(row: AuditRow): AuditEntryView {
  return {
    id: row.id,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    seq: row.seq,
    action: row.action,
    actorType: row.actorType,
    actorId: row.actorId,
    before: row.before,
    after: row.after,
    occurredAt: row.occurredAt.toISOString(),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** The whole chain of one subject, oldest first. */
export async function listAuditEntries(db: Executor, subjectType: AuditSubjectType, subjectId: string): Promise<AuditEntryView[]> {
  const rows = await db
    .select()
    .from(auditEntry)
    .where(and(eq(auditEntry.subjectType, subjectType), eq(auditEntry.subjectId, subjectId)))
    .orderBy(asc(auditEntry.seq));
  return rows.map(toView);
}

export interface BrokenLink {
  entryId: number;
  subjectType: string;
  subjectId: string;
  seq: number;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap';
}

export interface ChainVerification {
  ok: boolean;
  entriesChecked: number;
  chainsChecked: number;
  firstBroken?: BrokenLink;
}

/** Checks one chain's entries (oldest first): sequence, links and hashes. */
export function verifyEntries(entries: readonly AuditEntryView[]): BrokenLink | undefined {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const entry of entries) {
    const at = { entryId: entry.id, subjectType: entry.subjectType, subjectId: entry.subjectId, seq: entry.seq };
    if (entry.seq !== expectedSeq) return { ...at, reason: 'sequence_gap' };
    if (entry.prevHash !== prevHash) return { ...at, reason: 'prev_hash_mismatch' };
    const { id: _id, prevHash: _prev, hash, ...record } = entry;
    if (chainHash(prevHash, record) !== hash) return { ...at, reason: 'hash_mismatch' };
    prevHash = hash;
    expectedSeq++;
  }
  return undefined;
}

/**
 * Walks every chain in (subject, seq) order in pages, so memory stays flat on
 * millions of entries, and reports the first broken link.
 */
export async function verifyAuditChains(db: Database, pageSize = 2_000): Promise<ChainVerification> {
  let entriesChecked = 0;
  let chainsChecked = 0;
  let chain: AuditEntryView[] = [];
  let cursor: { subjectType: string; subjectId: string; seq: number } | undefined;
  const finishChain = (): BrokenLink | undefined => {
    if (chain.length === 0) return undefined;
    chainsChecked++;
    const broken = verifyEntries(chain);
    chain = [];
    return broken;
  };
  for (;;) {
    const after = cursor;
    const rows = await db
      .select()
      .from(auditEntry)
      .where(
        after
          ? or(
              gt(auditEntry.subjectType, after.subjectType),
              and(eq(auditEntry.subjectType, after.subjectType), gt(auditEntry.subjectId, after.subjectId)),
              and(eq(auditEntry.subjectType, after.subjectType), eq(auditEntry.subjectId, after.subjectId), gt(auditEntry.seq, after.seq)),
            )
          : sql`true`,
      )
      .orderBy(asc(auditEntry.subjectType), asc(auditEntry.subjectId), asc(auditEntry.seq))
      .limit(pageSize);
    for (const row of rows) {
      const entry = toView(row);
      const current = chain[0];
      if (current && (current.subjectType !== entry.subjectType || current.subjectId !== entry.subjectId)) {
        const broken = finishChain();
        if (broken) return { ok: false, entriesChecked, chainsChecked, firstBroken: broken };
      }
      chain.push(entry);
      entriesChecked++;
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) break;
    cursor = { subjectType: last.subjectType, subjectId: last.subjectId, seq: last.seq };
  }
  const broken = finishChain();
  return broken ? { ok: false, entriesChecked, chainsChecked, firstBroken: broken } : { ok: true, entriesChecked, chainsChecked };
}
