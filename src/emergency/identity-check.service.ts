import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, gte, or, sql } from 'drizzle-orm';
import { customer } from '../customers';
import type { Database, Executor } from '../platform/db';
import { AppError } from '../platform/errors';
import type { ActorRef } from '../platform/security';
import { lockTicket, type TicketAccess } from '../tickets';
import { callEndpoint, endpointFor } from '../webhooks';
import { type IdentityCheckResult, identityCheck, type RequestedBy } from './emergency.table';
import { recordOnTicket } from './ticket-record';

const HOUR_MS = 60 * 60_000;

export type IdentityCheckRow = typeof identityCheck.$inferSelect;

/**
 * Asks the platform whether "last 4 of ID + last 4 of mobile" belong to the
 * ticket's customer, by a signed POST to its `identity_check` endpoint
 * ({platformUserId, idLast4, mobileLast4, ticketNumber, nonce} -> {result:
 * pass|fail}). Huiying keeps only the outcome, who asked and when: the digits
 * live in this function's arguments and the request body, nowhere else (no
 * row, audit entry, event, job or log line). At most `maxPerHour` attempts per
 * ticket and per customer (across the customer's tickets, counted under a
 * per-customer lock); each attempt, whatever its end, is on the ticket's
 * audit chain. Returns the attempt.
 * Errors: TICKET_NOT_FOUND, TICKET_CLOSED, TICKET_MERGED, CUSTOMER_NOT_ON_PLATFORM,
 * IDENTITY_CHECK_RATE_LIMITED, PLATFORM_ENDPOINT_MISSING, IDENTITY_CHECK_UNAVAILABLE.
 */
export async function runIdentityCheck(
  db: Database,
  input: {
    ticket: { id: string } | { number: string };
    access: TicketAccess;
    requestedBy: RequestedBy;
    agentId: string | null;
    actor: ActorRef;
    digits: { idLast4: string; mobileLast4: string };
    maxPerHour: number;
    timeoutMs: number;
    now: () => Date;
  },
): Promise<IdentityCheckRow> {
  const startedAt = input.now();
  const started = await db.transaction(async (tx) => {
    const row = await lockTicket(tx, input.ticket, input.access);
    if (row.status === 'merged') throw new AppError('TICKET_MERGED');
    if (row.status === 'closed') throw new AppError('TICKET_CLOSED');
    const [owner] = await tx.select({ platformUserId: customer.platformUserId }).from(customer).where(eq(customer.id, row.customerId));
    if (!owner?.platformUserId) throw new AppError('CUSTOMER_NOT_ON_PLATFORM');
    // Before anything is written: a workspace without the endpoint has nothing to count or audit.
    await endpointFor(tx, 'identity_check');
    // The ticket's lock serialises one ticket's attempts only; the customer's limit spans all their
    // tickets, so attempts on two tickets of one customer must also queue behind each other before
    // counting, or both would see the same count and together exceed it. A transaction-scoped
    // advisory lock (not the customer row, which other writers lock in their own order) taken after
    // the ticket's lock, always in that order.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`identity_check:customer:${row.customerId}`}, 0))`);
    const since = new Date(startedAt.getTime() - HOUR_MS);
    const [recent] = await tx
      .select({ attempts: count() })
      .from(identityCheck)
      .where(
        and(gte(identityCheck.createdAt, since), or(eq(identityCheck.ticketId, row.id), eq(identityCheck.customerId, row.customerId))),
      );
    if ((recent?.attempts ?? 0) >= input.maxPerHour) {
      throw new AppError('IDENTITY_CHECK_RATE_LIMITED', { maxPerHour: input.maxPerHour });
    }
    const [attempt] = await tx
      .insert(identityCheck)
      .values({
        ticketId: row.id,
        customerId: row.customerId,
        requestedBy: input.requestedBy,
        requestedByAgentId: input.agentId,
        result: 'pending',
        createdAt: startedAt,
      })
      .returning();
    if (!attempt) throw new Error('insert returned no row');
    return { ticket: row, platformUserId: owner.platformUserId, attempt, attemptNumber: (recent?.attempts ?? 0) + 1 };
  });

  // The platform is asked outside any transaction: no row lock is held while it thinks.
  let result: IdentityCheckResult = 'error';
  let failure: unknown;
  try {
    const { answer } = await callEndpoint(db, {
      purpose: 'identity_check',
      subjectType: 'identity_check',
      subjectId: started.attempt.id,
      body: {
        type: 'identity_check',
        platformUserId: started.platformUserId,
        idLast4: input.digits.idLast4,
        mobileLast4: input.digits.mobileLast4,
        ticketNumber: started.ticket.number,
        nonce: randomUUID(),
      },
      now: startedAt,
      nowMs: startedAt.getTime(),
      timeoutMs: input.timeoutMs,
    });
    if (answer?.result === 'pass' || answer?.result === 'fail') result = answer.result;
  } catch (error) {
    failure = error;
  }

  const finishedAt = input.now();
  const finished = await db.transaction(async (tx) => {
    const row = await lockTicket(tx, { id: started.ticket.id }, { kind: 'all' });
    const [updated] = await tx
      .update(identityCheck)
      .set({ result, completedAt: finishedAt })
      .where(eq(identityCheck.id, started.attempt.id))
      .returning();
    await recordOnTicket(tx, {
      ticket: row,
      action: 'ticket.identity_checked',
      event: 'ticket.identity_checked',
      actor: input.actor,
      after: { identityCheckId: started.attempt.id, result, requestedBy: input.requestedBy, attemptInHour: started.attemptNumber },
      now: finishedAt,
    });
    return updated as IdentityCheckRow;
  });
  if (failure) throw failure;
  if (result === 'error') throw new AppError('IDENTITY_CHECK_UNAVAILABLE');
  return finished;
}

/** The newest attempts of a ticket, and how many fall within the last hour. */
export async function identityChecksOf(
  db: Executor,
  ticketId: string,
  now: Date,
): Promise<{ checks: IdentityCheckRow[]; lastHour: number }> {
  const checks = await db
    .select()
    .from(identityCheck)
    .where(eq(identityCheck.ticketId, ticketId))
    .orderBy(desc(identityCheck.createdAt), desc(identityCheck.id))
    .limit(20);
  const since = now.getTime() - HOUR_MS;
  return { checks, lastHour: checks.filter((check) => check.createdAt.getTime() >= since).length };
}

/** Whether the ticket's customer passed the check within the last hour (what a customer's freeze needs). */
export async function hasPassedRecently(db: Executor, ticketId: string, now: Date): Promise<boolean> {
  const [passed] = await db
    .select({ id: identityCheck.id })
    .from(identityCheck)
    .where(
      and(
        eq(identityCheck.ticketId, ticketId),
        eq(identityCheck.result, 'pass'),
        gte(identityCheck.completedAt, new Date(now.getTime() - HOUR_MS)),
      ),
    )
    .limit(1);
  return Boolean(passed);
}
