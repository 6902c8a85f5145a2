import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildApiToken, buildGroup } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { type PlatformServer, startPlatformServer } from '../../test/support/platform-server';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { redactUrl } from '../platform/logging';

const SECRET = 'whsec_logging_0123456789abcdefghijkl';
const ROTATED = 'whsec_logging_rotated_0123456789abcdef';
const ID_LAST4 = '739X';
const MOBILE_LAST4 = '8000';

let test: TestApp;
let platform: PlatformServer;
let admin: ApiClient;
let platformApi: ApiClient;
let apiToken: string;
const logLines: string[] = [];

beforeAll(async () => {
  // Request logging on (LOG_LEVEL=debug), every line captured at trace.
  test = await createTestApp({ logLines, logLevel: 'trace', env: { LOG_LEVEL: 'debug' } });
  platform = await startPlatformServer({ secret: SECRET, nowMs: () => test.clock.now().getTime() });
  platform.state.reply = (call) =>
    call.path === '/identity'
      ? { status: 200, body: { result: call.json.idLast4 === ID_LAST4 && call.json.mobileLast4 === MOBILE_LAST4 ? 'pass' : 'fail' } }
      : { status: 200, body: { status: 'frozen', reference: `FRZ-${call.json.ticketNumber}` } };
  await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  admin = new ApiClient(test.app, (await buildAgent(test, { role: 'admin' })).credentials);
  const issued = await buildApiToken(test.ctx, ['tickets:read', 'tickets:write']);
  apiToken = (issued.headers.authorization ?? '').replace(/^Bearer /, '');
  expect(apiToken.length).toBeGreaterThan(20);
  platformApi = new ApiClient(test.app, issued);
});
afterAll(async () => {
  await test.close();
  await platform.close();
});

describe('redactUrl', () => {
  it('replaces the self-service token in the page and API paths, keeping the route shape and the query', () => {
    expect(redactUrl('/api/v1/self-service/freeze/abc.123.x-Y_z/confirm')).toBe('/api/v1/self-service/freeze/[redacted]/confirm');
    expect(redactUrl('/api/v1/self-service/freeze/abc.123.xyz')).toBe('/api/v1/self-service/freeze/[redacted]');
    expect(redactUrl('/self-service/freeze/abc.123.xyz?lang=en')).toBe('/self-service/freeze/[redacted]?lang=en');
    expect(redactUrl('/api/v1/tickets/HY-1')).toBe('/api/v1/tickets/HY-1');
  });
});

describe('log lines at debug and trace', () => {
  it('never carry the self-service token, a webhook secret or an API token, through the whole self-service flow', async () => {
    for (const [name, purpose, path] of [
      ['身份核验', 'identity_check', '/identity'],
      ['紧急冻结', 'account_freeze', '/freeze'],
    ] as const) {
      const created = await admin.post('/api/v1/webhook-endpoints', {
        name,
        url: `${platform.url}${path}`,
        purposes: [purpose],
        secret: SECRET,
      });
      expect(created.statusCode, created.body).toBe(201);
      const rotated = await admin.patch(`/api/v1/webhook-endpoints/${created.json().id}`, { secret: ROTATED });
      expect(rotated.statusCode).toBe(200);
      expect((await admin.patch(`/api/v1/webhook-endpoints/${created.json().id}`, { secret: SECRET })).statusCode).toBe(200);
    }
    const opened = await platformApi.post('/api/v1/tickets', {
      subject: '账户异常',
      customer: { platformUserId: 'U-LOG-1' },
      article: { bodyText: '我的账户被盗了，今天凌晨余额被人全部转走，不是我本人操作的！' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    await test.settle();
    const articles = (await admin.get(`/api/v1/tickets/${opened.json().number}/articles`)).json() as { bodyText: string }[];
    const token = articles.map((article) => article.bodyText.match(/\/self-service\/freeze\/([0-9A-Za-z_.-]+)/)?.[1]).find(Boolean);
    if (!token) throw new Error('no self-service link');
    const mac = token.split('.')[2] ?? '';
    expect(mac.length).toBeGreaterThan(20);

    const customer = new ApiClient(test.app);
    const before = logLines.length;
    await test.app.inject({ method: 'GET', url: `/self-service/freeze/${token}` });
    expect((await customer.get(`/api/v1/self-service/freeze/${token}`)).statusCode).toBe(200);
    expect(
      (await customer.post(`/api/v1/self-service/freeze/${token}/identity-check`, { idLast4: '1234', mobileLast4: MOBILE_LAST4 }))
        .statusCode,
    ).toBe(200);
    expect(
      (await customer.post(`/api/v1/self-service/freeze/${token}/identity-check`, { idLast4: ID_LAST4, mobileLast4: MOBILE_LAST4 }))
        .statusCode,
    ).toBe(200);
    const confirmed = await customer.post(`/api/v1/self-service/freeze/${token}/confirm`, { confirm: true });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect((await customer.post(`/api/v1/self-service/freeze/${token}/confirm`, {})).statusCode).toBe(400);
    await test.settle();
    expect(platform.calls.some((call) => call.path === '/freeze')).toBe(true);

    const flow = logLines.slice(before).join('\n');
    // Request logging was on: the lines are there, with the route's shape.
    expect(flow).toContain('incoming request');
    expect(flow).toContain('/api/v1/self-service/freeze/[redacted]/confirm');
    expect(flow).toContain('"url":"/self-service/freeze/[redacted]"');
    const all = logLines.join('\n');
    for (const leak of [token, mac, SECRET, ROTATED, apiToken, ID_LAST4]) expect(all).not.toContain(leak);
  });
});
