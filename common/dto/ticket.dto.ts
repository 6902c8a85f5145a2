import { type Static, Type } from '@sinclair/typebox';
import { articleKinds, articleVisibilities, ticketChannels, ticketPriorities } from '../tickets/ticket-fields';
import { ticketStatuses } from '../tickets/ticket-status';
import { AgentSummaryDto } from './agent.dto';
import { CustomerSummaryDto } from './customer.dto';
import { Nullable, StringEnum, Timestamp, Uuid } from './primitives';
import { sensitiveKinds } from '../safety/sensitive-kinds';

export const CustomerStatusDto = Type.Object({
  code: StringEnum(['received', 'in_progress', 'awaiting_you', 'resolved', 'closed'] as const),
  'zh-CN': Type.String(),
  en: Type.String(),
});

export const TicketDto = Type.Object(
  {
    id: Uuid,
    number: Type.String(),
    subject: Type.String(),
    status: StringEnum(ticketStatuses),
    customerStatus: CustomerStatusDto,
    channel: StringEnum(ticketChannels),
    priority: StringEnum(ticketPriorities),
    problemType: Nullable(Type.String()),
    /** The classifier's confidence in problemType; null once a person set or confirmed it. */
    classificationConfidence: Nullable(Type.Number()),
    /** Waiting in the triage queue for a person to set the problem type. */
    needsTriage: Type.Boolean(),
    tags: Type.Array(Type.String()),
    isFormalComplaint: Type.Boolean(),
    /** A customer's message on it reads as a fraud or impersonation report. */
    fraudFlagged: Type.Boolean(),
    customer: CustomerSummaryDto,
    group: Type.Object({ id: Uuid, name: Type.String() }),
    assignee: Nullable(AgentSummaryDto),
    mergedIntoNumber: Nullable(Type.String()),
    articleCount: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    firstRespondedAt: Nullable(Timestamp),
    resolvedAt: Nullable(Timestamp),
    closedAt: Nullable(Timestamp),
    /** Due instants of the ticket's running SLA clocks (null: none, paused or met) and the next warning or breach to come. */
    sla: Type.Object({
      firstResponseDueAt: Nullable(Timestamp),
      nextResponseDueAt: Nullable(Timestamp),
      resolutionDueAt: Nullable(Timestamp),
      nextEscalationAt: Nullable(Timestamp),
    }),
  },
  { title: 'Ticket' },
);
export type TicketDto = Static<typeof TicketDto>;

export const AttachmentDto = Type.Object(
  {
    id: Uuid,
    fileName: Type.String(),
    contentType: Type.String(),
    size: Type.Integer(),
    sha256: Type.String(),
    url: Type.String(),
  },
  { title: 'Attachment' },
);
export type AttachmentDto = Static<typeof AttachmentDto>;

export const ArticleDto = Type.Object(
  {
    id: Uuid,
    kind: StringEnum(articleKinds),
    channel: StringEnum(ticketChannels),
    visibility: StringEnum(articleVisibilities),
    author: Type.Object({
      type: StringEnum(['agent', 'customer', 'api_token', 'system'] as const),
      id: Nullable(Type.String()),
      name: Nullable(Type.String()),
    }),
    bodyText: Type.String(),
    bodyHtml: Nullable(Type.String()),
    /** What was masked in the customer's text before it was stored; the values are not kept anywhere. */
    maskedKinds: Type.Array(StringEnum(sensitiveKinds)),
    attachments: Type.Array(AttachmentDto),
    createdAt: Timestamp,
  },
  { title: 'Article' },
);
export type ArticleDto = Static<typeof ArticleDto>;

export const AuditEntryDto = Type.Object(
  {
    id: Type.Integer(),
    subjectType: Type.String(),
    subjectId: Uuid,
    seq: Type.Integer(),
    action: Type.String(),
    actorType: Type.String(),
    actorId: Type.String(),
    before: Nullable(Type.Record(Type.String(), Type.Unknown())),
    after: Nullable(Type.Record(Type.String(), Type.Unknown())),
    occurredAt: Timestamp,
    prevHash: Type.String(),
    hash: Type.String(),
  },
  { title: 'AuditEntry' },
);
export type AuditEntryDto = Static<typeof AuditEntryDto>;

export const CaseRecordDto = Type.Object(
  {
    format: Type.Literal('huiying.case-record/v1'),
    exportedAt: Timestamp,
    ticket: TicketDto,
    articles: Type.Array(ArticleDto),
    auditEntries: Type.Array(AuditEntryDto),
    verification: Type.Object({
      ok: Type.Boolean(),
      entriesChecked: Type.Integer(),
      firstBroken: Type.Optional(Type.Object({ entryId: Type.Integer(), seq: Type.Integer(), reason: Type.String() })),
      articlesMatchingAudit: Type.Boolean(),
    }),
  },
  { title: 'CaseRecord' },
);
export type CaseRecordDto = Static<typeof CaseRecordDto>;
