import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildApiToken, buildGroup } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { auditEntry } from '../audit';
import { queryRows } from '../platform/db';

let test: TestApp;
/** The platform's back-end (an API token), which sees contact points whole. */
let api: ApiClient;
let agentApi: ApiClient;
let seq = 0;
const unique = (prefix: string) => `${prefix}${++seq}`;

beforeAll(async () => {
  test = await createTestApp();
  await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  const agent = await buildAgent(test);
  agentApi = new ApiClient(test.app, agent.credentials);
  api = agentApi.as(await buildApiToken(test.ctx, ['customers:read', 'customers:write', 'tickets:read', 'tickets:write']));
});
afterAll(() => test.close());

interface CustomerBody {
  id: string;
  platformUserId: string | null;
  name: string | null;
  contactPoints: { kind: string; value: string }[];
}

async function createCustomer(body: Record<string, unknown>): Promise<CustomerBody> {
  const response = await api.post('/api/v1/customers', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const byKind = <T extends { kind: string }>(points: T[]) => [...points].sort((a, b) => a.kind.localeCompare(b.kind));
/** Contact points without the masked flag, for tests about their values. */
const values = (points: { kind: string; value: string }[]) => byKind(points).map(({ kind, value }) => ({ kind, value }));

describe('contact points on screen', () => {
  it('are masked for agents and whole for the platform’s back-end', async () => {
    const created = await createCustomer({
      platformUserId: unique('MASK'),
      contactPoints: [
        { kind: 'mobile', value: '13600136001' },
        { kind: 'email', value: 'zhang.san@example.com' },
        { kind: 'wechat_openid', value: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
      ],
    });
    expect(byKind(created.contactPoints)).toEqual([
      { kind: 'email', value: 'zhang.san@example.com', masked: false },
      { kind: 'mobile', value: '+8613600136001', masked: false },
      { kind: 'wechat_openid', value: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', masked: false },
    ]);
    const seenByAgent = (await agentApi.get(`/api/v1/customers/${created.id}`)).json();
    expect(byKind(seenByAgent.contactPoints)).toEqual([
      { kind: 'email', value: 'z***@example.com', masked: true },
      { kind: 'mobile', value: '+86136****6001', masked: true },
      { kind: 'wechat_openid', value: 'oUpF***', masked: true },
    ]);
    const listed = (await agentApi.get(`/api/v1/customers?q=${created.platformUserId}`)).json();
    expect(listed.items).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain('13600136001');
  });
});

describe('creating customers', () => {
  it('stores contact points in one spelling: emails lower-cased, mainland mobiles as +86', async () => {
    const created = await createCustomer({
      platformUserId: unique('U'),
      name: '李娜',
      contactPoints: [
        { kind: 'email', value: ' Li.Na@Example.COM ' },
        { kind: 'mobile', value: '13800138000' },
      ],
    });
    const expected = [
      { kind: 'email', value: 'li.na@example.com' },
      { kind: 'mobile', value: '+8613800138000' },
    ];
    expect(values(created.contactPoints)).toEqual(expected);
    const fetched = await api.get(`/api/v1/customers/${created.id}`);
    expect(fetched.statusCode).toBe(200);
    expect(values(fetched.json().contactPoints)).toEqual(expected);
  });

  it('accepts the same mobile written with a country code, spaces or dashes as one number', async () => {
    const created = await createCustomer({
      contactPoints: [
        { kind: 'mobile', value: '+86 139-0013-9000' },
        { kind: 'mobile', value: '008613900139000' },
      ],
    });
    expect(values(created.contactPoints)).toEqual([{ kind: 'mobile', value: '+8613900139000' }]);
  });

  it('refuses a malformed contact point with VALIDATION_FAILED', async () => {
    const response = await api.post('/api/v1/customers', { contactPoints: [{ kind: 'mobile', value: '12345' }] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a contact point another customer owns, however it is written, with CONTACT_POINT_TAKEN', async () => {
    await createCustomer({ contactPoints: [{ kind: 'email', value: 'owner@example.com' }] });
    const response = await api.post('/api/v1/customers', {
      name: '冒用者',
      contactPoints: [{ kind: 'email', value: 'OWNER@example.com' }],
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('CONTACT_POINT_TAKEN');
    const search = await api.get('/api/v1/customers?q=%E5%86%92%E7%94%A8%E8%80%85');
    expect(search.json().items).toEqual([]);
  });

  it('refuses a platform user id that is already taken with PLATFORM_USER_ID_TAKEN', async () => {
    const platformUserId = unique('U');
    await createCustomer({ platformUserId });
    const response = await api.post('/api/v1/customers', { platformUserId, name: '重复' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('PLATFORM_USER_ID_TAKEN');
  });

  it('answers concurrent creations with the same platform user id with one customer and PLATFORM_USER_ID_TAKEN', async () => {
    const platformUserId = unique('RACE');
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => api.post('/api/v1/customers', { platformUserId, name: '并发客户' })),
    );
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const response of responses.filter((r) => r.statusCode === 409)) {
      expect(response.json().error.code).toBe('PLATFORM_USER_ID_TAKEN');
    }
  });

  it('lets an API token with customers:write create and customers:read look up, but not the other way round', async () => {
    const reader = api.as(await buildApiToken(test.ctx, ['customers:read']));
    const writer = api.as(await buildApiToken(test.ctx, ['customers:write']));
    const refused = await reader.post('/api/v1/customers', { name: '只读令牌' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('INSUFFICIENT_SCOPE');
    const created = await writer.post('/api/v1/customers', { name: '写令牌创建' });
    expect(created.statusCode).toBe(201);
    expect((await reader.get(`/api/v1/customers/${created.json().id}`)).statusCode).toBe(200);
    expect((await writer.get(`/api/v1/customers/${created.json().id}`)).json().error.code).toBe('INSUFFICIENT_SCOPE');
  });
});

describe('looking customers up', () => {
  let target: CustomerBody;
  beforeAll(async () => {
    target = await createCustomer({
      platformUserId: 'LOOKUP-42',
      name: '欧阳明',
      contactPoints: [
        { kind: 'email', value: 'ouyang.ming@example.com' },
        { kind: 'mobile', value: '13700137000' },
        { kind: 'wechat_openid', value: 'oWx_lookup_openid_01' },
      ],
    });
    await createCustomer({ platformUserId: 'LOOKUP-4', name: '欧阳雪' });
    await createCustomer({ name: '明欧阳' });
  });

  const lookup = async (q: string) => {
    const response = await api.get(`/api/v1/customers?q=${encodeURIComponent(q)}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().items as CustomerBody[]).map((item) => item.name);
  };

  it('finds a customer by exact platform user id, not by its prefix', async () => {
    expect(await lookup('LOOKUP-42')).toEqual(['欧阳明']);
    expect(await lookup('LOOKUP-4')).toEqual(['欧阳雪']);
  });

  it('finds a customer by any contact point written any way', async () => {
    expect(await lookup('OuYang.Ming@Example.com')).toEqual(['欧阳明']);
    expect(await lookup('137 0013 7000')).toEqual(['欧阳明']);
    expect(await lookup('+8613700137000')).toEqual(['欧阳明']);
    expect(await lookup('oWx_lookup_openid_01')).toEqual(['欧阳明']);
  });

  it('finds customers by name prefix only', async () => {
    expect((await lookup('欧阳')).sort()).toEqual(['欧阳明', '欧阳雪'].sort());
    expect(await lookup('明欧')).toEqual(['明欧阳']);
    expect(await lookup('阳明')).toEqual([]);
  });

  it('treats LIKE wildcards in the query as plain characters', async () => {
    expect(await lookup('%')).toEqual([]);
    expect(await lookup('_')).toEqual([]);
    expect(await lookup('欧%')).toEqual([]);
  });

  it('returns the customer with all contact points', async () => {
    const response = await api.get('/api/v1/customers?q=LOOKUP-42');
    expect(response.json().items[0].id).toBe(target.id);
    expect(response.json().items[0].contactPoints).toHaveLength(3);
  });

  it('answers an unknown customer id with 404 CUSTOMER_NOT_FOUND', async () => {
    const response = await api.get('/api/v1/customers/00000000-0000-4000-8000-000000000000');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('CUSTOMER_NOT_FOUND');
  });
});

describe('paging through customers', () => {
  it('walks every customer exactly once, newest first, including customers created in the same instant', async () => {
    const prefix = '翻页';
    const names: string[] = [];
    for (let i = 0; i < 11; i++) {
      // Several customers per clock tick: the cursor must break ties by id.
      if (i % 4 === 0) test.clock.advance(1_000);
      const name = `${prefix}${String(i).padStart(2, '0')}`;
      names.push(name);
      await createCustomer({ name });
    }
    const seen: CustomerBody[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/customers?q=${encodeURIComponent(prefix)}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await api.get(url);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as { items: (CustomerBody & { createdAt: string })[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(new Set(seen.map((c) => c.id)).size).toBe(11);
    expect(seen.map((c) => c.name).sort()).toEqual(names.sort());
    const times = (seen as unknown as { createdAt: string }[]).map((c) => c.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('refuses a forged cursor with 400 INVALID_CURSOR', async () => {
    const response = await api.get('/api/v1/customers?cursor=bm90LWEtY3Vyc29y');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_CURSOR');
  });
});

describe('updating customers', () => {
  it('replaces the contact points, freeing the old ones for other customers', async () => {
    const customer = await createCustomer({
      name: '赵强',
      contactPoints: [
        { kind: 'email', value: 'zhao.old@example.com' },
        { kind: 'mobile', value: '13600136000' },
      ],
    });
    const response = await api.patch(`/api/v1/customers/${customer.id}`, {
      contactPoints: [
        { kind: 'email', value: 'Zhao.New@example.com' },
        { kind: 'mobile', value: '136 0013 6000' },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(values(response.json().contactPoints)).toEqual([
      { kind: 'email', value: 'zhao.new@example.com' },
      { kind: 'mobile', value: '+8613600136000' },
    ]);
    expect(byKind((await api.get(`/api/v1/customers/${customer.id}`)).json().contactPoints)).toEqual(byKind(response.json().contactPoints));
    const other = await createCustomer({ name: '新主人', contactPoints: [{ kind: 'email', value: 'zhao.old@example.com' }] });
    expect(values(other.contactPoints)).toEqual([{ kind: 'email', value: 'zhao.old@example.com' }]);
  });

  it('keeps the contact points when the update does not mention them', async () => {
    const customer = await createCustomer({ name: '钱多', contactPoints: [{ kind: 'email', value: 'qian@example.com' }] });
    const response = await api.patch(`/api/v1/customers/${customer.id}`, { name: '钱多多', tier: 'vip' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: '钱多多',
      tier: 'vip',
      contactPoints: [{ kind: 'email', value: 'qian@example.com', masked: false }],
    });
  });

  it("refuses to take another customer's contact point or platform user id, changing nothing", async () => {
    const owner = await createCustomer({ platformUserId: unique('OWN'), contactPoints: [{ kind: 'mobile', value: '13500135000' }] });
    const customer = await createCustomer({ name: '孙丽', contactPoints: [{ kind: 'email', value: 'sun@example.com' }] });
    const taken = await api.patch(`/api/v1/customers/${customer.id}`, {
      name: '孙丽丽',
      contactPoints: [{ kind: 'mobile', value: '+86 135 0013 5000' }],
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('CONTACT_POINT_TAKEN');
    const idTaken = await api.patch(`/api/v1/customers/${customer.id}`, { platformUserId: owner.platformUserId });
    expect(idTaken.statusCode).toBe(409);
    expect(idTaken.json().error.code).toBe('PLATFORM_USER_ID_TAKEN');
    const after = (await api.get(`/api/v1/customers/${customer.id}`)).json();
    expect(after).toMatchObject({ name: '孙丽', platformUserId: null, contactPoints: [{ kind: 'email', value: 'sun@example.com' }] });
  });

  it('answers an update of an unknown customer with 404 CUSTOMER_NOT_FOUND', async () => {
    const response = await api.patch('/api/v1/customers/00000000-0000-4000-8000-000000000000', { name: '无' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('CUSTOMER_NOT_FOUND');
  });
});

describe('the audit trail of customers', () => {
  async function auditOf(customerId: string) {
    return test.ctx.db.select().from(auditEntry).where(eq(auditEntry.subjectId, customerId)).orderBy(auditEntry.seq);
  }

  it('records creation and updates with contact points masked', async () => {
    const customer = await createCustomer({
      name: '周杰',
      contactPoints: [
        { kind: 'email', value: 'zhou.jie@example.com' },
        { kind: 'mobile', value: '13312345678' },
      ],
    });
    await api.patch(`/api/v1/customers/${customer.id}`, {
      contactPoints: [
        { kind: 'email', value: 'zhou.new@example.com' },
        { kind: 'mobile', value: '13387654321' },
      ],
    });
    const entries = await auditOf(customer.id);
    expect(entries.map((entry) => entry.action)).toEqual(['customer.created', 'customer.updated']);
    expect(entries[0]?.after).toMatchObject({
      contactPoints: expect.arrayContaining([
        { kind: 'email', masked: 'z***@example.com' },
        { kind: 'mobile', masked: '+86133****5678' },
      ]),
    });
    const stored = JSON.stringify(entries);
    for (const secret of ['zhou.jie@example.com', 'zhou.new@example.com', '13312345678', '13387654321']) {
      expect(stored).not.toContain(secret);
    }
  });

  it('never stores a full email or mobile anywhere in audit_entry, including contact points added by a new ticket', async () => {
    const ticket = await api.post('/api/v1/tickets', {
      subject: '审计脱敏',
      customer: { platformUserId: 'AUDIT-MASK', contactPoints: [{ kind: 'email', value: 'first.mail@example.com' }] },
      article: { bodyText: '第一封' },
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const again = await api.post('/api/v1/tickets', {
      subject: '审计脱敏2',
      customer: { platformUserId: 'AUDIT-MASK', contactPoints: [{ kind: 'mobile', value: '13211112222' }] },
      article: { bodyText: '第二封' },
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().customer.id).toBe(ticket.json().customer.id);
    const customer = (await api.get(`/api/v1/customers/${ticket.json().customer.id}`)).json();
    expect(values(customer.contactPoints)).toEqual([
      { kind: 'email', value: 'first.mail@example.com' },
      { kind: 'mobile', value: '+8613211112222' },
    ]);
    const entries = await auditOf(customer.id);
    expect(entries.at(-1)?.after).toMatchObject({
      contactPoints: expect.arrayContaining([{ kind: 'mobile', masked: '+86132****2222' }]),
    });
    const leaks = await queryRows<{ n: number }>(
      test.ctx.db,
      sql`select count(*)::int as n from audit_entry where concat(before::text, after::text) ~ ${'first\\.mail@example|13211112222|13312345678'}`,
    );
    expect(leaks[0]?.n).toBe(0);
  });
});
