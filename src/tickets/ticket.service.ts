import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { ArticleKind, TicketChannel, TicketPriority } from '@common/tickets/ticket-fields';
import { canAgentMove, type TicketStatus } from '@common/tickets/ticket-status';
import { getAgent } from '../agents';
import { auditEntry, openingAuditEntries } from '../audit';
import { type CustomerDraft, findOrCreateCustomer, knownCustomerId } from '../customers';
import { type Executor, inTransaction, pgErrorCode, preparedForShape, rowSlot, violatedConstraint } from '../platform/db';
import { AppError } from '../platform/errors';
import { outboxEvent, recordEvent } from '../platform/events';
import { type Actor, actorRef } from '../platform/security';
import { documentVector } from '../platform/search';
import { defaultGroupId, groupExists, isGroupMember } from '../routing';
import { prepareArticleBody } from './article-body';
import { composeArticle, firstMessageEffects } from './article.service';
import { article } from './article.table';
import { type AttachmentRow, claimAttachments, linkAttachments } from './attachment.service';
import { assertTicketChangeable, eventPayload, lockTicket, recordTicketChange } from './ticket-changes';
import { returningView, type TicketRow, type TicketView } from './ticket-query';
import { normalizeTags } from './ticket-tags';
import type { TicketAccess } from './ticket.policy';
import { ticket } from './ticket.table';

export interface NewTicket {
  /** From nextTicketNumber, taken before the transaction. */
  number: string;
  subject: string;
  channel: TicketChannel;
  customer: { id: string } | CustomerDraft;
  groupId?: string | undefined;
  assigneeId?: string | undefined;
  priority?: TicketPriority | undefined;
  problemType?: string | undefined;
  tags?: string[] | undefined;
  isFormalComplaint?: boolean | undefined;
  status?: 'new' | 'open' | 'pending_customer' | 'pending_third_party' | undefined;
  article: { kind: ArticleKind; bodyText?: string | undefined; bodyHtml?: string | undefined; attachmentIds?: string[] | undefined };
  actor: Actor;
  now: Date;
}

/** Errors: GROUP_NOT_FOUND, AGENT_NOT_FOUND, ASSIGNEE_NOT_IN_GROUP. */
async function assertAssignable(tx: Executor, groupId: string, assigneeId: string): Promise<void> {
  const assignee = await getAgent(tx, assigneeId);
  if (!assignee.active || !(await isGroupMember(tx, groupId, assigneeId))) throw new AppError('ASSIGNEE_NOT_IN_GROUP');
}

/**
 * Opens a ticket with its first message. Finds or creates the customer, puts
 * the ticket in the default group unless one is given, and records
 * ticket.created + article.created (audit and outbox) atomically. Takes the
 * pool or a transaction: for a returning customer without attachments the
 * ticket, its message, their audit entries and events are one INSERT
 * statement, atomic without BEGIN/COMMIT (the busiest write in the product).
 * Errors: GROUP_NOT_FOUND, ASSIGNEE_NOT_IN_GROUP, CUSTOMER_NOT_FOUND,
 * CONTACT_POINT_TAKEN, ATTACHMENT_UNAVAILABLE, VALIDATION_FAILED (empty body).
 */
export async function createTicket(db: Executor, input: NewTicket): Promise<TicketView> {
  const body = prepareArticleBody(input.article);
  const [knownCustomer, groupId] = await Promise.all([
    'id' in input.customer ? input.customer.id : knownCustomerId(db, input.customer),
    chooseGroup(db, input),
  ]);
  const attachmentIds = input.article.attachmentIds ?? [];
  if (knownCustomer && attachmentIds.length === 0) return insertTicket(db, input, { customerId: knownCustomer, groupId, body, files: [] });
  return inTransaction(db, async (tx) => {
    const customerId =
      knownCustomer ??
      (await findOrCreateCustomer(tx, { ...(input.customer as CustomerDraft), actor: actorRef(input.actor), now: input.now })).customerId;
    const files = await claimAttachments(tx, { ids: attachmentIds, actor: input.actor });
    const created = await insertTicket(tx, input, { customerId, groupId, body, files });
    await linkAttachments(tx, files, { ticketId: created.id, articleId: created.firstArticleId });
    return created;
  });
}

/** The given group (checked) or the default one, with the assignee checked against it. */
async function chooseGroup(db: Executor, input: NewTicket): Promise<string> {
  if (input.groupId && !(await groupExists(db, input.groupId))) throw new AppError('GROUP_NOT_FOUND');
  const groupId = input.groupId ?? (await defaultGroupId(db));
  if (input.assigneeId) await assertAssignable(db, groupId, input.assigneeId);
  return groupId;
}

/**
 * The ticket row, its first message, the two opening entries of its audit
 * chain and the two events in one statement. Everything the audit entries
 * hash is known here, so nothing has to be read back between the inserts;
 * the foreign keys between them are checked at the end of the statement. The
 * statement is built and prepared once: building it per request cost more
 * CPU than PostgreSQL spends running it.
 */
async function insertTicket(
  db: Executor,
  input: NewTicket,
  resolved: { customerId: string; groupId: string; body: ReturnType<typeof prepareArticleBody>; files: readonly AttachmentRow[] },
): Promise<TicketView & { firstArticleId: string }> {
  const firstMessage = { ...input.article, kind: input.article.kind, actor: input.actor, now: input.now };
  const snapshot = {
    number: input.number,
    subject: input.subject,
    status: input.status ?? 'new',
    channel: input.channel,
    customerId: resolved.customerId,
    groupId: resolved.groupId,
    assigneeId: input.assigneeId ?? null,
    priority: input.priority ?? 'normal',
    problemType: input.problemType ?? null,
    tags: normalizeTags(input.tags ?? []),
    isFormalComplaint: input.isFormalComplaint ?? false,
  } satisfies Partial<TicketRow>;
  const values = { id: randomUUID(), ...snapshot };
  const message = composeArticle(values, firstMessage, resolved.body, resolved.files);
  const opening = {
    subjectType: 'ticket' as const,
    subjectId: values.id,
    actor: actorRef(input.actor),
    before: null,
    occurredAt: input.now,
  };
  const payload = eventPayload(values);
  const firstResponse = firstMessageEffects({ firstRespondedAt: null }, firstMessage);
  const slots = {
    ticket: rowSlot(ticket, 'ticket', {
      ...values,
      articleCount: 1,
      createdAt: input.now,
      updatedAt: input.now,
      lastCustomerMessageAt: firstResponse.lastCustomerMessageAt ?? null,
      firstRespondedAt: firstResponse.firstRespondedAt ?? null,
    }),
    article: rowSlot(article, 'article', message.row),
    audit: openingAuditEntries([
      { ...opening, action: 'ticket.created', after: snapshot },
      { ...opening, action: 'article.created', after: message.auditAfter },
    ]).map((entry, i) => rowSlot(auditEntry, `audit${i}`, entry)),
    events: [
      { name: 'ticket.created', payload, occurredAt: input.now },
      { name: 'article.created', payload: { ...payload, ...message.eventExtra }, occurredAt: input.now },
    ].map((event, i) => rowSlot(outboxEvent, `event${i}`, event)),
  };
  const all = [slots.ticket, slots.article, ...slots.audit, ...slots.events];
  const statement = preparedForShape(
    db,
    'ticket_opening',
    all.map((slot) => slot.shape),
    (name) =>
      db
        .with(
          db.$with('opening_article', {}).as(db.insert(article).values(slots.article.placeholders).getSQL()),
          db.$with('opening_audit', {}).as(
            db
              .insert(auditEntry)
              .values(slots.audit.map((slot) => slot.placeholders))
              .getSQL(),
          ),
          db.$with('opening_events', {}).as(
            db
              .insert(outboxEvent)
              .values(slots.events.map((slot) => slot.placeholders))
              .getSQL(),
          ),
        )
        .insert(ticket)
        .values({ ...slots.ticket.placeholders, searchVector: sql`${sql.placeholder('searchVector')}::tsvector` })
        .returning(returningView)
        .prepare(name),
  );
  let row: TicketView | undefined;
  try {
    [row] = await statement.execute(
      Object.assign({ searchVector: documentVector(`${input.subject}\n${resolved.body.bodyText}`) }, ...all.map((slot) => slot.parameters)),
    );
  } catch (error) {
    if (pgErrorCode(error) === '23503') {
      throw new AppError(violatedConstraint(error)?.includes('group') ? 'GROUP_NOT_FOUND' : 'CUSTOMER_NOT_FOUND');
    }
    throw error;
  }
  if (!row) throw new Error('insert returned no row');
  return { ...row, firstArticleId: message.row.id };
}

export interface TicketChanges {
  subject?: string | undefined;
  status?: TicketStatus | undefined;
  groupId?: string | undefined;
  /** null unassigns. */
  assigneeId?: string | null | undefined;
  priority?: TicketPriority | undefined;
  problemType?: string | null | undefined;
  tags?: string[] | undefined;
  isFormalComplaint?: boolean | undefined;
}

/**
 * Changes a ticket's fields and status. Status moves follow the status table;
 * moving to another group keeps the assignee only if they are a member there.
 * Writes one audit entry per kind of change and the matching events.
 * Errors: TICKET_NOT_FOUND, TICKET_MERGED, TICKET_CLOSED,
 * ILLEGAL_STATUS_TRANSITION, GROUP_NOT_FOUND, ASSIGNEE_NOT_IN_GROUP.
 */
export async function updateTicket(
  tx: Executor,
  input: { number: string; changes: TicketChanges; access: TicketAccess; actor: Actor; now: Date },
): Promise<TicketRow> {
  const current = await lockTicket(tx, { number: input.number }, input.access);
  await assertTicketChangeable(tx, current);
  const { changes } = input;
  const next: Partial<TicketRow> = {};

  if (changes.status !== undefined && changes.status !== current.status) {
    if (!canAgentMove(current.status, changes.status)) {
      throw new AppError('ILLEGAL_STATUS_TRANSITION', { from: current.status, to: changes.status });
    }
    Object.assign(next, statusTimestamps(current, changes.status, input.now));
  }
  const groupId = changes.groupId ?? current.groupId;
  if (changes.groupId !== undefined && changes.groupId !== current.groupId) {
    if (!(await groupExists(tx, changes.groupId))) throw new AppError('GROUP_NOT_FOUND');
    next.groupId = changes.groupId;
  }
  let assigneeId = changes.assigneeId === undefined ? current.assigneeId : changes.assigneeId;
  if (assigneeId && changes.assigneeId !== undefined) await assertAssignable(tx, groupId, assigneeId);
  else if (assigneeId && next.groupId && !(await isGroupMember(tx, groupId, assigneeId))) assigneeId = null;
  if (assigneeId !== current.assigneeId) next.assigneeId = assigneeId;
  if (changes.subject !== undefined && changes.subject !== current.subject) next.subject = changes.subject;
  if (changes.priority !== undefined && changes.priority !== current.priority) next.priority = changes.priority;
  if (changes.problemType !== undefined && changes.problemType !== current.problemType) next.problemType = changes.problemType;
  if (changes.isFormalComplaint !== undefined && changes.isFormalComplaint !== current.isFormalComplaint) {
    next.isFormalComplaint = changes.isFormalComplaint;
  }
  if (changes.tags !== undefined) {
    const tags = normalizeTags(changes.tags);
    if (tags.join('\u0000') !== current.tags.join('\u0000')) next.tags = tags;
  }
  if (Object.keys(next).length === 0) return current;

  const [row] = await tx
    .update(ticket)
    .set({
      ...next,
      updatedAt: input.now,
      ...(next.subject ? { searchVector: sql`${ticket.searchVector} || ${documentVector(next.subject)}::tsvector` } : {}),
    })
    .where(eq(ticket.id, current.id))
    .returning();
  if (!row) throw new AppError('TICKET_NOT_FOUND');
  await recordChanges(tx, current, row, next, input);
  return row;
}

function statusTimestamps(current: TicketRow, status: TicketStatus, now: Date): Partial<TicketRow> {
  return {
    status,
    resolvedAt: status === 'resolved' ? now : status === 'closed' ? current.resolvedAt : null,
    closedAt: status === 'closed' ? now : null,
  };
}

async function recordChanges(
  tx: Executor,
  before: TicketRow,
  after: TicketRow,
  next: Partial<TicketRow>,
  input: { actor: Actor; now: Date },
): Promise<void> {
  const common = { ticket: after, actor: input.actor, now: input.now };
  if (next.status) {
    await recordTicketChange(tx, {
      ...common,
      action: 'ticket.status_changed',
      event: 'ticket.status_changed',
      before: { status: before.status },
      after: { status: after.status },
      eventExtra: { previousStatus: before.status },
    });
  }
  if ('groupId' in next || 'assigneeId' in next) {
    await recordTicketChange(tx, {
      ...common,
      action: 'ticket.assigned',
      event: 'ticket.assigned',
      before: { groupId: before.groupId, assigneeId: before.assigneeId },
      after: { groupId: after.groupId, assigneeId: after.assigneeId },
      eventExtra: { previousGroupId: before.groupId, previousAssigneeId: before.assigneeId },
    });
  }
  const fields = (['subject', 'priority', 'problemType', 'tags', 'isFormalComplaint'] as const).filter((field) => field in next);
  if (fields.length > 0) {
    await recordTicketChange(tx, {
      ...common,
      action: 'ticket.updated',
      before: Object.fromEntries(fields.map((field) => [field, before[field]])),
      after: Object.fromEntries(fields.map((field) => [field, after[field]])),
    });
  }
  await recordEvent(tx, { name: 'ticket.updated', payload: eventPayload(after, { changed: Object.keys(next) }), occurredAt: input.now });
}
