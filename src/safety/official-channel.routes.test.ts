import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent } from '../../test/factories';
import { ApiClient, anonymous } from '../../test/support/api-client';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { listAuditEntries } from '../audit';

let test: TestApp;
let admin: ApiClient;
let publicApi: ApiClient;

beforeAll(async () => {
  test = await createTestApp();
  admin = new ApiClient(test.app, (await buildAgent(test, { role: 'admin' })).credentials);
  publicApi = new ApiClient(test.app, anonymous);
  for (const channel of [
    { kind: 'phone', value: '400-820-1234', label: '客服热线' },
    { kind: 'phone', value: '95188', label: '短号客服' },
    { kind: 'website', value: 'https://www.huiying.com.cn/help', label: '官方网站' },
    { kind: 'email_domain', value: 'service@huiying-mail.com', label: '客服邮箱' },
    { kind: 'wechat', value: 'Huiying_Official', label: '官方公众号' },
    { kind: 'app', value: '回应财富', label: '官方 App' },
  ]) {
    const response = await admin.post('/api/v1/official-channels', channel);
    expect(response.statusCode, response.body).toBe(201);
  }
});
afterAll(() => test.close());

const check = async (value: string, kind?: string) => {
  const query = new URLSearchParams({ value, ...(kind ? { kind } : {}) });
  const response = await publicApi.get(`/api/v1/official-channels/check?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe('official-channel check', () => {
  it('recognises the official channels however they are written', async () => {
    expect(await check('4008201234')).toMatchObject({ kind: 'phone', verdict: 'official', matched: { label: '客服热线' } });
    expect(await check('+86 400 820 1234')).toMatchObject({ verdict: 'official' });
    expect(await check('https://kefu.huiying.com.cn/login')).toMatchObject({ kind: 'website', verdict: 'official' });
    expect(await check('zhang@HUIYING-MAIL.com')).toMatchObject({ kind: 'email_domain', verdict: 'official' });
    expect(await check('huiying_official', 'wechat')).toMatchObject({ verdict: 'official' });
    expect((await check('回应财富', 'app')).advice['zh-CN']).toContain('绝不会索要');
  });

  it('warns about look-alikes: swapped letters, look-alike characters, another ending, the name inside another domain', async () => {
    expect(await check('https://huiyimg.com.cn')).toMatchObject({ verdict: 'lookalike', reasons: ['similar_spelling'] });
    expect(await check('https://huіying.com.cn')).toMatchObject({ verdict: 'lookalike', reasons: ['confusable_characters'] });
    expect(await check('www.huiying.net')).toMatchObject({ verdict: 'lookalike', reasons: ['other_domain_ending'] });
    expect(await check('huiying-kefu-center.top')).toMatchObject({ verdict: 'lookalike', reasons: ['contains_official_name'] });
    expect(await check('refund@huiying-mall.com')).toMatchObject({ verdict: 'lookalike', matched: { label: '客服邮箱' } });
    expect(await check('400-820-1243')).toMatchObject({ verdict: 'lookalike', reasons: ['similar_number'] });
    expect(await check('Huiying_0fficial', 'wechat')).toMatchObject({ verdict: 'lookalike' });
    const lookalike = await check('huiying.net');
    expect(lookalike.advice['zh-CN']).toContain('96110');
  });

  it('says unknown for unrelated values, and points out a hotline-style number that is not registered', async () => {
    expect(await check('https://example.org')).toMatchObject({ verdict: 'unknown', reasons: [], matched: null });
    expect(await check('4001234567')).toMatchObject({ verdict: 'unknown', reasons: ['service_number_not_registered'] });
    expect(await check('95566')).toMatchObject({ verdict: 'unknown', reasons: ['service_number_not_registered'] });
    expect(await check('13800138000')).toMatchObject({ verdict: 'unknown', reasons: [] });
  });

  it('refuses a value that is not of the kind named, and a duplicate registration', async () => {
    const bad = await publicApi.get('/api/v1/official-channels/check?value=abc&kind=phone');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const again = await admin.post('/api/v1/official-channels', { kind: 'phone', value: '4008201234', label: '重复' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('OFFICIAL_CHANNEL_TAKEN');
  });

  it('audits registration and removal', async () => {
    const created = (await admin.post('/api/v1/official-channels', { kind: 'wechat', value: 'huiying_vip', label: 'VIP 服务号' })).json();
    expect((await admin.delete(`/api/v1/official-channels/${created.id}`)).statusCode).toBe(204);
    const chain = await listAuditEntries(test.ctx.db, 'official_channel', created.id);
    expect(chain.map((entry) => entry.action)).toEqual(['official_channel.registered', 'official_channel.removed']);
    expect((await check('huiying_vip', 'wechat')).verdict).not.toBe('official');
    expect((await admin.delete(`/api/v1/official-channels/${created.id}`)).json().error.code).toBe('OFFICIAL_CHANNEL_NOT_FOUND');
  });
});

describe('official-channel check rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ env: { CHANNEL_CHECK_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => limited.close());

  it('answers the fourth check from one address within a minute with 429 RATE_LIMITED, other addresses unaffected', async () => {
    // Addresses of their own: with Redis the counters are shared by every app of the test run.
    const address = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
    const ask = (remoteAddress: string) =>
      limited.app.inject({ method: 'GET', url: '/api/v1/official-channels/check?value=95188', remoteAddress });
    const mine = address();
    for (let attempt = 0; attempt < 3; attempt++) expect((await ask(mine)).statusCode).toBe(200);
    const refused = await ask(mine);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect((await ask(address())).statusCode).toBe(200);
  });
});
