import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agent } from '../agents/agent.table';
import { article } from './article.table';
import { ticket } from './ticket.table';

/**
 * A file on an article. The body lives in the blob store under its sha256;
 * this row carries the name and who may see it (through the ticket). Before it
 * is linked to an article, only its uploader can use it.
 */
export const attachment = pgTable(
  'attachment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    contentType: text('content_type').notNull(),
    fileName: text('file_name').notNull(),
    ticketId: uuid('ticket_id').references(() => ticket.id),
    articleId: uuid('article_id').references(() => article.id),
    uploadedByAgentId: uuid('uploaded_by_agent_id').references(() => agent.id),
    uploadedByTokenId: uuid('uploaded_by_token_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('attachment_article_idx').on(table.articleId), index('attachment_sha_idx').on(table.sha256)],
);
