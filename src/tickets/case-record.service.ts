import { type AuditEntryView, listAuditEntries, verifyEntries } from '../audit';
import type { Executor } from '../platform/db';
import { type ArticleView, articleDigest, listArticles } from './article.service';
import { getTicketByNumber, type TicketView } from './ticket-query';
import type { TicketAccess } from './ticket.policy';

export interface CaseRecord {
  ticket: TicketView;
  articles: ArticleView[];
  auditEntries: AuditEntryView[];
  verification: {
    ok: boolean;
    entriesChecked: number;
    firstBroken?: { entryId: number; seq: number; reason: string };
    /** Every message's current text and files match the digest its audit entry recorded. */
    articlesMatchingAudit: boolean;
  };
}

function recordedDigests(entries: readonly AuditEntryView[]): Map<string, string> {
  const digests = new Map<string, string>();
  for (const entry of entries) {
    const after = entry.after ?? {};
    if (entry.action === 'article.created' && typeof after.articleId === 'string' && typeof after.digest === 'string') {
      digests.set(after.articleId, after.digest);
    }
    if (entry.action === 'ticket.merged_from' && Array.isArray(after.articles)) {
      for (const moved of after.articles as { articleId: string; digest: string }[]) digests.set(moved.articleId, moved.digest);
    }
  }
  return digests;
}

/**
 * The complete record of a case for a regulator or consumer association: the
 * ticket, every message (internal notes included) with its files, the audit
 * chain, and whether the chain and the messages check out.
 * Errors: TICKET_NOT_FOUND.
 */
export async function exportCaseRecord(db: Executor, input: { number: string; access: TicketAccess }): Promise<CaseRecord> {
  const ticket = await getTicketByNumber(db, input);
  const [articles, auditEntries] = await Promise.all([
    listArticles(db, { ticketId: ticket.id, includeInternal: true }),
    listAuditEntries(db, 'ticket', ticket.id),
  ]);
  const broken = verifyEntries(auditEntries);
  const digests = recordedDigests(auditEntries);
  const articlesMatchingAudit = articles.every(
    (row) =>
      digests.get(row.id) ===
      articleDigest(
        row,
        row.attachments.map((file) => file.sha256),
      ),
  );
  return {
    ticket,
    articles,
    auditEntries,
    verification: {
      ok: !broken && articlesMatchingAudit,
      entriesChecked: auditEntries.length,
      ...(broken ? { firstBroken: { entryId: broken.entryId, seq: broken.seq, reason: broken.reason } } : {}),
      articlesMatchingAudit,
    },
  };
}
