import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openDatabase, runMigrations } from '../../src/platform/db';
import { createTemplateDatabase, dropDatabase } from './postgres-admin';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDumpPath: string;
    postgresTemplate: string;
  }
}

/**
 * Migrates one database for the whole run: a PGlite data-dir dump that every
 * test file loads (much faster than initdb per file), or, when DATABASE_URL is
 * set, a PostgreSQL template database every test file clones.
 */
export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    const template = await createTemplateDatabase(process.env.DATABASE_URL);
    project.provide('postgresTemplate', template);
    project.provide('pgliteDumpPath', '');
    return async () => dropDatabase(process.env.DATABASE_URL as string, template);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiying-test-'));
  const handle = await openDatabase({ pgliteDir: 'memory://' });
  await runMigrations(handle);
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  const dump = await client.dumpDataDir('none');
  const dumpPath = path.join(dir, 'migrated.tar');
  fs.writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('pgliteDumpPath', dumpPath);
  project.provide('postgresTemplate', '');
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
