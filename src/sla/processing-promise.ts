import { eq } from 'drizzle-orm';
import { provisionalPromiseNote, slaClassPromises, type SlaClass } from '@common/classification/problem-types';
import { customerNotices } from '@common/locales/customer-notices';
import { listProblemTypes } from '../classification';
import type { Database } from '../platform/db';
import { sendSystemNoticeOnce, ticket } from '../tickets';
import { loadBusinessCalendar } from './business-calendar.service';
import { formatLocalDateTime } from './local-time';
import { slaClock } from './sla-policy.table';
import { and } from 'drizzle-orm';

/**
 * Tells the customer when their case will be handled, in their terms:
 * "预计在 2026-10-09 18:00 前处理完毕（1–3 个工作日）" — the resolution
 * deadline on the policy's calendar and the promise of the problem type's
 * SLA family. Sent when a customer's ticket is opened and again when its
 * type (and so the promise) changes; the same promise is never sent twice.
 */
export async function sendProcessingPromise(db: Database, input: { ticketId: string; reopenWindowDays: number; now: Date }): Promise<void> {
  const [row] = await db.select().from(ticket).where(eq(ticket.id, input.ticketId));
  const [resolution] = await db
    .select()
    .from(slaClock)
    .where(and(eq(slaClock.ticketId, input.ticketId), eq(slaClock.metric, 'resolution')));
  if (!row || !resolution?.dueAt || resolution.stoppedAt) return;
  const type = (await listProblemTypes(db)).find((candidate) => candidate.code === row.problemType);
  const calendar = await loadBusinessCalendar(db, resolution.calendarId);
  const due = formatLocalDateTime(resolution.dueAt, calendar.definition.timeZone);
  const promise = slaClassPromises[(type?.slaClass ?? 'general') as SlaClass];
  const unknownYears = calendar.unknownYearsBetween(resolution.startedAt, resolution.dueAt).join('、');
  const range = {
    'zh-CN': promise['zh-CN'] + (unknownYears ? provisionalPromiseNote['zh-CN'].replace('{years}', unknownYears) : ''),
    en: promise.en + (unknownYears ? provisionalPromiseNote.en.replace('{years}', unknownYears) : ''),
  };
  const fill = (text: string, locale: 'zh-CN' | 'en') =>
    text
      .replace('{number}', row.number)
      .replace('{type}', (locale === 'zh-CN' ? type?.nameZh : type?.nameEn) ?? row.problemType ?? '')
      .replace('{due}', due)
      .replace('{range}', range[locale]);
  const bodyText = `${fill(customerNotices.processingPromise['zh-CN'], 'zh-CN')}\n\n${fill(customerNotices.processingPromise.en, 'en')}`;
  await sendSystemNoticeOnce(db, {
    ticketId: row.id,
    number: row.number,
    bodyText,
    sameAs: { text: bodyText },
    since: row.createdAt,
    sender: 'processing-promise',
    reopenWindowDays: input.reopenWindowDays,
    now: input.now,
  });
}
