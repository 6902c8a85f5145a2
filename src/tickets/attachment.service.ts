import { and, eq, inArray, isNull } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Database, Executor } from '../platform/db';
import { AppError } from '../platform/errors';
import type { Actor } from '../platform/security';
import { type BlobStore, discardStaged, type StagedFile } from '../platform/storage';
import { article } from './article.table';
import { attachment } from './attachment.table';
import { canSee, type TicketAccess } from './ticket.policy';
import { ticket } from './ticket.table';

export type AttachmentRow = typeof attachment.$inferSelect;

/** Evidence customers and agents actually send: screenshots, statements, recordings, office files, text. */
const allowedTypes = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'image/heic',
  'image/heif',
  'image/avif',
  'application/pdf',
  'video/mp4',
  'video/quicktime',
  'video/webm',
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'audio/ogg',
  'audio/wav',
  'audio/x-wav',
  'audio/webm',
  'audio/amr',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/x-cfb',
  'message/rfc822',
  'text/plain',
]);

const inlineTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/avif']);

// Control characters, path separators and names that resolve to a directory are refused outright.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const FORBIDDEN_NAME = /[\u0000-\u001f\u007f/\\]/;

/** Errors: INVALID_FILENAME. */
export function validateFileName(raw: string): string {
  const name = raw.normalize('NFC').trim();
  if (name === '' || name === '.' || name === '..' || FORBIDDEN_NAME.test(name) || Buffer.byteLength(name) > 255 || !name.isWellFormed()) {
    throw new AppError('INVALID_FILENAME');
  }
  return name;
}

/** The type the bytes say, never the one the client claims; text is UTF-8 without NULs. */
export async function sniffContentType(head: Buffer): Promise<string | undefined> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) return detected.mime;
  if (head.length === 0 || head.includes(0)) return undefined;
  try {
    // The head may end inside a multi-byte character; that alone must not make it binary. A streaming
    // decode holds back an unfinished last character instead of failing on it (a fresh decoder each time,
    // since it keeps that state).
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'text/plain';
  } catch {
    return undefined;
  }
}

export function isInlineType(contentType: string): boolean {
  return inlineTypes.has(contentType);
}

/**
 * Stores an uploaded file: body in the blob store under its sha256, then the
 * attachment row, not yet linked to a message. Errors: ATTACHMENT_TOO_LARGE,
 * ATTACHMENT_TYPE_NOT_ALLOWED, INVALID_FILENAME.
 */
export async function storeUpload(
  db: Database,
  blobs: BlobStore,
  input: { staged: StagedFile; fileName: string; actor: Actor; now: Date; maxBytes: number },
): Promise<AttachmentRow> {
  const { staged } = input;
  try {
    const fileName = validateFileName(input.fileName);
    if (staged.truncated || staged.size > input.maxBytes) throw new AppError('ATTACHMENT_TOO_LARGE', { maxBytes: input.maxBytes });
    const contentType = await sniffContentType(staged.head);
    if (!contentType || !allowedTypes.has(contentType))
      throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', { detected: contentType ?? null });
    await blobs.put(staged);
    const [row] = await db
      .insert(attachment)
      .values({
        sha256: staged.sha256,
        size: staged.size,
        contentType,
        fileName,
        uploadedByAgentId: input.actor.kind === 'agent' ? input.actor.agentId : null,
        uploadedByTokenId: input.actor.kind === 'api_token' ? input.actor.tokenId : null,
        createdAt: input.now,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  } finally {
    await discardStaged(staged);
  }
}

function uploadedBy(actor: Actor) {
  if (actor.kind === 'agent') return eq(attachment.uploadedByAgentId, actor.agentId);
  if (actor.kind === 'api_token') return eq(attachment.uploadedByTokenId, actor.tokenId);
  return undefined;
}

/**
 * Locks the actor's own unsent uploads for a new message, so their hashes can
 * go into the message's audit digest before the message row exists.
 * Errors: ATTACHMENT_UNAVAILABLE (unknown, already sent, or someone else's).
 */
export async function claimAttachments(tx: Executor, input: { ids: readonly string[]; actor: Actor }): Promise<AttachmentRow[]> {
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) return [];
  const claimed = await tx
    .select()
    .from(attachment)
    .where(and(inArray(attachment.id, ids), isNull(attachment.articleId), uploadedBy(input.actor)))
    .for('update');
  if (claimed.length !== ids.length) throw new AppError('ATTACHMENT_UNAVAILABLE');
  return claimed;
}

/** Links claimed uploads to the message they were sent with. */
export async function linkAttachments(
  tx: Executor,
  files: readonly AttachmentRow[],
  input: { ticketId: string; articleId: string },
): Promise<void> {
  if (files.length === 0) return;
  await tx
    .update(attachment)
    .set({ ticketId: input.ticketId, articleId: input.articleId })
    .where(
      inArray(
        attachment.id,
        files.map((file) => file.id),
      ),
    );
}

export async function attachmentsOfArticles(db: Executor, articleIds: readonly string[]): Promise<AttachmentRow[]> {
  if (articleIds.length === 0) return [];
  return db
    .select()
    .from(attachment)
    .where(inArray(attachment.articleId, [...articleIds]));
}

/**
 * An attachment the actor may download: one on a message they can see (a
 * ticket in their access; an internal note only if `includeInternal`), or
 * their own upload not yet sent. Errors: ATTACHMENT_NOT_FOUND (also when not allowed).
 */
export async function getAttachmentForDownload(
  db: Executor,
  input: { id: string; access: TicketAccess; actor: Actor; includeInternal: boolean },
): Promise<AttachmentRow> {
  const [row] = await db
    .select({ attachment, groupId: ticket.groupId, assigneeId: ticket.assigneeId, visibility: article.visibility })
    .from(attachment)
    .leftJoin(ticket, eq(ticket.id, attachment.ticketId))
    .leftJoin(article, eq(article.id, attachment.articleId))
    .where(eq(attachment.id, input.id))
    .limit(1);
  if (!row) throw new AppError('ATTACHMENT_NOT_FOUND');
  if (row.groupId !== null) {
    if (!canSee(input.access, { groupId: row.groupId, assigneeId: row.assigneeId })) throw new AppError('ATTACHMENT_NOT_FOUND');
    if (row.visibility === 'internal' && !input.includeInternal) throw new AppError('ATTACHMENT_NOT_FOUND');
    return row.attachment;
  }
  const own =
    (input.actor.kind === 'agent' && row.attachment.uploadedByAgentId === input.actor.agentId) ||
    (input.actor.kind === 'api_token' && row.attachment.uploadedByTokenId === input.actor.tokenId);
  if (!own) throw new AppError('ATTACHMENT_NOT_FOUND');
  return row.attachment;
}

export async function openAttachmentBody(blobs: BlobStore, row: AttachmentRow) {
  const stream = await blobs.open(row.sha256);
  if (!stream) throw new AppError('ATTACHMENT_NOT_FOUND', { reason: 'body missing from store' });
  return stream;
}
