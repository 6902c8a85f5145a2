import type { DomainEvent, EventSubscriber } from '../platform/events';
import { lockTicket, unrestricted } from '../tickets';
import { syncTicketSla, ticketsWithRunningClocks } from './sla-clock.service';
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
        const row = await lockTicket(tx, { id: ticketId }, unrestricted);
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

/** Tickets re-synced per transaction when a calendar changes: short locks, and progress kept if a batch fails. */
const RECOMPUTE_BATCH = 100;

/**
 * A calendar's hours or exception days changed, or a public-holiday year
 * was entered: every running clock counted on it (on any calendar for a
 * holiday year) gets its due and warning instants again.
 */
export function slaCalendarSubscriber(): EventSubscriber {
  return {
    name: 'sla.calendars',
    events: ['business_calendar.changed'],
    async handle({ db, clock }, event: DomainEvent) {
      const { calendarId } = event.payload as { calendarId?: string };
      const ticketIds = await ticketsWithRunningClocks(db, calendarId);
      for (let start = 0; start < ticketIds.length; start += RECOMPUTE_BATCH) {
        const batch = ticketIds.slice(start, start + RECOMPUTE_BATCH);
        const next = await db.transaction(async (tx) => {
          const scheduled: [string, Date | null][] = [];
          for (const ticketId of batch) {
            const row = await lockTicket(tx, { id: ticketId }, unrestricted);
            scheduled.push([ticketId, await syncTicketSla(tx, row, clock.now())]);
          }
          return scheduled;
        });
        for (const [ticketId, at] of next) await scheduleSlaCheck(db, ticketId, at);
      }
    },
  };
}
