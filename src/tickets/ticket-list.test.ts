import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentFixture, buildAgent, buildApiToken, buildGroup, buildTicket } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { createTestApp, type TestApp } from '../../test/support/test-app';

let test: TestApp;
let supervisor: AgentFixture;
let api: ApiClient;
let mine: ApiClient;
let me: AgentFixture;
let defaultGroup: { id: string };
let otherGroup: { id: string };
let customerId: string;
const MINUTE = 60_000;

interface TicketItem {
  id: string;
  number: string;
  subject: string;
  createdAt: string;
  updatedAt: string;
}

/** A ticket whose message says nothing the search tests look for, unless given one. */
function quietTicket(overrides: Parameters<typeof buildTicket>[1] = {}) {
  return buildTicket(test.ctx, { article: { kind: 'inbound', bodyText: '请帮忙看一下' }, ...overrides });
}

/** A workspace of its own with a known set of tickets, created a minute apart. */
beforeAll(async () => {
  test = await createTestApp();
  defaultGroup = await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  otherGroup = await buildGroup(test.ctx, { name: '二线客服' });
  supervisor = await buildAgent(test, { role: 'supervisor' });
  me = await buildAgent(test, { groupIds: [defaultGroup.id, otherGroup.id] });
  api = new ApiClient(test.app, supervisor.credentials);
  mine = api.as(me.credentials);

  const tick = () => test.clock.advance(MINUTE);
  const first = await quietTicket({ subject: '甲 默认', customer: { platformUserId: 'LIST-A', name: '列表客户' } });
  customerId = first.customerId;
  tick();
  await quietTicket({ subject: '乙 他组紧急', groupId: otherGroup.id, priority: 'urgent', channel: 'email' });
  tick();
  await quietTicket({ subject: '丙 指派给我', assigneeId: me.id, status: 'open', tags: ['vip'] });
  tick();
  await quietTicket({ subject: '丁 正式投诉', isFormalComplaint: true, channel: 'phone', customer: { id: customerId } });
  tick();
  await quietTicket({ subject: '戊 待客户', status: 'pending_customer', priority: 'low', tags: ['vip', '退款'] });
  tick();
  await quietTicket({
    subject: '己 提现',
    article: { kind: 'inbound', bodyText: '我的提现一直没到账' },
    channel: 'wechat',
  });
  tick();
  await quietTicket({ subject: '庚 账号', article: { kind: 'inbound', bodyText: '我的账号被冻结了，无法登录' } });
  tick();
});
afterAll(() => test.close());

async function subjects(client: ApiClient, query: string): Promise<string[]> {
  const response = await client.get(`/api/v1/tickets?limit=100&${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as TicketItem[]).map((item) => item.subject.split(' ')[0] as string);
}

describe('filters', () => {
  it('lists every ticket, latest activity first, with no filter', async () => {
    expect(await subjects(api, '')).toEqual(['庚', '己', '戊', '丁', '丙', '乙', '甲']);
  });

  it('filters by one or several statuses', async () => {
    expect(await subjects(api, 'status=pending_customer')).toEqual(['戊']);
    expect(await subjects(api, 'status=open&status=pending_customer')).toEqual(['戊', '丙']);
  });

  it('filters by group', async () => {
    expect(await subjects(api, `group=${otherGroup.id}`)).toEqual(['乙']);
  });

  it('filters by assignee: me (agents only), none, or an agent id', async () => {
    expect(await subjects(mine, 'assignee=me')).toEqual(['丙']);
    expect(await subjects(api, `assignee=${me.id}`)).toEqual(['丙']);
    expect(await subjects(api, 'assignee=me')).toEqual([]);
    const token = await buildApiToken(test.ctx, ['tickets:read']);
    const meFromToken = await api.as(token).get('/api/v1/tickets?assignee=me');
    expect(meFromToken.statusCode).toBe(400);
    expect(meFromToken.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'assignee' } });
    expect(await subjects(api, 'assignee=none')).toEqual(['庚', '己', '戊', '丁', '乙', '甲']);
  });

  it('filters by customer, channel, priority, tag and formal complaint', async () => {
    expect(await subjects(api, `customer=${customerId}`)).toEqual(['丁', '甲']);
    expect(await subjects(api, 'channel=email')).toEqual(['乙']);
    expect(await subjects(api, 'priority=urgent')).toEqual(['乙']);
    expect(await subjects(api, 'tag=vip')).toEqual(['戊', '丙']);
    expect(await subjects(api, `tag=${encodeURIComponent('退款')}`)).toEqual(['戊']);
    expect(await subjects(api, 'formalComplaint=true')).toEqual(['丁']);
    expect(await subjects(api, 'formalComplaint=false')).not.toContain('丁');
  });

  it('filters by creation time, both ends inclusive', async () => {
    const all = (await api.get('/api/v1/tickets?limit=100&sort=created')).json().items as TicketItem[];
    const byLetter = new Map(all.map((item) => [item.subject.split(' ')[0], item.createdAt]));
    const from = encodeURIComponent(byLetter.get('丙') as string);
    const to = encodeURIComponent(byLetter.get('戊') as string);
    expect(await subjects(api, `sort=created&createdFrom=${from}&createdTo=${to}`)).toEqual(['戊', '丁', '丙']);
    expect(await subjects(api, `sort=created&createdFrom=${from}`)).toEqual(['庚', '己', '戊', '丁', '丙']);
  });

  it('combines filters', async () => {
    expect(await subjects(api, 'tag=vip&status=open')).toEqual(['丙']);
    expect(await subjects(api, `tag=vip&group=${otherGroup.id}`)).toEqual([]);
  });

  it('refuses an unknown filter value with VALIDATION_FAILED', async () => {
    for (const query of ['status=lost', 'assignee=someone', 'channel=fax', 'createdFrom=yesterday', 'unknown=1']) {
      const response = await api.get(`/api/v1/tickets?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('Chinese search', () => {
  it('finds a word that appears only in a message body, not in the subject', async () => {
    expect(await subjects(api, `q=${encodeURIComponent('提现')}`)).toEqual(['己']);
  });

  it('matches words, not characters: 到账 does not find a ticket that only says 账号', async () => {
    expect(await subjects(api, `q=${encodeURIComponent('到账')}`)).toEqual(['己']);
    expect(await subjects(api, `q=${encodeURIComponent('账号')}`)).toEqual(['庚']);
  });

  it('requires every word of a multi-word query', async () => {
    expect(await subjects(api, `q=${encodeURIComponent('提现 到账')}`)).toEqual(['己']);
    expect(await subjects(api, `q=${encodeURIComponent('提现 冻结')}`)).toEqual([]);
    expect(await subjects(api, `q=${encodeURIComponent('账号  冻结')}`)).toEqual(['庚']);
  });

  it('returns nothing, not everything, for a query of punctuation only', async () => {
    for (const q of ['？！。', '...', '%', '——']) expect(await subjects(api, `q=${encodeURIComponent(q)}`), q).toEqual([]);
  });

  it('finds a ticket by its number, in any letter case', async () => {
    const all = (await api.get('/api/v1/tickets?limit=100')).json().items as TicketItem[];
    const target = all.find((item) => item.subject.startsWith('丁')) as TicketItem;
    expect(await subjects(api, `q=${target.number}`)).toEqual(['丁']);
    expect(await subjects(api, `q=${target.number.toLowerCase()}`)).toEqual(['丁']);
  });

  it('finds words of messages added later', async () => {
    const ticket = await quietTicket({ subject: '辛 后续', article: { kind: 'inbound', bodyText: '你好' } });
    expect(await subjects(api, `q=${encodeURIComponent('保证金')}`)).toEqual([]);
    await api.post(`/api/v1/tickets/${ticket.number}/articles`, { kind: 'inbound', bodyText: '保证金被扣了' });
    expect(await subjects(api, `q=${encodeURIComponent('保证金')}`)).toEqual(['辛']);
  });

  it('searches only within the tickets the agent may see', async () => {
    const outsider = await buildAgent(test, { groupIds: [otherGroup.id] });
    expect(await subjects(api.as(outsider.credentials), `q=${encodeURIComponent('提现')}`)).toEqual([]);
  });
});

describe('cursor pagination', () => {
  async function walk(query: string, limit: number, between?: (page: number) => Promise<void>) {
    const seen: TicketItem[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const response = await api.get(`/api/v1/tickets?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json() as { items: TicketItem[]; nextCursor: string | null };
      seen.push(...body.items);
      cursor = body.nextCursor;
      page++;
      await between?.(page);
    } while (cursor && page < 50);
    return seen;
  }

  it('walks every ticket exactly once, also when tickets share the same instant', async () => {
    for (let i = 0; i < 5; i++) await quietTicket({ subject: `同刻 ${i}` });
    const expected = (await api.get('/api/v1/tickets?limit=100')).json().items as TicketItem[];
    for (const sort of ['updated', 'created']) {
      for (const limit of [1, 2, 3, 5]) {
        const seen = await walk(`&sort=${sort}`, limit);
        expect(seen.map((item) => item.id).sort(), `${sort}/${limit}`).toEqual(expected.map((item) => item.id).sort());
      }
    }
  });

  it('neither repeats nor skips a ticket while new tickets arrive between pages', async () => {
    const before = ((await api.get('/api/v1/tickets?limit=100')).json().items as TicketItem[]).map((item) => item.id);
    const arrived: string[] = [];
    const seen = await walk('', 3, async (page) => {
      // Some arrive later than everything, some in the very instant of the pages already read.
      if (page % 2 === 0) test.clock.advance(1_000);
      const [one, two] = await Promise.all([quietTicket({ subject: `新到 ${page}a` }), quietTicket({ subject: `新到 ${page}b` })]);
      arrived.push(one.id, two.id);
    });
    const ids = seen.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => before.includes(id)).sort()).toEqual([...before].sort());
    expect(ids.every((id) => before.includes(id) || arrived.includes(id))).toBe(true);
  });

  it('refuses a cursor that was not issued with 400 INVALID_CURSOR', async () => {
    const forged = Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url');
    for (const cursor of [forged, 'garbage', Buffer.from('[]').toString('base64url')]) {
      const response = await api.get(`/api/v1/tickets?cursor=${cursor}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('INVALID_CURSOR');
    }
  });
});
