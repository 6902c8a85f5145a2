import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentFixture, buildAgent, buildApiToken, buildGroup, buildTicket, TEST_PASSWORD } from '../../test/factories';
import { ApiClient, login } from '../../test/support/api-client';
import { expectError } from '../../test/support/error-envelope';
import { createTestApp, type TestApp } from '../../test/support/test-app';

let test: TestApp;
let owner: AgentFixture;
let lead: AgentFixture;
let otherLead: AgentFixture;
let groupId: string;
let platform: ApiClient;

const cst = (wall: string) => new Date(`${wall}:00+08:00`);

beforeAll(async () => {
  test = await createTestApp();
  await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  groupId = (await buildGroup(test.ctx, { name: '数据组' })).id;
  owner = await buildAgent(test, { role: 'agent', groupIds: [groupId] });
  lead = await buildAgent(test, { role: 'supervisor', groupIds: [groupId] });
  otherLead = await buildAgent(test, { role: 'supervisor' });
  platform = new ApiClient(test.app, await buildApiToken(test.ctx, ['tickets:read', 'tickets:write']));
});
afterAll(() => test.close());

/** A fresh session: the test clock jumps past the 12-hour session limit. */
async function relogin(agent: AgentFixture): Promise<AgentFixture> {
  return { ...agent, credentials: await login(test.app, agent.email, TEST_PASSWORD) };
}

const inbox = async (agent: AgentFixture, query = '') => {
  const response = await new ApiClient(test.app, agent.credentials).get(`/api/v1/me/notifications${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe('agent notifications', () => {
  it('tell the assignee of a warning, and the assignee and the group’s supervisor of a breach, once each', async () => {
    test.clock.set(cst('2026-11-23T10:00'));
    const created = await buildTicket(test.ctx, { groupId, assigneeId: owner.id, problemType: 'balance_wrong' });
    await test.settle();
    // First response in 2 working hours: the warning at 80 % is 11:36, the breach 12:00.
    test.clock.set(cst('2026-11-23T11:40'));
    // The check job records the warning; its event's subscribers run on the next pass.
    await test.settle();
    await test.settle();
    expect((await inbox(owner)).items).toEqual([
      expect.objectContaining({
        kind: 'sla_warning',
        reason: 'assignee',
        ticket: expect.objectContaining({ number: created.number }),
        details: expect.objectContaining({ metric: 'first_response', dueAt: cst('2026-11-23T12:00').toISOString() }),
        readAt: null,
      }),
    ]);
    expect((await inbox(lead)).items).toEqual([]);
    test.clock.set(cst('2026-11-23T12:05'));
    await test.settle();
    await test.settle();
    expect((await inbox(owner)).items.map((item: { kind: string }) => item.kind)).toEqual(['sla_breach', 'sla_warning']);
    expect((await inbox(lead)).items).toEqual([expect.objectContaining({ kind: 'sla_breach', reason: 'supervisor' })]);
    // A supervisor of another group does not hear of it while this group has its own.
    expect((await inbox(otherLead)).items).toEqual([]);
  });

  it('tell them when the customer presses the case', async () => {
    const created = await buildTicket(test.ctx, { groupId, assigneeId: owner.id, problemType: 'fee_dispute' });
    test.clock.advance(25 * 3_600_000);
    const pressed = await platform.post(`/api/v1/tickets/${created.number}/press`, { reason: '一天了还没人处理' });
    expect(pressed.statusCode, pressed.body).toBe(201);
    await test.settle();
    await test.settle();
    const pressNotice = (reason: string) =>
      expect.objectContaining({
        kind: 'ticket_pressed',
        reason,
        ticket: expect.objectContaining({ number: created.number }),
        details: expect.objectContaining({ priority: { before: 'normal', after: 'high' } }),
      });
    // The day that passed also breached the new ticket's first response: its notices carry the same time.
    expect((await inbox(await relogin(owner))).items).toContainEqual(pressNotice('assignee'));
    expect((await inbox(await relogin(lead))).items).toContainEqual(pressNotice('supervisor'));
  });

  it('are read one by one or all at once, and only by their recipient', async () => {
    const ownerApi = new ApiClient(test.app, (await relogin(owner)).credentials);
    const before = (await ownerApi.get('/api/v1/me/notifications?unread=true')).json();
    expect(before.unreadCount).toBe(before.items.length);
    const first = before.items[0];
    expect((await ownerApi.post('/api/v1/me/notifications/read', { ids: [first.id] })).json()).toEqual({ marked: 1 });
    expect((await ownerApi.get('/api/v1/me/notifications')).json().unreadCount).toBe(before.unreadCount - 1);
    const leadApi = new ApiClient(test.app, (await relogin(lead)).credentials);
    const leadItem = (await leadApi.get('/api/v1/me/notifications')).json().items[0];
    expectError(await ownerApi.post('/api/v1/me/notifications/read', { ids: [leadItem.id] }), 'NOTIFICATION_NOT_FOUND');
    expect((await ownerApi.post('/api/v1/me/notifications/read', {})).json()).toEqual({ marked: before.unreadCount - 1 });
    expect((await ownerApi.get('/api/v1/me/notifications?unread=true')).json()).toEqual({ items: [], unreadCount: 0 });
    expectError(await platform.get('/api/v1/me/notifications'), 'FORBIDDEN');
  });
});
