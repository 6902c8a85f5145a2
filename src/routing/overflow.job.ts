import { and, eq, or } from 'drizzle-orm';
import { defineJob, type JobDefinition } from '../platform/jobs';
import { getGroupRouting } from './routing.service';
import { ticketOverflow } from './routing.table';
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
 *
 * A ticket overflows out of a group at most once, and never into a group it
 * already overflowed out of (`ticket_overflow`): with A → B and B → A it goes
 * to B and waits there; along a chain A → B → C it still goes on to C.
 */
export function overflowJob(desk: TicketDesk): JobDefinition<OverflowPayload> {
  return defineJob<OverflowPayload>({
    name: 'routing.overflow',
    async run({ db, clock }, payload) {
      await db.transaction(async (tx) => {
        const settings = await getGroupRouting(tx, payload.fromGroupId);
        const toGroupId = settings.overflowGroupId;
        if (!toGroupId || settings.overflowAfterMinutes === null) return;
        const ticket = await desk.findTicket(tx, payload.ticketId);
        if (!ticket?.active || ticket.assigneeId !== null || ticket.groupId !== payload.fromGroupId) return;
        const [already] = await tx
          .select({ fromGroupId: ticketOverflow.fromGroupId })
          .from(ticketOverflow)
          .where(
            and(
              eq(ticketOverflow.ticketId, payload.ticketId),
              or(eq(ticketOverflow.fromGroupId, payload.fromGroupId), eq(ticketOverflow.fromGroupId, toGroupId)),
            ),
          )
          .limit(1);
        if (already) return;
        const now = clock.now();
        const moved = await desk.moveUnassigned(tx, {
          ticketId: payload.ticketId,
          fromGroupId: payload.fromGroupId,
          toGroupId,
          routing: { reason: 'overflow', afterMinutes: settings.overflowAfterMinutes, fromGroupId: payload.fromGroupId },
          now,
        });
        // The primary key (ticket, from group) refuses a second overflow out of the same group, also from a job racing this one.
        if (moved) {
          await tx
            .insert(ticketOverflow)
            .values({ ticketId: payload.ticketId, fromGroupId: payload.fromGroupId, toGroupId, overflowedAt: now });
        }
      });
    },
  });
}
