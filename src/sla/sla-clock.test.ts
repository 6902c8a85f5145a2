import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildGroup, buildTicket, unrestricted } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { listAuditEntries } from '../audit';
import type { Actor } from '../platform/security';
import { createRuntime } from '../server/runtime';
import { addArticle, listArticles, ticket, ticketDeadline, type TicketRow } from '../tickets';
import { syncTicketSla } from './sla-clock.service';
import { businessCalendarException } from './business-calendar.table';
import { slaClock, slaEvent } from './sla-policy.table';
import { recomputeDeadlines } from './sla-recompute.service';

let test: TestApp;
let admin: ApiClient;
const customerActor: Actor = { kind: 'system', name: 'customer-channel' };

beforeAll(async () => {
  test = await createTestApp();
  await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  admin = new ApiClient(test.app, (await buildAgent(test, { role: 'admin' })).credentials);
});
afterAll(() => test.close());

/** Shanghai wall-clock time as an instant, and back. */
const cst = (wall: string) => new Date(`${wall}:00+08:00`);
const asCst = (instant: Date | null | undefined) =>
  instant ? new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : null;

async function openTicket(at: string, problemType: string) {
  test.clock.set(cst(at));
  const created = await buildTicket(test.ctx, { problemType });
  await test.settle();
  return created;
}

async function clocksOf(ticketId: string) {
  const rows = await test.ctx.db.select().from(slaClock).where(eq(slaClock.ticketId, ticketId));
  return Object.fromEntries(rows.map((row) => [row.metric, row]));
}

async function deadlinesOf(ticketId: string) {
  const [row] = await test.ctx.db.select().from(ticketDeadline).where(eq(ticketDeadline.ticketId, ticketId));
  return {
    firstResponse: asCst(row?.firstResponseDueAt),
    resolution: asCst(row?.resolutionDueAt),
    nextResponse: asCst(row?.nextResponseDueAt),
    nextEscalation: asCst(row?.nextEscalationAt),
  };
}

async function setStatus(number: string, status: string, at: string) {
  test.clock.set(cst(at));
  const response = await admin.patch(`/api/v1/tickets/${number}`, { status });
  expect(response.statusCode, response.body).toBe(200);
  await test.settle();
}

async function customerWrites(number: string, at: string) {
  test.clock.set(cst(at));
  await test.ctx.db.transaction((tx) =>
    addArticle(tx, {
      number,
      kind: 'inbound',
      bodyText: '补充材料已上传',
      actor: customerActor,
      now: test.clock.now(),
      access: unrestricted,
      reopenWindowDays: 7,
    }),
  );
  await test.settle();
}

describe('SLA clocks on the Chinese business calendar', () => {
  it('counts a data-sync case opened the Friday evening before National Day 2025 through the make-up Sunday', async () => {
    const created = await openTicket('2025-09-26T19:30', 'balance_wrong');
    // 数据同步: first response 2 working hours, resolution 3 working days, on 工作日 09:00–18:00.
    expect(await deadlinesOf(created.id)).toMatchObject({
      firstResponse: '2025-09-28 11:00',
      resolution: '2025-09-30 18:00',
      // The first warning: 80 % of 2 working hours after the make-up Sunday opens.
      nextEscalation: '2025-09-28 10:36',
    });
    const clocks = await clocksOf(created.id);
    expect(clocks.resolution).toMatchObject({ cycle: 1, target: { amount: 3, unit: 'working_days' }, pausedMinutes: 0 });
  });

  it('runs an emergency case on the 7×24 calendar, holiday or not', async () => {
    const created = await openTicket('2026-10-01T02:00', 'suspected_theft');
    expect(await deadlinesOf(created.id)).toMatchObject({ firstResponse: '2026-10-01 02:15', resolution: '2026-10-01 06:00' });
  });

  it('stops the clocks while waiting for the customer, over a holiday, and moves the deadline by the working time paused', async () => {
    const created = await openTicket('2025-09-30T10:00', 'balance_wrong');
    // 3 working days after 30 September: 9, 10 and the make-up Saturday 11 October.
    expect((await deadlinesOf(created.id)).resolution).toBe('2025-10-11 18:00');
    await setStatus(created.number, 'pending_customer', '2025-09-30T16:00');
    expect(await deadlinesOf(created.id)).toMatchObject({ resolution: null, nextEscalation: null });
    expect((await clocksOf(created.id)).resolution?.pausedAt).toEqual(cst('2025-09-30T16:00'));

    // The customer answers after the holiday: 2 working hours on 30 September and 1 on 9 October were paused.
    await customerWrites(created.number, '2025-10-09T10:00');
    const resolution = (await clocksOf(created.id)).resolution;
    expect(resolution).toMatchObject({ pausedAt: null, pausedMinutes: 180 });
    expect((await deadlinesOf(created.id)).resolution).toBe('2025-10-13 12:00');
  });

  it('dates a pause from the status change even when an older event of the ticket is handled after it', async () => {
    const created = await openTicket('2026-03-02T10:00', 'balance_wrong');
    test.clock.set(cst('2026-03-02T16:00'));
    expect((await admin.patch(`/api/v1/tickets/${created.number}`, { status: 'pending_customer' })).statusCode).toBe(200);
    // The ticket's 10:00 events reach the SLA only now, before the status change's own.
    await test.ctx.db.transaction(async (tx) => {
      const [row] = await tx.select().from(ticket).where(eq(ticket.id, created.id));
      await syncTicketSla(tx, row as TicketRow, cst('2026-03-02T10:00'));
    });
    expect((await clocksOf(created.id)).resolution?.pausedAt).toEqual(cst('2026-03-02T16:00'));
    await test.settle();
    expect((await clocksOf(created.id)).resolution?.pausedAt).toEqual(cst('2026-03-02T16:00'));
  });

  it('stops the first-response clock at the first answer and starts a next-response clock when the customer writes again', async () => {
    const created = await openTicket('2026-03-03T10:00', 'balance_wrong');
    test.clock.set(cst('2026-03-03T10:30'));
    expect(
      (await admin.post(`/api/v1/tickets/${created.number}/articles`, { kind: 'outbound', bodyText: '您好，已为您核查。' })).statusCode,
    ).toBe(201);
    await test.settle();
    expect((await clocksOf(created.id)).first_response?.stoppedAt).toEqual(cst('2026-03-03T10:30'));
    expect((await deadlinesOf(created.id)).firstResponse).toBeNull();

    await customerWrites(created.number, '2026-03-03T17:00');
    // 8 working hours from 17:00 Tuesday: 1 hour that day, 7 on Wednesday.
    expect((await deadlinesOf(created.id)).nextResponse).toBe('2026-03-04 16:00');
    test.clock.set(cst('2026-03-04T09:10'));
    await admin.post(`/api/v1/tickets/${created.number}/articles`, { kind: 'outbound', bodyText: '已处理。' });
    await test.settle();
    expect((await clocksOf(created.id)).next_response).toMatchObject({ stoppedAt: cst('2026-03-04T09:10'), cycle: 1 });
  });

  it('shows a ticket’s clocks through the API with the working time left on the calendar', async () => {
    const created = await openTicket('2026-03-06T17:00', 'balance_wrong');
    test.clock.set(cst('2026-03-06T17:30'));
    const response = await admin.get(`/api/v1/tickets/${created.number}/sla`);
    expect(response.statusCode, response.body).toBe(200);
    const { clocks, nextEscalationAt } = response.json();
    expect(clocks.map((clock: { metric: string }) => clock.metric)).toEqual(['first_response', 'resolution']);
    // 2 working hours from Friday 17:00: 1 hour Friday, due Monday 10:00; at 17:30, 90 working minutes are left.
    expect(clocks[0]).toMatchObject({
      state: 'running',
      policy: { name: '数据同步' },
      dueAt: cst('2026-03-09T10:00').toISOString(),
      remainingMinutes: 90,
      target: { amount: 2, unit: 'working_hours' },
    });
    expect(nextEscalationAt).toBe(cst('2026-03-09T09:36').toISOString());
    expect((await admin.get('/api/v1/tickets/HY9912310001/sla')).statusCode).toBe(404);
  });

  it('moves running deadlines when an admin closes the calendar on a day they cross', async () => {
    const created = await openTicket('2026-03-17T10:00', 'balance_wrong');
    expect((await deadlinesOf(created.id)).resolution).toBe('2026-03-20 18:00');
    const calendars = (await admin.get('/api/v1/business-calendars')).json();
    const office = calendars.find((calendar: { name: string }) => calendar.name === '工作日 09:00–18:00');
    const closed = await admin.put(`/api/v1/business-calendars/${office.id}/exceptions/2026-03-19`, { kind: 'closed', name: '系统升级' });
    expect(closed.statusCode, closed.body).toBe(200);
    await test.settle();
    expect((await deadlinesOf(created.id)).resolution).toBe('2026-03-23 18:00');
    const reopened = await admin.delete(`/api/v1/business-calendars/${office.id}/exceptions/2026-03-19`);
    expect(reopened.statusCode, reopened.body).toBe(200);
    await test.settle();
    expect((await deadlinesOf(created.id)).resolution).toBe('2026-03-20 18:00');
  });

  it('recomputes in pages of whole tickets, writing only the deadlines that moved and only on the changed calendar', async () => {
    const crossing = [await openTicket('2026-04-13T10:00', 'balance_wrong'), await openTicket('2026-04-14T11:00', 'login_code')];
    const before = await openTicket('2026-04-08T10:00', 'balance_wrong');
    const hotline = await openTicket('2026-04-14T12:00', 'suspected_theft');
    const office = (await admin.get('/api/v1/business-calendars'))
      .json()
      .find((calendar: { name: string }) => calendar.name === '工作日 09:00–18:00');
    await test.ctx.db.insert(businessCalendarException).values({ calendarId: office.id, date: '2026-04-15', kind: 'closed', name: '演练' });
    const moved = async () => Promise.all([...crossing, before, hotline].map((created) => deadlinesOf(created.id)));
    const earlier = await moved();
    const report = await recomputeDeadlines(test.ctx.db, { calendarId: office.id, pageSize: 1 });
    const later = await moved();
    // Only the two tickets whose clocks cross the closed day moved, by one working day; the others kept their rows.
    expect(earlier.slice(0, 2).map((deadlines) => deadlines.resolution)).toEqual(['2026-04-16 18:00', '2026-04-17 18:00']);
    expect(later.slice(0, 2).map((deadlines) => deadlines.resolution)).toEqual(['2026-04-17 18:00', '2026-04-20 18:00']);
    expect(later.slice(2)).toEqual(earlier.slice(2));
    expect(report.tickets).toBe(2);
    expect((await clocksOf(hotline.id)).resolution?.calendarId).not.toBe(office.id);
    await test.ctx.db.delete(businessCalendarException).where(eq(businessCalendarException.calendarId, office.id));
    await recomputeDeadlines(test.ctx.db, { calendarId: office.id, pageSize: 2 });
    expect(await moved()).toEqual(earlier);
  });

  it('lists the tickets at risk soonest escalation first, with their due times on the ticket', async () => {
    const later = await openTicket('2026-03-25T09:00', 'fee_dispute');
    const sooner = await openTicket('2026-03-25T09:30', 'suspected_theft');
    test.clock.set(cst('2026-03-25T09:31'));
    const page = (await admin.get('/api/v1/tickets?sort=escalation&limit=100')).json();
    const numbers = page.items.map((item: { number: string }) => item.number);
    expect(numbers.indexOf(sooner.number)).toBeLessThan(numbers.indexOf(later.number));
    const escalations = page.items.map((item: { sla: { nextEscalationAt: string } }) => item.sla.nextEscalationAt);
    expect(escalations).toEqual([...escalations].sort());
    expect(page.items.find((item: { number: string }) => item.number === sooner.number).sla).toMatchObject({
      firstResponseDueAt: cst('2026-03-25T09:45').toISOString(),
      resolutionDueAt: cst('2026-03-25T13:30').toISOString(),
    });
    const firstPage = (await admin.get('/api/v1/tickets?sort=escalation&limit=1')).json();
    const secondPage = (await admin.get(`/api/v1/tickets?sort=escalation&limit=1&cursor=${firstPage.nextCursor}`)).json();
    expect(secondPage.items[0].number).toBe(numbers[1]);
  });

  it('tells the customer the promise on opening and again when the problem type changes, holidays counted', async () => {
    const created = await openTicket('2026-09-29T10:00', 'balance_wrong');
    const notices = async () =>
      (await listArticles(test.ctx.db, { ticketId: created.id, includeInternal: true }))
        .filter((article) => article.authorType === 'system' && article.bodyText.startsWith('【已受理】'))
        .map((article) => article.bodyText);
    expect(await notices()).toEqual([expect.stringContaining('预计在 2026-10-09 18:00 前处理完毕（1–3 个工作日）')]);
    expect((await notices())[0]).toContain('expected to be handled by 2026-10-09 18:00 (1–3 working days)');
    test.clock.set(cst('2026-09-29T11:00'));
    expect((await admin.patch(`/api/v1/tickets/${created.number}`, { problemType: 'fee_dispute' })).statusCode).toBe(200);
    await test.settle();
    await test.settle();
    const after = await notices();
    expect(after).toHaveLength(2);
    expect(after[1]).toContain('预计在 2026-10-14 18:00 前处理完毕（3–7 个工作日）');
    // Nothing else about the ticket changes the promise, so no third notice.
    await admin.patch(`/api/v1/tickets/${created.number}`, { tags: ['对账'] });
    await test.settle();
    expect(await notices()).toHaveLength(2);
  });

  it('keeps a deadline that runs into a year without a holiday notice on its weekdays, says so, and moves it once the notice is entered', async () => {
    const created = await openTicket('2026-12-28T10:00', 'fee_dispute');
    // Signed in now: sessions of the clock's earlier days have expired.
    const admin = new ApiClient(test.app, (await buildAgent(test, { role: 'admin' })).credentials);
    // 7 working days: 29–31 December, then 2027 by weekdays only (1, 4, 5, 6 January).
    expect((await deadlinesOf(created.id)).resolution).toBe('2027-01-06 18:00');
    const slaResponse = await admin.get(`/api/v1/tickets/${created.number}/sla`);
    expect(slaResponse.statusCode, slaResponse.body).toBe(200);
    const sla = slaResponse.json();
    expect(sla.clocks.find((clock: { metric: string }) => clock.metric === 'resolution').provisionalYears).toEqual([2027]);
    const promise = (await listArticles(test.ctx.db, { ticketId: created.id, includeInternal: true })).find((article) =>
      article.bodyText.startsWith('【已受理】'),
    );
    expect(promise?.bodyText).toContain('预计在 2027-01-06 18:00 前处理完毕（3–7 个工作日，如遇 2027 年法定节假日将相应顺延）');

    const entered = await admin.put('/api/v1/public-holidays/2027', {
      notice: { title: '测试用 2027 年放假通知', reference: '测试', issued: '2026-11-01', url: 'https://example.invalid/2027' },
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
      workdays: [],
    });
    expect(entered.statusCode, entered.body).toBe(200);
    await test.settle();
    expect((await deadlinesOf(created.id)).resolution).toBe('2027-01-07 18:00');
  });

  it('starts a new resolution cycle when a resolved case is reopened', async () => {
    const created = await openTicket('2026-03-09T10:00', 'balance_wrong');
    await setStatus(created.number, 'resolved', '2026-03-10T11:00');
    expect((await clocksOf(created.id)).resolution).toMatchObject({ cycle: 1, stoppedAt: cst('2026-03-10T11:00') });
    expect((await deadlinesOf(created.id)).resolution).toBeNull();
    await setStatus(created.number, 'open', '2026-03-11T15:00');
    expect((await clocksOf(created.id)).resolution).toMatchObject({ cycle: 2, startedAt: cst('2026-03-11T15:00'), stoppedAt: null });
    expect((await deadlinesOf(created.id)).resolution).toBe('2026-03-16 18:00');
  });

  it('records a warning and a breach once each, even with a fresh job runner after a restart and two runners at once', async () => {
    const created = await openTicket('2026-03-16T09:00', 'balance_wrong');
    // The check for the first-response warning (80 % of 2 h = 10:36) is a job in the database now.
    test.clock.set(cst('2026-03-16T11:30'));
    const config = test.config;
    const restarted = [1, 2].map(() =>
      createRuntime({ handle: test.handle, clock: test.clock, logger: test.ctx.logger, bus: test.ctx.bus, config }),
    );
    await Promise.all(restarted.map((runtime) => runtime.jobs.runDue()));
    await test.settle();
    await Promise.all(restarted.map((runtime) => runtime.jobs.runDue()));
    const events = await test.ctx.db
      .select()
      .from(slaEvent)
      .where(and(eq(slaEvent.ticketId, created.id), eq(slaEvent.metric, 'first_response')));
    expect(events.map((event) => event.kind).sort()).toEqual(['breach', 'warning']);
    const chain = await listAuditEntries(test.ctx.db, 'ticket', created.id);
    expect(chain.filter((entry) => entry.action === 'ticket.sla_breached')).toHaveLength(1);
    expect(chain.find((entry) => entry.action === 'ticket.sla_breached')?.after).toMatchObject({ metric: 'first_response', cycle: 1 });
    // The policy raises the priority one step on a breach.
    const [row] = await test.ctx.db.select().from(ticket).where(eq(ticket.id, created.id));
    expect(row?.priority).toBe('high');
    for (const runtime of restarted) await runtime.stop();
  });
});
