import type { DomainEvent, EventSubscriber } from '../platform/events';
import { readTicket } from './ticket-read';
import { lockTicketSla, syncTicketSla } from './sla-clock.service';
import { recomputeDeadlines } from './sla-recompute.service';
import { syncComplaintClock } from './complaint-clock.service';
import { sendProcessingPromise } from './processing-promise';
import { scheduleSlaCheck } from './sla-check.job';

/**
 * The SLA's reaction to tickets: a new ticket gets its clocks, a change of
 * priority, problem type or group re-matches the policy, waiting for the
 * customer or a third party pauses them and coming back resumes them, an
 * answer stops the response clocks, resolving stops the resolution clock and
 * reopening starts its next cycle. The event's time is the time of the
 * change, so a pause starts when the status changed, not when this ran.
 */
export function slaTicketSubscriber(options: { reopenWindowDays: number }): EventSubscriber {
  return {
    name: 'sla.tickets',
    events: ['ticket.created', 'ticket.updated', 'ticket.status_changed', 'article.created', 'ticket.theft_reported', 'ticket.merged'],
    async handle({ db, clock }, event: DomainEvent) {
      const { ticketId, changed, visibility } = event.payload as { ticketId: string; changed?: string[]; visibility?: string };
      // An internal note answers nobody and changes no clock.
      if (event.name === 'article.created' && visibility === 'internal') return;
      const next = await db.transaction(async (tx) => {
        await lockTicketSla(tx, ticketId);
        const row = await readTicket(tx, ticketId);
        if (!row) return null;
        await syncComplaintClock(tx, row, new Date(event.occurredAt));
        return syncTicketSla(tx, row, new Date(event.occurredAt));
      });
      await scheduleSlaCheck(db, ticketId, next);
      // The customer hears the promise when the case is opened and whenever its type, and so the promise, changes.
      const promiseChanged =
        event.name === 'ticket.created' ||
        event.name === 'ticket.theft_reported' ||
        (event.name === 'ticket.updated' && changed?.includes('problemType'));
      if (promiseChanged) await sendProcessingPromise(db, { ticketId, reopenWindowDays: options.reopenWindowDays, now: clock.now() });
    },
  };
}

/**
 * A calendar's hours or exception days changed, or a public-holiday year
 * was entered: every running clock counted on it (on any calendar for a
 * holiday year) gets its due and warning instants again; so do the clocks
 * running under a policy whose targets changed.
 */
export function slaCalendarSubscriber(): EventSubscriber {
  return {
    name: 'sla.calendars',
    events: ['business_calendar.changed', 'sla_policy.changed'],
    async handle({ db }, event: DomainEvent) {
      const { calendarId, policyId } = event.payload as { calendarId?: string; policyId?: string };
      await recomputeDeadlines(db, { calendarId, policyId });
    },
  };
}
