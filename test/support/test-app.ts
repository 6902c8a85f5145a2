import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { type Clock, ManualClock } from '../../src/platform/clock';
import { type Config, loadConfig } from '../../src/platform/config';
import { type DatabaseHandle, openDatabase } from '../../src/platform/db';
import type { AppContext } from '../../src/platform/http';
import { createLogger } from '../../src/platform/logging';
import { buildApp } from '../../src/server/app';
import { openInfrastructure } from '../../src/server/context';
import { createRuntime, type Runtime } from '../../src/server/runtime';
import { cloneDatabase, dropDatabase } from './postgres-admin';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  runtime: Runtime;
  handle: DatabaseHandle;
  clock: ManualClock;
  config: Config;
  /** The PostgreSQL database of this app (undefined on PGlite), for a second app on the same data. */
  databaseUrl: string | undefined;
  /** Dispatches the outbox and runs every due job, as the background loops would. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh, migrated database for one test file: PGlite from the run's dump, or a clone of the PostgreSQL template. */
export async function openTestDatabase(): Promise<{ handle: DatabaseHandle; url?: string; drop(): Promise<void> }> {
  const template = inject('postgresTemplate');
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl && template) {
    const clone = await cloneDatabase(baseUrl, template);
    const handle = await openDatabase({ databaseUrl: clone.url, poolSize: 10 });
    return { handle, url: clone.url, drop: () => dropDatabase(baseUrl, clone.name) };
  }
  const dump = new Blob([fs.readFileSync(inject('pgliteDumpPath'))]);
  const handle = await openDatabase({ pgliteDir: 'memory://', pgliteDump: dump });
  return { handle, drop: async () => {} };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiying-data-'));
  return loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    CHANNEL_CHECK_RATE_LIMIT_PER_MINUTE: '10000',
    SELF_SERVICE_RATE_LIMIT_PER_MINUTE: '10000',
    SELF_SERVICE_SECRET: 'test-self-service-secret-0123456789abcdef',
    ...(process.env.DATABASE_URL ? { ATTACHMENT_STORE: 'database' } : {}),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...overrides,
  });
}

/**
 * The real app on a fresh database with a frozen clock; background loops are not started (see settle).
 * `sameDatabaseAs` opens a second app, with its own connection pool, on another app's PostgreSQL database
 * (a second node of the same deployment); closing it leaves the database to the first.
 */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    clock?: ManualClock;
    sameDatabaseAs?: TestApp;
    /** Every log line of the app (at `logLevel`) is pushed here, for tests about what must never be logged. */
    logLines?: string[];
    logLevel?: string;
  } = {},
): Promise<TestApp> {
  const config = testConfig(options.env);
  const clock = options.clock ?? new ManualClock();
  const shared = options.sameDatabaseAs?.databaseUrl;
  if (options.sameDatabaseAs && !shared) throw new Error('a second app on the same database needs PostgreSQL (DATABASE_URL)');
  const database = shared
    ? { handle: await openDatabase({ databaseUrl: shared, poolSize: 10 }), url: shared, drop: async () => {} }
    : await openTestDatabase();
  const infra = await openInfrastructure(config, {
    clock: clock as Clock,
    handle: database.handle,
    logger: options.logLines
      ? createLogger(options.logLevel ?? 'trace', { write: (line: string) => void options.logLines?.push(line) })
      : createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
  });
  const app = await buildApp(infra.ctx, { webDistDir: path.join(config.dataDir, 'no-web') });
  const runtime = createRuntime({ handle: infra.handle, clock, logger: infra.ctx.logger, bus: infra.ctx.bus, config });
  await app.ready();
  return {
    app,
    ctx: infra.ctx,
    runtime,
    handle: infra.handle,
    clock,
    config,
    databaseUrl: database.url,
    async settle() {
      await runtime.relay.drain();
      await runtime.jobs.runDue();
      await runtime.relay.drain();
    },
    async close() {
      await app.close();
      await runtime.stop();
      await infra.close();
      await database.drop();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}
