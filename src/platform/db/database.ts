import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { type PgDatabase, type PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';

/** The same Drizzle surface over PGlite and node-postgres; domain code sees only this. */
export type Database = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;
/** Anything a query can run on: the pool/connection or an open transaction. */
export type Executor = Database | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

/** Raw SQL for the few statements Drizzle's builder cannot express (SKIP LOCKED claims, tsvector casts). */
export async function queryRows<T>(executor: Executor, statement: SQL): Promise<T[]> {
  const result = (await executor.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Runs `work` in the caller's transaction, or opens one when the caller
 * passed the pool: services whose common case is a single atomic statement
 * take either and pay for BEGIN/COMMIT only when they need several.
 */
export function inTransaction<T>(executor: Executor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return executor instanceof PgTransaction ? work(executor as Tx) : executor.transaction(work);
}

export function isTransaction(executor: Executor): executor is Tx {
  return executor instanceof PgTransaction;
}
