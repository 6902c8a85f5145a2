import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canAgentMove, type TicketStatus, ticketStatuses } from '@common/tickets/ticket-status';
import { buildAgent, buildGroup, buildTicket } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { auditEntry } from '../audit';

let test: TestApp;
let api: ApiClient;

beforeAll(async () => {
  test = await createTestApp();
  await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  const agent = await buildAgent(test, { role: 'supervisor' });
  api = new ApiClient(test.app, agent.credentials);
});
afterAll(() => test.close());

const settable = ticketStatuses.filter((status) => status !== 'merged');
const movable: TicketStatus[] = ['new', 'open', 'pending_customer', 'pending_third_party', 'resolved'];

/** A ticket in the given state, reached the way agents reach it. */
async function ticketIn(status: TicketStatus): Promise<{ id: string; number: string }> {
  if (status === 'new' || status === 'open' || status === 'pending_customer' || status === 'pending_third_party') {
    return buildTicket(test.ctx, { status });
  }
  const row = await buildTicket(test.ctx, { status: 'open' });
  if (status === 'merged') {
    const target = await buildTicket(test.ctx);
    const merged = await api.post(`/api/v1/tickets/${row.number}/merge`, { targetNumber: target.number });
    expect(merged.statusCode, merged.body).toBe(200);
    return row;
  }
  const moved = await api.patch(`/api/v1/tickets/${row.number}`, { status });
  expect(moved.statusCode, moved.body).toBe(200);
  return row;
}

async function lastAction(ticketId: string): Promise<string | undefined> {
  const [entry] = await test.ctx.db
    .select({ action: auditEntry.action })
    .from(auditEntry)
    .where(and(eq(auditEntry.subjectType, 'ticket'), eq(auditEntry.subjectId, ticketId)))
    .orderBy(desc(auditEntry.seq))
    .limit(1);
  return entry?.action;
}

describe('the status machine, every pair', () => {
  const pairs = movable.flatMap((from) =>
    settable.filter((to) => to !== from).map((to) => ({ from, to, allowed: canAgentMove(from, to) })),
  );

  it.each(pairs.filter((pair) => pair.allowed))('moves a $from ticket to $to', async ({ from, to }) => {
    const ticket = await ticketIn(from);
    const response = await api.patch(`/api/v1/tickets/${ticket.number}`, { status: to });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe(to);
    expect((await api.get(`/api/v1/tickets/${ticket.number}`)).json().status).toBe(to);
    expect(await lastAction(ticket.id)).toBe('ticket.status_changed');
  });

  it.each(pairs.filter((pair) => !pair.allowed))(
    'refuses to move a $from ticket to $to with 409 ILLEGAL_STATUS_TRANSITION',
    async ({ from, to }) => {
      const ticket = await ticketIn(from);
      const response = await api.patch(`/api/v1/tickets/${ticket.number}`, { status: to });
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().error).toMatchObject({ code: 'ILLEGAL_STATUS_TRANSITION', details: { from, to } });
      expect((await api.get(`/api/v1/tickets/${ticket.number}`)).json().status).toBe(from);
    },
  );

  it.each(movable)('treats setting a %s ticket to its own status as no change', async (status) => {
    const ticket = await ticketIn(status);
    const before = await lastAction(ticket.id);
    const response = await api.patch(`/api/v1/tickets/${ticket.number}`, { status });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe(status);
    expect(await lastAction(ticket.id)).toBe(before);
  });

  it.each(settable)('refuses any change to a closed ticket, here to %s, with 409 TICKET_CLOSED', async (to) => {
    const ticket = await ticketIn('closed');
    const response = await api.patch(`/api/v1/tickets/${ticket.number}`, { status: to });
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().error.code).toBe('TICKET_CLOSED');
  });

  it.each(settable)('refuses any change to a merged ticket, here to %s, with 409 TICKET_MERGED', async (to) => {
    const ticket = await ticketIn('merged');
    const response = await api.patch(`/api/v1/tickets/${ticket.number}`, { status: to });
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().error.code).toBe('TICKET_MERGED');
  });

  it('never lets an agent set merged directly (only a merge does that)', async () => {
    const ticket = await ticketIn('open');
    const response = await api.patch(`/api/v1/tickets/${ticket.number}`, { status: 'merged' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('changes nothing else when a status move is refused together with other fields', async () => {
    const ticket = await ticketIn('resolved');
    const response = await api.patch(`/api/v1/tickets/${ticket.number}`, { status: 'pending_customer', priority: 'urgent' });
    expect(response.statusCode).toBe(409);
    expect((await api.get(`/api/v1/tickets/${ticket.number}`)).json()).toMatchObject({ status: 'resolved', priority: 'normal' });
  });
});

describe('status timestamps and labels', () => {
  it('stamps resolvedAt on resolving, clears it on reopening, and keeps it when closing', async () => {
    const ticket = await ticketIn('open');
    const resolvedAt = test.clock.now().toISOString();
    const resolved = (await api.patch(`/api/v1/tickets/${ticket.number}`, { status: 'resolved' })).json();
    expect(resolved).toMatchObject({ resolvedAt, closedAt: null, customerStatus: { code: 'resolved', 'zh-CN': '已解决' } });

    test.clock.advance(60_000);
    const reopened = (await api.patch(`/api/v1/tickets/${ticket.number}`, { status: 'open' })).json();
    expect(reopened).toMatchObject({ resolvedAt: null, closedAt: null, customerStatus: { code: 'in_progress' } });

    const resolvedAgain = (await api.patch(`/api/v1/tickets/${ticket.number}`, { status: 'resolved' })).json();
    test.clock.advance(60_000);
    const closed = (await api.patch(`/api/v1/tickets/${ticket.number}`, { status: 'closed' })).json();
    expect(closed).toMatchObject({
      resolvedAt: resolvedAgain.resolvedAt,
      closedAt: test.clock.now().toISOString(),
      customerStatus: { code: 'closed', 'zh-CN': '已关闭' },
    });
  });

  it('shows the customer one label for the states they need not tell apart', async () => {
    const waitingOnBroker = (await api.get(`/api/v1/tickets/${(await ticketIn('pending_third_party')).number}`)).json();
    const open = (await api.get(`/api/v1/tickets/${(await ticketIn('open')).number}`)).json();
    expect(waitingOnBroker.customerStatus).toEqual(open.customerStatus);
    const waitingOnYou = (await api.get(`/api/v1/tickets/${(await ticketIn('pending_customer')).number}`)).json();
    expect(waitingOnYou.customerStatus).toMatchObject({ code: 'awaiting_you', 'zh-CN': '待您补充' });
  });
});
