import { and, eq, lt } from 'drizzle-orm';
import { defineJob, job, type ScheduleDefinition } from '../jobs';
import { outboxEvent } from './outbox.table';

const RETENTION_MS = 7 * 86_400_000;

/** Drops finished jobs and dispatched outbox rows after a week; dead jobs stay for inspection. */
export function housekeepingSchedule(timeZone: string): ScheduleDefinition {
  const housekeeping = defineJob<{ scheduledFor: string }>({
    name: 'platform.housekeeping',
    run: async ({ db, clock }) => {
      const cutoff = new Date(clock.now().getTime() - RETENTION_MS);
      await db.delete(job).where(and(eq(job.status, 'succeeded'), lt(job.finishedAt, cutoff)));
      await db.delete(outboxEvent).where(lt(outboxEvent.dispatchedAt, cutoff));
    },
  });
  return { name: housekeeping.name, cron: '40 4 * * *', timeZone, job: housekeeping };
}
