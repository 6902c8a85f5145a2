import { type ContactPointInput, getCustomer } from '../customers';
import type { Executor } from '../platform/db';
import type { Actor } from '../platform/security';
import { lockTicket, recordTicketChange } from './ticket-changes';
import type { TicketAccess } from './ticket.policy';

/**
 * Shows the whole contact points of a ticket's customer, which agents
 * otherwise see masked, to someone who may see the ticket, and records in the
 * ticket's audit chain who saw which kinds and why — never the values, so
 * the case record does not spread what it guards. Viewing is allowed on
 * closed and merged tickets too: it changes nothing but the record.
 * Errors: TICKET_NOT_FOUND, CUSTOMER_NOT_FOUND.
 */
export async function revealContactPoints(
  tx: Executor,
  input: { number: string; access: TicketAccess; actor: Actor; reason: string; now: Date },
): Promise<{ customerId: string; contactPoints: ContactPointInput[] }> {
  const row = await lockTicket(tx, { number: input.number }, input.access);
  const customer = await getCustomer(tx, row.customerId);
  await recordTicketChange(tx, {
    ticket: row,
    action: 'ticket.masked_data_viewed',
    actor: input.actor,
    after: {
      data: 'customer.contact_points',
      customerId: customer.id,
      kinds: customer.contactPoints.map((point) => point.kind),
      reason: input.reason,
    },
    now: input.now,
  });
  return { customerId: customer.id, contactPoints: customer.contactPoints };
}
