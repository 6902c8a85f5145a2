import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-app';
import { ManualClock } from '../clock';
import { type DatabaseHandle, openDatabase } from '../db';
import { createLogger } from '../logging';
import { defineJob } from './define-job';
import { enqueueJob } from './job-queue';
import { JobRunner } from './job-runner';
import { job } from './job.table';
import { JobScheduler } from './scheduler';

const logger = createLogger('silent');
let handle: DatabaseHandle;
let drop: () => Promise<void>;
let clock: ManualClock;

beforeEach(async () => {
  ({ handle, drop } = await openTestDatabase());
  clock = new ManualClock('2026-11-23T02:00:00.000Z');
});
afterEach(async () => {
  await handle.close();
  await drop();
});

async function jobRow(name: string) {
  const [row] = await handle.db.select().from(job).where(eq(job.name, name));
  return row;
}

describe('job runner', () => {
  it('retries a failing job with exponential backoff, then succeeds', async () => {
    let calls = 0;
    const flaky = defineJob<{ n: number }>({
      name: 'test.flaky',
      backoff: { baseMs: 1_000, maxMs: 60_000 },
      run: async () => {
        calls++;
        if (calls < 3) throw new Error(`boom ${calls}`);
      },
    });
    const runner = new JobRunner({ handle, clock, logger });
    runner.register(flaky);
    await enqueueJob(handle.db, flaky, { n: 1 }, { runAt: clock.now() });

    expect(await runner.runDue()).toBe(1);
    let row = await jobRow('test.flaky');
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lastError: 'Error: boom 1' });
    const firstDelay = (row?.runAt.getTime() ?? 0) - clock.now().getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(800);
    expect(firstDelay).toBeLessThanOrEqual(1_200);
    expect(await runner.runDue()).toBe(0);

    clock.advance(1_200);
    await runner.runDue();
    row = await jobRow('test.flaky');
    const secondDelay = (row?.runAt.getTime() ?? 0) - clock.now().getTime();
    expect(secondDelay).toBeGreaterThanOrEqual(1_600);

    clock.advance(2_400);
    await runner.runDue();
    expect(await jobRow('test.flaky')).toMatchObject({ status: 'succeeded', attempts: 3 });
    expect(calls).toBe(3);
  });

  it('dead-letters a job that keeps failing, keeping its last error', async () => {
    const doomed = defineJob<Record<string, never>>({
      name: 'test.doomed',
      attempts: 2,
      backoff: { baseMs: 10, maxMs: 10 },
      run: async () => {
        throw new TypeError('cannot reach the broker');
      },
    });
    const runner = new JobRunner({ handle, clock, logger });
    runner.register(doomed);
    await enqueueJob(handle.db, doomed, {}, { runAt: clock.now() });
    await runner.runDue();
    clock.advance(1_000);
    await runner.runDue();
    expect(await jobRow('test.doomed')).toMatchObject({ status: 'dead', attempts: 2, lastError: 'TypeError: cannot reach the broker' });
  });

  it('enqueues a job once per idempotency key', async () => {
    const once = defineJob<{ id: string }>({ name: 'test.once', run: async () => {} });
    for (let i = 0; i < 3; i++) await enqueueJob(handle.db, once, { id: 'x' }, { runAt: clock.now(), idempotencyKey: 'once:x' });
    const [row] = await handle.db.select({ count: sql<number>`count(*)::int` }).from(job).where(eq(job.name, 'test.once'));
    expect(row?.count).toBe(1);
  });

  it('takes back a job whose worker died holding it', async () => {
    let ran = 0;
    const work = defineJob<Record<string, never>>({ name: 'test.orphan', timeoutMs: 1_000, run: async () => void ran++ });
    const runner = new JobRunner({ handle, clock, logger });
    runner.register(work);
    await enqueueJob(handle.db, work, {}, { runAt: clock.now() });
    // A worker that claimed the job and then vanished: running, lease still valid.
    await handle.db
      .update(job)
      .set({ status: 'running', attempts: 1, lockedBy: 'worker-dead', lockedUntil: new Date(clock.now().getTime() + 31_000) })
      .where(eq(job.name, 'test.orphan'));
    expect(await runner.runDue()).toBe(0);
    clock.advance(32_000);
    expect(await runner.runDue()).toBe(1);
    expect(ran).toBe(1);
    expect(await jobRow('test.orphan')).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('fails a job that exceeds its timeout and retries it', async () => {
    const slow = defineJob<Record<string, never>>({
      name: 'test.slow',
      timeoutMs: 50,
      run: () => new Promise((resolve) => setTimeout(resolve, 500)),
    });
    const runner = new JobRunner({ handle, clock, logger });
    runner.register(slow);
    await enqueueJob(handle.db, slow, {}, { runAt: clock.now() });
    await runner.runDue();
    expect(await jobRow('test.slow')).toMatchObject({ status: 'queued', lastError: 'Error: job timed out after 50 ms' });
  });

  it.runIf(process.env.DATABASE_URL)('shares work between processes without running a job twice (PostgreSQL)', async () => {
    const url = (handle.db as unknown as { $client: { options: { connectionString: string } } }).$client.options.connectionString;
    const other = await openDatabase({ databaseUrl: url, poolSize: 4 });
    try {
      const seen: number[] = [];
      const counted = defineJob<{ n: number }>({
        name: 'test.shared',
        run: async (_context, payload) => {
          seen.push(payload.n);
          await new Promise((resolve) => setTimeout(resolve, 5));
        },
      });
      const first = new JobRunner({ handle, clock, logger, concurrency: 4, pollIntervalMs: 20 });
      const second = new JobRunner({ handle: other, clock, logger, concurrency: 4, pollIntervalMs: 20 });
      first.register(counted);
      second.register(counted);
      for (let n = 0; n < 200; n++) await enqueueJob(handle.db, counted, { n }, { runAt: clock.now() });
      await Promise.all([first.start(), second.start()]);
      for (let i = 0; i < 500 && seen.length < 200; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      await Promise.all([first.stop(), second.stop()]);
      expect(seen).toHaveLength(200);
      expect(new Set(seen).size).toBe(200);
      const [row] = await handle.db.select({ count: sql<number>`count(*)::int` }).from(job).where(eq(job.status, 'succeeded'));
      expect(row?.count).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('job scheduler', () => {
  it('enqueues each cron slot once, however many nodes tick', async () => {
    const runner = new JobRunner({ handle, clock, logger });
    let runs = 0;
    const nightly = defineJob<{ scheduledFor: string }>({ name: 'test.nightly', run: async () => void runs++ });
    const nodeA = new JobScheduler(handle.db, clock, logger, runner);
    const nodeB = new JobScheduler(handle.db, clock, logger, new JobRunner({ handle, clock, logger }));
    const schedule = { name: 'test.nightly', cron: '0 3 * * *', timeZone: 'Asia/Shanghai', job: nightly };
    nodeA.register(schedule);
    nodeB.register(schedule);
    await nodeA.install();
    await nodeB.install();
    expect(await nodeA.tick()).toBe(0);

    clock.set('2026-11-23T19:00:01.000Z'); // 03:00:01 in Shanghai
    expect((await nodeA.tick()) + (await nodeB.tick())).toBe(1);
    await runner.runDue();
    expect(runs).toBe(1);
    const [row] = await handle.db.select().from(job).where(eq(job.name, 'test.nightly'));
    expect(row?.idempotencyKey).toBe('test.nightly@2026-11-23T19:00:00.000Z');
  });
});
