import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildAgent, buildApiToken, buildGroup } from '../../test/factories';
import { ApiClient, bearer } from '../../test/support/api-client';
import { expectError } from '../../test/support/error-envelope';
import { type PlatformServer, startPlatformServer } from '../../test/support/platform-server';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { listAuditEntries, verifyAuditChains } from '../audit';
import { queryRows } from '../platform/db';
import { issueSelfServiceToken } from './self-service-link';

const SECRET = 'whsec_emergency_0123456789abcdefghij';
const SELF_SERVICE_SECRET = 'test-self-service-secret-0123456789abcdef';
// The check character X cannot appear in ids, hashes or timestamps, so finding "739X" anywhere means it leaked.
const ID_LAST4 = '739X';
const MOBILE_LAST4 = '8000';
const THEFT = '我的账户被盗了，今天凌晨余额被人全部转走，不是我本人操作的！';

let test: TestApp;
let admin: ApiClient;
let platformApi: ApiClient;
let platform: PlatformServer;
let emergencyGroupId: string;
const logLines: string[] = [];
let sequence = 0;

beforeAll(async () => {
  test = await createTestApp({ logLines, logLevel: 'debug' });
  platform = await startPlatformServer({ secret: SECRET, nowMs: () => test.clock.now().getTime() });
  await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  admin = new ApiClient(test.app, (await buildAgent(test, { role: 'admin' })).credentials);
  platformApi = new ApiClient(test.app, bearer(''));
  platformApi = platformApi.as(await buildApiToken(test.ctx, ['tickets:read', 'tickets:write']));
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
  }
  const groups = (await admin.get('/api/v1/groups')).json();
  emergencyGroupId = groups.find((group: { name: string }) => group.name === '7×24 应急组').id;
});
afterAll(async () => {
  await test.close();
  await platform.close();
});
beforeEach(() => {
  platform.state.reply = (call) => {
    if (call.path === '/identity') {
      const right = call.json.idLast4 === ID_LAST4 && call.json.mobileLast4 === MOBILE_LAST4;
      return { status: 200, body: { result: right ? 'pass' : 'fail' } };
    }
    return { status: 200, body: { status: 'frozen', reference: `FRZ-${call.json.ticketNumber}` } };
  };
});

/** The customer writes in through the platform's back-end (API token), as the app or website would. */
async function openTicket(bodyText: string) {
  const response = await platformApi.post('/api/v1/tickets', {
    subject: '账户异常',
    customer: { platformUserId: `U-EMG-${++sequence}` },
    article: { bodyText },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; number: string; priority: string; problemType: string; group: { id: string } };
}

async function articles(number: string) {
  return (await admin.get(`/api/v1/tickets/${number}/articles`)).json() as {
    kind: string;
    visibility: string;
    bodyText: string;
    author: { type: string };
  }[];
}

async function selfServiceToken(number: string): Promise<string> {
  await test.settle();
  const link = (await articles(number)).find(
    (article) => article.author.type === 'system' && article.bodyText.includes('/self-service/freeze/'),
  );
  const token = link?.bodyText.match(/\/self-service\/freeze\/([0-9A-Za-z_.-]+)/)?.[1];
  if (!token) throw new Error('no self-service link');
  return token;
}

const selfService = (token: string) => `/api/v1/self-service/freeze/${token}`;
const anonymous = () => new ApiClient(test.app);

describe('a suspected-theft ticket', () => {
  it('is urgent, in the 7×24 group, and the customer gets a signed self-service link at once', async () => {
    const ticket = await openTicket(THEFT);
    expect(ticket).toMatchObject({ problemType: 'suspected_theft', priority: 'urgent', group: { id: emergencyGroupId } });
    const token = await selfServiceToken(ticket.number);
    const notice = (await articles(ticket.number)).find((article) => article.bodyText.includes(token));
    expect(notice).toMatchObject({ kind: 'outbound', visibility: 'public' });
    expect(notice?.bodyText).toContain('身份证后四位');
    expect(notice?.bodyText).toContain('96110');
    expect(notice?.bodyText).toContain('last 4 digits of your ID');
    const state = await anonymous().get(selfService(token));
    expect(state.statusCode, state.body).toBe(200);
    expect(state.json()).toMatchObject({ ticketNumber: ticket.number, identityVerified: false, attemptsLeft: 5, freeze: null });
  });

  it('is frozen by the customer in self-service: identity check, then one click, signed to the platform, confirmed on the ticket', async () => {
    const ticket = await openTicket(THEFT);
    const token = await selfServiceToken(ticket.number);
    expectError(await anonymous().post(`${selfService(token)}/confirm`, { confirm: true }), 'IDENTITY_NOT_VERIFIED');

    const wrong = await anonymous().post(`${selfService(token)}/identity-check`, { idLast4: '1234', mobileLast4: MOBILE_LAST4 });
    expect(wrong.json()).toMatchObject({ result: 'fail', requestedBy: 'customer' });
    test.clock.advance(20_000);
    const right = await anonymous().post(`${selfService(token)}/identity-check`, { idLast4: ID_LAST4, mobileLast4: MOBILE_LAST4 });
    expect(right.statusCode, right.body).toBe(200);
    expect(right.json()).toMatchObject({ result: 'pass' });
    const asked = platform.calls.filter((call) => call.path === '/identity' && call.json.ticketNumber === ticket.number);
    expect(asked).toHaveLength(2);
    expect(asked[1]?.signature).toEqual({ valid: true });
    expect(asked[1]?.json).toMatchObject({ platformUserId: `U-EMG-${sequence}`, idLast4: ID_LAST4, mobileLast4: MOBILE_LAST4 });
    expect(asked[0]?.json.nonce).not.toBe(asked[1]?.json.nonce);

    const confirmed = await anonymous().post(`${selfService(token)}/confirm`, { confirm: true });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(confirmed.json()).toMatchObject({ state: 'requested', requestedBy: 'customer' });
    const again = await anonymous().post(`${selfService(token)}/confirm`, { confirm: true });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(confirmed.json().id);

    await test.settle();
    await test.settle();
    const freezes = platform.calls.filter((call) => call.path === '/freeze' && call.json.ticketNumber === ticket.number);
    expect(freezes).toHaveLength(1);
    expect(freezes[0]?.signature).toEqual({ valid: true });
    expect(freezes[0]?.json).toMatchObject({
      type: 'account_freeze',
      freezeRequestId: confirmed.json().id,
      platformUserId: `U-EMG-${sequence}`,
      requestedBy: 'customer',
      identityVerified: true,
    });

    const safety = (await admin.get(`/api/v1/tickets/${ticket.number}/safety`)).json();
    expect(safety.freezeRequests[0]).toMatchObject({ state: 'confirmed', platformReference: `FRZ-${ticket.number}` });
    expect(safety.identity).toMatchObject({ lastResult: 'pass', attemptsLastHour: 2 });
    expect((await anonymous().get(selfService(token))).json()).toMatchObject({ identityVerified: true, freeze: { state: 'confirmed' } });
    const messages = await articles(ticket.number);
    expect(messages.find((article) => article.visibility === 'internal' && article.bodyText.includes('平台已确认紧急冻结'))).toBeDefined();
    expect(messages.find((article) => article.visibility === 'public' && article.bodyText.startsWith('【冻结成功】'))).toBeDefined();
    const actions = (await listAuditEntries(test.ctx.db, 'ticket', ticket.id)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['ticket.identity_checked', 'ticket.freeze_requested', 'ticket.freeze_confirmed']));
    expect(actions.filter((action) => action === 'ticket.identity_checked')).toHaveLength(2);
    expect(await verifyAuditChains(test.ctx.db)).toMatchObject({ ok: true });
  });

  it('is frozen by an agent in one click; the platform answers later through its callback', async () => {
    platform.state.reply = () => ({ status: 202, body: { status: 'accepted', reference: 'FRZ-LATER' } });
    const agent = new ApiClient(test.app, (await buildAgent(test, { groupIds: [emergencyGroupId] })).credentials);
    const ticket = await openTicket(THEFT);
    const clicked = await agent.post(`/api/v1/tickets/${ticket.number}/freeze-requests`, { reason: '客户来电确认资金被转走' });
    expect(clicked.statusCode, clicked.body).toBe(201);
    expect(clicked.json()).toMatchObject({ requestedBy: 'agent', state: 'requested' });
    await test.settle();
    await test.settle();
    const sent = platform.calls.find((call) => call.path === '/freeze' && call.json.ticketNumber === ticket.number);
    expect(sent?.json).toMatchObject({ requestedBy: 'agent', identityVerified: false, reason: '客户来电确认资金被转走' });
    let safety = (await agent.get(`/api/v1/tickets/${ticket.number}/safety`)).json();
    expect(safety.freezeRequests[0]).toMatchObject({ state: 'sent', platformReference: 'FRZ-LATER' });

    const callback = await platformApi.post(`/api/v1/freeze-requests/${clicked.json().id}/outcome`, {
      status: 'frozen',
      reference: 'FRZ-LATER',
    });
    expect(callback.statusCode, callback.body).toBe(200);
    expect(callback.json()).toMatchObject({ state: 'confirmed' });
    safety = (await agent.get(`/api/v1/tickets/${ticket.number}/safety`)).json();
    expect(safety.freezeRequests[0]).toMatchObject({ state: 'confirmed' });
    expectError(
      await platformApi.post(`/api/v1/freeze-requests/${clicked.json().id}/outcome`, { status: 'rejected' }),
      'FREEZE_ALREADY_FINAL',
    );
    expect((await platformApi.post(`/api/v1/freeze-requests/${clicked.json().id}/outcome`, { status: 'frozen' })).statusCode).toBe(200);
    expectError(
      await platformApi.post('/api/v1/freeze-requests/7d3c0f4e-9a51-4c8e-8f0e-2b6a1d9e4c10/outcome', { status: 'frozen' }),
      'FREEZE_REQUEST_NOT_FOUND',
    );
    expectError(await agent.post(`/api/v1/freeze-requests/${clicked.json().id}/outcome`, { status: 'frozen' }), 'FORBIDDEN');
  });

  it('records the freeze as failed when the platform never takes it, and tells the agents to call', async () => {
    platform.state.reply = (call) => (call.path === '/freeze' ? { status: 500 } : { status: 200, body: { result: 'pass' } });
    const ticket = await openTicket(THEFT);
    const clicked = await admin.post(`/api/v1/tickets/${ticket.number}/freeze-requests`, {});
    expect(clicked.statusCode).toBe(201);
    for (let i = 0; i < 8; i++) {
      await test.settle();
      test.clock.advance(10 * 60_000);
    }
    await test.settle();
    const safety = (await admin.get(`/api/v1/tickets/${ticket.number}/safety`)).json();
    expect(safety.freezeRequests[0]).toMatchObject({ state: 'failed' });
    const note = (await articles(ticket.number)).find((article) => article.bodyText.startsWith('紧急冻结未完成'));
    expect(note).toMatchObject({ visibility: 'internal' });
    const actions = (await listAuditEntries(test.ctx.db, 'ticket', ticket.id)).map((entry) => entry.action);
    expect(actions).toContain('ticket.freeze_failed');
    // A new click after a failure is a new request.
    platform.state.reply = () => ({ status: 200, body: { status: 'frozen' } });
    expect((await admin.post(`/api/v1/tickets/${ticket.number}/freeze-requests`, {})).statusCode).toBe(201);
  });

  it('records a refusal by the platform as rejected, keeping its words, apart from a delivery that failed', async () => {
    platform.state.reply = () => ({ status: 200, body: { status: 'rejected', message: '该账户已注销', reference: 'FRZ-NO' } });
    const ticket = await openTicket(THEFT);
    expect((await admin.post(`/api/v1/tickets/${ticket.number}/freeze-requests`, {})).statusCode).toBe(201);
    await test.settle();
    await test.settle();
    const safety = (await admin.get(`/api/v1/tickets/${ticket.number}/safety`)).json();
    expect(safety.freezeRequests[0]).toMatchObject({ state: 'rejected', outcome: '该账户已注销', platformReference: 'FRZ-NO' });
    const note = (await articles(ticket.number)).find((article) => article.bodyText.startsWith('平台拒绝了紧急冻结'));
    expect(note).toMatchObject({ visibility: 'internal' });
    expect((await listAuditEntries(test.ctx.db, 'ticket', ticket.id)).map((entry) => entry.action)).toContain('ticket.freeze_rejected');
  });
});

describe('the identity check', () => {
  it('is limited to 5 attempts an hour per ticket, each audited, then a coded 429; an hour later it opens again', async () => {
    const ticket = await openTicket(THEFT);
    const agent = new ApiClient(test.app, (await buildAgent(test, { groupIds: [emergencyGroupId] })).credentials);
    for (let i = 0; i < 5; i++) {
      const attempt = await agent.post(`/api/v1/tickets/${ticket.number}/identity-checks`, { idLast4: '0000', mobileLast4: '1111' });
      expect(attempt.json()).toMatchObject({ result: 'fail', requestedBy: 'agent' });
    }
    const before = platform.calls.length;
    expectError(
      await agent.post(`/api/v1/tickets/${ticket.number}/identity-checks`, { idLast4: ID_LAST4, mobileLast4: MOBILE_LAST4 }),
      'IDENTITY_CHECK_RATE_LIMITED',
    );
    expect(platform.calls.length).toBe(before);
    const token = await selfServiceToken(ticket.number);
    expectError(
      await anonymous().post(`${selfService(token)}/identity-check`, { idLast4: ID_LAST4, mobileLast4: MOBILE_LAST4 }),
      'IDENTITY_CHECK_RATE_LIMITED',
    );
    const audited = (await listAuditEntries(test.ctx.db, 'ticket', ticket.id)).filter(
      (entry) => entry.action === 'ticket.identity_checked',
    );
    expect(audited).toHaveLength(5);
    expect(audited[0]?.after).toMatchObject({ result: 'fail', requestedBy: 'agent' });
    test.clock.advance(61 * 60_000);
    const later = await agent.post(`/api/v1/tickets/${ticket.number}/identity-checks`, { idLast4: ID_LAST4, mobileLast4: MOBILE_LAST4 });
    expect(later.json()).toMatchObject({ result: 'pass' });
  });

  it('holds the customer to 5 attempts an hour across their tickets tried at the same moment', async () => {
    // On PostgreSQL the requests run on separate pooled connections, so the tickets' transactions overlap:
    // each ticket's lock serialises only its own attempts.
    const platformUserId = `U-EMG-RACE-${++sequence}`;
    const tickets: { id: string; number: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await platformApi.post('/api/v1/tickets', {
        subject: '账户异常',
        customer: { platformUserId },
        article: { bodyText: THEFT },
      });
      expect(response.statusCode, response.body).toBe(201);
      tickets.push(response.json());
    }
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        admin.post(`/api/v1/tickets/${tickets[i % tickets.length]?.number}/identity-checks`, { idLast4: '0000', mobileLast4: '1111' }),
      ),
    );
    const refused = answers.filter((answer) => answer.statusCode === 429);
    for (const answer of refused) expectError(answer, 'IDENTITY_CHECK_RATE_LIMITED');
    expect(answers.filter((answer) => answer.statusCode === 200).map((answer) => answer.json().result)).toEqual(Array(5).fill('fail'));
    expect(refused).toHaveLength(11);
    const [stored] = await queryRows<{ n: number }>(
      test.ctx.db,
      sql`select count(*)::int as n from identity_check where ticket_id in ${tickets.map((ticket) => ticket.id)}`,
    );
    expect(stored?.n).toBe(5);
  });

  it('answers a coded 502 when the platform does not answer properly, and still counts and audits the attempt', async () => {
    platform.state.reply = () => ({ status: 500 });
    const ticket = await openTicket(THEFT);
    expectError(
      await admin.post(`/api/v1/tickets/${ticket.number}/identity-checks`, { idLast4: ID_LAST4, mobileLast4: MOBILE_LAST4 }),
      'IDENTITY_CHECK_UNAVAILABLE',
    );
    const safety = (await admin.get(`/api/v1/tickets/${ticket.number}/safety`)).json();
    expect(safety.identity).toMatchObject({ lastResult: 'error', attemptsLastHour: 1 });
  });

  it('is refused with a code, writing nothing, while no identity endpoint is configured', async () => {
    const endpoints = (await admin.get('/api/v1/webhook-endpoints')).json() as { id: string; purposes: string[] }[];
    const identity = endpoints.find((endpoint) => endpoint.purposes.includes('identity_check')) as { id: string };
    const ticket = await openTicket(THEFT);
    await admin.patch(`/api/v1/webhook-endpoints/${identity.id}`, { active: false });
    try {
      expectError(
        await admin.post(`/api/v1/tickets/${ticket.number}/identity-checks`, { idLast4: ID_LAST4, mobileLast4: MOBILE_LAST4 }),
        'PLATFORM_ENDPOINT_MISSING',
      );
    } finally {
      await admin.patch(`/api/v1/webhook-endpoints/${identity.id}`, { active: true });
    }
    expect((await admin.get(`/api/v1/tickets/${ticket.number}/safety`)).json().identity.checks).toEqual([]);
    const actions = (await listAuditEntries(test.ctx.db, 'ticket', ticket.id)).map((entry) => entry.action);
    expect(actions).not.toContain('ticket.identity_checked');
  });

  it('refuses malformed digits with a code, writing nothing', async () => {
    const ticket = await openTicket(THEFT);
    for (const body of [
      { idLast4: '12345', mobileLast4: '1234' },
      { idLast4: '12a4', mobileLast4: '1234' },
      { idLast4: '1234', mobileLast4: '12X4' },
      { idLast4: '1234' },
      { idLast4: '1234', mobileLast4: '1234', name: '张三' },
    ]) {
      expectError(await admin.post(`/api/v1/tickets/${ticket.number}/identity-checks`, body), 'VALIDATION_FAILED');
    }
    expect((await admin.get(`/api/v1/tickets/${ticket.number}/safety`)).json().identity.checks).toEqual([]);
  });

  it('keeps the digits nowhere: no row, audit entry, event, job, delivery log or log line', async () => {
    await test.settle();
    const [dump] = await queryRows<{ text: string }>(
      test.ctx.db,
      sql`select concat_ws(' ',
            (select string_agg(t::text, ' ') from ticket t), (select string_agg(a::text, ' ') from article a),
            (select string_agg(e::text, ' ') from audit_entry e), (select string_agg(o::text, ' ') from outbox_event o),
            (select string_agg(j::text, ' ') from job j), (select string_agg(i::text, ' ') from identity_check i),
            (select string_agg(d::text, ' ') from webhook_delivery d), (select string_agg(w::text, ' ') from webhook_attempt w),
            (select string_agg(f::text, ' ') from freeze_request f)) as text`,
    );
    expect(dump?.text.length).toBeGreaterThan(1000);
    for (const leak of [ID_LAST4, 'idLast4', 'mobileLast4']) expect(dump?.text).not.toContain(leak);
    expect(logLines.length).toBeGreaterThan(10);
    for (const leak of [ID_LAST4, 'idLast4', 'mobileLast4']) expect(logLines.join('\n')).not.toContain(leak);
    // The platform did receive them: the test would pass vacuously otherwise.
    expect(platform.calls.some((call) => call.json.idLast4 === ID_LAST4)).toBe(true);
  });
});

describe('the self-service link', () => {
  it('refuses a forged, altered or malformed token (404) and an expired one (410)', async () => {
    const ticket = await openTicket(THEFT);
    const token = await selfServiceToken(ticket.number);
    const [id, expiry, mac] = token.split('.') as [string, string, string];
    for (const forged of [
      issueSelfServiceToken('another-secret-0123456789abcdef0123456789', ticket.id, new Date(Number(expiry) * 1000)),
      `${id}.${Number(expiry) + 3600}.${mac}`,
      `7d3c0f4e-9a51-4c8e-8f0e-2b6a1d9e4c10.${expiry}.${mac}`,
      `${id}.${expiry}.${mac.slice(1)}`,
      'not-a-token-at-all',
    ]) {
      expectError(await anonymous().get(selfService(forged)), 'SELF_SERVICE_LINK_INVALID');
      expectError(await anonymous().post(`${selfService(forged)}/confirm`, { confirm: true }), 'SELF_SERVICE_LINK_INVALID');
    }
    const expired = issueSelfServiceToken(SELF_SERVICE_SECRET, ticket.id, new Date(test.clock.now().getTime() - 1000));
    expectError(await anonymous().get(selfService(expired)), 'SELF_SERVICE_LINK_EXPIRED');
    expectError(
      await anonymous().post(`${selfService(expired)}/identity-check`, { idLast4: ID_LAST4, mobileLast4: MOBILE_LAST4 }),
      'SELF_SERVICE_LINK_EXPIRED',
    );
    expectError(await anonymous().post(`${selfService(token)}/confirm`, {}), 'VALIDATION_FAILED');
  });

  it('cannot freeze a ticket that is not suspected theft', async () => {
    const ticket = await openTicket('我的提现一直没到账，请帮忙查询。');
    expect(ticket.problemType).not.toBe('suspected_theft');
    expectError(await admin.post(`/api/v1/tickets/${ticket.number}/freeze-requests`, {}), 'FREEZE_NOT_APPLICABLE');
    const token = issueSelfServiceToken(SELF_SERVICE_SECRET, ticket.id, new Date(test.clock.now().getTime() + 3_600_000));
    expectError(await anonymous().post(`${selfService(token)}/confirm`, { confirm: true }), 'FREEZE_NOT_APPLICABLE');
  });
});

describe('a later message on an existing ticket', () => {
  it('reporting a scam flags the ticket, makes it urgent (audited) and brings the anti-fraud advice', async () => {
    const ticket = await openTicket('我的提现一直没到账，请帮忙查询。');
    expect(ticket.priority).not.toBe('urgent');
    const reply = await platformApi.post(`/api/v1/tickets/${ticket.number}/articles`, {
      kind: 'inbound',
      bodyText: '刚才有个自称你们客服的人打电话，让我把钱转到安全账户，还让我下载向日葵',
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const after = (await admin.get(`/api/v1/tickets/${ticket.number}`)).json();
    expect(after).toMatchObject({ fraudFlagged: true, priority: 'urgent' });
    const flagged = (await listAuditEntries(test.ctx.db, 'ticket', ticket.id)).find((entry) => entry.action === 'ticket.fraud_flagged');
    expect(flagged?.after).toMatchObject({ fraudFlagged: true, priority: 'urgent', matchedRule: 'fraud.safe-account' });
    await test.settle();
    const advice = (await articles(ticket.number)).filter((article) => article.bodyText.startsWith('【防骗提醒】'));
    expect(advice).toHaveLength(1);
    expect(advice[0]?.bodyText).toContain('96110');
    // A second such message does not flag again or repeat the advice the same day.
    await platformApi.post(`/api/v1/tickets/${ticket.number}/articles`, { kind: 'inbound', bodyText: '对方又让我转到安全账户' });
    await test.settle();
    expect((await articles(ticket.number)).filter((article) => article.bodyText.startsWith('【防骗提醒】'))).toHaveLength(1);
    const flags = (await listAuditEntries(test.ctx.db, 'ticket', ticket.id)).filter((entry) => entry.action === 'ticket.fraud_flagged');
    expect(flags).toHaveLength(1);
  });

  it('reporting theft makes it a suspected-theft ticket, urgent, in the 7×24 group, with the self-service link', async () => {
    const ticket = await openTicket('我的提现一直没到账，请帮忙查询。');
    expect(ticket.group.id).not.toBe(emergencyGroupId);
    await platformApi.post(`/api/v1/tickets/${ticket.number}/articles`, { kind: 'inbound', bodyText: '刚发现账户被盗了，钱被转走了' });
    const after = (await admin.get(`/api/v1/tickets/${ticket.number}`)).json();
    expect(after).toMatchObject({
      problemType: 'suspected_theft',
      priority: 'urgent',
      group: { id: emergencyGroupId },
      fraudFlagged: false,
    });
    expect(await selfServiceToken(ticket.number)).toContain(ticket.id);
  });

  it('from an agent is not read as the customer’s report', async () => {
    const ticket = await openTicket('我的提现一直没到账，请帮忙查询。');
    await admin.post(`/api/v1/tickets/${ticket.number}/articles`, { kind: 'outbound', bodyText: '请勿把钱转到任何所谓的安全账户' });
    expect((await admin.get(`/api/v1/tickets/${ticket.number}`)).json()).toMatchObject({ fraudFlagged: false });
  });
});
