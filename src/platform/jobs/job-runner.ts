import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock';
import { type Database, type DatabaseHandle, queryRows } from '../db';
import type { Logger } from '../logging';
import { backoffDelay, type JobDefinition } from './define-job';
import { job } from './job.table';

interface ClaimedJob {
  id: number;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

export interface JobRunnerOptions {
  handle: DatabaseHandle;
  clock: Clock;
  logger: Logger;
  concurrency?: number;
  pollIntervalMs?: number;
}

export const JOBS_NOTIFY_CHANNEL = 'huiying_jobs';

/**
 * Runs jobs from the `job` table. Claims use FOR UPDATE SKIP LOCKED, so several
 * app processes on one PostgreSQL share the work; a claimed job carries a lease
 * and is taken back by any node when the lease runs out (crashed worker).
 */
export class JobRunner {
  private readonly definitions = new Map<string, JobDefinition<never>>();
  private readonly db: Database;
  readonly workerId = `worker-${randomUUID().slice(0, 8)}`;
  private running = false;
  private active = 0;
  private wake: (() => void) | undefined;
  private stopListening: (() => Promise<void>) | undefined;
  private loopDone: Promise<void> | undefined;

  constructor(private readonly options: JobRunnerOptions) {
    this.db = options.handle.db;
  }

  register(...definitions: JobDefinition<never>[]): void {
    for (const definition of definitions) {
      if (this.definitions.has(definition.name)) throw new Error(`Job ${definition.name} registered twice`);
      this.definitions.set(definition.name, definition);
    }
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopListening = await this.options.handle.listen(JOBS_NOTIFY_CHANNEL, () => this.wake?.());
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.stopListening?.();
    await this.loopDone;
  }

  /**
   * Runs every job that is due now, including retries that fall due while it
   * runs, until none is left. Returns how many ran. For tests and the CLI.
   */
  async runDue(): Promise<number> {
    let ran = 0;
    for (;;) {
      const claimed = await this.claim(8);
      if (claimed.length === 0) return ran;
      await Promise.all(claimed.map((row) => this.execute(row)));
      ran += claimed.length;
    }
  }

  private async loop(): Promise<void> {
    const concurrency = this.options.concurrency ?? 4;
    while (this.running) {
      let claimed: ClaimedJob[] = [];
      try {
        if (this.active < concurrency) claimed = await this.claim(concurrency - this.active);
      } catch (error) {
        this.options.logger.error({ err: error }, 'job claim failed');
      }
      for (const row of claimed) {
        this.active++;
        void this.execute(row).finally(() => {
          this.active--;
          this.wake?.();
        });
      }
      if (claimed.length === 0 || this.active >= concurrency) await this.sleep(this.options.pollIntervalMs ?? 1_000);
    }
    while (this.active > 0) await this.sleep(50);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.wake = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  private async claim(limit: number): Promise<ClaimedJob[]> {
    const now = this.options.clock.now();
    const names = [...this.definitions.keys()];
    if (names.length === 0) return [];
    const leaseUntil = new Date(now.getTime() + this.maxTimeout() + 30_000);
    // Expired leases (a worker died mid-job) are claimable again, like due queued jobs.
    return queryRows<ClaimedJob>(
      this.db,
      sql`update ${job} set status = 'running', attempts = ${job.attempts} + 1,
            locked_by = ${this.workerId}, locked_until = ${leaseUntil}
          where ${job.id} in (
            select id from ${job}
            where ((status = 'queued' and run_at <= ${now}) or (status = 'running' and locked_until < ${now}))
              and name in (${sql.join(
                names.map((name) => sql`${name}`),
                sql`, `,
              )})
            order by run_at, id
            limit ${limit}
            for update skip locked)
          returning id, name, payload, attempts, max_attempts`,
    );
  }

  private maxTimeout(): number {
    let max = 0;
    for (const definition of this.definitions.values()) max = Math.max(max, definition.timeoutMs);
    return max;
  }

  private async execute(row: ClaimedJob): Promise<void> {
    const definition = this.definitions.get(row.name);
    if (!definition) return;
    const logger = this.options.logger.child({ job: row.name, jobId: row.id, attempt: row.attempts });
    try {
      await withTimeout(
        definition.run({ db: this.db, clock: this.options.clock, logger, jobId: row.id, attempt: row.attempts }, row.payload as never),
        definition.timeoutMs,
      );
      await this.db
        .update(job)
        .set({ status: 'succeeded', finishedAt: this.options.clock.now(), lockedBy: null, lockedUntil: null, lastError: null })
        .where(and(eq(job.id, row.id), eq(job.lockedBy, this.workerId)));
    } catch (error) {
      await this.recordFailure(row, definition, error, logger);
    }
  }

  private async recordFailure(row: ClaimedJob, definition: JobDefinition<never>, error: unknown, logger: Logger): Promise<void> {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const now = this.options.clock.now();
    const exhausted = row.attempts >= row.max_attempts;
    if (exhausted) logger.error({ err: error }, 'job dead-lettered');
    else logger.warn({ err: error }, 'job failed; will retry');
    await this.db
      .update(job)
      .set(
        exhausted
          ? { status: 'dead', lastError: message.slice(0, 4000), finishedAt: now, lockedBy: null, lockedUntil: null }
          : {
              status: 'queued',
              lastError: message.slice(0, 4000),
              runAt: new Date(now.getTime() + backoffDelay(definition, row.attempts)),
              lockedBy: null,
              lockedUntil: null,
            },
      )
      .where(and(eq(job.id, row.id), eq(job.lockedBy, this.workerId)));
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`job timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
