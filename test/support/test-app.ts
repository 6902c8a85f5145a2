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
  /** Dispatches the outbox and runs every due job, as the background loops would. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh, migrated database for one test file: PGlite from the run's dump, or a clone of the PostgreSQL template. */
export async function openTestDatabase(): Promise<{ handle: DatabaseHandle; drop(): Promise<void> }> {
  const template = inject('postgresTemplate');
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl && template) {
    const clone = await cloneDatabase(baseUrl, template);
    const handle = await openDatabase({ databaseUrl: clone.url, poolSize: 10 });
    return { handle, drop: () => dropDatabase(baseUrl, clone.name) };
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

/** The real app on a fresh database with a frozen clock; background loops are not started (see settle). */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    clock?: ManualClock;
    /** Every log line of the app (at `logLevel`) is pushed here, for tests about what must never be logged. */
    logLines?: string[];
    logLevel?: string;
  } = {},
): Promise<TestApp> {
  const config = testConfig(options.env);
  const clock = options.clock ?? new ManualClock();
  const database = await openTestDatabase();
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
