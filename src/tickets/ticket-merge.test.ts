import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentFixture, buildAgent, buildApiToken, buildGroup, buildTicket } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { minimalPng, upload } from '../../test/support/multipart';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { attachment } from './attachment.table';

let test: TestApp;
let supervisor: AgentFixture;
let api: ApiClient;

beforeAll(async () => {
  test = await createTestApp();
  await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  supervisor = await buildAgent(test, { role: 'supervisor' });
  api = new ApiClient(test.app, supervisor.credentials);
});
afterAll(() => test.close());

interface ArticleBody {
  id: string;
  bodyText: string;
  attachments: { id: string; sha256: string }[];
}

async function openTicket(subject: string, bodyText: string) {
  return buildTicket(test.ctx, { subject, article: { kind: 'inbound', bodyText } });
}

const ticketOf = async (number: string) => (await api.get(`/api/v1/tickets/${number}`)).json();
const articlesOf = async (number: string) => (await api.get(`/api/v1/tickets/${number}/articles`)).json() as ArticleBody[];

describe('merging a ticket into another', () => {
  let source: { id: string; number: string };
  let target: { id: string; number: string };
  let fileId: string;
  let response: Awaited<ReturnType<ApiClient['post']>>;

  beforeAll(async () => {
    source = await openTicket('重复来信', '我的转账被退回了');
    target = await openTicket('转账被退回', '转账失败，钱退回来了吗');
    const uploaded = await upload(test.app, supervisor.credentials, { fileName: '退回凭证.png', content: minimalPng(3, 7) });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    fileId = uploaded.json().id;
    const reply = await api.post(`/api/v1/tickets/${source.number}/articles`, {
      kind: 'outbound',
      bodyText: '请看附件',
      attachmentIds: [fileId],
    });
    expect(reply.statusCode, reply.body).toBe(201);
    await api.post(`/api/v1/tickets/${source.number}/articles`, { kind: 'note', bodyText: '与另一单重复' });
    test.clock.advance(60_000);
    response = await api.post(`/api/v1/tickets/${source.number}/merge`, { targetNumber: target.number });
  });

  it('answers with the target, now holding every message of both', async () => {
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ number: target.number, status: 'new', articleCount: 4 });
    const bodies = (await articlesOf(target.number)).map((article) => article.bodyText);
    expect(bodies.sort()).toEqual(['与另一单重复', '我的转账被退回了', '请看附件', '转账失败，钱退回来了吗'].sort());
  });

  it('moves the files with their messages, still downloadable', async () => {
    const withFile = (await articlesOf(target.number)).find((article) => article.attachments.length > 0);
    expect(withFile?.attachments.map((file) => file.id)).toEqual([fileId]);
    const [row] = await test.ctx.db.select().from(attachment).where(eq(attachment.id, fileId));
    expect(row?.ticketId).toBe(target.id);
    expect((await api.get(`/api/v1/attachments/${fileId}`)).statusCode).toBe(200);
  });

  it('leaves the source merged, empty, and pointing at the target', async () => {
    expect(await ticketOf(source.number)).toMatchObject({
      status: 'merged',
      mergedIntoNumber: target.number,
      articleCount: 0,
      customerStatus: { code: 'closed' },
      closedAt: test.clock.now().toISOString(),
    });
    expect(await articlesOf(source.number)).toEqual([]);
  });

  it('answers a reply or a change to the source with 409 TICKET_MERGED naming the target', async () => {
    const reply = await api.post(`/api/v1/tickets/${source.number}/articles`, { kind: 'outbound', bodyText: '您好' });
    expect(reply.statusCode).toBe(409);
    expect(reply.json().error).toMatchObject({ code: 'TICKET_MERGED', details: { mergedInto: target.number } });
    const platform = api.as(await buildApiToken(test.ctx, ['tickets:write']));
    const customer = await platform.post(`/api/v1/tickets/${source.number}/articles`, { kind: 'inbound', bodyText: '还在吗' });
    expect(customer.json().error).toMatchObject({ code: 'TICKET_MERGED', details: { mergedInto: target.number } });
    const change = await api.patch(`/api/v1/tickets/${source.number}`, { priority: 'high' });
    expect(change.statusCode).toBe(409);
    expect(change.json().error).toMatchObject({ code: 'TICKET_MERGED', details: { mergedInto: target.number } });
  });

  it('finds the source’s words on the target', async () => {
    const found = (await api.get(`/api/v1/tickets?q=${encodeURIComponent('转账 退回')}`))
      .json()
      .items.map((t: { number: string }) => t.number);
    expect(found).toContain(target.number);
  });

  it('keeps both audit chains verifiable, the target’s messages matching what its chain recorded', async () => {
    const sourceRecord = (await api.get(`/api/v1/tickets/${source.number}/audit`)).json();
    const targetRecord = (await api.get(`/api/v1/tickets/${target.number}/audit`)).json();
    expect(sourceRecord.verification).toMatchObject({ ok: true });
    expect(targetRecord.verification).toMatchObject({ ok: true, articlesMatchingAudit: true });
    expect(sourceRecord.auditEntries.at(-1)).toMatchObject({ action: 'ticket.merged_into', after: { targetNumber: target.number } });
    const mergedFrom = targetRecord.auditEntries.at(-1);
    expect(mergedFrom).toMatchObject({ action: 'ticket.merged_from', after: { sourceNumber: source.number } });
    expect(mergedFrom.after.articles).toHaveLength(3);
    expect(targetRecord.articles).toHaveLength(4);
  });
});

describe('merges that are refused', () => {
  it('refuses merging a ticket into itself with 409 MERGE_NOT_ALLOWED', async () => {
    const ticket = await openTicket('自合并', '你好');
    const response = await api.post(`/api/v1/tickets/${ticket.number}/merge`, { targetNumber: ticket.number.toLowerCase() });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('MERGE_NOT_ALLOWED');
  });

  it('refuses a closed or merged ticket on either side with 409 MERGE_NOT_ALLOWED', async () => {
    const closed = await openTicket('已关闭', '你好');
    await api.patch(`/api/v1/tickets/${closed.number}`, { status: 'closed' });
    const open = await openTicket('进行中', '你好');
    const intoClosed = await api.post(`/api/v1/tickets/${open.number}/merge`, { targetNumber: closed.number });
    expect(intoClosed.json().error.code).toBe('MERGE_NOT_ALLOWED');
    const fromClosed = await api.post(`/api/v1/tickets/${closed.number}/merge`, { targetNumber: open.number });
    expect(fromClosed.json().error.code).toBe('MERGE_NOT_ALLOWED');
    const other = await openTicket('另一单', '你好');
    await api.post(`/api/v1/tickets/${other.number}/merge`, { targetNumber: open.number });
    const intoMerged = await api.post(`/api/v1/tickets/${open.number}/merge`, { targetNumber: other.number });
    expect(intoMerged.statusCode).toBe(409);
    expect(intoMerged.json().error.code).toBe('MERGE_NOT_ALLOWED');
  });

  it('refuses an unknown target, or one the agent may not see, with 404 TICKET_NOT_FOUND', async () => {
    const home = await buildGroup(test.ctx, { name: '合并组' });
    const away = await buildGroup(test.ctx, { name: '外组' });
    const agent = await buildAgent(test, { groupIds: [home.id] });
    const mine = await buildTicket(test.ctx, { groupId: home.id });
    const theirs = await buildTicket(test.ctx, { groupId: away.id });
    const client = api.as(agent.credentials);
    const hidden = await client.post(`/api/v1/tickets/${mine.number}/merge`, { targetNumber: theirs.number });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('TICKET_NOT_FOUND');
    const unknown = await client.post(`/api/v1/tickets/${mine.number}/merge`, { targetNumber: 'HY2001010001' });
    expect(unknown.json().error.code).toBe('TICKET_NOT_FOUND');
    expect((await ticketOf(mine.number)).status).toBe('new');
  });

  it('lets two opposite merges of the same pair finish without deadlock, exactly one winning', async () => {
    const a = await openTicket('互相合并甲', '你好');
    const b = await openTicket('互相合并乙', '你好');
    const results = await Promise.all([
      api.post(`/api/v1/tickets/${a.number}/merge`, { targetNumber: b.number }),
      api.post(`/api/v1/tickets/${b.number}/merge`, { targetNumber: a.number }),
    ]);
    expect(results.map((result) => result.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((result) => result.statusCode === 409)?.json().error.code).toBe('MERGE_NOT_ALLOWED');
  });
});
