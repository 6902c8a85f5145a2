import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildGroup, type AgentFixture } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { createTestApp, type TestApp } from '../../test/support/test-app';

let test: TestApp;
let admin: AgentFixture;
let api: ApiClient;

beforeAll(async () => {
  test = await createTestApp();
  await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  admin = await buildAgent(test, { role: 'admin' });
  api = new ApiClient(test.app, admin.credentials);
});
afterAll(() => test.close());

async function openTicket(subject: string, body: string) {
  const response = await api.post('/api/v1/tickets', {
    subject,
    customer: { platformUserId: 'U10086', name: '王磊', contactPoints: [{ kind: 'email', value: 'Wang.Lei@Example.com' }] },
    article: { bodyText: body },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('tickets API', () => {
  it('opens a ticket with a dated, sequential number and the customer-facing label', async () => {
    const first = await openTicket('提现未到账', '我的提现一直没到账');
    const second = await openTicket('账号被冻结', '账号被冻结了，无法登录');
    expect(first.number).toMatch(/^HY261123\d{4}$/);
    expect(Number(second.number.slice(8))).toBe(Number(first.number.slice(8)) + 1);
    expect(first.status).toBe('new');
    expect(first.customerStatus).toMatchObject({ code: 'received', 'zh-CN': '已受理' });
    expect(first.customer.platformUserId).toBe('U10086');
    expect(second.customer.id).toBe(first.customer.id);
  });

  it('finds Chinese words, not character overlaps', async () => {
    const search = async (q: string) =>
      (await api.get(`/api/v1/tickets?q=${encodeURIComponent(q)}`)).json().items.map((t: { subject: string }) => t.subject);
    expect(await search('提现')).toContain('提现未到账');
    expect(await search('到账')).toContain('提现未到账');
    expect(await search('到账')).not.toContain('账号被冻结');
    expect(await search('账号')).toEqual(['账号被冻结']);
  });

  it('replies, moves the ticket to open, and refuses an illegal transition with 409', async () => {
    const ticket = await openTicket('余额不对', '余额显示不对');
    const reply = await api.post(`/api/v1/tickets/${ticket.number}/articles`, { kind: 'outbound', bodyText: '您好，我们正在核实。' });
    expect(reply.statusCode, reply.body).toBe(201);
    const after = (await api.get(`/api/v1/tickets/${ticket.number}`)).json();
    expect(after.status).toBe('open');
    expect(after.firstRespondedAt).not.toBeNull();
    const closed = await api.patch(`/api/v1/tickets/${ticket.number}`, { status: 'closed' });
    expect(closed.statusCode).toBe(200);
    const reopen = await api.patch(`/api/v1/tickets/${ticket.number}`, { status: 'open' });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().error.code).toBe('TICKET_CLOSED');
    const fresh = await openTicket('持仓不一致', '持仓和券商不一致');
    const illegal = await api.patch(`/api/v1/tickets/${fresh.number}`, { status: 'resolved' });
    expect(illegal.statusCode).toBe(200);
    const back = await api.patch(`/api/v1/tickets/${fresh.number}`, { status: 'pending_customer' });
    expect(back.statusCode).toBe(409);
    expect(back.json().error).toMatchObject({ code: 'ILLEGAL_STATUS_TRANSITION', details: { from: 'resolved', to: 'pending_customer' } });
    expect(back.json().error.message['zh-CN']).toBeTruthy();
  });

  it('exports a case record whose chain verifies', async () => {
    const ticket = await openTicket('手续费争议', '手续费多扣了');
    await api.post(`/api/v1/tickets/${ticket.number}/articles`, { kind: 'note', bodyText: '已转清算组核实' });
    const record = await api.get(`/api/v1/tickets/${ticket.number}/audit`);
    expect(record.statusCode, record.body).toBe(200);
    const body = record.json();
    expect(body.verification).toMatchObject({ ok: true, articlesMatchingAudit: true });
    expect(body.auditEntries.map((e: { action: string }) => e.action)).toEqual(['ticket.created', 'article.created', 'article.created']);
    expect(body.articles).toHaveLength(2);
  });
});
