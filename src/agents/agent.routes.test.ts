import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentFixture, buildAgent, buildApiToken, buildGroup } from '../../test/factories';
import { ApiClient, login } from '../../test/support/api-client';
import { expectError } from '../../test/support/error-envelope';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { auditEntry } from '../audit';
import { isAppError } from '../platform/errors';
import { agent } from './agent.table';
import { updateAgent } from './agent.service';

let test: TestApp;
let admin: AgentFixture;
let adminApi: ApiClient;

beforeAll(async () => {
  test = await createTestApp();
  await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  admin = await buildAgent(test, { role: 'admin' });
  adminApi = new ApiClient(test.app, admin.credentials);
});
afterAll(() => test.close());

let sequence = 0;
const newAgent = (overrides: Record<string, unknown> = {}) => ({
  email: `staff${++sequence}@example.com`,
  name: `员工${sequence}`,
  role: 'agent',
  password: 'a long enough password',
  ...overrides,
});

describe('creating agents', () => {
  it('lets an admin create an agent who can then sign in', async () => {
    const response = await adminApi.post('/api/v1/agents', newAgent({ email: 'Chen.Jing@Example.com', name: '陈静', locale: 'en' }));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ email: 'chen.jing@example.com', name: '陈静', role: 'agent', active: true, locale: 'en' });
    expect(response.json()).not.toHaveProperty('passwordHash');
    const session = await login(test.app, 'chen.jing@example.com', 'a long enough password');
    expect(session.headers.cookie).toMatch(/^hy_session=/);
  });

  it('refuses an email another agent uses, in any letter case, with 409 AGENT_EMAIL_TAKEN', async () => {
    await adminApi.post('/api/v1/agents', newAgent({ email: 'liu.yang@example.com' }));
    expectError(await adminApi.post('/api/v1/agents', newAgent({ email: 'Liu.Yang@example.com' })), 'AGENT_EMAIL_TAKEN');
  });

  it('refuses a short password and an unknown role with VALIDATION_FAILED', async () => {
    expectError(await adminApi.post('/api/v1/agents', newAgent({ password: 'short' })), 'VALIDATION_FAILED');
    expectError(await adminApi.post('/api/v1/agents', newAgent({ role: 'root' })), 'VALIDATION_FAILED');
  });

  it('lets only admins create and change agents', async () => {
    const supervisor = adminApi.as((await buildAgent(test, { role: 'supervisor' })).credentials);
    expectError(await supervisor.post('/api/v1/agents', newAgent()), 'FORBIDDEN');
    expectError(await supervisor.patch(`/api/v1/agents/${admin.id}`, { name: '篡改' }), 'FORBIDDEN');
    const token = adminApi.as(await buildApiToken(test.ctx, ['directory:read']));
    expectError(await token.post('/api/v1/agents', newAgent()), 'FORBIDDEN');
  });

  it('records the creation in the audit chain without the password', async () => {
    const response = await adminApi.post('/api/v1/agents', newAgent({ password: 'secret passphrase 42' }));
    const entries = await test.ctx.db.select().from(auditEntry).where(eq(auditEntry.subjectId, response.json().id));
    expect(entries.map((entry) => [entry.action, entry.actorType, entry.actorId])).toEqual([['agent.created', 'agent', admin.id]]);
    expect(JSON.stringify(entries)).not.toContain('secret passphrase 42');
    expect(JSON.stringify(entries)).not.toContain('argon2');
  });
});

describe('the staff directory', () => {
  it('lists agents for every agent and for tokens with directory:read', async () => {
    const someone = await buildAgent(test);
    const asAgent = await adminApi.as(someone.credentials).get('/api/v1/agents');
    expect(asAgent.statusCode).toBe(200);
    expect(asAgent.json().map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([admin.id, someone.id]));
    const token = adminApi.as(await buildApiToken(test.ctx, ['directory:read']));
    expect((await token.get(`/api/v1/agents/${someone.id}`)).json()).toMatchObject({ id: someone.id, email: someone.email });
  });

  it('answers an unknown agent with 404 AGENT_NOT_FOUND', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectError(await adminApi.get(`/api/v1/agents/${unknown}`), 'AGENT_NOT_FOUND');
    expectError(await adminApi.patch(`/api/v1/agents/${unknown}`, { name: '无' }), 'AGENT_NOT_FOUND');
  });
});

describe('changing agents', () => {
  it('changes role and name, and the new role applies to the open session at once', async () => {
    const someone = await buildAgent(test);
    const client = adminApi.as(someone.credentials);
    expectError(await client.get('/api/v1/api-tokens'), 'FORBIDDEN');
    const promoted = await adminApi.patch(`/api/v1/agents/${someone.id}`, { role: 'admin', name: '新管理员' });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.json()).toMatchObject({ role: 'admin', name: '新管理员' });
    expect((await client.get('/api/v1/api-tokens')).statusCode).toBe(200);
  });

  it('sets a new password for an agent', async () => {
    const someone = await buildAgent(test);
    expect((await adminApi.patch(`/api/v1/agents/${someone.id}`, { password: 'reset by the admin' })).statusCode).toBe(200);
    await expect(login(test.app, someone.email, 'reset by the admin')).resolves.toBeDefined();
  });

  it('ends the sessions an agent had open when an admin resets their password', async () => {
    const someone = await buildAgent(test);
    const before = new ApiClient(test.app, someone.credentials);
    expect((await before.get('/api/v1/auth/session')).statusCode).toBe(200);
    test.clock.advance(1_000);
    expect((await adminApi.patch(`/api/v1/agents/${someone.id}`, { password: 'reset after a leak' })).statusCode).toBe(200);
    expectError(await before.get('/api/v1/auth/session'), 'UNAUTHENTICATED');
    expectError(await before.get('/api/v1/tickets'), 'UNAUTHENTICATED');
    const after = new ApiClient(test.app, await login(test.app, someone.email, 'reset after a leak'));
    expect((await after.get('/api/v1/auth/session')).statusCode).toBe(200);
  });
});

describe('the last admin', () => {
  // Its own workspace, so the number of admins is known.
  let own: TestApp;
  let first: AgentFixture;
  let firstApi: ApiClient;
  beforeAll(async () => {
    own = await createTestApp();
    await buildGroup(own.ctx, { isDefault: true });
    first = await buildAgent(own, { role: 'admin' });
    firstApi = new ApiClient(own.app, first.credentials);
  });
  afterAll(() => own.close());

  it('cannot be demoted or deactivated (422 LAST_ADMIN)', async () => {
    expectError(await firstApi.patch(`/api/v1/agents/${first.id}`, { role: 'supervisor' }), 'LAST_ADMIN');
    expectError(await firstApi.patch(`/api/v1/agents/${first.id}`, { active: false }), 'LAST_ADMIN');
    expect((await firstApi.get(`/api/v1/agents/${first.id}`)).json()).toMatchObject({ role: 'admin', active: true });
  });

  it('can step down once another admin is active, and the new one is then the last', async () => {
    const second = await buildAgent(own, { role: 'admin' });
    const stepped = await firstApi.patch(`/api/v1/agents/${first.id}`, { role: 'agent' });
    expect(stepped.statusCode, stepped.body).toBe(200);
    const secondApi = firstApi.as(second.credentials);
    expectError(await secondApi.patch(`/api/v1/agents/${second.id}`, { active: false }), 'LAST_ADMIN');
    // A deactivated admin does not count as the other admin.
    const third = await buildAgent(own, { role: 'admin' });
    expect((await secondApi.patch(`/api/v1/agents/${third.id}`, { active: false })).statusCode).toBe(200);
    expectError(await secondApi.patch(`/api/v1/agents/${second.id}`, { role: 'agent' }), 'LAST_ADMIN');
  });

  it('lets exactly one of two simultaneous demotions of the last two admins through, without deadlock', async () => {
    const system = { type: 'system' as const, id: 'test' };
    const demote = (id: string) =>
      own.ctx.db
        .transaction((tx) => updateAgent(tx, { id, role: 'agent', actor: system, now: own.clock.now() }))
        .then(
          () => 'demoted',
          (error: unknown) => (isAppError(error) ? error.code : String(error)),
        );
    const activeAdmins = async () =>
      own.ctx.db
        .select({ id: agent.id })
        .from(agent)
        .where(and(eq(agent.role, 'admin'), eq(agent.active, true)));
    for (let round = 0; round < 6; round++) {
      await buildAgent(own, { role: 'admin' });
      const pair = await activeAdmins();
      expect(pair).toHaveLength(2);
      const outcomes = await Promise.all(pair.map((row) => demote(row.id)));
      expect(outcomes.sort()).toEqual(['LAST_ADMIN', 'demoted']);
      expect(await activeAdmins()).toHaveLength(1);
    }
  });
});
