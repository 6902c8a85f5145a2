import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildApiToken, buildGroup, buildTicket } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { buildBusinessCalendar } from '../../test/factories/business-calendar';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { listAuditEntries } from '../audit';
import { eq } from 'drizzle-orm';
import { listArticles, ticket, type TicketRow } from '../tickets';
import { complaintDeadline, syncComplaintClock } from './complaint-clock.service';

let test: TestApp;
let supervisor: ApiClient;
let agent: ApiClient;

beforeAll(async () => {
  test = await createTestApp();
  const group = await buildGroup(test.ctx, { name: '投诉组', isDefault: true });
  supervisor = new ApiClient(test.app, (await buildAgent(test, { role: 'supervisor', groupIds: [group.id] })).credentials);
  agent = new ApiClient(test.app, (await buildAgent(test, { role: 'agent', groupIds: [group.id] })).credentials);
});
afterAll(() => test.close());

const cst = (wall: string) => new Date(`${wall}:00+08:00`);
const statutory = buildBusinessCalendar();

describe('complaint deadline in calendar days', () => {
  it.each([
    ['an ordinary 15 days: the acceptance day does not count, the last day ends at 24:00', '2026-03-02T10:00', 15, '2026-03-18T00:00'],
    ['a last day on a Saturday moves to Monday', '2026-03-06T10:00', 15, '2026-03-24T00:00'],
    ['a last day in the National Day holiday moves past it', '2026-09-20T10:00', 15, '2026-10-09T00:00'],
    ['a last day on a make-up working Saturday stays', '2026-09-25T10:00', 15, '2026-10-11T00:00'],
    ['30 days after the standard extension', '2026-09-20T10:00', 30, '2026-10-21T00:00'],
    ['a last day in a year whose holidays are unknown is not moved (never later than the law)', '2026-12-20T10:00', 15, '2027-01-05T00:00'],
  ])('%s', (_name, accepted, days, due) => {
    expect(complaintDeadline(statutory, cst(accepted), days)).toEqual(cst(due));
  });
});

describe('formal complaints through the API', () => {
  it('run a 15-day clock from acceptance, extended to 30 then once more for a complex case, audited and told to the customer', async () => {
    test.clock.set(cst('2026-09-20T09:00'));
    const created = await buildTicket(test.ctx, { problemType: 'fee_dispute' });
    await test.settle();
    test.clock.set(cst('2026-09-20T10:00'));
    expect((await agent.patch(`/api/v1/tickets/${created.number}`, { isFormalComplaint: true })).statusCode).toBe(200);
    await test.settle();
    const clock = (await agent.get(`/api/v1/tickets/${created.number}/complaint`)).json();
    expect(clock).toMatchObject({
      acceptedAt: cst('2026-09-20T10:00').toISOString(),
      dueAt: cst('2026-10-09T00:00').toISOString(),
      days: 15,
      state: 'on_time',
      source: 'agent',
      extensions: [],
    });

    const complexFirst = await agent.post(`/api/v1/tickets/${created.number}/complaint/extensions`, {
      kind: 'complex',
      reason: '案情复杂',
    });
    expect(complexFirst.statusCode).toBe(409);
    expect(complexFirst.json().error.code).toBe('COMPLAINT_EXTENSION_NOT_ALLOWED');

    test.clock.set(cst('2026-10-08T15:00'));
    const extended = await agent.post(`/api/v1/tickets/${created.number}/complaint/extensions`, {
      kind: 'standard',
      reason: '需向合作券商调取交易流水',
    });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json()).toMatchObject({ days: 30, dueAt: cst('2026-10-21T00:00').toISOString(), state: 'extended' });
    const articles = await listArticles(test.ctx.db, { ticketId: created.id, includeInternal: true });
    const notice = articles.find((article) => article.bodyText.includes('投诉处理期限延长'));
    expect(notice?.bodyText).toContain('因需向合作券商调取交易流水');
    expect(notice?.bodyText).toContain('2026-10-20 24:00');
    expect(notice).toMatchObject({ kind: 'outbound', authorType: 'system' });

    const complex = await agent.post(`/api/v1/tickets/${created.number}/complaint/extensions`, {
      kind: 'complex',
      reason: '涉及多方机构核查',
    });
    expect(complex.json()).toMatchObject({ days: 60, dueAt: cst('2026-11-20T00:00').toISOString() });
    const third = await agent.post(`/api/v1/tickets/${created.number}/complaint/extensions`, { kind: 'complex', reason: '再次延期' });
    expect(third.statusCode).toBe(409);

    const chain = await listAuditEntries(test.ctx.db, 'ticket', created.id);
    expect(chain.filter((entry) => entry.action === 'ticket.complaint_extended').map((entry) => entry.after)).toEqual([
      expect.objectContaining({ kind: 'standard', reason: '需向合作券商调取交易流水', days: 30 }),
      expect.objectContaining({ kind: 'complex', reason: '涉及多方机构核查', days: 60 }),
    ]);

    // The supervisors' report by clock state.
    expect(
      (await supervisor.get('/api/v1/complaints?state=extended')).json().map((row: { ticketNumber: string }) => row.ticketNumber),
    ).toContain(created.number);
    expect((await agent.get('/api/v1/complaints')).statusCode).toBe(403);
    test.clock.set(cst('2026-11-20T08:00'));
    expect(
      (await supervisor.get('/api/v1/complaints?state=overdue')).json().map((row: { ticketNumber: string }) => row.ticketNumber),
    ).toContain(created.number);
    expect((await agent.patch(`/api/v1/tickets/${created.number}`, { status: 'resolved' })).statusCode).toBe(200);
    await test.settle();
    expect((await agent.get(`/api/v1/tickets/${created.number}/complaint`)).json()).toMatchObject({ state: 'decided' });
    const late = await agent.post(`/api/v1/tickets/${created.number}/complaint/extensions`, { kind: 'standard', reason: '已决定后延期' });
    expect(late.statusCode).toBe(409);
  });

  it('count from the moment it was made a complaint even when an older event of the ticket is handled first', async () => {
    test.clock.set(cst('2026-09-21T09:00'));
    const created = await buildTicket(test.ctx, { problemType: 'fee_dispute' });
    test.clock.set(cst('2026-09-21T10:00'));
    expect((await agent.patch(`/api/v1/tickets/${created.number}`, { isFormalComplaint: true })).statusCode).toBe(200);
    await test.ctx.db.transaction(async (tx) => {
      const [row] = await tx.select().from(ticket).where(eq(ticket.id, created.id));
      await syncComplaintClock(tx, row as TicketRow, cst('2026-09-21T09:00'));
    });
    await test.settle();
    expect((await agent.get(`/api/v1/tickets/${created.number}/complaint`)).json()).toMatchObject({
      acceptedAt: cst('2026-09-21T10:00').toISOString(),
    });
  });

  it('record that the platform filed it for its customer when a ticket arrives through the API as a complaint', async () => {
    const platform = new ApiClient(test.app, await buildApiToken(test.ctx, ['tickets:read', 'tickets:write']));
    const filed = await platform.post('/api/v1/tickets', {
      subject: '投诉：手续费多扣',
      isFormalComplaint: true,
      customer: { platformUserId: 'U7001', name: '孙丽' },
      article: { bodyText: '我要投诉，提现手续费多扣了 20 元。' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    await test.settle();
    const admin = new ApiClient(test.app, (await buildAgent(test, { role: 'admin' })).credentials);
    expect((await admin.get(`/api/v1/tickets/${filed.json().number}/complaint`)).json()).toMatchObject({ source: 'api', days: 15 });
  });

  it('answer COMPLAINT_NOT_FOUND for a ticket that is not a formal complaint', async () => {
    const plain = await buildTicket(test.ctx);
    const response = await agent.get(`/api/v1/tickets/${plain.number}/complaint`);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('COMPLAINT_NOT_FOUND');
    const extend = await agent.post(`/api/v1/tickets/${plain.number}/complaint/extensions`, { kind: 'standard', reason: '理由' });
    expect(extend.json().error.code).toBe('COMPLAINT_NOT_FOUND');
  });
});
