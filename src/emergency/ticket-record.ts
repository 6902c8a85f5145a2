import { appendAudit } from '../audit';
import type { Executor } from '../platform/db';
import type { ActorRef } from '../platform/security';
import { eventPayload, type TicketRow } from '../tickets';

/**
 * One safety step on a ticket's audit chain with its events (the step's own
 * and ticket.updated, so consoles refresh). The caller holds the ticket's
 * row lock, which serialises the chain.
 */
export async function recordOnTicket(
  tx: Executor,
  input: {
    ticket: TicketRow;
    action: string;
    event: string;
    actor: ActorRef;
    after: Record<string, unknown>;
    now: Date;
  },
): Promise<void> {
  await appendAudit(
    tx,
    {
      subjectType: 'ticket',
      subjectId: input.ticket.id,
      action: input.action,
      actor: input.actor,
      before: null,
      after: input.after,
      occurredAt: input.now,
    },
    [
      { name: input.event, payload: eventPayload(input.ticket, input.after), occurredAt: input.now },
      { name: 'ticket.updated', payload: eventPayload(input.ticket, { changed: ['safety'] }), occurredAt: input.now },
    ],
  );
}
