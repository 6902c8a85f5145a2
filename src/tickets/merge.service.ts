import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/errors';
import { recordEvent } from '../platform/events';
import type { Actor } from '../platform/security';
import { article } from './article.table';
import { articleDigest } from './article.service';
import { attachment } from './attachment.table';
import { eventPayload, lockTicket, recordTicketChange } from './ticket-changes';
import type { TicketRow } from './ticket-query';
import type { TicketAccess } from './ticket.policy';
import { ticket } from './ticket.table';

/**
 * Merges the source ticket into the target: the source's messages and files
 * move to the target (with their digests recorded on both audit chains), the
 * source becomes `merged` and points at the target.
 * Errors: TICKET_NOT_FOUND, MERGE_NOT_ALLOWED (same ticket, merged or closed).
 */
export async function mergeTickets(
  tx: Executor,
  input: { sourceNumber: string; targetNumber: string; access: TicketAccess; actor: Actor; now: Date },
): Promise<{ source: TicketRow; target: TicketRow }> {
  const sourceNumber = input.sourceNumber.toUpperCase();
  const targetNumber = input.targetNumber.toUpperCase();
  if (sourceNumber === targetNumber) throw new AppError('MERGE_NOT_ALLOWED', { reason: 'same ticket' });
  // Lock in a fixed order so two opposite merges cannot deadlock.
  const [first, second] = [sourceNumber, targetNumber].sort() as [string, string];
  const lockedFirst = await lockTicket(tx, { number: first }, input.access);
  const lockedSecond = await lockTicket(tx, { number: second }, input.access);
  const source = lockedFirst.number === sourceNumber ? lockedFirst : lockedSecond;
  const target = source === lockedFirst ? lockedSecond : lockedFirst;
  for (const row of [source, target]) {
    if (row.status === 'merged' || row.status === 'closed')
      throw new AppError('MERGE_NOT_ALLOWED', { reason: `${row.number} is ${row.status}` });
  }

  const moved = await tx.select().from(article).where(eq(article.ticketId, source.id));
  const files = moved.length
    ? await tx
        .select()
        .from(attachment)
        .where(
          inArray(
            attachment.articleId,
            moved.map((row) => row.id),
          ),
        )
    : [];
  const movedArticles = moved.map((row) => ({
    articleId: row.id,
    digest: articleDigest(
      row,
      files.filter((file) => file.articleId === row.id).map((file) => file.sha256),
    ),
  }));
  await tx.update(article).set({ ticketId: target.id }).where(eq(article.ticketId, source.id));
  await tx.update(attachment).set({ ticketId: target.id }).where(eq(attachment.ticketId, source.id));

  const [updatedTarget] = await tx
    .update(ticket)
    .set({
      articleCount: sql`${ticket.articleCount} + ${source.articleCount}`,
      searchVector: sql`${ticket.searchVector} || (select s.search_vector from ${ticket} s where s.id = ${source.id})`,
      updatedAt: input.now,
    })
    .where(eq(ticket.id, target.id))
    .returning();
  const [updatedSource] = await tx
    .update(ticket)
    .set({ status: 'merged', mergedIntoId: target.id, articleCount: 0, closedAt: input.now, updatedAt: input.now })
    .where(eq(ticket.id, source.id))
    .returning();
  if (!updatedTarget || !updatedSource) throw new AppError('TICKET_NOT_FOUND');

  await recordTicketChange(tx, {
    ticket: updatedSource,
    action: 'ticket.merged_into',
    event: 'ticket.merged',
    actor: input.actor,
    before: { status: source.status },
    after: { status: 'merged', targetNumber: target.number, articles: movedArticles },
    eventExtra: { targetTicketId: target.id, targetNumber: target.number },
    now: input.now,
  });
  await recordTicketChange(tx, {
    ticket: updatedTarget,
    action: 'ticket.merged_from',
    actor: input.actor,
    after: { sourceNumber: source.number, articles: movedArticles },
    now: input.now,
  });
  await recordEvent(tx, { name: 'ticket.updated', payload: eventPayload(updatedTarget, { changed: ['articles'] }), occurredAt: input.now });
  return { source: updatedSource, target: updatedTarget };
}
