import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildApiToken, buildGroup, buildTicket, type AgentFixture } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { listAuditEntries, verifyEntries } from '../audit';
import { queryRows } from '../platform/db';
import { nextTicketNumber } from './ticket-number';

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

describe('assignment', () => {
  let first: { id: string };
  let second: { id: string };
  let onlyFirst: AgentFixture;
  let onlySecond: AgentFixture;
  let both: AgentFixture;
  beforeAll(async () => {
    first = await buildGroup(test.ctx, { name: '提现组' });
    second = await buildGroup(test.ctx, { name: '账户安全组' });
    onlyFirst = await buildAgent(test, { groupIds: [first.id] });
    onlySecond = await buildAgent(test, { groupIds: [second.id] });
    both = await buildAgent(test, { groupIds: [first.id, second.id] });
  });

  it('assigns a member of the ticket’s group and unassigns with null', async () => {
    const ticket = await buildTicket(test.ctx, { groupId: first.id });
    const assigned = await api.patch(`/api/v1/tickets/${ticket.number}`, { assigneeId: onlyFirst.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().assignee).toMatchObject({ id: onlyFirst.id });
    const unassigned = await api.patch(`/api/v1/tickets/${ticket.number}`, { assigneeId: null });
    expect(unassigned.json().assignee).toBeNull();
  });

  it('refuses an assignee outside the ticket’s group with 422 ASSIGNEE_NOT_IN_GROUP, on update and on create', async () => {
    const ticket = await buildTicket(test.ctx, { groupId: first.id });
    const refused = await api.patch(`/api/v1/tickets/${ticket.number}`, { assigneeId: onlySecond.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('ASSIGNEE_NOT_IN_GROUP');
    const created = await api.post('/api/v1/tickets', {
      subject: '指派错误',
      groupId: first.id,
      assigneeId: onlySecond.id,
      customer: { name: '客户' },
      article: { bodyText: '你好' },
    });
    expect(created.statusCode).toBe(422);
    expect(created.json().error.code).toBe('ASSIGNEE_NOT_IN_GROUP');
  });

  it('refuses an unknown assignee with 404 AGENT_NOT_FOUND and an unknown group with 404 GROUP_NOT_FOUND', async () => {
    const ticket = await buildTicket(test.ctx, { groupId: first.id });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const noAgent = await api.patch(`/api/v1/tickets/${ticket.number}`, { assigneeId: unknown });
    expect(noAgent.statusCode).toBe(404);
    expect(noAgent.json().error.code).toBe('AGENT_NOT_FOUND');
    const noGroup = await api.patch(`/api/v1/tickets/${ticket.number}`, { groupId: unknown });
    expect(noGroup.statusCode).toBe(404);
    expect(noGroup.json().error.code).toBe('GROUP_NOT_FOUND');
  });

  it('refuses a deactivated member as assignee', async () => {
    const leaving = await buildAgent(test, { groupIds: [first.id] });
    await api.patch(`/api/v1/agents/${leaving.id}`, { active: false });
    const ticket = await buildTicket(test.ctx, { groupId: first.id });
    const refused = await api.patch(`/api/v1/tickets/${ticket.number}`, { assigneeId: leaving.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('ASSIGNEE_NOT_IN_GROUP');
  });

  it('drops the assignee when the ticket moves to a group they are not in, and keeps one who is', async () => {
    const dropped = await buildTicket(test.ctx, { groupId: first.id, assigneeId: onlyFirst.id });
    const moved = await api.patch(`/api/v1/tickets/${dropped.number}`, { groupId: second.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ group: { id: second.id }, assignee: null });

    const kept = await buildTicket(test.ctx, { groupId: first.id, assigneeId: both.id });
    const movedToo = await api.patch(`/api/v1/tickets/${kept.number}`, { groupId: second.id });
    expect(movedToo.json()).toMatchObject({ group: { id: second.id }, assignee: { id: both.id } });
  });

  it('checks an assignee given together with a new group against the new group', async () => {
    const ticket = await buildTicket(test.ctx, { groupId: first.id });
    const ok = await api.patch(`/api/v1/tickets/${ticket.number}`, { groupId: second.id, assigneeId: onlySecond.id });
    expect(ok.json()).toMatchObject({ group: { id: second.id }, assignee: { id: onlySecond.id } });
    const refused = await api.patch(`/api/v1/tickets/${ticket.number}`, { groupId: first.id, assigneeId: onlySecond.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('ASSIGNEE_NOT_IN_GROUP');
  });

  it('records the move with the previous group and assignee', async () => {
    const ticket = await buildTicket(test.ctx, { groupId: first.id, assigneeId: onlyFirst.id });
    await api.patch(`/api/v1/tickets/${ticket.number}`, { groupId: second.id });
    const record = (await api.get(`/api/v1/tickets/${ticket.number}/audit`)).json();
    expect(record.auditEntries.at(-1)).toMatchObject({
      action: 'ticket.assigned',
      before: { groupId: first.id, assigneeId: onlyFirst.id },
      after: { groupId: second.id, assigneeId: null },
    });
  });

  it('shows a plain agent the tickets of their groups and those assigned to them, and hides the rest as 404', async () => {
    const inFirst = await buildTicket(test.ctx, { groupId: first.id });
    const inSecond = await buildTicket(test.ctx, { groupId: second.id });
    const client = api.as(onlyFirst.credentials);
    expect((await client.get(`/api/v1/tickets/${inFirst.number}`)).statusCode).toBe(200);
    const hidden = await client.get(`/api/v1/tickets/${inSecond.number}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('TICKET_NOT_FOUND');
    expect((await client.patch(`/api/v1/tickets/${inSecond.number}`, { priority: 'high' })).statusCode).toBe(404);
    const listed = (await client.get('/api/v1/tickets?limit=100')).json().items.map((t: { number: string }) => t.number);
    expect(listed).toContain(inFirst.number);
    expect(listed).not.toContain(inSecond.number);
  });
});

describe('opening tickets', () => {
  it('opens a ticket for an existing customer by id, and answers an unknown id with 404 CUSTOMER_NOT_FOUND', async () => {
    const existing = await openTicket('老客户', '你好');
    const again = await api.post('/api/v1/tickets', {
      subject: '再次来访',
      customer: { id: existing.customer.id },
      article: { bodyText: '又来了' },
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().customer.id).toBe(existing.customer.id);
    const unknown = await api.post('/api/v1/tickets', {
      subject: '无此客户',
      customer: { id: '00000000-0000-4000-8000-000000000000' },
      article: { bodyText: '你好' },
    });
    expect(unknown.statusCode, unknown.body).toBe(404);
    expect(unknown.json().error.code).toBe('CUSTOMER_NOT_FOUND');
  });

  it('writes a returning customer’s ticket, message, opening audit chain and events together, or none of them', async () => {
    const counts = async () => {
      const [row] = await queryRows<{ tickets: number; articles: number; audit: number; events: number }>(
        test.ctx.db,
        sql`select (select count(*)::int from ticket) as tickets, (select count(*)::int from article) as articles,
                   (select count(*)::int from audit_entry) as audit, (select count(*)::int from outbox_event) as events`,
      );
      if (!row) throw new Error('no counts');
      return row;
    };
    const existing = await openTicket('老客户二', '你好');
    const before = await counts();
    const created = await api.post('/api/v1/tickets', {
      subject: '回访',
      customer: { id: existing.customer.id },
      article: { bodyText: '再问一下' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(await counts()).toEqual({
      tickets: before.tickets + 1,
      articles: before.articles + 1,
      audit: before.audit + 2,
      events: before.events + 2,
    });
    const chain = await listAuditEntries(test.ctx.db, 'ticket', created.json().id);
    expect(chain.map((entry) => entry.action)).toEqual(['ticket.created', 'article.created']);
    expect(verifyEntries(chain)).toBeUndefined();
    expect(chain[0]?.after).toMatchObject({ number: created.json().number, customerId: existing.customer.id, status: 'new' });

    const afterSuccess = await counts();
    const failed = await api.post('/api/v1/tickets', {
      subject: '无此客户',
      customer: { id: '00000000-0000-4000-8000-000000000001' },
      article: { bodyText: '你好' },
    });
    expect(failed.statusCode).toBe(404);
    expect(await counts()).toEqual(afterSuccess);
  });

  it('creates a first-time customer with the ticket, their contact points and audit chain included', async () => {
    const created = await api.post('/api/v1/tickets', {
      subject: '首次来访',
      customer: { platformUserId: 'NEW-1', name: '新用户', contactPoints: [{ kind: 'mobile', value: '13800138000' }] },
      article: { bodyText: '第一次联系客服' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { customer } = created.json();
    expect(customer).toMatchObject({ platformUserId: 'NEW-1', name: '新用户' });
    const chain = await listAuditEntries(test.ctx.db, 'customer', customer.id);
    expect(chain.map((entry) => entry.action)).toEqual(['customer.created']);
    expect(verifyEntries(chain)).toBeUndefined();
    const [points] = await queryRows<{ n: number }>(
      test.ctx.db,
      sql`select count(*)::int as n from customer_contact_point where customer_id = ${customer.id}`,
    );
    expect(points?.n).toBe(1);
  });

  it('gives concurrent first tickets of the same new customer one customer', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        api.post('/api/v1/tickets', {
          subject: `并发首单${i}`,
          customer: { platformUserId: 'RACE-1', contactPoints: [{ kind: 'email', value: 'race@example.com' }] },
          article: { bodyText: '同时提交' },
        }),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(12).fill(201));
    expect(new Set(responses.map((response) => response.json().customer.id)).size).toBe(1);
    const [rows] = await queryRows<{ customers: number; created: number }>(
      test.ctx.db,
      sql`select (select count(*)::int from customer where platform_user_id = 'RACE-1') as customers,
                 (select count(*)::int from audit_entry where action = 'customer.created'
                    and subject_id = (select id from customer where platform_user_id = 'RACE-1')) as created`,
    );
    expect(rows).toEqual({ customers: 1, created: 1 });
  });

  it('marks who opened it: channel api for a token, web for an agent, and the first message as the customer’s', async () => {
    const token = api.as(await buildApiToken(test.ctx, ['tickets:write', 'tickets:read']));
    const byToken = await token.post('/api/v1/tickets', {
      subject: '平台转来',
      customer: { platformUserId: 'CH-1' },
      article: { bodyText: '你好' },
    });
    expect(byToken.json().channel).toBe('api');
    const byAgent = await openTicket('电话记录', '客户来电');
    expect(byAgent.channel).toBe('web');
    const [first] = (await token.get(`/api/v1/tickets/${byToken.json().number}/articles`)).json();
    expect(first).toMatchObject({ kind: 'inbound', author: { type: 'customer', id: byToken.json().customer.id } });
  });
});

describe('tags', () => {
  it('stores tags normalised: full-width folded, lower-cased, deduplicated and sorted', async () => {
    const created = await api.post('/api/v1/tickets', {
      subject: '标签规范化',
      tags: ['VIP', 'vip', 'Ｐｒｏｍｏ', '提现'],
      customer: { name: '客户' },
      article: { bodyText: '你好' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().tags).toEqual(['promo', 'vip', '提现']);
    const updated = await api.patch(`/api/v1/tickets/${created.json().number}`, { tags: ['投诉', 'ＶＩＰ'] });
    expect(updated.json().tags).toEqual(['vip', '投诉']);
  });

  it('finds a ticket by a tag written in any letter case or width', async () => {
    const created = (
      await api.post('/api/v1/tickets', { subject: '标签查找', tags: ['Fraud'], customer: { name: '客户' }, article: { bodyText: '你好' } })
    ).json();
    for (const tag of ['fraud', 'FRAUD', 'ｆｒａｕｄ']) {
      const found = (await api.get(`/api/v1/tickets?tag=${encodeURIComponent(tag)}`)).json().items.map((t: { id: string }) => t.id);
      expect(found, tag).toEqual([created.id]);
    }
  });

  it('refuses a tag with white space or a comma with VALIDATION_FAILED', async () => {
    const ticket = await openTicket('标签校验', '你好');
    for (const tag of ['两个 词', 'a,b']) {
      const response = await api.patch(`/api/v1/tickets/${ticket.number}`, { tags: [tag] });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('ticket numbers', () => {
  it('hands out unique, gapless numbers to 30 tickets opened at the same moment', async () => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        api.post('/api/v1/tickets', {
          subject: `并发工单 ${i}`,
          customer: { platformUserId: `CONCURRENT-${i}` },
          article: { bodyText: '并发' },
        }),
      ),
    );
    for (const response of responses) expect(response.statusCode, response.body).toBe(201);
    const numbers = responses.map((response) => response.json().number as string);
    expect(new Set(numbers).size).toBe(30);
    const sequence = numbers.map((number) => Number(number.slice(8))).sort((a, b) => a - b);
    expect((sequence.at(-1) ?? 0) - (sequence[0] ?? 0)).toBe(29);
  });

  it('starts the sequence again at midnight in the workspace time zone', async () => {
    const lastOfDay = await nextTicketNumber(test.ctx.db, new Date('2026-11-23T15:59:59.999Z'), 'Asia/Shanghai');
    const firstOfNext = await nextTicketNumber(test.ctx.db, new Date('2026-11-23T16:00:00.000Z'), 'Asia/Shanghai');
    expect(lastOfDay).toMatch(/^HY261123\d{4}$/);
    expect(Number(lastOfDay.slice(8))).toBeGreaterThan(1);
    expect(firstOfNext).toBe('HY2611240001');
  });

  it('finds a ticket by its number in any letter case', async () => {
    const ticket = await openTicket('大小写', '你好');
    expect((await api.get(`/api/v1/tickets/${ticket.number.toLowerCase()}`)).json().id).toBe(ticket.id);
  });

  it('creates one customer when the same new customer opens several tickets at the same moment', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api.post('/api/v1/tickets', {
          subject: `重复提交 ${i}`,
          customer: { platformUserId: 'DOUBLE-SUBMIT', contactPoints: [{ kind: 'mobile', value: '13912345678' }] },
          article: { bodyText: '提现失败' },
        }),
      ),
    );
    for (const response of responses) expect(response.statusCode, response.body).toBe(201);
    expect(new Set(responses.map((response) => response.json().customer.id)).size).toBe(1);
    const mailOnly = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.post('/api/v1/tickets', {
          subject: '只有邮箱',
          channel: 'email',
          customer: { contactPoints: [{ kind: 'email', value: 'same.sender@example.com' }] },
          article: { bodyText: '邮件来信' },
        }),
      ),
    );
    for (const response of mailOnly) expect(response.statusCode, response.body).toBe(201);
    expect(new Set(mailOnly.map((response) => response.json().customer.id)).size).toBe(1);
  });
});
