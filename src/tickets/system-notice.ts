import { and, eq, gte, like } from 'drizzle-orm';
import type { Database } from '../platform/db';
import { isAppError } from '../platform/errors';
import { systemActor } from '../platform/security';
import { addArticle } from './article.service';
import { article } from './article.table';
import { unrestricted } from './ticket.policy';

/**
 * Adds a system reply Huiying sends by itself on a customer's ticket, unless
 * one like it went out since `since` (`sameAs`: the exact text, or a fragment
 * every such notice contains). That check is also what makes a repeated
 * delivery of the triggering event harmless. A ticket closed or merged since
 * gets none: retrying would not change that. A notice is a system reply, so it
 * reaches the customer by the ticket's channel and is no agent's first response.
 */
export async function sendSystemNoticeOnce(
  db: Database,
  input: {
    ticketId: string;
    number: string;
    bodyText: string;
    sameAs: { text: string } | { fragment: string };
    since: Date;
    /** Who sends it, e.g. `safety-warning`, recorded as the system actor. */
    sender: string;
    reopenWindowDays: number;
    now: Date;
  },
): Promise<void> {
  const send = db.transaction(async (tx) => {
    const [sent] = await tx
      .select({ id: article.id })
      .from(article)
      .where(
        and(
          eq(article.ticketId, input.ticketId),
          eq(article.authorType, 'system'),
          'text' in input.sameAs ? eq(article.bodyText, input.sameAs.text) : like(article.bodyText, `%${input.sameAs.fragment}%`),
          gte(article.createdAt, input.since),
        ),
      )
      .limit(1);
    if (sent) return;
    await addArticle(tx, {
      number: input.number,
      kind: 'outbound',
      bodyText: input.bodyText,
      actor: systemActor(input.sender),
      access: unrestricted,
      reopenWindowDays: input.reopenWindowDays,
      now: input.now,
    });
  });
  await send.catch((error: unknown) => {
    if (isAppError(error) && (error.code === 'TICKET_CLOSED' || error.code === 'TICKET_MERGED')) return;
    throw error;
  });
}
