import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';
import { queryRows } from './database';
import type { DatabaseHandle } from './open-database';

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

// Arbitrary but fixed: every node takes the same advisory lock so only one migrates at a time.
const MIGRATION_LOCK_KEY = 48_151_623;

export interface MigrationReport {
  applied: number;
  total: number;
}

/** Applies the forward-only migrations in src/migrations; safe to call from several nodes at once. */
export async function runMigrations(handle: DatabaseHandle): Promise<MigrationReport> {
  const before = await countApplied(handle);
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    // drizzle's migrator runs its own transaction; a session lock on the same connection spans it.
    const db = handle.db as unknown as NodePgDatabase & { $client: Pool };
    const client = await db.$client.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await migratePostgres(drizzle(client), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
      client.release();
    }
  }
  const after = await countApplied(handle);
  return { applied: after - before, total: after };
}

async function countApplied(handle: DatabaseHandle): Promise<number> {
  const exists = await queryRows<{ present: boolean }>(
    handle.db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!exists[0]?.present) return 0;
  const rows = await queryRows<{ count: number }>(handle.db, sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
  return rows[0]?.count ?? 0;
}
