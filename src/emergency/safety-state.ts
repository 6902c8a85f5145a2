import type { Executor } from '../platform/db';
import { getTicketById, getTicketByNumber, type TicketAccess, type TicketView } from '../tickets';
import { type FreezeRequestRow, freezeRequestsOf } from './freeze.service';
import { hasPassedRecently, type IdentityCheckRow, identityChecksOf } from './identity-check.service';

export interface SafetyState {
  ticket: TicketView;
  checks: IdentityCheckRow[];
  attemptsLastHour: number;
  maxPerHour: number;
  identityVerified: boolean;
  freezeRequests: FreezeRequestRow[];
}

/** A ticket's identity checks and freeze requests. Errors: TICKET_NOT_FOUND. */
export async function safetyState(
  db: Executor,
  input: { ticket: { id: string } | { number: string }; access: TicketAccess; maxPerHour: number; now: Date },
): Promise<SafetyState> {
  const ticket =
    // By id only for the customer's own link, which is not limited by staff access.
    'id' in input.ticket
      ? await getTicketById(db, input.ticket.id)
      : await getTicketByNumber(db, { number: input.ticket.number, access: input.access });
  const [identity, identityVerified, freezeRequests] = await Promise.all([
    identityChecksOf(db, ticket.id, input.now),
    hasPassedRecently(db, ticket.id, input.now),
    freezeRequestsOf(db, ticket.id),
  ]);
  return {
    ticket,
    checks: identity.checks,
    attemptsLastHour: identity.lastHour,
    maxPerHour: input.maxPerHour,
    identityVerified,
    freezeRequests,
  };
}
