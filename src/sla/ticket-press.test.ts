import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildApiToken, buildGroup, buildTicket } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { listAuditEntries } from '../audit';
import { listArticles } from '../tickets';

let test: TestApp;
let admin: ApiClient;
let platform: ApiClient;

beforeAll(async () => {
  test = await createTestApp();
  await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  admin = new ApiClient(test.app, (await buildAgent(test, { role: 'admin' })).credentials);
  platform = new ApiClient(test.app, await buildApiToken(test.ctx, ['tickets:read', 'tickets:write']));
});
afterAll(() => test.close());

const HOUR = 3_600_000;

describe('催办: a customer presses their case', () => {
  it('is refused for 24 hours after opening with PRESS_TOO_EARLY and the time it becomes possible, then raises the priority and shows on the timeline', async () => {
    test.clock.set('2026-03-02T02:00:00Z');
    const created = await buildTicket(test.ctx, { priority: 'normal' });
    test.clock.advance(23 * HOUR);
    const early = await platform.post(`/api/v1/tickets/${created.number}/press`, { reason: '一天了还没人处理' });
    expect(early.statusCode).toBe(429);
    expect(early.json().error).toMatchObject({ code: 'PRESS_TOO_EARLY', details: { availableAt: '2026-03-03T02:00:00.000Z' } });
    expect((await platform.get(`/api/v1/tickets/${created.number}/press`)).json()).toEqual({
      ticketNumber: created.number,
      pressable: false,
      availableAt: '2026-03-03T02:00:00.000Z',
      pressCount: 0,
    });

    test.clock.advance(HOUR);
    const pressed = await platform.post(`/api/v1/tickets/${created.number}/press`, { reason: '一天了还没人处理' });
    expect(pressed.statusCode, pressed.body).toBe(201);
    expect(pressed.json()).toMatchObject({ pressCount: 1, availableAt: '2026-03-04T02:00:00.000Z', pressable: false });
    const ticket = (await admin.get(`/api/v1/tickets/${created.number}`)).json();
    expect(ticket.priority).toBe('high');
    const articles = await listArticles(test.ctx.db, { ticketId: created.id, includeInternal: true });
    expect(articles.map((article) => article.bodyText)).toContain('【催办】一天了还没人处理');
    const chain = await listAuditEntries(test.ctx.db, 'ticket', created.id);
    expect(chain.find((entry) => entry.action === 'ticket.pressed')?.after).toMatchObject({
      pressCount: 1,
      priority: { before: 'normal', after: 'high' },
    });

    // A second press right away waits for the interval from the last press.
    const again = await platform.post(`/api/v1/tickets/${created.number}/press`, {});
    expect(again.statusCode).toBe(429);
    expect(again.json().error.details.availableAt).toBe('2026-03-04T02:00:00.000Z');
    test.clock.advance(24 * HOUR);
    expect((await platform.post(`/api/v1/tickets/${created.number}/press`, {})).statusCode).toBe(201);
    expect((await admin.get(`/api/v1/tickets/${created.number}`)).json().priority).toBe('urgent');
  });

  it('is refused on a closed case with TICKET_CLOSED and on a resolved one with PRESS_NOT_ALLOWED', async () => {
    test.clock.set('2026-03-10T02:00:00Z');
    const resolved = await buildTicket(test.ctx);
    const closed = await buildTicket(test.ctx);
    expect((await admin.patch(`/api/v1/tickets/${resolved.number}`, { status: 'resolved' })).statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/tickets/${closed.number}`, { status: 'closed' })).statusCode).toBe(200);
    test.clock.advance(48 * HOUR);
    const onResolved = await platform.post(`/api/v1/tickets/${resolved.number}/press`, {});
    expect(onResolved.statusCode).toBe(409);
    expect(onResolved.json().error).toMatchObject({ code: 'PRESS_NOT_ALLOWED', details: { status: 'resolved' } });
    const onClosed = await platform.post(`/api/v1/tickets/${closed.number}/press`, {});
    expect(onClosed.statusCode).toBe(409);
    expect(onClosed.json().error.code).toBe('TICKET_CLOSED');
    expect((await platform.get(`/api/v1/tickets/${closed.number}/press`)).json()).toMatchObject({ pressable: false, availableAt: null });
    expect((await platform.post('/api/v1/tickets/HY9912310001/press', {})).statusCode).toBe(404);
  });
});
