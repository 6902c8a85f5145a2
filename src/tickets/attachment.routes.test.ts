import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentFixture, buildAgent, buildApiToken, buildGroup, buildTicket } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { minimalPdf, minimalPng, upload } from '../../test/support/multipart';
import { expectError } from '../../test/support/error-envelope';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { queryRows } from '../platform/db';
import { sha256Hex } from '../platform/security';
import { attachment } from './attachment.table';

let test: TestApp;
let group: { id: string };
let author: AgentFixture;
let api: ApiClient;

beforeAll(async () => {
  test = await createTestApp();
  group = await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  author = await buildAgent(test, { groupIds: [group.id] });
  api = new ApiClient(test.app, author.credentials);
});
afterAll(() => test.close());

interface AttachmentBody {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  url: string;
}

async function uploaded(fileName: string, content: Buffer, by: AgentFixture = author): Promise<AttachmentBody> {
  const response = await upload(test.app, by.credentials, { fileName, content });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function replyWith(number: string, attachmentIds: string[], client = api) {
  return client.post(`/api/v1/tickets/${number}/articles`, { kind: 'outbound', bodyText: '请查收附件', attachmentIds });
}

describe('uploading', () => {
  it('stores a PNG with its type, size and sha256, under the name it was sent with', async () => {
    const png = minimalPng(4, 1);
    const file = await uploaded('转账截图.png', png);
    expect(file).toMatchObject({
      fileName: '转账截图.png',
      contentType: 'image/png',
      size: png.length,
      sha256: sha256Hex(png),
      url: `/api/v1/attachments/${file.id}`,
    });
  });

  it('takes the type from the content, not from the name: PDF bytes named .png are a PDF', async () => {
    const file = await uploaded('对账单.png', minimalPdf());
    expect(file.contentType).toBe('application/pdf');
  });

  it('accepts plain UTF-8 text', async () => {
    const file = await uploaded('说明.txt', Buffer.from('提现单号 20261123-001，金额 500 元。\n', 'utf8'));
    expect(file.contentType).toBe('text/plain');
  });

  it('recognises long UTF-8 text whose sniffed head ends inside a character', async () => {
    // Three-byte characters after one ASCII byte: the 4,100-byte head cannot end on a character boundary.
    const file = await uploaded('长说明.txt', Buffer.from(`a${'提现未到账'.repeat(400)}`, 'utf8'));
    expect(file.contentType).toBe('text/plain');
  });

  it('refuses executables whatever their name with 415 ATTACHMENT_TYPE_NOT_ALLOWED', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120)]);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0')]);
    for (const [name, content] of [
      ['截图.png', elf],
      ['setup.exe', exe],
      ['invoice.pdf', exe],
    ] as const) {
      expectError(await upload(test.app, author.credentials, { fileName: name, content }), 'ATTACHMENT_TYPE_NOT_ALLOWED');
    }
  });

  it('refuses binary content of no known type with 415 ATTACHMENT_TYPE_NOT_ALLOWED', async () => {
    const binary = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10, 0x20]);
    expectError(await upload(test.app, author.credentials, { fileName: 'data.bin', content: binary }), 'ATTACHMENT_TYPE_NOT_ALLOWED');
  });

  it.each(['../../etc/passwd.png', '..\\..\\windows\\evil.png', '..', 'a/b.png', 'tab\there.png'])(
    'refuses the file name %j with 400 INVALID_FILENAME',
    async (fileName) => {
      expectError(await upload(test.app, author.credentials, { fileName, content: minimalPng() }), 'INVALID_FILENAME');
    },
  );

  it('stores the same content once, whoever uploads it under whatever name', async () => {
    const png = minimalPng(5, 9);
    const first = await uploaded('一.png', png);
    const second = await uploaded('二.png', png, await buildAgent(test, { groupIds: [group.id] }));
    expect(second.id).not.toBe(first.id);
    expect(second.sha256).toBe(first.sha256);
    if (test.ctx.blobs.kind === 'database') {
      const [row] = await queryRows<{ n: number }>(test.ctx.db, sql`select count(*)::int as n from blob where sha256 = ${first.sha256}`);
      expect(row?.n).toBe(1);
    } else {
      const root = path.join(test.config.dataDir, 'attachments');
      const stored = fs.readdirSync(root, { recursive: true }).filter((entry) => String(entry).endsWith(first.sha256));
      expect(stored).toHaveLength(1);
    }
  });

  it('refuses an upload without a part named "file" with VALIDATION_FAILED', async () => {
    expectError(
      await upload(test.app, author.credentials, { fieldName: 'document', fileName: 'a.png', content: minimalPng() }),
      'VALIDATION_FAILED',
    );
  });

  it('needs tickets:write for an API token', async () => {
    const reader = await buildApiToken(test.ctx, ['tickets:read']);
    expectError(await upload(test.app, reader, { fileName: 'a.png', content: minimalPng() }), 'INSUFFICIENT_SCOPE');
    const writer = await buildApiToken(test.ctx, ['tickets:write']);
    expect((await upload(test.app, writer, { fileName: 'a.png', content: minimalPng() })).statusCode).toBe(201);
  });
});

describe('the size limit', () => {
  let small: TestApp;
  let uploader: AgentFixture;
  beforeAll(async () => {
    small = await createTestApp({ env: { ATTACHMENT_MAX_BYTES: '2048' } });
    await buildGroup(small.ctx, { isDefault: true });
    uploader = await buildAgent(small);
  });
  afterAll(() => small.close());

  it('accepts a file of exactly ATTACHMENT_MAX_BYTES', async () => {
    const response = await upload(small.app, uploader.credentials, { fileName: 'max.txt', content: Buffer.alloc(2048, 'a') });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().size).toBe(2048);
  });

  it('refuses one byte more with 413 ATTACHMENT_TOO_LARGE and keeps nothing of it', async () => {
    const response = await upload(small.app, uploader.credentials, { fileName: 'big.txt', content: Buffer.alloc(2049, 'b') });
    expectError(response, 'ATTACHMENT_TOO_LARGE');
    const rows = await small.ctx.db.select().from(attachment).where(eq(attachment.fileName, 'big.txt'));
    expect(rows).toEqual([]);
  });

  it('refuses a much larger file the same way', async () => {
    const response = await upload(small.app, uploader.credentials, { fileName: 'huge.txt', content: Buffer.alloc(200_000, 'c') });
    expectError(response, 'ATTACHMENT_TOO_LARGE');
  });
});

describe('linking to a message', () => {
  it('links an own upload to a reply, which then lists it', async () => {
    const ticket = await buildTicket(test.ctx);
    const file = await uploaded('回执.png', minimalPng(2, 3));
    const reply = await replyWith(ticket.number, [file.id]);
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json().attachments).toEqual([file]);
    const articles = (await api.get(`/api/v1/tickets/${ticket.number}/articles`)).json() as { attachments: AttachmentBody[] }[];
    expect(articles.flatMap((article) => article.attachments)).toEqual([file]);
  });

  it('refuses a file already linked with 422 ATTACHMENT_UNAVAILABLE, and adds no message', async () => {
    const ticket = await buildTicket(test.ctx);
    const file = await uploaded('重复使用.png', minimalPng(2, 4));
    expect((await replyWith(ticket.number, [file.id])).statusCode).toBe(201);
    const other = await buildTicket(test.ctx);
    expectError(await replyWith(other.number, [file.id]), 'ATTACHMENT_UNAVAILABLE');
    expectError(await replyWith(ticket.number, [file.id]), 'ATTACHMENT_UNAVAILABLE');
    expect((await api.get(`/api/v1/tickets/${other.number}`)).json().articleCount).toBe(1);
  });

  it("refuses someone else's upload with 422 ATTACHMENT_UNAVAILABLE", async () => {
    const ticket = await buildTicket(test.ctx);
    const colleague = await buildAgent(test, { groupIds: [group.id] });
    const file = await uploaded('别人的.png', minimalPng(2, 5), colleague);
    expectError(await replyWith(ticket.number, [file.id]), 'ATTACHMENT_UNAVAILABLE');
    expectError(await replyWith(ticket.number, ['00000000-0000-4000-8000-000000000000']), 'ATTACHMENT_UNAVAILABLE');
  });

  it('records the file’s sha256 in the audit chain, so the case record checks it', async () => {
    const ticket = await buildTicket(test.ctx);
    const file = await uploaded('证据.pdf', minimalPdf());
    await replyWith(ticket.number, [file.id]);
    const supervisor = api.as((await buildAgent(test, { role: 'supervisor' })).credentials);
    const record = (await supervisor.get(`/api/v1/tickets/${ticket.number}/audit`)).json();
    expect(record.verification).toMatchObject({ ok: true, articlesMatchingAudit: true });
    const created = (record.auditEntries as { action: string; after: { attachments?: unknown } }[]).filter(
      (entry) => entry.action === 'article.created',
    );
    expect(created.at(-1)?.after.attachments).toEqual([{ id: file.id, sha256: file.sha256, fileName: '证据.pdf' }]);
  });
});

describe('downloading', () => {
  let ticketNumber: string;
  let png: Buffer;
  let image: AttachmentBody;
  let pdf: AttachmentBody;
  beforeAll(async () => {
    const ticket = await buildTicket(test.ctx);
    ticketNumber = ticket.number;
    png = minimalPng(6, 11);
    image = await uploaded('转账截图 (1).png', png);
    pdf = await uploaded("客户's 对账单.pdf", minimalPdf());
    expect((await replyWith(ticketNumber, [image.id, pdf.id])).statusCode).toBe(201);
  });

  it('serves the exact bytes with the sniffed type, nosniff and a sandboxing CSP', async () => {
    const response = await api.get(image.url);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(png)).toBe(true);
    expect(response.headers).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(png.length),
      'x-content-type-options': 'nosniff',
    });
    expect(response.headers['content-security-policy']).toContain('sandbox');
  });

  it('names the file in UTF-8 (RFC 5987) with an ASCII fallback, inline for images', async () => {
    const disposition = String((await api.get(image.url)).headers['content-disposition']);
    expect(disposition.startsWith('inline; ')).toBe(true);
    const encoded = /filename\*=UTF-8''([^;\s]+)/.exec(disposition)?.[1];
    expect(encoded).toBeDefined();
    // Only RFC 5987 attr-chars may appear unencoded.
    expect(encoded).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    expect(decodeURIComponent(encoded as string)).toBe('转账截图 (1).png');
    expect(disposition).toMatch(/filename="[\x20-\x7e]+"/);
  });

  it('offers other types as a download, with quotes and apostrophes in the name encoded', async () => {
    const disposition = String((await api.get(pdf.url)).headers['content-disposition']);
    expect(disposition.startsWith('attachment; ')).toBe(true);
    const encoded = /filename\*=UTF-8''([^;\s]+)/.exec(disposition)?.[1] as string;
    expect(encoded).not.toContain("'");
    expect(decodeURIComponent(encoded)).toBe("客户's 对账单.pdf");
  });

  it('hides the file from an agent outside the ticket’s group with 404 ATTACHMENT_NOT_FOUND', async () => {
    const away = await buildGroup(test.ctx, { name: '外组' });
    const outsider = await buildAgent(test, { groupIds: [away.id] });
    expectError(await api.as(outsider.credentials).get(image.url), 'ATTACHMENT_NOT_FOUND');
    const supervisor = await buildAgent(test, { role: 'supervisor' });
    expect((await api.as(supervisor.credentials).get(image.url)).statusCode).toBe(200);
  });

  it('lets only the uploader fetch a file not yet linked to a message', async () => {
    const file = await uploaded('草稿.png', minimalPng(2, 12));
    expect((await api.get(file.url)).statusCode).toBe(200);
    const colleague = await buildAgent(test, { groupIds: [group.id] });
    expectError(await api.as(colleague.credentials).get(file.url), 'ATTACHMENT_NOT_FOUND');
  });

  it('answers an unknown attachment with 404 ATTACHMENT_NOT_FOUND', async () => {
    expectError(await api.get('/api/v1/attachments/00000000-0000-4000-8000-000000000000'), 'ATTACHMENT_NOT_FOUND');
  });
});
