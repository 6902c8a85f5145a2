import { bigserial, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The append-only case record. Entries of one subject (a ticket, an agent, ...)
 * form a hash chain: hash = sha256(previousHash + canonical JSON of the entry).
 * A trigger refuses UPDATE, DELETE and TRUNCATE on this table.
 */
export const auditEntry = pgTable(
  'audit_entry',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id').notNull(),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  // One successor per entry: two writers racing on a subject cannot fork its chain.
  (table) => [uniqueIndex('audit_entry_subject_seq_idx').on(table.subjectType, table.subjectId, table.seq)],
);
