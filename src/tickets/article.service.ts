import { randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { ArticleKind, TicketChannel } from '@common/tickets/ticket-fields';
import { canAgentMove, type TicketStatus, ticketStatusTable } from '@common/tickets/ticket-status';
import { agent } from '../agents';
import { customer } from '../customers';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/errors';
import { recordEvent } from '../platform/events';
import { documentVector } from '../platform/search';
import { type Actor, sha256Hex } from '../platform/security';
import { prepareArticleBody } from './article-body';
import { article } from './article.table';
import { type AttachmentRow, attachmentsOfArticles, claimAttachments, linkAttachments } from './attachment.service';
import { flagSafetyInReply } from './reply-safety';
import { assertTicketChangeable, eventPayload, lockTicket, recordTicketChange } from './ticket-changes';
import type { TicketRow } from './ticket-query';
import type { TicketAccess } from './ticket.policy';
import { ticket } from './ticket.table';

export type ArticleRow = typeof article.$inferSelect;

export interface ArticleInput {
  kind: ArticleKind;
  bodyText?: string | undefined;
  bodyHtml?: string | undefined;
  channel?: TicketChannel | undefined;
  attachmentIds?: string[] | undefined;
  actor: Actor;
  now: Date;
}

/** What the audit chain keeps of a message: enough to prove later that its text and files were not altered. */
export function articleDigest(row: Pick<ArticleRow, 'bodyText' | 'bodyHtml'>, attachmentHashes: readonly string[]): string {
  return sha256Hex(canonicalize({ bodyText: row.bodyText, bodyHtml: row.bodyHtml, attachments: [...attachmentHashes].sort() }) ?? '');
}

function authorOf(kind: ArticleKind, actor: Actor, row: Pick<TicketRow, 'customerId'>) {
  if (kind === 'inbound') return { authorType: 'customer' as const, authorAgentId: null, authorCustomerId: row.customerId };
  if (actor.kind === 'agent') return { authorType: 'agent' as const, authorAgentId: actor.agentId, authorCustomerId: null };
  return {
    authorType: actor.kind === 'api_token' ? ('api_token' as const) : ('system' as const),
    authorAgentId: null,
    authorCustomerId: null,
  };
}

/** What a new message changes on its ticket besides the count and the search index. */
export function firstMessageEffects(row: Pick<TicketRow, 'firstRespondedAt'>, input: Pick<ArticleInput, 'kind' | 'actor' | 'now'>) {
  return {
    ...(input.kind === 'inbound' ? { lastCustomerMessageAt: input.now } : {}),
    ...(input.kind === 'outbound' && !row.firstRespondedAt && input.actor.kind !== 'system' ? { firstRespondedAt: input.now } : {}),
  };
}

/**
 * Inserts a message on a ticket already locked by the caller, links its
 * attachments, extends the search index and records article.created. Returns
 * the ticket as updated (counts, timestamps, status untouched).
 */
export async function insertArticle(
  tx: Executor,
  row: TicketRow,
  input: ArticleInput,
): Promise<{ ticket: TicketRow; article: ArticleRow }> {
  const body = prepareArticleBody(input);
  const files = await claimAttachments(tx, { ids: input.attachmentIds ?? [], actor: input.actor });
  const message = composeArticle(row, input, body, files);
  const [updated] = await tx
    .update(ticket)
    .set({
      articleCount: sql`${ticket.articleCount} + 1`,
      updatedAt: input.now,
      searchVector: sql`${ticket.searchVector} || ${documentVector(body.bodyText)}::tsvector`,
      ...firstMessageEffects(row, input),
    })
    .where(eq(ticket.id, row.id))
    .returning();
  if (!updated) throw new AppError('TICKET_NOT_FOUND');
  await recordTicketChange(tx, {
    ticket: updated,
    action: 'article.created',
    event: 'article.created',
    actor: input.actor,
    after: message.auditAfter,
    eventExtra: message.eventExtra,
    ...(message.maskedEventExtra ? { alsoEvent: { name: 'article.masked', extra: message.maskedEventExtra } } : {}),
    now: input.now,
    alongside: tx.insert(article).values(message.row),
  });
  await linkAttachments(tx, files, { ticketId: row.id, articleId: message.row.id });
  return { ticket: updated, article: message.row };
}

/** A new message row with what its audit entry and article.created event say about it. */
export function composeArticle(
  row: Pick<TicketRow, 'id' | 'channel' | 'customerId'>,
  input: ArticleInput,
  body: ReturnType<typeof prepareArticleBody>,
  files: readonly AttachmentRow[],
) {
  const visibility = input.kind === 'note' ? ('internal' as const) : ('public' as const);
  const created: ArticleRow = {
    id: randomUUID(),
    ticketId: row.id,
    kind: input.kind,
    channel: input.channel ?? (input.kind === 'note' ? 'web' : row.channel),
    visibility,
    ...authorOf(input.kind, input.actor, row),
    bodyText: body.bodyText,
    bodyHtml: body.bodyHtml,
    maskedKinds: body.maskedKinds,
    createdAt: input.now,
  };
  const masked = body.maskedKinds.length > 0 ? { maskedKinds: body.maskedKinds } : {};
  return {
    row: created,
    auditAfter: {
      articleId: created.id,
      kind: created.kind,
      channel: created.channel,
      visibility,
      authorType: created.authorType,
      digest: articleDigest(
        created,
        files.map((file) => file.sha256),
      ),
      attachments: files.map((file) => ({ id: file.id, sha256: file.sha256, fileName: file.fileName })),
      ...masked,
    },
    eventExtra: { articleId: created.id, kind: created.kind, visibility },
    /** Extra of the article.masked event, raised only when something was masked (the customer gets a warning). */
    maskedEventExtra: body.maskedKinds.length > 0 ? { articleId: created.id, ...masked } : undefined,
  };
}

/** The status a message moves a ticket to before any explicit choice. */
function automaticStatus(current: TicketRow, kind: ArticleKind, actor: Actor, now: Date, reopenWindowDays: number): TicketStatus {
  if (kind === 'inbound') {
    if (current.status === 'resolved') {
      const windowEnd = (current.resolvedAt?.getTime() ?? 0) + reopenWindowDays * 86_400_000;
      if (now.getTime() > windowEnd) throw new AppError('TICKET_CLOSED', { reason: 'reopen window passed' });
    }
    return ticketStatusTable[current.status].reopensOnCustomerReply ? 'open' : current.status;
  }
  // A notice Huiying sends by itself (a safety warning) is not someone taking up the ticket.
  if (kind === 'outbound' && current.status === 'new' && actor.kind !== 'system') return 'open';
  return current.status;
}

/**
 * Adds a message to a ticket: a customer message (inbound), a reply
 * (outbound) or an internal note. A customer message reopens a ticket waiting
 * for them or resolved within the reopen window; a first reply opens a new
 * ticket; `statusAfter` then moves it as the agent chose.
 * Errors: TICKET_NOT_FOUND, TICKET_MERGED, TICKET_CLOSED,
 * ILLEGAL_STATUS_TRANSITION, ATTACHMENT_UNAVAILABLE, VALIDATION_FAILED.
 */
export async function addArticle(
  tx: Executor,
  input: ArticleInput & { number: string; statusAfter?: TicketStatus | undefined; access: TicketAccess; reopenWindowDays: number },
): Promise<{ ticket: TicketRow; article: ArticleRow }> {
  const current = await lockTicket(tx, { number: input.number }, input.access);
  await assertTicketChangeable(tx, current);
  let status = automaticStatus(current, input.kind, input.actor, input.now, input.reopenWindowDays);
  if (input.statusAfter && input.statusAfter !== status) {
    if (!canAgentMove(status, input.statusAfter)) throw new AppError('ILLEGAL_STATUS_TRANSITION', { from: status, to: input.statusAfter });
    status = input.statusAfter;
  }
  const inserted = await insertArticle(tx, current, input);
  let updated = inserted.ticket;
  if (input.kind === 'inbound') {
    updated = await flagSafetyInReply(tx, updated, { bodyText: inserted.article.bodyText, actor: input.actor, now: input.now });
  }
  if (status !== current.status) {
    const [moved] = await tx
      .update(ticket)
      .set({
        status,
        resolvedAt: status === 'resolved' ? input.now : status === 'closed' ? current.resolvedAt : null,
        closedAt: status === 'closed' ? input.now : null,
      })
      .where(eq(ticket.id, current.id))
      .returning();
    if (!moved) throw new AppError('TICKET_NOT_FOUND');
    updated = moved;
    const reopened = current.status === 'resolved' && input.kind === 'inbound';
    await recordTicketChange(tx, {
      ticket: updated,
      action: reopened ? 'ticket.reopened' : 'ticket.status_changed',
      event: 'ticket.status_changed',
      actor: input.actor,
      before: { status: current.status },
      after: { status },
      eventExtra: { previousStatus: current.status },
      now: input.now,
    });
  }
  await recordEvent(tx, { name: 'ticket.updated', payload: eventPayload(updated, { changed: ['articles'] }), occurredAt: input.now });
  return { ticket: updated, article: inserted.article };
}

export interface ArticleView extends ArticleRow {
  authorName: string | null;
  attachments: AttachmentRow[];
}

async function selectArticleViews(db: Executor, where: SQL | undefined): Promise<ArticleView[]> {
  const rows = await db
    .select({ article, agentName: agent.name, customerName: customer.name })
    .from(article)
    .leftJoin(agent, eq(agent.id, article.authorAgentId))
    .leftJoin(customer, eq(customer.id, article.authorCustomerId))
    .where(where)
    .orderBy(asc(article.createdAt), asc(article.id));
  const files = await attachmentsOfArticles(
    db,
    rows.map((row) => row.article.id),
  );
  return rows.map((row) => ({
    ...row.article,
    authorName: row.agentName ?? row.customerName,
    attachments: files.filter((file) => file.articleId === row.article.id),
  }));
}

/** Messages of a ticket in order, internal notes only when asked for. */
export function listArticles(db: Executor, input: { ticketId: string; includeInternal: boolean }): Promise<ArticleView[]> {
  return selectArticleViews(
    db,
    and(eq(article.ticketId, input.ticketId), input.includeInternal ? undefined : eq(article.visibility, 'public')),
  );
}

export async function getArticleView(db: Executor, id: string): Promise<ArticleView> {
  const [view] = await selectArticleViews(db, eq(article.id, id));
  if (!view) throw new AppError('TICKET_NOT_FOUND');
  return view;
}
