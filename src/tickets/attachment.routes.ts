import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AttachmentDto } from '@common/dto/ticket.dto';
import { AppError } from '../platform/errors';
import { responses } from '../platform/http';
import { stageStream } from '../platform/storage';
import { getAttachmentForDownload, isInlineType, openAttachmentBody, storeUpload } from './attachment.service';
import { AttachmentParams } from './ticket.contract';
import { seesInternalNotes, ticketAccess } from './ticket.policy';
import { presentAttachment } from './ticket.presenter';

const tags = ['attachments'];

/**
 * Busboy reports a malformed multipart body (no boundary, one over 256 characters, data cut short) with plain
 * Errors, which would become 500s; the body is the client's fault. Errors with a code (the size and part limits,
 * the file system) keep their meaning.
 */
function malformedUpload(error: unknown): unknown {
  if (error instanceof Error && !('code' in error))
    return new AppError('VALIDATION_FAILED', { field: 'file', reason: 'malformed multipart body' });
  return error;
}

/** RFC 6266 with an RFC 5987 UTF-8 name, so Chinese file names survive every browser. */
function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  // encodeURIComponent leaves ' ( ) * as they are, but they are not RFC 5987 attr-chars (' ends the charset part).
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export const attachmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock, config, blobs } = app.ctx;
  const tempDir = path.join(config.dataDir, 'tmp');

  app.post(
    '/attachments',
    {
      schema: {
        tags,
        summary: 'Upload a file (multipart/form-data, one part named "file"); link it by id when adding a message',
        consumes: ['multipart/form-data'],
        response: responses({ 201: AttachmentDto }, 413, 415),
      },
    },
    async (request, reply) => {
      ticketAccess(request.actor, 'write');
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const part = await request.file().catch((error: unknown) => Promise.reject(malformedUpload(error)));
      if (part?.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', { field: 'file', reason: 'missing' });
      const staged = await stageStream(part.file, tempDir, config.attachmentMaxBytes).catch((error: unknown) =>
        Promise.reject(malformedUpload(error)),
      );
      const row = await storeUpload(db, blobs, {
        staged,
        fileName: part.filename,
        actor: request.actor,
        now: clock.now(),
        maxBytes: config.attachmentMaxBytes,
      });
      return reply.status(201).send(presentAttachment(row));
    },
  );

  app.get(
    '/attachments/:id',
    { schema: { tags, summary: 'Download a file you may see', params: AttachmentParams, response: responses({}, 404) } },
    async (request, reply) => {
      const access = ticketAccess(request.actor, 'read');
      const row = await getAttachmentForDownload(db, {
        id: request.params.id,
        access,
        actor: request.actor,
        includeInternal: seesInternalNotes(request.actor),
      });
      const body = await openAttachmentBody(blobs, row);
      return reply
        .header('content-type', row.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : row.contentType)
        .header('content-length', row.size)
        .header('content-disposition', contentDisposition(isInlineType(row.contentType) ? 'inline' : 'attachment', row.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=300')
        .send(body);
    },
  );
};
