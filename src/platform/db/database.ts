import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
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
