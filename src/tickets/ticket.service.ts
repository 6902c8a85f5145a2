import { and, asc, eq, sql } from 'drizzle-orm';
import type { TicketPriority } from '@common/tickets/ticket-fields';
import { canAgentMove, type TicketStatus } from '@common/tickets/ticket-status';
import { getAgent } from '../agents';
import { recordCorrection, understandMessage } from '../classification';
import { findOrCreateCustomer, isCustomerIdentityTaken, matchCustomer, newCustomerRows } from '../customers';
import { type Executor, inTransaction, isTransaction } from '../platform/db';
import { AppError } from '../platform/errors';
import { recordEvent } from '../platform/events';
import { type Actor, actorRef } from '../platform/security';
import { documentVector } from '../platform/search';
import { defaultGroupId, groupExists, isGroupMember } from '../routing';
import { maskSensitive } from '../safety';
import { prepareArticleBody } from './article-body';
import { article } from './article.table';
import { claimAttachments, linkAttachments } from './attachment.service';
import { assertTicketChangeable, eventPayload, lockTicket, recordTicketChange } from './ticket-changes';
import type { NewTicket } from './new-ticket';
import { insertOpening, type OpeningParts } from './ticket-opening';
import type { TicketRow, TicketView } from './ticket-query';
import { normalizeTags } from './ticket-tags';
import type { TicketAccess } from './ticket.policy';
import { ticket } from './ticket.table';

/** Errors: GROUP_NOT_FOUND, AGENT_NOT_FOUND, ASSIGNEE_NOT_IN_GROUP. */
async function assertAssignable(tx: Executor, groupId: string, assigneeId: string): Promise<void> {
  const assignee = await getAgent(tx, assigneeId);
  if (!assignee.active || !(await isGroupMember(tx, groupId, assigneeId))) throw new AppError('ASSIGNEE_NOT_IN_GROUP');
}

/**
 * Opens a ticket with its first message. Finds or creates the customer, puts
 * the ticket in the default group unless one is given, and records
 * ticket.created + article.created (audit and outbox) atomically. Takes the
 * pool or a transaction. Without attachments, the ticket, its message, their
 * audit entries and events — and a first-time customer with theirs — are one
 * INSERT statement, atomic without BEGIN/COMMIT (the busiest write in the
 * product); a customer to extend, attachments, or a customer created by
 * someone else meanwhile take a transaction with the identity locks.
 * Errors: GROUP_NOT_FOUND, ASSIGNEE_NOT_IN_GROUP, CUSTOMER_NOT_FOUND,
 * CONTACT_POINT_TAKEN, ATTACHMENT_UNAVAILABLE, VALIDATION_FAILED (empty body).
 */
export async function createTicket(db: Executor, given: NewTicket): Promise<TicketView> {
  const { input: masked, body } = maskedOpening(given);
  const { input, classification } = await classifiedOpening(db, masked, body.bodyText);
  const [seen, groupId] = await Promise.all([
    'id' in input.customer ? { match: 'known' as const, customerId: input.customer.id } : matchCustomer(db, input.customer),
    chooseGroup(db, input),
  ]);
  const attachmentIds = input.article.attachmentIds ?? [];
  const draft = 'id' in input.customer ? undefined : { ...input.customer, actor: actorRef(input.actor), now: input.now };
  const opening = { groupId, body, files: [], classification };
  if (seen.match === 'known' && attachmentIds.length === 0) return insertOpening(db, input, { ...opening, customer: seen.customerId });
  if (seen.match === 'unknown' && draft && attachmentIds.length === 0 && !isTransaction(db)) {
    try {
      return await insertOpening(db, input, { ...opening, customer: newCustomerRows(draft) });
    } catch (error) {
      // Someone created the same customer since it was looked up: the locked path below finds them.
      if (!isCustomerIdentityTaken(error)) throw error;
    }
  }
  return inTransaction(db, async (tx) => {
    const customerId =
      seen.match === 'known' ? seen.customerId : (await findOrCreateCustomer(tx, draft as NonNullable<typeof draft>)).customerId;
    const files = await claimAttachments(tx, { ids: attachmentIds, actor: input.actor });
    const created = await insertOpening(tx, input, { ...opening, customer: customerId, files });
    await linkAttachments(tx, files, { ticketId: created.id, articleId: created.firstArticleId });
    return created;
  });
}

/** A customer's subject is masked like their message, and what either had masked is reported together. */
function maskedOpening(given: NewTicket): { input: NewTicket; body: ReturnType<typeof prepareArticleBody> } {
  const body = prepareArticleBody(given.article);
  if (given.article.kind !== 'inbound') return { input: given, body };
  const subject = maskSensitive(given.subject);
  return {
    input: { ...given, subject: subject.text },
    body: { ...body, maskedKinds: [...new Set([...subject.found, ...body.maskedKinds])] },
  };
}

/**
 * A customer's message without a problem type gets one from the classifier,
 * and with it the type's default group and priority unless the caller chose.
 */
async function classifiedOpening(
  db: Executor,
  input: NewTicket,
  bodyText: string,
): Promise<{ input: NewTicket; classification: OpeningParts['classification'] }> {
  if (input.article.kind !== 'inbound' || input.problemType !== undefined) return { input, classification: undefined };
  const understood = await understandMessage(db, `${input.subject}\n${bodyText}`, input.now);
  return {
    input: {
      ...input,
      problemType: understood.problemType,
      priority: input.priority ?? understood.defaults.priority,
      groupId: input.groupId ?? understood.defaults.groupId ?? undefined,
    },
    classification: { confidence: understood.confidence, needsTriage: understood.needsTriage },
  };
}

/** The given group (checked) or the default one, with the assignee checked against it. */
async function chooseGroup(db: Executor, input: NewTicket): Promise<string> {
  if (input.groupId && !(await groupExists(db, input.groupId))) throw new AppError('GROUP_NOT_FOUND');
  const groupId = input.groupId ?? (await defaultGroupId(db));
  if (input.assigneeId) await assertAssignable(db, groupId, input.assigneeId);
  return groupId;
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
  // A person naming the type, even the one the classifier chose, takes the ticket out of triage.
  if (changes.problemType !== undefined && (changes.problemType !== current.problemType || current.classificationConfidence !== null)) {
    Object.assign(next, { problemType: changes.problemType, classificationConfidence: null, needsTriage: false });
  }
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
  await keepCorrection(tx, current, row, input);
  await recordChanges(tx, current, row, next, input);
  return row;
}

/** A person overruling the classifier's type is training data: the text it judged, with the right label. */
async function keepCorrection(tx: Executor, before: TicketRow, after: TicketRow, input: { actor: Actor; now: Date }): Promise<void> {
  if (before.classificationConfidence === null || !before.problemType || !after.problemType || after.problemType === before.problemType)
    return;
  const [first] = await tx
    .select({ bodyText: article.bodyText })
    .from(article)
    .where(and(eq(article.ticketId, before.id), eq(article.kind, 'inbound')))
    .orderBy(asc(article.createdAt), asc(article.id))
    .limit(1);
  await recordCorrection(tx, {
    ticketId: before.id,
    text: `${before.subject}\n${first?.bodyText ?? ''}`.trim(),
    predictedType: before.problemType,
    predictedConfidence: before.classificationConfidence,
    correctedType: after.problemType,
    correctedByAgentId: input.actor.kind === 'agent' ? input.actor.agentId : null,
    now: input.now,
  });
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
