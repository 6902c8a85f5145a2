import { and, eq, lt } from 'drizzle-orm';
import { defineJob, type ScheduleDefinition } from '../platform/jobs';
import { systemActor } from '../platform/security';
import { lockTicket, recordTicketChange } from './ticket-changes';
import { unrestricted } from './ticket.policy';
import { ticket } from './ticket.table';

const actor = systemActor('auto-close');

/**
 * Closes tickets resolved longer ago than the reopen window; a customer
 * message after that starts a new ticket. Each ticket closes in its own
 * transaction so one failure does not hold back the rest.
 */
export function autoCloseSchedule(timeZone: string, reopenWindowDays: number): ScheduleDefinition {
  const job = defineJob<{ scheduledFor: string }>({
    name: 'tickets.auto-close-resolved',
    run: async ({ db, clock, logger }) => {
      const now = clock.now();
      const cutoff = new Date(now.getTime() - reopenWindowDays * 86_400_000);
      const stale = await db
        .select({ id: ticket.id })
        .from(ticket)
        .where(and(eq(ticket.status, 'resolved'), lt(ticket.resolvedAt, cutoff)))
        .limit(500);
      for (const { id } of stale) {
        await db.transaction(async (tx) => {
          const current = await lockTicket(tx, { id }, unrestricted);
          if (current.status !== 'resolved' || !current.resolvedAt || current.resolvedAt >= cutoff) return;
          const [closed] = await tx
            .update(ticket)
            .set({ status: 'closed', closedAt: now, updatedAt: now })
            .where(eq(ticket.id, id))
            .returning();
          if (!closed) return;
          await recordTicketChange(tx, {
            ticket: closed,
            action: 'ticket.status_changed',
            event: 'ticket.status_changed',
            actor,
            before: { status: 'resolved' },
            after: { status: 'closed', reason: 'reopen window passed' },
            eventExtra: { previousStatus: 'resolved' },
            now,
          });
        });
      }
      if (stale.length > 0) logger.info({ closed: stale.length }, 'resolved tickets closed');
    },
  });
  return { name: job.name, cron: '5 * * * *', timeZone, job };
}
