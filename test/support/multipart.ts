import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Credentials } from './api-client';

/** A multipart/form-data body with one file part, built by hand so every byte of the file name is under the test's control. */
export function multipartBody(file: { fieldName?: string; fileName: string; content: Buffer; contentType?: string }): {
  payload: Buffer;
  contentType: string;
} {
  const boundary = `----huiying-test-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="${file.fieldName ?? 'file'}"; filename="${file.fileName}"\r\n` +
      `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return { payload: Buffer.concat([head, file.content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POST /api/v1/attachments with one file. */
export function upload(
  app: FastifyInstance,
  credentials: Credentials,
  file: { fieldName?: string; fileName: string; content: Buffer; contentType?: string },
): Promise<LightMyRequestResponse> {
  const body = multipartBody(file);
  return app.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    headers: { ...credentials.headers, 'content-type': body.contentType },
    payload: body.payload,
  });
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A valid PNG of width x 1 grey pixels (each value from `seed`), so different seeds give different files. */
export function minimalPng(width = 1, seed = 0): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(1, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  const row = Buffer.alloc(1 + width, seed & 0xff);
  row.writeUInt8(0, 0); // filter type: none
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(row)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a PDF file: enough for content sniffing. */
export function minimalPdf(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
}
