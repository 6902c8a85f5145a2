import { defineJob, type ScheduleDefinition } from '../platform/jobs';
import { agentsNotSeenSince, setPresence } from './routing.service';
import type { TicketDesk } from './ticket-desk';

/** More than this in one run waits for the next minute; keeps one run short. */
const MAX_PER_RUN = 200;
const actor = { type: 'system', id: 'presence-timeout' } as const;

/**
 * Every minute: agents online, busy or away whose console has not been seen
 * (heartbeat or presence change) for `timeoutMinutes` go offline through
 * setPresence, reason `heartbeat_timeout`, so their unanswered tickets are
 * re-queued and the change is audited as any other. One transaction per agent;
 * setPresence re-checks the last-seen time under the agent's row lock, so a
 * heartbeat that arrived meanwhile wins, and a second node running the same
 * minute (or a retry) finds the agent offline already and changes nothing.
 */
export function presenceTimeoutSchedule(desk: TicketDesk, input: { timeZone: string; timeoutMinutes: number }): ScheduleDefinition {
  const job = defineJob<{ scheduledFor: string }>({
    name: 'routing.presence-timeout',
    attempts: 3,
    run: async ({ db, clock, logger }) => {
      const now = clock.now();
      const seenBefore = new Date(now.getTime() - input.timeoutMinutes * 60_000);
      const stale = await agentsNotSeenSince(db, { seenBefore, limit: MAX_PER_RUN });
      let offline = 0;
      for (const agentId of stale) {
        const result = await db.transaction((tx) =>
          setPresence(tx, desk, { agentId, status: 'offline', now, actor, reason: 'heartbeat_timeout', onlyIfNotSeenSince: seenBefore }),
        );
        if (result.changed) offline += 1;
      }
      if (offline > 0) logger.info({ offline }, 'agents not seen set offline');
    },
  });
  return { name: job.name, cron: '* * * * *', timeZone: input.timeZone, job };
}
