import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentFixture, buildAgent, buildApiToken } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { expectError } from '../../test/support/error-envelope';
import { createTestApp, type TestApp } from '../../test/support/test-app';

let test: TestApp;
let admin: AgentFixture;
let api: ApiClient;

// No group exists before the first test: the first one checks what happens in an empty workspace.
beforeAll(async () => {
  test = await createTestApp();
  admin = await buildAgent(test, { role: 'admin' });
  api = new ApiClient(test.app, admin.credentials);
});
afterAll(() => test.close());

interface GroupBody {
  id: string;
  name: string;
  isDefault: boolean;
  memberIds: string[];
}

async function createGroup(body: Record<string, unknown>): Promise<GroupBody> {
  const response = await api.post('/api/v1/groups', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function defaults(): Promise<string[]> {
  const response = await api.get('/api/v1/groups');
  expect(response.statusCode).toBe(200);
  return (response.json() as GroupBody[]).filter((group) => group.isDefault).map((group) => group.name);
}

describe('the default group', () => {
  it('is the first group created, even when it was asked not to be, so tickets always have a home', async () => {
    const first = await createGroup({ name: '综合组', isDefault: false });
    expect(first.isDefault).toBe(true);
    expect(await defaults()).toEqual(['综合组']);
    const ticket = await api.post('/api/v1/tickets', { subject: '无组工单', customer: { name: '客户' }, article: { bodyText: '你好' } });
    expect(ticket.statusCode, ticket.body).toBe(201);
    expect(ticket.json().group.name).toBe('综合组');
  });

  it('stays where it is when a new group does not ask for it', async () => {
    const other = await createGroup({ name: '理财组' });
    expect(other.isDefault).toBe(false);
    expect(await defaults()).toEqual(['综合组']);
  });

  it('moves to a new group created as default, leaving exactly one', async () => {
    const created = await createGroup({ name: '证券组', isDefault: true });
    expect(created.isDefault).toBe(true);
    expect(await defaults()).toEqual(['证券组']);
  });

  it('moves to an existing group made default, leaving exactly one', async () => {
    const groups = (await api.get('/api/v1/groups')).json() as GroupBody[];
    const target = groups.find((group) => group.name === '理财组') as GroupBody;
    const response = await api.patch(`/api/v1/groups/${target.id}`, { isDefault: true });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().isDefault).toBe(true);
    expect(await defaults()).toEqual(['理财组']);
  });

  it('is exactly one group after several groups are created as default at the same moment', async () => {
    const created = await Promise.all(
      ['并发一组', '并发二组', '并发三组', '并发四组'].map((name) => createGroup({ name, isDefault: true })),
    );
    expect(created.filter((group) => group.isDefault).length).toBeGreaterThanOrEqual(1);
    expect(await defaults()).toHaveLength(1);
  });

  it('cannot be switched off directly (only moved), so there is never none', async () => {
    const groups = (await api.get('/api/v1/groups')).json() as GroupBody[];
    const current = groups.find((group) => group.isDefault) as GroupBody;
    expectError(await api.patch(`/api/v1/groups/${current.id}`, { isDefault: false }), 'VALIDATION_FAILED');
  });
});

describe('group names', () => {
  it('refuses a name already in use, on create and on rename, with 409 GROUP_NAME_TAKEN', async () => {
    await createGroup({ name: '反诈组' });
    expectError(await api.post('/api/v1/groups', { name: '反诈组' }), 'GROUP_NAME_TAKEN');
    const other = await createGroup({ name: '投诉组' });
    expectError(await api.patch(`/api/v1/groups/${other.id}`, { name: '反诈组' }), 'GROUP_NAME_TAKEN');
    const renamed = await api.patch(`/api/v1/groups/${other.id}`, { name: '投诉处理组', description: '正式投诉' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '投诉处理组', description: '正式投诉' });
  });

  it('lets a group keep its own name in an update', async () => {
    const group = await createGroup({ name: '回访组' });
    expect((await api.patch(`/api/v1/groups/${group.id}`, { name: '回访组' })).statusCode).toBe(200);
  });
});

describe('membership', () => {
  it('creates a group with members, each listed once', async () => {
    const a = await buildAgent(test);
    const group = await createGroup({ name: '贵宾组', memberIds: [a.id, a.id] });
    expect(group.memberIds).toEqual([a.id]);
  });

  it('replaces the members with the given list, and the agents’ sessions follow', async () => {
    const a = await buildAgent(test);
    const b = await buildAgent(test);
    const group = await createGroup({ name: '清算组', memberIds: [a.id] });
    const replaced = await api.patch(`/api/v1/groups/${group.id}`, { memberIds: [b.id] });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().memberIds).toEqual([b.id]);
    expect((await api.get(`/api/v1/groups/${group.id}`)).json().memberIds).toEqual([b.id]);
    expect((await api.as(a.credentials).get('/api/v1/auth/session')).json().groupIds).not.toContain(group.id);
    expect((await api.as(b.credentials).get('/api/v1/auth/session')).json().groupIds).toContain(group.id);
    const emptied = await api.patch(`/api/v1/groups/${group.id}`, { memberIds: [] });
    expect(emptied.json().memberIds).toEqual([]);
  });

  it('refuses an unknown member with 404 AGENT_NOT_FOUND and keeps the members as they were', async () => {
    const a = await buildAgent(test);
    const group = await createGroup({ name: '催收组', memberIds: [a.id] });
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectError(await api.patch(`/api/v1/groups/${group.id}`, { memberIds: [a.id, unknown] }), 'AGENT_NOT_FOUND');
    expect((await api.get(`/api/v1/groups/${group.id}`)).json().memberIds).toEqual([a.id]);
    expectError(await api.post('/api/v1/groups', { name: '幽灵组', memberIds: [unknown] }), 'AGENT_NOT_FOUND');
    expect(((await api.get('/api/v1/groups')).json() as GroupBody[]).map((g) => g.name)).not.toContain('幽灵组');
  });
});

describe('access', () => {
  it('lets every agent and directory:read tokens read groups, and only admins change them', async () => {
    const someone = await buildAgent(test);
    const agentApi = api.as(someone.credentials);
    expect((await agentApi.get('/api/v1/groups')).statusCode).toBe(200);
    expectError(await agentApi.post('/api/v1/groups', { name: '越权组' }), 'FORBIDDEN');
    const token = api.as(await buildApiToken(test.ctx, ['directory:read']));
    const groups = (await token.get('/api/v1/groups')).json() as GroupBody[];
    expect(groups.length).toBeGreaterThan(0);
    expectError(await token.patch(`/api/v1/groups/${groups[0]?.id}`, { name: '越权' }), 'FORBIDDEN');
    expectError(await api.as(await buildApiToken(test.ctx, ['tickets:read'])).get('/api/v1/groups'), 'INSUFFICIENT_SCOPE');
  });

  it('answers an unknown group with 404 GROUP_NOT_FOUND', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectError(await api.get(`/api/v1/groups/${unknown}`), 'GROUP_NOT_FOUND');
    expectError(await api.patch(`/api/v1/groups/${unknown}`, { name: '无' }), 'GROUP_NOT_FOUND');
  });
});
