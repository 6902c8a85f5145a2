import { customerNotices } from '@common/locales/customer-notices';
import type { EventSubscriber } from '../platform/events';
import { isAppError } from '../platform/errors';
import { sendSystemNoticeOnce } from '../tickets';
import { type FreezeOutcome, recordFreezeOutcome } from './freeze.service';
import { issueSelfServiceToken } from './self-service-link';

export const SELF_SERVICE_PATH = '/self-service/freeze/';

export function selfServiceUrl(publicUrl: string, token: string): string {
  return `${publicUrl}${SELF_SERVICE_PATH}${encodeURIComponent(token)}`;
}

/** The customer's notice with their link, Chinese first. */
export function theftSelfServiceNotice(link: string, hours: number): string {
  const fill = (text: string) => text.replaceAll('{link}', link).replaceAll('{hours}', String(hours));
  return `${fill(customerNotices.theftSelfService['zh-CN'])}\n\n${fill(customerNotices.theftSelfService.en)}`;
}

/**
 * A ticket that reads as account theft gets, at once, a system reply with the
 * customer's signed self-service link (identity check, then the one-click
 * freeze). One link per ticket while the last one is valid.
 */
export function selfServiceLinkSubscriber(options: {
  secret: string;
  publicUrl: string;
  linkHours: number;
  reopenWindowDays: number;
}): EventSubscriber {
  return {
    name: 'emergency.self-service-link',
    events: ['ticket.theft_reported'],
    async handle({ db, clock }, event) {
      const { ticketId, number } = event.payload as { ticketId: string; number: string };
      const now = clock.now();
      const token = issueSelfServiceToken(options.secret, ticketId, new Date(now.getTime() + options.linkHours * 3_600_000));
      await sendSystemNoticeOnce(db, {
        ticketId,
        number,
        bodyText: theftSelfServiceNotice(selfServiceUrl(options.publicUrl, token), options.linkHours),
        sameAs: { fragment: SELF_SERVICE_PATH },
        since: new Date(now.getTime() - options.linkHours * 3_600_000),
        sender: 'emergency-freeze',
        reopenWindowDays: options.reopenWindowDays,
        now,
      });
    },
  };
}

const answerStatuses = new Set(['frozen', 'accepted', 'rejected']);

/**
 * How the freeze delivery ended: the platform's 2xx answer ({status:
 * frozen|accepted|rejected, reference, message}; anything else counts as
 * accepted) or the delivery failing after its last retry.
 */
export function freezeDeliverySubscriber(options: { reopenWindowDays: number }): EventSubscriber {
  return {
    name: 'emergency.freeze-delivery',
    events: ['webhook.delivered', 'webhook.failed'],
    async handle({ db, clock }, event) {
      const payload = event.payload as {
        purpose: string;
        subjectType: string;
        subjectId: string;
        error: string | null;
        answer: Record<string, unknown> | null;
      };
      if (payload.purpose !== 'account_freeze' || payload.subjectType !== 'freeze_request') return;
      const answer = payload.answer ?? {};
      const outcome: FreezeOutcome | { status: 'delivery_failed'; message: string } =
        event.name === 'webhook.failed'
          ? { status: 'delivery_failed', message: payload.error ?? 'delivery failed' }
          : {
              status: answerStatuses.has(String(answer.status)) ? (answer.status as FreezeOutcome['status']) : 'accepted',
              reference: typeof answer.reference === 'string' ? answer.reference.slice(0, 100) : undefined,
              message: typeof answer.message === 'string' ? answer.message : undefined,
            };
      await db
        .transaction((tx) =>
          recordFreezeOutcome(tx, {
            freezeRequestId: payload.subjectId,
            outcome,
            actor: { type: 'system', id: 'platform-freeze-endpoint' },
            reopenWindowDays: options.reopenWindowDays,
            now: clock.now(),
          }),
        )
        .catch((error: unknown) => {
          // The platform's callback can arrive before its own 2xx is processed: the final word stands.
          if (isAppError(error) && error.code === 'FREEZE_ALREADY_FINAL') return;
          throw error;
        });
    },
  };
}
