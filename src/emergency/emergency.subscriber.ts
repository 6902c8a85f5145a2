import { and, eq, gte, like } from 'drizzle-orm';
import { customerNotices } from '@common/locales/customer-notices';
import type { EventSubscriber } from '../platform/events';
import { isAppError } from '../platform/errors';
import { systemActor } from '../platform/security';
import { addArticle, article, unrestricted } from '../tickets';
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
      const send = db.transaction(async (tx) => {
        const [sent] = await tx
          .select({ id: article.id })
          .from(article)
          .where(
            and(
              eq(article.ticketId, ticketId),
              eq(article.authorType, 'system'),
              like(article.bodyText, `%${SELF_SERVICE_PATH}%`),
              gte(article.createdAt, new Date(now.getTime() - options.linkHours * 3_600_000)),
            ),
          )
          .limit(1);
        if (sent) return;
        const token = issueSelfServiceToken(options.secret, ticketId, new Date(now.getTime() + options.linkHours * 3_600_000));
        await addArticle(tx, {
          number,
          kind: 'outbound',
          bodyText: theftSelfServiceNotice(selfServiceUrl(options.publicUrl, token), options.linkHours),
          actor: systemActor('emergency-freeze'),
          access: unrestricted,
          reopenWindowDays: options.reopenWindowDays,
          now,
        });
      });
      await send.catch((error: unknown) => {
        if (isAppError(error) && (error.code === 'TICKET_CLOSED' || error.code === 'TICKET_MERGED')) return;
        throw error;
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
