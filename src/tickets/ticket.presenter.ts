import type { ArticleDto, AttachmentDto, CaseRecordDto, TicketDto } from '@common/dto/ticket.dto';
import { customerStatusLabels, ticketStatusTable } from '@common/tickets/ticket-status';
import type { ArticleView } from './article.service';
import type { AttachmentRow } from './attachment.service';
import type { CaseRecord } from './case-record.service';
import type { TicketView } from './ticket-query';

const iso = (value: Date | null) => value?.toISOString() ?? null;

export function presentTicket(view: TicketView): TicketDto {
  const label = ticketStatusTable[view.status].customerLabel;
  return {
    id: view.id,
    number: view.number,
    subject: view.subject,
    status: view.status,
    customerStatus: { code: label, ...customerStatusLabels[label] },
    channel: view.channel,
    priority: view.priority,
    problemType: view.problemType,
    classificationConfidence: view.classificationConfidence,
    needsTriage: view.needsTriage,
    tags: view.tags,
    isFormalComplaint: view.isFormalComplaint,
    fraudFlagged: view.fraudFlagged,
    customer: { id: view.customerId, name: view.customerName, platformUserId: view.customerPlatformUserId },
    group: { id: view.groupId, name: view.groupName },
    assignee: view.assigneeId ? { id: view.assigneeId, name: view.assigneeName ?? '' } : null,
    mergedIntoNumber: view.mergedIntoNumber,
    articleCount: view.articleCount,
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
    firstRespondedAt: iso(view.firstRespondedAt),
    resolvedAt: iso(view.resolvedAt),
    closedAt: iso(view.closedAt),
    sla: {
      firstResponseDueAt: iso(view.firstResponseDueAt),
      nextResponseDueAt: iso(view.nextResponseDueAt),
      resolutionDueAt: iso(view.resolutionDueAt),
      nextEscalationAt: iso(view.nextEscalationAt),
    },
  };
}

export function presentAttachment(row: AttachmentRow): AttachmentDto {
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    url: `/api/v1/attachments/${row.id}`,
  };
}

export function presentArticle(view: ArticleView): ArticleDto {
  const authorId = view.authorAgentId ?? view.authorCustomerId;
  return {
    id: view.id,
    kind: view.kind,
    channel: view.channel,
    visibility: view.visibility,
    author: { type: view.authorType, id: authorId, name: view.authorName },
    bodyText: view.bodyText,
    bodyHtml: view.bodyHtml,
    maskedKinds: view.maskedKinds,
    attachments: view.attachments.map(presentAttachment),
    createdAt: view.createdAt.toISOString(),
  };
}

export function presentCaseRecord(record: CaseRecord, exportedAt: Date): CaseRecordDto {
  return {
    format: 'huiying.case-record/v1',
    exportedAt: exportedAt.toISOString(),
    ticket: presentTicket(record.ticket),
    articles: record.articles.map(presentArticle),
    auditEntries: record.auditEntries,
    verification: record.verification,
  };
}
