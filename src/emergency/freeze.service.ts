import { and, desc, eq, inArray } from 'drizzle-orm';
import { bilingualNotice } from '@common/locales/customer-notices';
import { customer } from '../customers';
import { isUniqueViolation, type Executor } from '../platform/db';
import { AppError, isAppError } from '../platform/errors';
import { type ActorRef, systemActor } from '../platform/security';
import { maskSensitive } from '../safety';
import { addArticle, lockTicket, type TicketAccess, type TicketRow, unrestricted } from '../tickets';
import { enqueueDelivery } from '../webhooks';
import { freezeRequest, type FreezeState, type RequestedBy } from './emergency.table';
import { hasPassedRecently } from './identity-check.service';
import { recordOnTicket } from './ticket-record';

export type FreezeRequestRow = typeof freezeRequest.$inferSelect;

/** What the platform may answer, in the freeze endpoint's 2xx body or in its later callback. */
export type FreezeOutcome = { status: 'frozen' | 'accepted' | 'rejected'; reference?: string | undefined; message?: string | undefined };

/**
 * The one click: records a freeze request on a suspected-theft ticket and
 * queues its signed delivery to the platform's `account_freeze` endpoint
 * (retried with backoff by the webhook job). A customer must have passed the
 * identity check within the hour; an agent decides themselves (the body says
 * whether the identity was checked). A click while a request is on its way,
 * or after one was confirmed, returns that one (`created: false`).
 * Errors: TICKET_NOT_FOUND, TICKET_CLOSED, TICKET_MERGED, FREEZE_NOT_APPLICABLE,
 * IDENTITY_NOT_VERIFIED, CUSTOMER_NOT_ON_PLATFORM, PLATFORM_ENDPOINT_MISSING.
 */
export async function requestFreeze(
  tx: Executor,
  input: {
    ticket: { id: string } | { number: string };
    access: TicketAccess;
    requestedBy: RequestedBy;
    agentId: string | null;
    actor: ActorRef;
    reason?: string | undefined;
    now: Date;
  },
): Promise<{ request: FreezeRequestRow; created: boolean }> {
  const reason = input.reason ? maskSensitive(input.reason).text : null;
  const row = await lockTicket(tx, input.ticket, input.access);
  if (row.status === 'merged') throw new AppError('TICKET_MERGED');
  if (row.status === 'closed') throw new AppError('TICKET_CLOSED');
  if (row.problemType !== 'suspected_theft') throw new AppError('FREEZE_NOT_APPLICABLE', { problemType: row.problemType });
  const [existing] = await tx
    .select()
    .from(freezeRequest)
    .where(and(eq(freezeRequest.ticketId, row.id), inArray(freezeRequest.state, ['requested', 'sent', 'confirmed'])))
    .orderBy(desc(freezeRequest.createdAt))
    .limit(1);
  if (existing) return { request: existing, created: false };
  const identityVerified = await hasPassedRecently(tx, row.id, input.now);
  if (input.requestedBy === 'customer' && !identityVerified) throw new AppError('IDENTITY_NOT_VERIFIED');
  const [owner] = await tx.select({ platformUserId: customer.platformUserId }).from(customer).where(eq(customer.id, row.customerId));
  if (!owner?.platformUserId) throw new AppError('CUSTOMER_NOT_ON_PLATFORM');

  let inserted: FreezeRequestRow | undefined;
  try {
    [inserted] = await tx
      .insert(freezeRequest)
      .values({
        ticketId: row.id,
        requestedBy: input.requestedBy,
        requestedByAgentId: input.agentId,
        state: 'requested',
        createdAt: input.now,
        updatedAt: input.now,
      })
      .returning();
  } catch (error) {
    // Only reachable without the row lock's protection (it is held): kept so a schema slip reads as a conflict, not a 500.
    if (isUniqueViolation(error)) throw new AppError('CONCURRENT_UPDATE');
    throw error;
  }
  if (!inserted) throw new Error('insert returned no row');
  const delivery = await enqueueDelivery(tx, {
    purpose: 'account_freeze',
    subjectType: 'freeze_request',
    subjectId: inserted.id,
    body: {
      type: 'account_freeze',
      freezeRequestId: inserted.id,
      platformUserId: owner.platformUserId,
      ticketNumber: row.number,
      subject: row.subject,
      requestedBy: input.requestedBy,
      identityVerified,
      reason,
      requestedAt: input.now.toISOString(),
    },
    now: input.now,
  });
  const [request] = await tx.update(freezeRequest).set({ deliveryId: delivery.id }).where(eq(freezeRequest.id, inserted.id)).returning();
  await recordOnTicket(tx, {
    ticket: row,
    action: 'ticket.freeze_requested',
    event: 'ticket.freeze_changed',
    actor: input.actor,
    after: { freezeRequestId: inserted.id, state: 'requested', requestedBy: input.requestedBy, identityVerified, reason },
    now: input.now,
  });
  return { request: request as FreezeRequestRow, created: true };
}

const stateOf = { frozen: 'confirmed', accepted: 'sent', rejected: 'rejected' } as const satisfies Record<
  FreezeOutcome['status'],
  FreezeState
>;

/**
 * Records what became of a freeze: the platform's answer to the delivery, its
 * later callback, or the delivery failing for good. Writes the state on the
 * request, an internal system note and an audit entry on the ticket, and on
 * confirmation tells the customer. A final state (confirmed, failed) is not
 * changed again; the same outcome repeated is accepted as it is.
 * Errors: FREEZE_REQUEST_NOT_FOUND, FREEZE_ALREADY_FINAL.
 */
export async function recordFreezeOutcome(
  tx: Executor,
  input: {
    freezeRequestId: string;
    outcome: FreezeOutcome | { status: 'delivery_failed'; message: string };
    actor: ActorRef;
    reopenWindowDays: number;
    now: Date;
  },
): Promise<FreezeRequestRow> {
  const [found] = await tx
    .select({ ticketId: freezeRequest.ticketId })
    .from(freezeRequest)
    .where(eq(freezeRequest.id, input.freezeRequestId));
  if (!found) throw new AppError('FREEZE_REQUEST_NOT_FOUND');
  const row = await lockTicket(tx, { id: found.ticketId }, unrestricted);
  const [current] = await tx.select().from(freezeRequest).where(eq(freezeRequest.id, input.freezeRequestId));
  if (!current) throw new AppError('FREEZE_REQUEST_NOT_FOUND');
  const { outcome } = input;
  const state: FreezeState = outcome.status === 'delivery_failed' ? 'failed' : stateOf[outcome.status];
  const reference = 'reference' in outcome && outcome.reference ? outcome.reference : current.platformReference;
  if (current.state === 'confirmed' || current.state === 'rejected' || current.state === 'failed') {
    if (current.state === state) return current;
    throw new AppError('FREEZE_ALREADY_FINAL', { state: current.state });
  }
  if (current.state === state && reference === current.platformReference) return current;
  // The platform's words go into a note: masked like a customer's, so no card or ID number is stored from them either.
  const text = outcome.message ? maskSensitive(outcome.message.slice(0, 500)).text : null;
  const [updated] = await tx
    .update(freezeRequest)
    .set({ state, platformReference: reference, outcome: text ?? outcome.status, updatedAt: input.now })
    .where(eq(freezeRequest.id, current.id))
    .returning();
  await noteOnTicket(tx, row, state, reference, text, input);
  await recordOnTicket(tx, {
    ticket: row,
    action: `ticket.freeze_${state}`,
    event: 'ticket.freeze_changed',
    actor: input.actor,
    after: { freezeRequestId: current.id, state, platformReference: reference, outcome: outcome.status },
    now: input.now,
  });
  return updated as FreezeRequestRow;
}

const noteText: Record<FreezeState, (reference: string) => string> = {
  requested: () => '',
  sent: (reference) =>
    `紧急冻结申请已送达平台，等待确认${reference}。\nFreeze request delivered to the platform, awaiting confirmation${reference}.`,
  confirmed: (reference) => `平台已确认紧急冻结${reference}。\nThe platform confirmed the emergency freeze${reference}.`,
  rejected: (reference) =>
    `平台拒绝了紧急冻结${reference}，请立即电话联系平台风控。\nThe platform refused the emergency freeze${reference}; call the platform's risk desk now.`,
  failed: (reference) =>
    `紧急冻结未完成${reference}，请立即电话联系平台风控。\nThe emergency freeze did not go through${reference}; call the platform's risk desk now.`,
};

async function noteOnTicket(
  tx: Executor,
  row: TicketRow,
  state: FreezeState,
  reference: string | null,
  message: string | null,
  input: { reopenWindowDays: number; now: Date },
): Promise<void> {
  const suffix = `${reference ? `（${reference}）` : ''}${message ? ` ${message}` : ''}`;
  const common = {
    number: row.number,
    actor: systemActor('emergency-freeze'),
    access: unrestricted,
    reopenWindowDays: input.reopenWindowDays,
    now: input.now,
  };
  try {
    await addArticle(tx, { ...common, kind: 'note', bodyText: noteText[state](suffix) });
    if (state === 'confirmed') await addArticle(tx, { ...common, kind: 'outbound', bodyText: bilingualNotice('freezeConfirmed') });
  } catch (error) {
    // A ticket closed or merged meanwhile keeps the outcome on the request and in its audit chain.
    if (!isAppError(error) || (error.code !== 'TICKET_CLOSED' && error.code !== 'TICKET_MERGED')) throw error;
  }
}

export function freezeRequestsOf(db: Executor, ticketId: string): Promise<FreezeRequestRow[]> {
  return db
    .select()
    .from(freezeRequest)
    .where(eq(freezeRequest.ticketId, ticketId))
    .orderBy(desc(freezeRequest.createdAt), desc(freezeRequest.id))
    .limit(20);
}
