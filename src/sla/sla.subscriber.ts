import type { DomainEvent, EventSubscriber } from '../platform/events';
import { lockTicket, unrestricted } from '../tickets';
import { syncTicketSla } from './sla-clock.service';
import { scheduleSlaCheck } from './sla-check.job';

/**
 * The SLA's reaction to tickets: a new ticket gets its clocks, a change of
 * priority, problem type or group re-matches the policy, waiting for the
 * customer or a third party pauses them and coming back resumes them, an
 * answer stops the response clocks, resolving stops the resolution clock and
 * reopening starts its next cycle. The event's time is the time of the
 * change, so a pause starts when the status changed, not when this ran.
 */
export function slaTicketSubscriber(): EventSubscriber {
  return {
    name: 'sla.tickets',
    events: ['ticket.created', 'ticket.updated', 'ticket.status_changed', 'article.created', 'ticket.theft_reported', 'ticket.merged'],
    async handle({ db }, event: DomainEvent) {
      const { ticketId } = event.payload as { ticketId: string };
      const next = await db.transaction(async (tx) => {
        const row = await lockTicket(tx, { id: ticketId }, unrestricted);
        return syncTicketSla(tx, row, new Date(event.occurredAt));
      });
      await scheduleSlaCheck(db, ticketId, next);
    },
  };
}
