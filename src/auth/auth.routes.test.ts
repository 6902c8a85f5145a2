import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentFixture, buildAgent, buildGroup, TEST_PASSWORD } from '../../test/factories';
import { ApiClient, bearer, type Credentials } from '../../test/support/api-client';
import { expectError } from '../../test/support/error-envelope';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { sha256Hex } from '../platform/security';
import { revokeApiToken } from './api-token.service';
import { agentSession, apiToken } from './auth.table';

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

/** A client address no other test (or test file sharing Redis) uses, so per-IP limits stay independent. */
function uniqueAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

function login(app: FastifyInstance, email: string, password: string, remoteAddress = uniqueAddress()) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress });
}

function credentialsOf(response: LightMyRequestResponse): Credentials {
  const cookie = response.cookies.find((c) => c.name === 'hy_session');
  if (!cookie) throw new Error('no session cookie');
  return { headers: { cookie: `hy_session=${cookie.value}`, 'x-csrf-token': response.json().csrfToken } };
}

describe('signing in', () => {
  it('opens a session in an HttpOnly, SameSite cookie and returns the agent and a CSRF token', async () => {
    const someone = await buildAgent(test, { email: 'wang.fang@example.com' });
    const response = await login(test.app, 'Wang.Fang@Example.com', TEST_PASSWORD);
    expect(response.statusCode, response.body).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'hy_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.value.length).toBeGreaterThanOrEqual(40);
    const body = response.json();
    expect(body.agent).toMatchObject({ id: someone.id, email: 'wang.fang@example.com', role: 'agent' });
    expect(body.agent).not.toHaveProperty('passwordHash');
    expect(body.csrfToken).toEqual(expect.any(String));
    expect(new Date(body.expiresAt).getTime()).toBe(test.clock.now().getTime() + 12 * 3_600_000);
    const [stored] = await test.ctx.db.select().from(agentSession).where(eq(agentSession.agentId, someone.id));
    expect(stored?.tokenHash).not.toBe(cookie?.value);
  });

  it('answers a wrong password and an unknown email alike with 401 INVALID_CREDENTIALS', async () => {
    const someone = await buildAgent(test);
    const wrong = await login(test.app, someone.email, 'not the password');
    const unknown = await login(test.app, 'nobody@example.com', 'not the password');
    expectError(wrong, 'INVALID_CREDENTIALS');
    expectError(unknown, 'INVALID_CREDENTIALS');
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.cookies).toEqual([]);
  });

  it('locks the account after LOGIN_MAX_FAILURES wrong passwords, even against the right one, until the lockout ends', async () => {
    const someone = await buildAgent(test);
    for (let attempt = 1; attempt < test.config.loginMaxFailures; attempt++) {
      expectError(await login(test.app, someone.email, `wrong ${attempt}`), 'INVALID_CREDENTIALS');
    }
    const locking = await login(test.app, someone.email, 'wrong again');
    expectError(locking, 'ACCOUNT_LOCKED');
    const lockedUntil = new Date(test.clock.now().getTime() + test.config.loginLockoutMinutes * 60_000).toISOString();
    expect(locking.json().error.details).toEqual({ lockedUntil });

    const rightButLocked = await login(test.app, someone.email, TEST_PASSWORD);
    expectError(rightButLocked, 'ACCOUNT_LOCKED');
    expect(rightButLocked.json().error.details).toEqual({ lockedUntil });

    test.clock.advance(test.config.loginLockoutMinutes * 60_000 - 1_000);
    expectError(await login(test.app, someone.email, TEST_PASSWORD), 'ACCOUNT_LOCKED');
    test.clock.advance(2_000);
    expect((await login(test.app, someone.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('starts counting failures afresh after a successful sign-in', async () => {
    const someone = await buildAgent(test);
    for (let attempt = 1; attempt < test.config.loginMaxFailures; attempt++) {
      await login(test.app, someone.email, 'wrong');
    }
    expect((await login(test.app, someone.email, TEST_PASSWORD)).statusCode).toBe(200);
    expectError(await login(test.app, someone.email, 'wrong'), 'INVALID_CREDENTIALS');
  });

  it('lets an admin lift a lockout with unlock: true', async () => {
    const someone = await buildAgent(test);
    for (let attempt = 1; attempt <= test.config.loginMaxFailures; attempt++) await login(test.app, someone.email, 'wrong');
    expectError(await login(test.app, someone.email, TEST_PASSWORD), 'ACCOUNT_LOCKED');
    const shown = await adminApi.get(`/api/v1/agents/${someone.id}`);
    expect(shown.json().lockedUntil).not.toBeNull();

    const unlocked = await adminApi.patch(`/api/v1/agents/${someone.id}`, { unlock: true });
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect(unlocked.json().lockedUntil).toBeNull();
    expect((await login(test.app, someone.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a deactivated agent with INVALID_CREDENTIALS and ends their open sessions', async () => {
    const someone = await buildAgent(test);
    const deactivated = await adminApi.patch(`/api/v1/agents/${someone.id}`, { active: false });
    expect(deactivated.statusCode).toBe(200);
    expectError(await login(test.app, someone.email, TEST_PASSWORD), 'INVALID_CREDENTIALS');
    expectError(await adminApi.as(someone.credentials).get('/api/v1/auth/session'), 'UNAUTHENTICATED');
  });
});

describe('login rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => limited.close());

  it('answers the fourth sign-in from one address within a minute with 429 RATE_LIMITED, other addresses unaffected', async () => {
    const address = uniqueAddress();
    for (let attempt = 0; attempt < 3; attempt++) {
      expectError(await login(limited.app, 'nobody@example.com', 'x', address), 'INVALID_CREDENTIALS');
    }
    const refused = await login(limited.app, 'nobody@example.com', 'x', address);
    expectError(refused, 'RATE_LIMITED');
    expect(refused.json().error.message['zh-CN']).toBeTruthy();
    expectError(await login(limited.app, 'nobody@example.com', 'x', uniqueAddress()), 'INVALID_CREDENTIALS');
  });
});

describe('sessions', () => {
  it('shows the current session with the agent and their groups', async () => {
    const group = await buildGroup(test.ctx);
    const someone = await buildAgent(test, { groupIds: [group.id] });
    const response = await adminApi.as(someone.credentials).get('/api/v1/auth/session');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      agent: { id: someone.id },
      groupIds: [group.id],
      csrfToken: someone.credentials.headers['x-csrf-token'],
    });
  });

  it('answers without a session with 401 UNAUTHENTICATED', async () => {
    expectError(await test.app.inject({ method: 'GET', url: '/api/v1/auth/session' }), 'UNAUTHENTICATED');
    expectError(
      await test.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: 'hy_session=forged' } }),
      'UNAUTHENTICATED',
    );
  });

  it('refuses a state-changing request without the CSRF token with 403 CSRF_TOKEN_INVALID', async () => {
    const someone = await buildAgent(test);
    const cookieOnly = { headers: { cookie: someone.credentials.headers.cookie as string } };
    expectError(await adminApi.as(cookieOnly).post('/api/v1/auth/logout'), 'CSRF_TOKEN_INVALID');
    const wrongToken = { headers: { ...cookieOnly.headers, 'x-csrf-token': 'x'.repeat(32) } };
    expectError(await adminApi.as(wrongToken).post('/api/v1/auth/logout'), 'CSRF_TOKEN_INVALID');
    expect((await adminApi.as(someone.credentials).get('/api/v1/auth/session')).statusCode).toBe(200);
  });

  it('ends a session at logout: the cookie no longer works', async () => {
    const someone = await buildAgent(test);
    const client = adminApi.as(someone.credentials);
    const response = await client.post('/api/v1/auth/logout');
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((c) => c.name === 'hy_session')?.value).toBe('');
    expectError(await client.get('/api/v1/auth/session'), 'UNAUTHENTICATED');
    expectError(await client.get('/api/v1/tickets'), 'UNAUTHENTICATED');
  });

  it('expires a session after SESSION_TTL_HOURS', async () => {
    // Its own app: moving the clock half a day would end every session of this file.
    const own = await createTestApp();
    try {
      const someone = await buildAgent(own);
      const client = new ApiClient(own.app, someone.credentials);
      own.clock.advance(own.config.sessionTtlHours * 3_600_000 - 1_000);
      expect((await client.get('/api/v1/auth/session')).statusCode).toBe(200);
      own.clock.advance(2_000);
      expectError(await client.get('/api/v1/auth/session'), 'UNAUTHENTICATED');
    } finally {
      await own.close();
    }
  });
});

describe('changing one’s own password', () => {
  it('takes the new password, keeps this session and ends every other session', async () => {
    const someone = await buildAgent(test);
    const other = credentialsOf(await login(test.app, someone.email, TEST_PASSWORD));
    const client = adminApi.as(someone.credentials);
    const changed = await client.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await client.get('/api/v1/auth/session')).statusCode).toBe(200);
    expectError(await adminApi.as(other).get('/api/v1/auth/session'), 'UNAUTHENTICATED');
    expectError(await login(test.app, someone.email, TEST_PASSWORD), 'INVALID_CREDENTIALS');
    expect((await login(test.app, someone.email, 'a brand new passphrase')).statusCode).toBe(200);
  });

  it('refuses a wrong current password with INVALID_CREDENTIALS and keeps the old one', async () => {
    const someone = await buildAgent(test);
    const client = adminApi.as(someone.credentials);
    const refused = await client.post('/api/v1/auth/password', { currentPassword: 'guess', newPassword: 'a brand new passphrase' });
    expectError(refused, 'INVALID_CREDENTIALS');
    expect((await login(test.app, someone.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a new password shorter than ten characters with VALIDATION_FAILED', async () => {
    const someone = await buildAgent(test);
    const refused = await adminApi
      .as(someone.credentials)
      .post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expectError(refused, 'VALIDATION_FAILED');
  });
});

describe('API tokens', () => {
  async function issue(scopes: string[]) {
    const response = await adminApi.post('/api/v1/api-tokens', { name: `平台后端 ${scopes.join(',')}`, scopes });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { token: string; apiToken: { id: string; prefix: string; scopes: string[] } };
  }

  it('shows the token once and keeps only its hash', async () => {
    const issued = await issue(['tickets:read']);
    expect(issued.token).toMatch(/^hy_[A-Za-z0-9_-]{40,}$/);
    expect(issued.token.startsWith(issued.apiToken.prefix)).toBe(true);
    const [row] = await test.ctx.db.select().from(apiToken).where(eq(apiToken.id, issued.apiToken.id));
    expect(row?.tokenHash).toBe(sha256Hex(issued.token));
    const everyRow = JSON.stringify(await test.ctx.db.select().from(apiToken));
    expect(everyRow).not.toContain(issued.token);
    const listed = await adminApi.get('/api/v1/api-tokens');
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(issued.token);
    expect(listed.json().map((t: { id: string }) => t.id)).toContain(issued.apiToken.id);
  });

  it('lets a token do what its scopes allow and nothing else', async () => {
    const { token } = await issue(['tickets:read']);
    const client = adminApi.as(bearer(token));
    expect((await client.get('/api/v1/tickets')).statusCode).toBe(200);
    const write = await client.post('/api/v1/tickets', {
      subject: '令牌越权',
      customer: { platformUserId: 'SCOPE-1' },
      article: { bodyText: '不应创建' },
    });
    expectError(write, 'INSUFFICIENT_SCOPE');
    expect(write.json().error.details).toEqual({ required: 'tickets:write' });
    expectError(await client.get('/api/v1/customers'), 'INSUFFICIENT_SCOPE');
    expectError(await client.get('/api/v1/agents'), 'INSUFFICIENT_SCOPE');
    // Staff-only endpoints refuse tokens whatever their scopes.
    expectError(await client.get('/api/v1/api-tokens'), 'FORBIDDEN');
    expectError(await client.get('/api/v1/auth/session'), 'FORBIDDEN');
  });

  it('needs no CSRF token, because a browser never sends it by itself', async () => {
    const { token } = await issue(['customers:write']);
    const created = await adminApi.as(bearer(token)).post('/api/v1/customers', { name: '令牌客户' });
    expect(created.statusCode, created.body).toBe(201);
  });

  it('stops working the moment it is revoked', async () => {
    const issued = await issue(['tickets:read']);
    const client = adminApi.as(bearer(issued.token));
    expect((await client.get('/api/v1/tickets')).statusCode).toBe(200);
    const revoked = await adminApi.delete(`/api/v1/api-tokens/${issued.apiToken.id}`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().revokedAt).toBe(test.clock.now().toISOString());
    expectError(await client.get('/api/v1/tickets'), 'UNAUTHENTICATED');
  });

  it('stops working on this node once another node revoked it and the revocation event arrived', async () => {
    const issued = await issue(['tickets:read']);
    const client = adminApi.as(bearer(issued.token));
    expect((await client.get('/api/v1/tickets')).statusCode).toBe(200);
    // Revoked by "another node": straight in the database, so this node's lookup cache was not told directly.
    await test.ctx.db.transaction((tx) =>
      revokeApiToken(tx, { id: issued.apiToken.id, actor: { type: 'agent', id: admin.id }, now: test.clock.now() }),
    );
    await test.settle();
    // With Redis the event comes back over the network: allow it a moment to arrive.
    let response = await client.get('/api/v1/tickets');
    for (let i = 0; i < 50 && response.statusCode === 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      response = await client.get('/api/v1/tickets');
    }
    expectError(response, 'UNAUTHENTICATED');
  });

  it('answers an unknown or malformed bearer token with 401 UNAUTHENTICATED, never as anonymous', async () => {
    expectError(await adminApi.as(bearer('hy_forged')).get('/api/v1/tickets'), 'UNAUTHENTICATED');
    expectError(await adminApi.as({ headers: { authorization: 'Basic abc' } }).get('/api/v1/tickets'), 'UNAUTHENTICATED');
  });

  it('lets only admins issue, list and revoke tokens', async () => {
    const supervisor = adminApi.as((await buildAgent(test, { role: 'supervisor' })).credentials);
    expectError(await supervisor.post('/api/v1/api-tokens', { name: 'x', scopes: ['tickets:read'] }), 'FORBIDDEN');
    expectError(await supervisor.get('/api/v1/api-tokens'), 'FORBIDDEN');
    const issued = await issue(['tickets:read']);
    expectError(await supervisor.delete(`/api/v1/api-tokens/${issued.apiToken.id}`), 'FORBIDDEN');
    expectError(await adminApi.delete('/api/v1/api-tokens/00000000-0000-4000-8000-000000000000'), 'API_TOKEN_NOT_FOUND');
  });

  it('records which admin issued a token', async () => {
    const issued = await issue(['audit:read']);
    const [row] = await test.ctx.db.select().from(apiToken).where(eq(apiToken.id, issued.apiToken.id));
    expect(row?.createdByAgentId).toBe(admin.id);
  });
});
