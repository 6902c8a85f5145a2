import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildGroup, buildTicket } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { expectError } from '../../test/support/error-envelope';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { listAuditEntries } from '../audit';

let test: TestApp;
let admin: ApiClient;
let agent: ApiClient;
let hotline: { id: string };

const cst = (wall: string) => new Date(`${wall}:00+08:00`);

beforeAll(async () => {
  test = await createTestApp();
  await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  admin = new ApiClient(test.app, (await buildAgent(test, { role: 'admin' })).credentials);
  agent = new ApiClient(test.app, (await buildAgent(test, { role: 'agent' })).credentials);
  hotline = (await admin.get('/api/v1/business-calendars')).json().find((calendar: { name: string }) => calendar.name === '7×24');
});
afterAll(() => test.close());

async function wechatTicket(at: string) {
  test.clock.set(cst(at));
  const created = await buildTicket(test.ctx, { channel: 'wechat', problemType: 'balance_wrong' });
  await test.settle();
  return (await admin.get(`/api/v1/tickets/${created.number}/sla`)).json();
}

describe('SLA policies', () => {
  it('are listed in the order they are tried, readable by agents, changed only by admins', async () => {
    const policies = (await agent.get('/api/v1/sla-policies')).json();
    expect(policies.length).toBeGreaterThan(1);
    const positions = policies.map((policy: { position: number }) => policy.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(policies.find((policy: { name: string }) => policy.name === '数据同步')).toMatchObject({
      conditions: { slaClasses: ['data_sync'] },
      resolution: { amount: 3, unit: 'working_days' },
      warnAtPercent: 80,
    });
    expectError(await agent.post('/api/v1/sla-policies', { name: 'x', calendarId: hotline.id, resolution: null }), 'FORBIDDEN');
  });

  it('apply to new tickets that meet their conditions, first by position', async () => {
    const created = await admin.post('/api/v1/sla-policies', {
      name: '微信 7×24',
      position: 0,
      channels: ['wechat'],
      calendarId: hotline.id,
      firstResponse: { amount: 30, unit: 'working_minutes' },
      resolution: { amount: 8, unit: 'calendar_hours' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ position: 0, active: true, runningClocks: 0, nextResponse: null, warnAtPercent: 80 });
    // Sunday evening: on the 7×24 calendar the half hour runs at once.
    const sla = await wechatTicket('2026-05-10T21:00');
    expect(sla.clocks[0]).toMatchObject({ policy: { name: '微信 7×24' }, dueAt: cst('2026-05-10T21:30').toISOString() });
    expect((await admin.get(`/api/v1/sla-policies/${created.json().id}`)).json().runningClocks).toBe(2);
    const chain = await listAuditEntries(test.ctx.db, 'sla_policy', created.json().id);
    expect(chain.map((entry) => entry.action)).toEqual(['sla_policy.created']);
  });

  it('move the clocks running under them when their targets change, and keep the change on the audit chain', async () => {
    const policy = (await admin.get('/api/v1/sla-policies')).json().find((row: { name: string }) => row.name === '微信 7×24');
    const before = await wechatTicket('2026-05-11T10:00');
    expect(before.clocks.find((clock: { metric: string }) => clock.metric === 'resolution').dueAt).toBe(
      cst('2026-05-11T18:00').toISOString(),
    );
    const changed = await admin.patch(`/api/v1/sla-policies/${policy.id}`, { resolution: { amount: 4, unit: 'calendar_hours' } });
    expect(changed.statusCode, changed.body).toBe(200);
    await test.settle();
    const after = (await admin.get(`/api/v1/tickets/${before.ticketNumber}/sla`)).json();
    expect(after.clocks.find((clock: { metric: string }) => clock.metric === 'resolution')).toMatchObject({
      target: { amount: 4, unit: 'calendar_hours' },
      dueAt: cst('2026-05-11T14:00').toISOString(),
    });
    const chain = await listAuditEntries(test.ctx.db, 'sla_policy', policy.id);
    expect(chain.at(-1)).toMatchObject({
      action: 'sla_policy.updated',
      after: expect.objectContaining({ resolution: { amount: 4, unit: 'calendar_hours' } }),
    });
  });

  it('refuse unknown references, empty promises, taken names and bad targets with stable codes', async () => {
    const base = { name: '新策略', calendarId: hotline.id, resolution: { amount: 1, unit: 'working_days' } };
    expectError(
      await admin.post('/api/v1/sla-policies', { ...base, calendarId: '00000000-0000-4000-8000-000000000000' }),
      'CALENDAR_NOT_FOUND',
    );
    expectError(
      await admin.post('/api/v1/sla-policies', { ...base, escalationGroupId: '00000000-0000-4000-8000-000000000000' }),
      'GROUP_NOT_FOUND',
    );
    expectError(await admin.post('/api/v1/sla-policies', { ...base, problemTypes: ['no_such_type'] }), 'PROBLEM_TYPE_NOT_FOUND');
    expectError(await admin.post('/api/v1/sla-policies', { ...base, resolution: null }), 'VALIDATION_FAILED');
    expectError(
      await admin.post('/api/v1/sla-policies', { ...base, resolution: { amount: -2, unit: 'working_days' } }),
      'VALIDATION_FAILED',
    );
    expectError(await admin.post('/api/v1/sla-policies', { ...base, resolution: { amount: 2, unit: 'fortnights' } }), 'VALIDATION_FAILED');
    expectError(await admin.post('/api/v1/sla-policies', { ...base, name: '数据同步' }), 'SLA_POLICY_NAME_TAKEN');
    expectError(await admin.get('/api/v1/sla-policies/00000000-0000-4000-8000-000000000000'), 'SLA_POLICY_NOT_FOUND');
    expectError(await admin.patch('/api/v1/sla-policies/00000000-0000-4000-8000-000000000000', { active: false }), 'SLA_POLICY_NOT_FOUND');
    const policy = (await admin.get('/api/v1/sla-policies')).json().find((row: { name: string }) => row.name === '数据同步');
    expectError(
      await admin.patch(`/api/v1/sla-policies/${policy.id}`, { firstResponse: null, nextResponse: null, resolution: null }),
      'VALIDATION_FAILED',
    );
  });

  it('can be deleted only while no clock counts under them; otherwise deactivated', async () => {
    const used = (await admin.get('/api/v1/sla-policies')).json().find((row: { name: string }) => row.name === '微信 7×24');
    expectError(await admin.delete(`/api/v1/sla-policies/${used.id}`), 'SLA_POLICY_IN_USE');
    const deactivated = await admin.patch(`/api/v1/sla-policies/${used.id}`, { active: false });
    expect(deactivated.json()).toMatchObject({ active: false });
    const sla = await wechatTicket('2026-05-12T10:00');
    expect(sla.clocks[0].policy.name).not.toBe('微信 7×24');
    const spare = await admin.post('/api/v1/sla-policies', {
      name: '备用',
      calendarId: hotline.id,
      resolution: { amount: 1, unit: 'calendar_days' },
    });
    expect((await admin.delete(`/api/v1/sla-policies/${spare.json().id}`)).statusCode).toBe(204);
    expectError(await admin.get(`/api/v1/sla-policies/${spare.json().id}`), 'SLA_POLICY_NOT_FOUND');
  });

  it('keep the calendars they count on from being deleted', async () => {
    expectError(await admin.delete(`/api/v1/business-calendars/${hotline.id}`), 'CALENDAR_IN_USE');
    const unused = await admin.post('/api/v1/business-calendars', { name: '临时日历' });
    expect((await admin.delete(`/api/v1/business-calendars/${unused.json().id}`)).statusCode).toBe(204);
    expectError(await admin.get(`/api/v1/business-calendars/${unused.json().id}`), 'CALENDAR_NOT_FOUND');
    expectError(await agent.delete(`/api/v1/business-calendars/${hotline.id}`), 'FORBIDDEN');
  });
});
