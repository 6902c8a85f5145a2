import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiToken, buildGroup, buildTicket } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { listAuditEntries } from '../audit';

let test: TestApp;
let platform: ApiClient;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  // 10:00 in Shanghai; the job runs at minute 5 of every hour.
  test = await createTestApp();
  await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  platform = new ApiClient(test.app, await buildApiToken(test.ctx, ['tickets:read', 'tickets:write']));
  await test.runtime.scheduler.install();
});
afterAll(() => test.close());

async function resolvedTicket() {
  const row = await buildTicket(test.ctx, { status: 'open' });
  const response = await platform.patch(`/api/v1/tickets/${row.number}`, { status: 'resolved' });
  expect(response.statusCode, response.body).toBe(200);
  return row;
}

const ticketOf = async (number: string) => (await platform.get(`/api/v1/tickets/${number}`)).json();

const chainOf = (ticketId: string) => listAuditEntries(test.ctx.db, 'ticket', ticketId);

/** Moves the clock and lets the scheduler and the job runner do what they would have done by then. */
async function runScheduleAt(ms: number) {
  test.clock.advance(ms);
  const enqueued = await test.runtime.scheduler.tick();
  await test.settle();
  return enqueued;
}

describe('closing resolved tickets after the reopen window', () => {
  it('closes a ticket resolved longer ago than the window, by the system actor, and leaves younger ones alone', async () => {
    const old = await resolvedTicket();
    test.clock.advance(2 * DAY);
    const young = await resolvedTicket();
    const open = await buildTicket(test.ctx, { status: 'open' });

    // A day before the old ticket's window ends, the job runs and closes nothing.
    expect(await runScheduleAt((test.config.reopenWindowDays - 3) * DAY)).toBeGreaterThan(0);
    expect((await ticketOf(old.number)).status).toBe('resolved');

    // A day and an hour later the window of the old ticket has passed and a cron slot with it.
    await runScheduleAt(DAY + HOUR);
    const closedAt = test.clock.now().toISOString();
    expect(await ticketOf(old.number)).toMatchObject({ status: 'closed', closedAt, customerStatus: { code: 'closed' } });
    expect((await ticketOf(young.number)).status).toBe('resolved');
    expect((await ticketOf(open.number)).status).toBe('open');

    const last = (await chainOf(old.id)).at(-1);
    expect(last).toMatchObject({
      action: 'ticket.status_changed',
      actorType: 'system',
      actorId: 'auto-close',
      before: { status: 'resolved' },
      after: { status: 'closed', reason: 'reopen window passed' },
    });
  });

  it('answers a customer message on the auto-closed ticket with 409 TICKET_CLOSED', async () => {
    const ticket = await resolvedTicket();
    await runScheduleAt((test.config.reopenWindowDays + 1) * DAY);
    expect((await ticketOf(ticket.number)).status).toBe('closed');
    const response = await platform.post(`/api/v1/tickets/${ticket.number}/articles`, { kind: 'inbound', bodyText: '还在吗？' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('TICKET_CLOSED');
  });

  it('does not close a ticket the customer reopened in time', async () => {
    const ticket = await resolvedTicket();
    test.clock.advance(DAY);
    expect((await platform.post(`/api/v1/tickets/${ticket.number}/articles`, { kind: 'inbound', bodyText: '还有问题' })).statusCode).toBe(
      201,
    );
    await runScheduleAt((test.config.reopenWindowDays + 1) * DAY);
    expect((await ticketOf(ticket.number)).status).toBe('open');
  });

  it('writes one closing entry however often it runs', async () => {
    const ticket = await resolvedTicket();
    await runScheduleAt((test.config.reopenWindowDays + 1) * DAY);
    const entries = (await chainOf(ticket.id)).length;
    await runScheduleAt(HOUR);
    await runScheduleAt(HOUR);
    expect(await chainOf(ticket.id)).toHaveLength(entries);
    expect((await chainOf(ticket.id)).filter((entry) => entry.actorId === 'auto-close')).toHaveLength(1);
  });

  it('leaves the case record verifiable after closing', async () => {
    const ticket = await resolvedTicket();
    await runScheduleAt((test.config.reopenWindowDays + 1) * DAY);
    const record = await new ApiClient(test.app, await buildApiToken(test.ctx, ['tickets:read', 'audit:read'])).get(
      `/api/v1/tickets/${ticket.number}/audit`,
    );
    expect(record.statusCode, record.body).toBe(200);
    expect(record.json().verification).toMatchObject({ ok: true, articlesMatchingAudit: true });
  });
});
