import { and, eq, gte } from 'drizzle-orm';
import { bilingualNotice } from '@common/locales/customer-notices';
import type { EventSubscriber } from '../platform/events';
import { isAppError } from '../platform/errors';
import { systemActor } from '../platform/security';
import { addArticle } from './article.service';
import { article } from './article.table';
import { unrestricted } from './ticket.policy';

/** One notice of a kind covers a conversation for a day: a customer who pastes several secrets is not lectured each time. */
const QUIET_MS = 24 * 60 * 60_000;

// Which notice each event calls for.
const noticeFor = {
  'article.masked': 'sensitiveDataMasked',
  'ticket.fraud_reported': 'fraudAdvice',
} as const;

/**
 * Safety notices Huiying sends by itself on the customer's ticket: after a
 * message had something masked, that staff never ask for passwords, codes or
 * recovery phrases; after a report of fraud or impersonation, the anti-fraud
 * advice. A notice is a system reply, so it reaches the customer by the
 * ticket's channel and does not count as an agent's first response.
 */
export function safetyWarningSubscriber(options: { reopenWindowDays: number }): EventSubscriber {
  return {
    name: 'tickets.safety-warning',
    events: Object.keys(noticeFor),
    async handle({ db, clock }, event) {
      const { ticketId, number } = event.payload as { ticketId: string; number: string };
      const notice = bilingualNotice(noticeFor[event.name as keyof typeof noticeFor]);
      const now = clock.now();
      const since = new Date(Math.min(new Date(event.occurredAt).getTime(), now.getTime() - QUIET_MS));
      const warn = db.transaction(async (tx) => {
        // Also what makes a repeated delivery of this event harmless: the warning it would add is already there.
        const [warned] = await tx
          .select({ id: article.id })
          .from(article)
          .where(
            and(
              eq(article.ticketId, ticketId),
              eq(article.authorType, 'system'),
              eq(article.bodyText, notice),
              gte(article.createdAt, since),
            ),
          )
          .limit(1);
        if (warned) return;
        await addArticle(tx, {
          number,
          kind: 'outbound',
          bodyText: notice,
          actor: systemActor('safety-warning'),
          access: unrestricted,
          reopenWindowDays: options.reopenWindowDays,
          now,
        });
      });
      // A ticket closed or merged since the message needs no warning any more; retrying would not change that.
      await warn.catch((error: unknown) => {
        if (isAppError(error) && (error.code === 'TICKET_CLOSED' || error.code === 'TICKET_MERGED')) return;
        throw error;
      });
    },
  };
}
