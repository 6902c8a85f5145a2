import { defineJob, type JobDefinition } from '../platform/jobs';
import { getGroupRouting } from './routing.service';
import type { TicketDesk } from './ticket-desk';

export interface OverflowPayload {
  ticketId: string;
  fromGroupId: string;
}

/**
 * Moves a ticket still waiting unassigned in its group, once the group's
 * overflow wait has passed, to the group's overflow group (audited on the
 * ticket; the ticket.assigned event routes it there). Scheduled in the job
 * table at the time the wait ends, so it survives restarts; running it twice,
 * or after the ticket was taken or moved, changes nothing.
 */
export function overflowJob(desk: TicketDesk): JobDefinition<OverflowPayload> {
  return defineJob<OverflowPayload>({
    name: 'routing.overflow',
    async run({ db, clock }, payload) {
      await db.transaction(async (tx) => {
        const settings = await getGroupRouting(tx, payload.fromGroupId);
        if (!settings.overflowGroupId || settings.overflowAfterMinutes === null) return;
        const ticket = await desk.findTicket(tx, payload.ticketId);
        if (!ticket?.active || ticket.assigneeId !== null || ticket.groupId !== payload.fromGroupId) return;
        await desk.moveUnassigned(tx, {
          ticketId: payload.ticketId,
          fromGroupId: payload.fromGroupId,
          toGroupId: settings.overflowGroupId,
          routing: { reason: 'overflow', afterMinutes: settings.overflowAfterMinutes, fromGroupId: payload.fromGroupId },
          now: clock.now(),
        });
      });
    },
  });
}
