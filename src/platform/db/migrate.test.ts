import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-app';
import { queryRows } from './database';
import { migrationsFolder, runMigrations } from './migrate';
import { openDatabase } from './open-database';

describe('migrations', () => {
  it('apply from an empty database, then find nothing left to do', async () => {
    const handle = await openDatabase({ pgliteDir: 'memory://' });
    try {
      const first = await runMigrations(handle);
      expect(first.applied).toBeGreaterThan(0);
      expect(first.applied).toBe(first.total);
      expect(await runMigrations(handle)).toEqual({ applied: 0, total: first.total });
      const tables = await queryRows<{ table_name: string }>(
        handle.db,
        sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      );
      expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['ticket', 'article', 'audit_entry', 'outbox_event', 'job']));
    } finally {
      await handle.close();
    }
  });

  it('are idempotent on the configured database as well', async () => {
    const { handle, drop } = await openTestDatabase();
    try {
      const again = await runMigrations(handle);
      expect(again.applied).toBe(0);
      expect(again.total).toBeGreaterThan(0);
    } finally {
      await handle.close();
      await drop();
    }
  });

  it('are forward-only: every SQL file is in the journal, in order, none removed', () => {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
      entries: { idx: number; tag: string }[];
    };
    const files = fs
      .readdirSync(migrationsFolder)
      .filter((file) => file.endsWith('.sql'))
      .sort();
    expect(journal.entries.map((entry) => `${entry.tag}.sql`)).toEqual(files);
    expect(journal.entries.map((entry) => entry.idx)).toEqual(files.map((_, i) => i));
    for (const file of files) expect(fs.readFileSync(path.join(migrationsFolder, file), 'utf8')).not.toMatch(/\bDROP\s+TABLE\b/i);
  });
});
