import type { ArticleKind, TicketChannel, TicketPriority } from '@common/tickets/ticket-fields';
import type { CustomerDraft } from '../customers';
import type { Actor } from '../platform/security';

/** What opening a ticket takes: the ticket's fields, its first message and who opens it. */
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
