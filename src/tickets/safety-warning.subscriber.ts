import { bilingualNotice } from '@common/locales/customer-notices';
import type { EventSubscriber } from '../platform/events';
import { sendSystemNoticeOnce } from './system-notice';

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
 * advice.
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
      await sendSystemNoticeOnce(db, {
        ticketId,
        number,
        bodyText: notice,
        sameAs: { text: notice },
        since,
        sender: 'safety-warning',
        reopenWindowDays: options.reopenWindowDays,
        now,
      });
    },
  };
}
