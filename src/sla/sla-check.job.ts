import { and, asc, isNotNull, lte } from 'drizzle-orm';
import type { Database, Executor } from '../platform/db';
import { defineJob, enqueueJob, type ScheduleDefinition } from '../platform/jobs';
import { ticketDeadline } from '../tickets';
import { checkTicketSla } from './sla-check.service';

/** More than this in one sweep waits for the next minute. */
const MAX_PER_SWEEP = 200;

/**
 * Checks one ticket's SLA clocks at the instant its next warning or breach is
 * due, records what is due (once: see checkTicketSla), and schedules the
 * check after that. The job row is in the database, so a check scheduled
 * before a restart still runs after it.
 */
export const slaCheckJob = defineJob<{ ticketId: string }>({
  name: 'sla.check',
  attempts: 5,
  backoff: { baseMs: 2_000, maxMs: 60_000 },
  run: async ({ db, clock }, { ticketId }) => {
    const outcome = await db.transaction((tx) => checkTicketSla(tx, { ticketId, now: clock.now() }));
    await scheduleSlaCheck(db, ticketId, outcome.nextEscalationAt);
  },
});

/** One check per ticket and instant, however many events asked for it (the idempotency key). */
export async function scheduleSlaCheck(db: Executor, ticketId: string, at: Date | null): Promise<void> {
  if (!at) return;
  await enqueueJob(db, slaCheckJob, { ticketId }, { runAt: at, idempotencyKey: `sla.check:${ticketId}:${at.toISOString()}` });
}

/**
 * Every minute, checks tickets whose next escalation has passed: the safety
 * net for a check job that was lost (a job table restored from a backup, a
 * deadline moved by a change whose event was not processed yet).
 */
export function slaSweepSchedule(input: { timeZone: string }): ScheduleDefinition {
  const job = defineJob<{ scheduledFor: string }>({
    name: 'sla.sweep',
    attempts: 3,
    run: async ({ db, clock }) => {
      for (const ticketId of await overdueChecks(db, clock.now())) {
        const outcome = await db.transaction((tx) => checkTicketSla(tx, { ticketId, now: clock.now() }));
        await scheduleSlaCheck(db, ticketId, outcome.nextEscalationAt);
      }
    },
  });
  return { name: job.name, cron: '* * * * *', timeZone: input.timeZone, job };
}

async function overdueChecks(db: Database, now: Date): Promise<string[]> {
  const rows = await db
    .select({ id: ticketDeadline.ticketId })
    .from(ticketDeadline)
    .where(and(isNotNull(ticketDeadline.nextEscalationAt), lte(ticketDeadline.nextEscalationAt, new Date(now.getTime() - 60_000))))
    .orderBy(asc(ticketDeadline.nextEscalationAt))
    .limit(MAX_PER_SWEEP);
  return rows.map((row) => row.id);
}
