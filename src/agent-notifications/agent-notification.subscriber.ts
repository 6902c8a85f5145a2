import type { DomainEvent, EventSubscriber } from '../platform/events';
import { notifyingEvents, notifyOfTicketEvent } from './agent-notification.service';

/** SLA warnings and breaches and customers' presses become notifications for the assignee and the group's supervisors. */
export function agentNotificationSubscriber(): EventSubscriber {
  return {
    name: 'agent-notifications.tickets',
    events: Object.keys(notifyingEvents),
    async handle({ db, clock }, event: DomainEvent) {
      await db.transaction((tx) => notifyOfTicketEvent(tx, event, clock.now()));
    },
  };
}
