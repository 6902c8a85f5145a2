import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { auditEntry, openingAuditEntries } from '../audit';
import { contactPoint, customer, type newCustomerRows } from '../customers';
import { type Executor, pgErrorCode, preparedForShape, type RowSlot, rowSlot, violatedConstraint } from '../platform/db';
import { AppError } from '../platform/errors';
import { outboxEvent } from '../platform/events';
import { documentVector } from '../platform/search';
import { actorRef } from '../platform/security';
import type { prepareArticleBody } from './article-body';
import { composeArticle, firstMessageEffects } from './article.service';
import { article } from './article.table';
import type { AttachmentRow } from './attachment.service';
import { eventPayload } from './ticket-changes';
import { returningView, type TicketRow, type TicketView } from './ticket-query';
import { normalizeTags } from './ticket-tags';
import type { NewTicket } from './new-ticket';
import { ticket } from './ticket.table';

export interface OpeningParts {
  /** An existing customer's id, or the rows of a customer to create in the same statement. */
  customer: string | ReturnType<typeof newCustomerRows>;
  groupId: string;
  body: ReturnType<typeof prepareArticleBody>;
  files: readonly AttachmentRow[];
  /** Set when the classifier chose the problem type. */
  classification?: { confidence: number; needsTriage: boolean } | undefined;
}

type Slot = RowSlot<Record<string, unknown>>;

/**
 * The ticket row, its first message, the opening entries of its audit chain
 * and its events (and a new customer with theirs) in one statement.
 * Everything the audit entries hash is known here, so nothing has to be read
 * back between the inserts; the foreign keys between them are checked at the
 * end of the statement. The statement is built and prepared once per shape:
 * building it per request cost more CPU than PostgreSQL spends running it.
 * Errors: CUSTOMER_NOT_FOUND, GROUP_NOT_FOUND (gone since they were checked).
 */
export async function insertOpening(db: Executor, input: NewTicket, parts: OpeningParts): Promise<TicketView & { firstArticleId: string }> {
  const newCustomer = typeof parts.customer === 'string' ? undefined : parts.customer;
  const firstMessage = { ...input.article, kind: input.article.kind, actor: input.actor, now: input.now };
  const snapshot = {
    number: input.number,
    subject: input.subject,
    status: input.status ?? 'new',
    channel: input.channel,
    customerId: newCustomer ? newCustomer.customer.id : (parts.customer as string),
    groupId: parts.groupId,
    assigneeId: input.assigneeId ?? null,
    priority: input.priority ?? 'normal',
    problemType: input.problemType ?? null,
    tags: normalizeTags(input.tags ?? []),
    isFormalComplaint: input.isFormalComplaint ?? false,
  } satisfies Partial<TicketRow>;
  const values = { id: randomUUID(), ...snapshot };
  const message = composeArticle(values, firstMessage, parts.body, parts.files);
  const opening = {
    subjectType: 'ticket' as const,
    subjectId: values.id,
    actor: actorRef(input.actor),
    before: null,
    occurredAt: input.now,
  };
  const payload = eventPayload(values);
  const firstResponse = firstMessageEffects({ firstRespondedAt: null }, firstMessage);
  const ticketSlot = rowSlot(ticket, 'ticket', {
    ...values,
    articleCount: 1,
    createdAt: input.now,
    updatedAt: input.now,
    lastCustomerMessageAt: firstResponse.lastCustomerMessageAt ?? null,
    firstRespondedAt: firstResponse.firstRespondedAt ?? null,
    classificationConfidence: parts.classification?.confidence ?? null,
    needsTriage: parts.classification?.needsTriage ?? false,
    fraudFlagged: Boolean(parts.classification) && snapshot.problemType === 'fraud_report',
  });
  const inserts: {
    table: typeof article | typeof auditEntry | typeof outboxEvent | typeof customer | typeof contactPoint;
    slots: Slot[];
  }[] = [
    ...(newCustomer
      ? [
          { table: customer, slots: [rowSlot(customer, 'customer', newCustomer.customer)] },
          { table: contactPoint, slots: newCustomer.contactPoints.map((point, i) => rowSlot(contactPoint, `contact${i}`, point)) },
        ]
      : []),
    { table: article, slots: [rowSlot(article, 'article', message.row)] },
    {
      table: auditEntry,
      slots: [
        ...openingAuditEntries([
          { ...opening, action: 'ticket.created', after: snapshot },
          { ...opening, action: 'article.created', after: message.auditAfter },
        ]),
        ...(newCustomer ? [newCustomer.audit] : []),
      ].map((entry, i) => rowSlot(auditEntry, `audit${i}`, entry)),
    },
    {
      table: outboxEvent,
      slots: [
        { name: 'ticket.created', payload, occurredAt: input.now },
        { name: 'article.created', payload: { ...payload, ...message.eventExtra }, occurredAt: input.now },
        ...(message.maskedEventExtra
          ? [{ name: 'article.masked', payload: { ...payload, ...message.maskedEventExtra }, occurredAt: input.now }]
          : []),
        ...(parts.classification && snapshot.problemType === 'fraud_report'
          ? [{ name: 'ticket.fraud_reported', payload, occurredAt: input.now }]
          : []),
        ...(parts.classification && snapshot.problemType === 'suspected_theft'
          ? [{ name: 'ticket.theft_reported', payload, occurredAt: input.now }]
          : []),
        ...(newCustomer ? [newCustomer.event] : []),
      ].map((event, i) => rowSlot(outboxEvent, `event${i}`, event)),
    },
  ].filter((insert) => insert.slots.length > 0);
  const all = [ticketSlot, ...inserts.flatMap((insert) => insert.slots)];
  const statement = preparedForShape(
    db,
    'ticket_opening',
    all.map((slot) => slot.shape),
    (name) =>
      db
        .with(
          ...inserts.map(({ table, slots }, i) =>
            db.$with(`opening_${i}`, {}).as(
              db
                .insert(table)
                .values(slots.map((slot) => slot.placeholders) as never)
                .getSQL(),
            ),
          ),
        )
        .insert(ticket)
        .values({ ...ticketSlot.placeholders, searchVector: sql`${sql.placeholder('searchVector')}::tsvector` })
        .returning(returningView)
        .prepare(name),
  );
  let row: TicketView | undefined;
  try {
    [row] = await statement.execute(
      Object.assign({ searchVector: documentVector(`${input.subject}\n${parts.body.bodyText}`) }, ...all.map((slot) => slot.parameters)),
    );
  } catch (error) {
    if (pgErrorCode(error) === '23503') {
      throw new AppError(violatedConstraint(error)?.includes('group') ? 'GROUP_NOT_FOUND' : 'CUSTOMER_NOT_FOUND');
    }
    throw error;
  }
  if (!row) throw new Error('insert returned no row');
  // RETURNING reads the statement's starting snapshot, which has no customer the statement itself created.
  const names = newCustomer ? { customerName: newCustomer.customer.name, customerPlatformUserId: newCustomer.customer.platformUserId } : {};
  return { ...row, ...names, firstArticleId: message.row.id };
}
