import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database, DatabaseKind } from './database';
import { lockEmbeddedDatabase } from './embedded-lock';

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** Receives NOTIFY payloads on a channel (across processes on PostgreSQL, in-process on PGlite). */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; ignored when databaseUrl is set. `memory://` keeps it in memory. */
  pgliteDir?: string;
  /** A dump from `PGlite.dumpDataDir()`, to start from a prepared state (tests). */
  pgliteDump?: Blob | File;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.pgliteDir ?? 'memory://', options.pgliteDump);
}

async function openPostgres(connectionString: string, max: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const probe = await pool.connect().catch((error: unknown) => {
    throw new Error(`Cannot connect to PostgreSQL at DATABASE_URL: ${(error as Error).message}`);
  });
  probe.release();
  const db = drizzlePostgres(pool) as unknown as Database;
  const listeners: pg.Client[] = [];
  return {
    db,
    kind: 'postgres',
    async listen(channel, onNotify) {
      const client = new pg.Client({ connectionString });
      client.on('error', () => {});
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify(message.payload ?? '');
      });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listeners.push(client);
      return async () => {
        await client.end().catch(() => {});
      };
    },
    async close() {
      await Promise.all(listeners.map((client) => client.end().catch(() => {})));
      await pool.end();
    },
  };
}

async function openPglite(dir: string, dump: Blob | File | undefined): Promise<DatabaseHandle> {
  const inMemory = dir.startsWith('memory://');
  const unlock = inMemory ? () => {} : lockEmbeddedDatabase(path.dirname(path.resolve(dir)));
  const client = new PGlite(dir, dump ? { loadDataDir: dump } : {});
  try {
    await client.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzlePglite(client) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    async listen(channel, onNotify) {
      return client.listen(channel, onNotify);
    },
    async close() {
      await client.close();
      unlock();
    },
  };
}
