import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildAgent } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { expectError } from '../../test/support/error-envelope';
import { type PlatformServer, startPlatformServer } from '../../test/support/platform-server';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { listAuditEntries, verifyAuditChains } from '../audit';
import { queryRows } from '../platform/db';
import { deliverWebhookJob } from './deliver-webhook.job';
import { signPayload, verifySignature } from './webhook-signature';
import { enqueueDelivery } from './webhook.service';

const SECRET = 'whsec_test_0123456789abcdefghijklmnop';

let test: TestApp;
let admin: ApiClient;
let platform: PlatformServer;
let endpointId: string;

beforeAll(async () => {
  test = await createTestApp();
  platform = await startPlatformServer({ secret: SECRET, nowMs: () => test.clock.now().getTime() });
  admin = new ApiClient(test.app, (await buildAgent(test, { role: 'admin' })).credentials);
  const created = await admin.post('/api/v1/webhook-endpoints', {
    name: '平台风控',
    url: `${platform.url}/freeze`,
    purposes: ['account_freeze'],
    secret: SECRET,
  });
  expect(created.statusCode, created.body).toBe(201);
  endpointId = created.json().id;
});
afterAll(async () => {
  await test.close();
  await platform.close();
});
beforeEach(() => {
  platform.state.reply = () => ({ status: 200, body: { status: 'accepted' } });
});

async function queue(body: Record<string, unknown>) {
  return test.ctx.db.transaction((tx) =>
    enqueueDelivery(tx, { purpose: 'account_freeze', subjectType: 'test', subjectId: String(body.n), body, now: test.clock.now() }),
  );
}

async function deliveryOf(id: string) {
  const log = (await admin.get(`/api/v1/webhook-deliveries?endpointId=${endpointId}&limit=200`)).json();
  return log.find((delivery: { id: string }) => delivery.id === id);
}

describe('signatures', () => {
  it('are HMAC-SHA256 over timestamp "." body, refused when altered, stale or signed with another secret', () => {
    const body = '{"a":1}';
    const signature = signPayload(SECRET, 1_700_000_000, body);
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    const check = (over: Partial<Parameters<typeof verifySignature>[0]>) =>
      verifySignature({ secret: SECRET, timestamp: '1700000000', signature, body, nowMs: 1_700_000_010_000, ...over });
    expect(check({})).toEqual({ valid: true });
    expect(check({ body: '{"a":2}' })).toEqual({ valid: false, reason: 'mismatch' });
    expect(check({ secret: `${SECRET}x` })).toEqual({ valid: false, reason: 'mismatch' });
    expect(check({ timestamp: '1700000001' })).toEqual({ valid: false, reason: 'mismatch' });
    expect(check({ nowMs: 1_700_001_000_000 })).toEqual({ valid: false, reason: 'stale' });
    expect(check({ signature: undefined })).toEqual({ valid: false, reason: 'malformed' });
  });
});

describe('endpoints', () => {
  it('show the secret once, on creation, and never in the list', async () => {
    const created = await admin.post('/api/v1/webhook-endpoints', {
      name: '身份核验',
      url: `${platform.url}/identity`,
      purposes: ['identity_check'],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().secret).toMatch(/^whsec_/);
    const list = await admin.get('/api/v1/webhook-endpoints');
    expect(list.body).not.toContain(created.json().secret);
    expect(list.body).not.toContain(SECRET);
    expect(list.json().map((endpoint: { name: string }) => endpoint.name)).toEqual(['平台风控', '身份核验']);
    const off = await admin.patch(`/api/v1/webhook-endpoints/${created.json().id}`, { active: false });
    expect(off.json()).toMatchObject({ active: false });
  });

  it('refuse a URL that is not http(s), unknown purposes and unknown fields, writing nothing', async () => {
    const before = (await admin.get('/api/v1/webhook-endpoints')).json().length;
    for (const body of [
      { name: 'x', url: 'ftp://example.com/hook', purposes: ['account_freeze'] },
      { name: 'x', url: 'https://example.com/hook', purposes: ['ticket_created'] },
      { name: 'x', url: 'https://example.com/hook', purposes: ['account_freeze'], extra: 1 },
      { name: 'x', url: 'https://example.com/hook', purposes: ['account_freeze'], secret: 'short' },
    ]) {
      expectError(await admin.post('/api/v1/webhook-endpoints', body), 'VALIDATION_FAILED');
    }
    expect((await admin.get('/api/v1/webhook-endpoints')).json()).toHaveLength(before);
    expectError(
      await admin.patch('/api/v1/webhook-endpoints/7d3c0f4e-9a51-4c8e-8f0e-2b6a1d9e4c10', { active: false }),
      'WEBHOOK_ENDPOINT_NOT_FOUND',
    );
  });
});

describe('endpoint audit', () => {
  const fingerprint = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 8);

  it('records creation, changes of URL, purposes and active, and a new secret by its fingerprint only', async () => {
    const adminAgent = await buildAgent(test, { role: 'admin' });
    const auditor = new ApiClient(test.app, adminAgent.credentials);
    const first = 'whsec_audit_first_0123456789abcdef';
    const second = 'whsec_audit_second_0123456789abcdef';
    const created = await auditor.post('/api/v1/webhook-endpoints', {
      name: '审计',
      url: 'https://platform.example.com/a',
      purposes: ['identity_check'],
      secret: first,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    for (const change of [
      { url: 'https://platform.example.com/b', purposes: ['identity_check', 'account_freeze'] },
      { active: false },
      { secret: second },
      { active: false },
    ]) {
      expect((await auditor.patch(`/api/v1/webhook-endpoints/${id}`, change)).statusCode).toBe(200);
    }
    const generated = await auditor.post('/api/v1/webhook-endpoints', {
      name: '生成',
      url: 'https://platform.example.com/c',
      purposes: ['account_freeze'],
    });
    const generatedSecret: string = generated.json().secret;
    // Out of the way of the deliveries below, which take the first active account_freeze endpoint.
    expect((await auditor.patch(`/api/v1/webhook-endpoints/${generated.json().id}`, { active: false })).statusCode).toBe(200);

    const chain = await listAuditEntries(test.ctx.db, 'webhook_endpoint', id);
    expect(chain.map((entry) => [entry.action, entry.actorType, entry.actorId])).toEqual([
      ['webhook_endpoint.created', 'agent', adminAgent.id],
      ['webhook_endpoint.updated', 'agent', adminAgent.id],
      ['webhook_endpoint.updated', 'agent', adminAgent.id],
      ['webhook_endpoint.updated', 'agent', adminAgent.id],
      // The fourth change (active: false again) changed nothing and wrote nothing.
    ]);
    expect(chain[0]?.after).toEqual({
      name: '审计',
      url: 'https://platform.example.com/a',
      purposes: ['identity_check'],
      active: true,
      secretFingerprint: fingerprint(first),
    });
    expect(chain[1]).toMatchObject({
      before: { url: 'https://platform.example.com/a', purposes: ['identity_check'] },
      after: { url: 'https://platform.example.com/b', purposes: ['identity_check', 'account_freeze'] },
    });
    expect(chain[2]).toMatchObject({ before: { active: true }, after: { active: false } });
    expect(chain[3]).toMatchObject({
      before: { secretFingerprint: fingerprint(first) },
      after: { secretFingerprint: fingerprint(second), secretRotated: true },
    });
    const generatedChain = await listAuditEntries(test.ctx.db, 'webhook_endpoint', generated.json().id);
    expect(generatedChain[0]?.after).toMatchObject({ secretFingerprint: fingerprint(generatedSecret) });

    const everything = JSON.stringify([...chain, ...generatedChain]);
    for (const secret of [first, second, generatedSecret]) expect(everything).not.toContain(secret);
    const stored = await queryRows<{ n: number }>(
      test.ctx.db,
      sql`select count(*)::int as n from audit_entry where before::text like ${`%${first}%`} or after::text like ${`%${first}%`} or after::text like ${`%${second}%`}`,
    );
    expect(stored[0]?.n).toBe(0);
    expect((await verifyAuditChains(test.ctx.db)).ok).toBe(true);
  });

  it('writes nothing for a refused change', async () => {
    const missing = '7d3c0f4e-9a51-4c8e-8f0e-2b6a1d9e4c11';
    expectError(await admin.patch(`/api/v1/webhook-endpoints/${missing}`, { active: false }), 'WEBHOOK_ENDPOINT_NOT_FOUND');
    expect(await listAuditEntries(test.ctx.db, 'webhook_endpoint', missing)).toEqual([]);
    expectError(await admin.patch(`/api/v1/webhook-endpoints/${endpointId}`, { secret: 'short' }), 'VALIDATION_FAILED');
    expect((await listAuditEntries(test.ctx.db, 'webhook_endpoint', endpointId)).map((entry) => entry.action)).toEqual([
      'webhook_endpoint.created',
    ]);
  });
});

describe('deliveries', () => {
  it('arrive signed with the timestamp header, and the platform can verify them', async () => {
    const delivery = await queue({ n: 1, hello: '你好' });
    await test.settle();
    const call = platform.calls.find((received) => received.json.n === 1);
    expect(call?.signature).toEqual({ valid: true });
    expect(call?.headers['x-huiying-timestamp']).toBe(String(Math.floor(test.clock.now().getTime() / 1000)));
    expect(call?.headers['x-huiying-delivery']).toBe(delivery.id);
    expect(call?.json).toEqual({ n: 1, hello: '你好' });
    expect(await deliveryOf(delivery.id)).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 200 });
  });

  it('are retried with backoff after a 500 and succeed, each attempt in the log', async () => {
    let answered = 0;
    platform.state.reply = (call) => (call.json.n === 2 && answered++ === 0 ? { status: 500, body: { error: 'busy' } } : { status: 200 });
    const delivery = await queue({ n: 2 });
    await test.settle();
    expect(await deliveryOf(delivery.id)).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500' });
    // Not before its backoff (2 s ± 20 %)…
    await test.settle();
    expect(platform.calls.filter((call) => call.json.n === 2)).toHaveLength(1);
    test.clock.advance(3_000);
    await test.settle();
    const settled = await deliveryOf(delivery.id);
    expect(settled).toMatchObject({ status: 'succeeded', attempts: 2, lastStatusCode: 200 });
    expect(settled.attemptLog.map((attempt: { statusCode: number }) => attempt.statusCode)).toEqual([500, 200]);
    const timestamps = platform.calls.filter((call) => call.json.n === 2).map((call) => call.headers['x-huiying-timestamp']);
    expect(new Set(timestamps).size).toBe(2);
  });

  it('end as failed after the last attempt, with webhook.failed raised, and never log the secret', async () => {
    platform.state.reply = (call) => (call.json.n === 3 ? { status: 503 } : { status: 200 });
    const delivery = await queue({ n: 3 });
    for (let i = 0; i < deliverWebhookJob.attempts + 1; i++) {
      await test.settle();
      test.clock.advance(10 * 60_000);
    }
    const failed = await deliveryOf(delivery.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: deliverWebhookJob.attempts, lastStatusCode: 503 });
    expect(failed.attemptLog).toHaveLength(deliverWebhookJob.attempts);
    expect(platform.calls.filter((call) => call.json.n === 3)).toHaveLength(deliverWebhookJob.attempts);
    const events = await queryRows<{ name: string; payload: { deliveryId: string } }>(
      test.ctx.db,
      sql`select name, payload from outbox_event where name like 'webhook.%'`,
    );
    expect(events.filter((event) => event.payload.deliveryId === delivery.id).map((event) => event.name)).toEqual(['webhook.failed']);
    const [dump] = await queryRows<{ text: string }>(
      test.ctx.db,
      sql`select concat_ws(' ', (select string_agg(d::text, ' ') from webhook_delivery d), (select string_agg(a::text, ' ') from webhook_attempt a),
            (select string_agg(j::text, ' ') from job j), (select string_agg(o::text, ' ') from outbox_event o)) as text`,
    );
    expect(dump?.text).not.toContain(SECRET);
  });

  it('record a network failure as an attempt with its error', async () => {
    // A port that was just free: nothing listens there, so the connection is refused.
    const gone = await startPlatformServer({ secret: SECRET });
    await gone.close();
    const created = await admin.post('/api/v1/webhook-endpoints', {
      name: '关闭的端口',
      url: `${gone.url}/freeze`,
      purposes: ['account_freeze'],
    });
    await admin.patch(`/api/v1/webhook-endpoints/${endpointId}`, { active: false });
    try {
      const delivery = await queue({ n: 4 });
      await test.settle();
      const log = (await admin.get(`/api/v1/webhook-deliveries?endpointId=${created.json().id}`)).json();
      const attempt = log.find((row: { id: string }) => row.id === delivery.id);
      expect(attempt).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
      expect(attempt.lastError).toBe('ECONNREFUSED');
    } finally {
      await admin.patch(`/api/v1/webhook-endpoints/${endpointId}`, { active: true });
      await admin.patch(`/api/v1/webhook-endpoints/${created.json().id}`, { active: false });
    }
  });
});
