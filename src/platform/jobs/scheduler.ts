import { CronExpressionParser } from 'cron-parser';
import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock';
import { type Database, queryRows } from '../db';
import type { Logger } from '../logging';
import type { JobDefinition } from './define-job';
import { enqueueJob } from './job-queue';
import type { JobRunner } from './job-runner';
import { jobSchedule } from './job.table';

export interface ScheduleDefinition {
  /** Unique; also the prefix of each run's idempotency key. */
  name: string;
  cron: string;
  timeZone: string;
  job: JobDefinition<{ scheduledFor: string }>;
}

export function nextCronRun(cron: string, timeZone: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timeZone }).next().toDate();
}

/**
 * Recurring jobs, cron-like. A tick enqueues one job per due schedule; claiming
 * the schedule row with SKIP LOCKED plus the idempotency key
 * `<name>@<scheduledFor>` keeps several nodes from enqueuing the same run twice.
 */
export class JobScheduler {
  private readonly schedules = new Map<string, ScheduleDefinition>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly runner: JobRunner,
  ) {}

  /** Registers schedules and their jobs (with the runner). Throws on a malformed cron expression. */
  register(...definitions: ScheduleDefinition[]): void {
    for (const definition of definitions) {
      nextCronRun(definition.cron, definition.timeZone, this.clock.now());
      this.schedules.set(definition.name, definition);
      this.runner.register(definition.job as JobDefinition<never>);
    }
  }

  /** Creates missing schedule rows and updates changed cron expressions. */
  async install(): Promise<void> {
    const now = this.clock.now();
    for (const definition of this.schedules.values()) {
      const nextRunAt = nextCronRun(definition.cron, definition.timeZone, now);
      await this.db
        .insert(jobSchedule)
        .values({ name: definition.name, cron: definition.cron, timeZone: definition.timeZone, nextRunAt })
        .onConflictDoUpdate({
          target: jobSchedule.name,
          set: { cron: definition.cron, timeZone: definition.timeZone, nextRunAt },
          setWhere: sql`${jobSchedule.cron} <> ${definition.cron} or ${jobSchedule.timeZone} <> ${definition.timeZone}`,
        });
    }
  }

  start(intervalMs = 15_000): void {
    const tick = () => {
      this.tick().catch((error: unknown) => this.logger.error({ err: error }, 'scheduler tick failed'));
    };
    tick();
    this.timer = setInterval(tick, intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Enqueues every due run; returns how many. A schedule that fell far behind runs once, not once per missed slot. */
  async tick(): Promise<number> {
    const now = this.clock.now();
    let enqueued = 0;
    await this.db.transaction(async (tx) => {
      const due = await queryRows<{ name: string; next_run_at: Date | string }>(
        tx,
        sql`select name, next_run_at from ${jobSchedule} where next_run_at <= ${now} for update skip locked`,
      );
      for (const row of due) {
        const definition = this.schedules.get(row.name);
        if (!definition) continue;
        const scheduledFor = new Date(row.next_run_at).toISOString();
        await enqueueJob(tx, definition.job, { scheduledFor }, { runAt: now, idempotencyKey: `${definition.name}@${scheduledFor}` });
        await tx
          .update(jobSchedule)
          .set({ lastRunAt: now, nextRunAt: nextCronRun(definition.cron, definition.timeZone, now) })
          .where(eq(jobSchedule.name, row.name));
        enqueued++;
      }
    });
    return enqueued;
  }
}
