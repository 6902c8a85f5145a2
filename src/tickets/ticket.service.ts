import { eq, sql } from 'drizzle-orm';
import type { ArticleKind, TicketChannel, TicketPriority } from '@common/tickets/ticket-fields';
import { canAgentMove, type TicketStatus } from '@common/tickets/ticket-status';
import { getAgent } from '../agents';
import { type CustomerDraft, findOrCreateCustomer } from '../customers';
import { type Executor, pgErrorCode } from '../platform/db';
import { AppError } from '../platform/errors';
import { recordEvent } from '../platform/events';
import { type Actor, actorRef } from '../platform/security';
import { documentVector } from '../platform/search';
import { defaultGroupId, groupExists, isGroupMember, skillGroup } from '../routing';
import { prepareArticleBody } from './article-body';
import { firstMessageEffects, insertArticle } from './article.service';
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

function snapshot(row: TicketRow) {
  return {
    number: row.number,
    subject: row.subject,
    status: row.status,
    channel: row.channel,
    customerId: row.customerId,
    groupId: row.groupId,
    assigneeId: row.assigneeId,
    priority: row.priority,
    problemType: row.problemType,
    tags: row.tags,
    isFormalComplaint: row.isFormalComplaint,
  };
}

/**
 * Opens a ticket with its first message. Finds or creates the customer, puts
 * the ticket in the default group unless one is given, and records
 * ticket.created + article.created (audit and outbox) in the same transaction.
 * Errors: GROUP_NOT_FOUND, ASSIGNEE_NOT_IN_GROUP, CUSTOMER_NOT_FOUND,
 * CONTACT_POINT_TAKEN, ATTACHMENT_UNAVAILABLE, VALIDATION_FAILED (empty body).
 */
export async function createTicket(tx: Executor, input: NewTicket): Promise<TicketView> {
  if (input.groupId && !(await groupExists(tx, input.groupId))) throw new AppError('GROUP_NOT_FOUND');
  const knownGroupId = input.groupId ?? (input.assigneeId ? await defaultGroupId(tx) : undefined);
  if (input.assigneeId && knownGroupId) await assertAssignable(tx, knownGroupId, input.assigneeId);
  const body = prepareArticleBody(input.article);
  const customerId =
    'id' in input.customer
      ? input.customer.id
      : (await findOrCreateCustomer(tx, { ...input.customer, actor: actorRef(input.actor), now: input.now })).customerId;
  const firstMessage = { kind: input.article.kind, actor: input.actor, now: input.now };
  let row: TicketView | undefined;
  try {
    [row] = await tx
      .insert(ticket)
      .values({
        number: input.number,
        subject: input.subject,
        status: input.status ?? 'new',
        channel: input.channel,
        customerId,
        // The default group is read by the insert itself: one statement fewer on the busiest write.
        groupId: knownGroupId ?? sql`(select id from ${skillGroup} where is_default limit 1)`,
        assigneeId: input.assigneeId ?? null,
        priority: input.priority ?? 'normal',
        problemType: input.problemType ?? null,
        tags: normalizeTags(input.tags ?? []),
        isFormalComplaint: input.isFormalComplaint ?? false,
        articleCount: 1,
        createdAt: input.now,
        updatedAt: input.now,
        ...firstMessageEffects({ firstRespondedAt: null }, firstMessage),
        searchVector: sql`${documentVector(`${input.subject}\n${body.bodyText}`)}::tsvector`,
      })
      .returning(returningView);
  } catch (error) {
    const code = pgErrorCode(error);
    if (code === '23503') throw new AppError('CUSTOMER_NOT_FOUND');
    if (code === '23502') throw new AppError('GROUP_NOT_FOUND', { reason: 'no default group configured' });
    throw error;
  }
  if (!row) throw new Error('insert returned no row');
  await recordTicketChange(tx, {
    ticket: row,
    action: 'ticket.created',
    event: 'ticket.created',
    actor: input.actor,
    after: snapshot(row),
    newSubject: true,
    now: input.now,
  });
  await insertArticle(tx, row, { ...input.article, ...firstMessage }, { body, ticketUpdated: true });
  return row;
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
