import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildApiToken, buildGroup, buildTicket } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { auditEntry } from '../audit';

let test: TestApp;
let agentApi: ApiClient;
let platform: ApiClient;
const DAY = 86_400_000;

beforeAll(async () => {
  test = await createTestApp();
  const group = await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  const agent = await buildAgent(test, { groupIds: [group.id] });
  agentApi = new ApiClient(test.app, agent.credentials);
  platform = agentApi.as(await buildApiToken(test.ctx, ['tickets:read', 'tickets:write']));
});
afterAll(() => test.close());

async function ticketIn(status: 'new' | 'open' | 'pending_customer' | 'pending_third_party' | 'resolved') {
  const row = await buildTicket(test.ctx, { status: status === 'resolved' ? 'open' : status });
  if (status === 'resolved') {
    const response = await platform.patch(`/api/v1/tickets/${row.number}`, { status: 'resolved' });
    expect(response.statusCode, response.body).toBe(200);
  }
  return row;
}

const customerMessage = (number: string, bodyText = '我又试了一次，还是没到账') =>
  platform.post(`/api/v1/tickets/${number}/articles`, { kind: 'inbound', bodyText });

const ticketOf = async (number: string) => (await platform.get(`/api/v1/tickets/${number}`)).json();

async function lastEntry(ticketId: string) {
  const [entry] = await test.ctx.db
    .select()
    .from(auditEntry)
    .where(and(eq(auditEntry.subjectType, 'ticket'), eq(auditEntry.subjectId, ticketId)))
    .orderBy(desc(auditEntry.seq))
    .limit(1);
  return entry;
}

describe('agent replies and notes', () => {
  it('opens a new ticket with the first reply and stamps the first response once', async () => {
    const ticket = await ticketIn('new');
    const firstAt = test.clock.now().toISOString();
    const reply = await agentApi.post(`/api/v1/tickets/${ticket.number}/articles`, { kind: 'outbound', bodyText: '您好，已收到。' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({ kind: 'outbound', visibility: 'public', author: { type: 'agent' } });
    test.clock.advance(60_000);
    await agentApi.post(`/api/v1/tickets/${ticket.number}/articles`, { kind: 'outbound', bodyText: '正在核实。' });
    expect(await ticketOf(ticket.number)).toMatchObject({ status: 'open', firstRespondedAt: firstAt, articleCount: 3 });
  });

  it('keeps an internal note from the platform’s API token but shows it to agents', async () => {
    const ticket = await ticketIn('open');
    const note = await agentApi.post(`/api/v1/tickets/${ticket.number}/articles`, { kind: 'note', bodyText: '疑似诈骗，勿透露' });
    expect(note.statusCode).toBe(201);
    expect(note.json().visibility).toBe('internal');
    const forAgent = (await agentApi.get(`/api/v1/tickets/${ticket.number}/articles`)).json() as { bodyText: string }[];
    const forPlatform = (await platform.get(`/api/v1/tickets/${ticket.number}/articles`)).json() as { bodyText: string }[];
    expect(forAgent.map((a) => a.bodyText)).toContain('疑似诈骗，勿透露');
    expect(forPlatform.map((a) => a.bodyText)).not.toContain('疑似诈骗，勿透露');
    expect(forPlatform).toHaveLength(forAgent.length - 1);
  });

  it('moves the ticket as the agent chose with statusAfter', async () => {
    const ticket = await ticketIn('open');
    const reply = await agentApi.post(`/api/v1/tickets/${ticket.number}/articles`, {
      kind: 'outbound',
      bodyText: '请提供转账截图。',
      statusAfter: 'pending_customer',
    });
    expect(reply.statusCode).toBe(201);
    expect((await ticketOf(ticket.number)).status).toBe('pending_customer');
  });

  it('refuses an illegal statusAfter with 409 and keeps the message out', async () => {
    const ticket = await ticketIn('resolved');
    const reply = await agentApi.post(`/api/v1/tickets/${ticket.number}/articles`, {
      kind: 'outbound',
      bodyText: '补充说明',
      statusAfter: 'pending_third_party',
    });
    expect(reply.statusCode).toBe(409);
    expect(reply.json().error).toMatchObject({
      code: 'ILLEGAL_STATUS_TRANSITION',
      details: { from: 'resolved', to: 'pending_third_party' },
    });
    expect((await ticketOf(ticket.number)).articleCount).toBe(1);
  });

  it('refuses an empty message with VALIDATION_FAILED', async () => {
    const ticket = await ticketIn('open');
    const response = await agentApi.post(`/api/v1/tickets/${ticket.number}/articles`, { kind: 'outbound', bodyText: '   ' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('stores HTML sanitised, with a plain-text version', async () => {
    const ticket = await ticketIn('open');
    const response = await agentApi.post(`/api/v1/tickets/${ticket.number}/articles`, {
      kind: 'outbound',
      bodyHtml:
        '<p>您好<script>alert(1)</script></p><p><a href="javascript:alert(1)" onclick="x()">点此</a><img src="https://tracker.example/p.gif"></p>',
    });
    expect(response.statusCode, response.body).toBe(201);
    const { bodyHtml, bodyText } = response.json();
    expect(bodyHtml).not.toMatch(/script|javascript:|onclick|tracker\.example/);
    expect(bodyText).toBe('您好\n点此');
  });

  it('hides tickets of other groups from a plain agent: 404 TICKET_NOT_FOUND', async () => {
    const elsewhere = await buildGroup(test.ctx, { name: '其他组' });
    const ticket = await buildTicket(test.ctx, { groupId: elsewhere.id });
    const response = await agentApi.post(`/api/v1/tickets/${ticket.number}/articles`, { kind: 'note', bodyText: '越权' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('TICKET_NOT_FOUND');
    expect((await agentApi.get(`/api/v1/tickets/${ticket.number}/articles`)).statusCode).toBe(404);
  });
});

// Last in the file: these move the clock by days, past every agent session.
describe('a customer message', () => {
  it('reopens a ticket that was waiting for the customer', async () => {
    const ticket = await ticketIn('pending_customer');
    const response = await customerMessage(ticket.number);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ kind: 'inbound', visibility: 'public', author: { type: 'customer', id: ticket.customerId } });
    expect((await ticketOf(ticket.number)).status).toBe('open');
  });

  it('reopens a ticket resolved within the reopen window, recorded as ticket.reopened', async () => {
    const ticket = await ticketIn('resolved');
    test.clock.advance(test.config.reopenWindowDays * DAY - 60_000);
    const response = await customerMessage(ticket.number, '问题又出现了');
    expect(response.statusCode, response.body).toBe(201);
    expect(await ticketOf(ticket.number)).toMatchObject({ status: 'open', resolvedAt: null });
    expect(await lastEntry(ticket.id)).toMatchObject({
      action: 'ticket.reopened',
      before: { status: 'resolved' },
      after: { status: 'open' },
    });
  });

  it('is refused with 409 TICKET_CLOSED once the reopen window has passed, adding nothing', async () => {
    const ticket = await ticketIn('resolved');
    const before = await ticketOf(ticket.number);
    test.clock.advance(test.config.reopenWindowDays * DAY + 60_000);
    const response = await customerMessage(ticket.number, '过期后再来问');
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().error.code).toBe('TICKET_CLOSED');
    const after = await ticketOf(ticket.number);
    expect(after).toMatchObject({ status: 'resolved', articleCount: before.articleCount });
  });

  it.each(['new', 'open', 'pending_third_party'] as const)('leaves a %s ticket in its state', async (status) => {
    const ticket = await ticketIn(status);
    expect((await customerMessage(ticket.number)).statusCode).toBe(201);
    const after = await ticketOf(ticket.number);
    expect(after.status).toBe(status);
    expect(after.articleCount).toBe(2);
  });

  it('is refused on a closed ticket with 409 TICKET_CLOSED', async () => {
    const ticket = await ticketIn('open');
    await platform.patch(`/api/v1/tickets/${ticket.number}`, { status: 'closed' });
    const response = await customerMessage(ticket.number);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('TICKET_CLOSED');
  });
});
