import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentFixture, buildAgent, buildApiToken, buildGroup, buildTicket } from '../../test/factories';
import { anonymous, ApiClient } from '../../test/support/api-client';
import { expectError } from '../../test/support/error-envelope';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { listAuditEntries } from '../audit';
import { ticket } from '../tickets';

let test: TestApp;
let admin: AgentFixture;
let api: ApiClient;

beforeAll(async () => {
  test = await createTestApp();
  await buildGroup(test.ctx, { name: '综合组', isDefault: true });
  admin = await buildAgent(test, { role: 'admin' });
  api = new ApiClient(test.app, admin.credentials);
});
afterAll(() => test.close());

const MINUTE = 60_000;

async function setPresence(agent: AgentFixture, status: string) {
  const response = await api.as(agent.credentials).request('PUT', '/api/v1/me/presence', { status });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function setProfile(agent: AgentFixture, body: Record<string, unknown>) {
  const response = await api.patch(`/api/v1/agents/${agent.id}/routing-profile`, body);
  expect(response.statusCode, response.body).toBe(200);
}

async function setRouting(groupId: string, body: Record<string, unknown>) {
  const response = await api.patch(`/api/v1/groups/${groupId}/routing`, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** A group with its own agents, signed in and offline. */
async function team(count: number, routing?: Record<string, unknown>) {
  const group = await buildGroup(test.ctx);
  const agents: AgentFixture[] = [];
  for (let i = 0; i < count; i += 1) agents.push(await buildAgent(test, { groupIds: [group.id] }));
  if (routing) await setRouting(group.id, routing);
  return { group, agents };
}

/** A ticket waiting in the group; the clock moves a second first so queue order by age is defined. */
async function waiting(groupId: string, overrides: Parameters<typeof buildTicket>[1] = {}) {
  test.clock.advance(1_000);
  return buildTicket(test.ctx, { groupId, ...overrides });
}

async function assigneeOf(id: string): Promise<string | null> {
  const [row] = await test.ctx.db.select({ assigneeId: ticket.assigneeId }).from(ticket).where(eq(ticket.id, id));
  return row?.assigneeId ?? null;
}

async function groupOf(id: string): Promise<string | undefined> {
  const [row] = await test.ctx.db.select({ groupId: ticket.groupId }).from(ticket).where(eq(ticket.id, id));
  return row?.groupId;
}

async function openCount(agentId: string): Promise<number> {
  const rows = await test.ctx.db.select({ id: ticket.id }).from(ticket).where(eq(ticket.assigneeId, agentId));
  return rows.length;
}

const byId = (agents: AgentFixture[]) => [...agents].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('least loaded', () => {
  it('gives each new ticket to the online member with the fewest open tickets', async () => {
    const { group, agents } = await team(2);
    const [a, b] = agents as [AgentFixture, AgentFixture];
    for (let i = 0; i < 2; i += 1) await buildTicket(test.ctx, { groupId: group.id, assigneeId: a.id });
    await setPresence(a, 'online');
    await setPresence(b, 'online');
    const first = await waiting(group.id);
    const second = await waiting(group.id);
    await test.settle();
    expect(await assigneeOf(first.id)).toBe(b.id);
    expect(await assigneeOf(second.id)).toBe(b.id);
    const third = await waiting(group.id);
    await test.settle();
    // 2 against 2: a tie, broken by agent id.
    expect(await assigneeOf(third.id)).toBe(byId([a, b])[0]?.id);
    expect(await openCount(a.id)).toBe(2 + (byId([a, b])[0]?.id === a.id ? 1 : 0));
  });

  it('audits the assignment on the ticket as the routing system, with the strategy', async () => {
    const { group, agents } = await team(1);
    await setPresence(agents[0] as AgentFixture, 'online');
    const created = await waiting(group.id);
    await test.settle();
    const entries = await listAuditEntries(test.ctx.db, 'ticket', created.id);
    const assigned = entries.find((entry) => entry.action === 'ticket.assigned');
    expect(assigned).toMatchObject({
      actorType: 'system',
      actorId: 'routing',
      after: { assigneeId: agents[0]?.id, routing: { reason: 'auto', strategy: 'least_loaded' } },
    });
  });
});

describe('round robin', () => {
  it('hands tickets to the members in turn, each after the one who got the last', async () => {
    const { group, agents } = await team(3, { strategy: 'round_robin' });
    for (const agent of agents) await setPresence(agent, 'online');
    const tickets = [];
    for (let i = 0; i < 6; i += 1) tickets.push(await waiting(group.id));
    await test.settle();
    const order = byId(agents).map((agent) => agent.id);
    const got = await Promise.all(tickets.map((t) => assigneeOf(t.id)));
    expect(got).toEqual([...order, ...order]);
  });

  it('skips a member who is not online and carries on after them', async () => {
    const { group, agents } = await team(3, { strategy: 'round_robin' });
    const [first, second, third] = byId(agents) as [AgentFixture, AgentFixture, AgentFixture];
    await setPresence(first, 'online');
    await setPresence(third, 'online');
    await setPresence(second, 'busy');
    const tickets = [await waiting(group.id), await waiting(group.id), await waiting(group.id)];
    await test.settle();
    expect(await Promise.all(tickets.map((t) => assigneeOf(t.id)))).toEqual([first.id, third.id, first.id]);
  });
});

describe('manual pull', () => {
  it('leaves a manual group’s tickets waiting until an agent takes the next one', async () => {
    const { group, agents } = await team(1, { strategy: 'manual' });
    const agent = agents[0] as AgentFixture;
    await setPresence(agent, 'online');
    const created = await waiting(group.id);
    await test.settle();
    expect(await assigneeOf(created.id)).toBeNull();
    const pulled = await api.as(agent.credentials).post('/api/v1/me/next-ticket');
    expect(pulled.statusCode, pulled.body).toBe(200);
    expect(pulled.json()).toMatchObject({ outcome: 'assigned', ticket: { id: created.id, number: created.number, groupId: group.id } });
    expect(await assigneeOf(created.id)).toBe(agent.id);
    expect((await api.as(agent.credentials).post('/api/v1/me/next-ticket')).json()).toEqual({ outcome: 'queue_empty', ticket: null });
  });

  it('serves VIP customers first, then by priority, then the oldest', async () => {
    const { group, agents } = await team(1, { strategy: 'manual' });
    const agent = agents[0] as AgentFixture;
    const urgentOld = await waiting(group.id, { priority: 'urgent' });
    const vipLow = await waiting(group.id, {
      priority: 'low',
      customer: { platformUserId: `VIP-${Date.now()}`, name: '贵宾', tier: 'vip' },
    });
    const high = await waiting(group.id, { priority: 'high' });
    const urgentNew = await waiting(group.id, { priority: 'urgent' });
    const pulls = [];
    for (let i = 0; i < 4; i += 1) pulls.push((await api.as(agent.credentials).post('/api/v1/me/next-ticket')).json().ticket?.id);
    expect(pulls).toEqual([vipLow.id, urgentOld.id, urgentNew.id, high.id]);
  });

  it('refuses to pull above capacity with at_capacity', async () => {
    const { group, agents } = await team(1, { strategy: 'manual' });
    const agent = agents[0] as AgentFixture;
    await setProfile(agent, { maxOpenTickets: 1 });
    await waiting(group.id);
    await waiting(group.id);
    const client = api.as(agent.credentials);
    expect((await client.post('/api/v1/me/next-ticket')).json().outcome).toBe('assigned');
    expect((await client.post('/api/v1/me/next-ticket')).json()).toEqual({ outcome: 'at_capacity', ticket: null });
    expect(await openCount(agent.id)).toBe(1);
  });
});

describe('presence', () => {
  it('gives busy and away agents nothing new, and an agent coming online the waiting tickets', async () => {
    const { group, agents } = await team(3);
    const [busy, away, offline] = agents as [AgentFixture, AgentFixture, AgentFixture];
    await setPresence(busy, 'busy');
    await setPresence(away, 'away');
    expect((await api.as(offline.credentials).get('/api/v1/me/presence')).json()).toMatchObject({ status: 'offline', changedAt: null });
    const created = await waiting(group.id);
    await test.settle();
    expect(await assigneeOf(created.id)).toBeNull();
    const state = (await api.get(`/api/v1/groups/${group.id}/queue`)).json();
    expect(state).toMatchObject({ waiting: 1, agents: { members: 3, online: 0, busy: 1, away: 1, offline: 1 }, openSlots: 0 });
    await setPresence(away, 'online');
    await test.settle();
    expect(await assigneeOf(created.id)).toBe(away.id);
  });

  it('re-queues an agent’s unanswered tickets when they go offline, keeps the answered ones, and audits it', async () => {
    const { group, agents } = await team(2);
    const [leaving, staying] = agents as [AgentFixture, AgentFixture];
    await setPresence(leaving, 'online');
    const answered = await waiting(group.id);
    const unanswered = await waiting(group.id);
    await test.settle();
    expect(await assigneeOf(answered.id)).toBe(leaving.id);
    expect(await assigneeOf(unanswered.id)).toBe(leaving.id);
    const reply = await api
      .as(leaving.credentials)
      .post(`/api/v1/tickets/${answered.number}/articles`, { kind: 'outbound', bodyText: '您好，正在为您查询。' });
    expect(reply.statusCode, reply.body).toBe(201);
    await setPresence(staying, 'online');
    await setPresence(leaving, 'offline');
    expect(await assigneeOf(unanswered.id)).toBeNull();
    expect(await assigneeOf(answered.id)).toBe(leaving.id);
    await test.settle();
    expect(await assigneeOf(unanswered.id)).toBe(staying.id);
    const actions = (await listAuditEntries(test.ctx.db, 'ticket', unanswered.id)).filter((e) => e.action === 'ticket.assigned');
    expect(actions.map((e) => (e.after as { assigneeId: string | null; routing?: { reason: string } }).routing?.reason)).toEqual([
      'auto',
      'agent_offline',
      'auto',
    ]);
  });
});

describe('capacity', () => {
  it('never assigns above an agent’s open-ticket capacity; the rest wait', async () => {
    const { group, agents } = await team(1);
    const agent = agents[0] as AgentFixture;
    await setProfile(agent, { maxOpenTickets: 2 });
    await setPresence(agent, 'online');
    const tickets = [await waiting(group.id), await waiting(group.id), await waiting(group.id), await waiting(group.id)];
    await test.settle();
    expect(await openCount(agent.id)).toBe(2);
    expect(await Promise.all(tickets.map((t) => assigneeOf(t.id)))).toEqual([agent.id, agent.id, null, null]);
    const state = (await api.get(`/api/v1/groups/${group.id}/queue`)).json();
    expect(state).toMatchObject({ waiting: 2, openSlots: 0, agents: { online: 1 } });
    expect(state.longestWaitSeconds).toBeGreaterThan(0);
  });

  it('counts chats against the chat capacity, lets other tickets past a chat nobody can take, and refills when one is resolved', async () => {
    const { group, agents } = await team(1);
    const agent = agents[0] as AgentFixture;
    await setProfile(agent, { maxConcurrentChats: 1, maxOpenTickets: 5 });
    await setPresence(agent, 'online');
    const chat1 = await waiting(group.id, { channel: 'chat' });
    const chat2 = await waiting(group.id, { channel: 'chat' });
    const mail = await waiting(group.id, { channel: 'email' });
    await test.settle();
    expect(await assigneeOf(chat1.id)).toBe(agent.id);
    expect(await assigneeOf(chat2.id)).toBeNull();
    expect(await assigneeOf(mail.id)).toBe(agent.id);
    const resolved = await api.as(agent.credentials).patch(`/api/v1/tickets/${chat1.number}`, { status: 'resolved' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    await test.settle();
    expect(await assigneeOf(chat2.id)).toBe(agent.id);
  });
});

describe('languages', () => {
  it('gives a group that requires a language only to agents who speak it', async () => {
    const { group, agents } = await team(2, { requiredLanguage: 'yue' });
    const [mandarinOnly, cantonese] = agents as [AgentFixture, AgentFixture];
    await setProfile(cantonese, { languages: ['zh-CN', 'yue'] });
    await setPresence(mandarinOnly, 'online');
    const first = await waiting(group.id);
    await test.settle();
    expect(await assigneeOf(first.id)).toBeNull();
    expect((await api.as(mandarinOnly.credentials).post('/api/v1/me/next-ticket')).json().outcome).toBe('queue_empty');
    await setPresence(cantonese, 'online');
    const second = await waiting(group.id);
    await test.settle();
    expect(await assigneeOf(first.id)).toBe(cantonese.id);
    expect(await assigneeOf(second.id)).toBe(cantonese.id);
    expect(await openCount(mandarinOnly.id)).toBe(0);
  });
});

describe('overflow', () => {
  it('moves a ticket still unassigned after the wait to the fallback group, audited, where it is assigned', async () => {
    const fallback = await team(1);
    const { group } = await team(1);
    await setRouting(group.id, { overflowGroupId: fallback.group.id, overflowAfterMinutes: 10 });
    await setPresence(fallback.agents[0] as AgentFixture, 'online');
    const created = await waiting(group.id);
    await test.settle();
    test.clock.advance(9 * MINUTE);
    await test.settle();
    expect(await groupOf(created.id)).toBe(group.id);
    test.clock.advance(MINUTE + 1_000);
    await test.settle(); // the overflow job moves it
    await test.settle(); // its ticket.assigned routes it in the fallback group
    expect(await groupOf(created.id)).toBe(fallback.group.id);
    expect(await assigneeOf(created.id)).toBe(fallback.agents[0]?.id);
    const moves = (await listAuditEntries(test.ctx.db, 'ticket', created.id)).filter((e) => e.action === 'ticket.assigned');
    expect(moves[0]).toMatchObject({
      before: { groupId: group.id, assigneeId: null },
      after: { groupId: fallback.group.id, assigneeId: null, routing: { reason: 'overflow', afterMinutes: 10 } },
    });
    // Running again changes nothing: the ticket is no longer waiting in the first group.
    test.clock.advance(60 * MINUTE);
    await test.settle();
    expect(await groupOf(created.id)).toBe(fallback.group.id);
  });

  it('leaves a ticket that was taken within the wait where it is', async () => {
    const fallback = await team(1);
    const { group, agents } = await team(1, { strategy: 'manual' });
    await setRouting(group.id, { overflowGroupId: fallback.group.id, overflowAfterMinutes: 5 });
    const created = await waiting(group.id);
    await test.settle();
    expect((await api.as((agents[0] as AgentFixture).credentials).post('/api/v1/me/next-ticket')).json().outcome).toBe('assigned');
    test.clock.advance(6 * MINUTE);
    await test.settle();
    expect(await groupOf(created.id)).toBe(group.id);
    expect(await assigneeOf(created.id)).toBe(agents[0]?.id);
  });
});

describe('overflow loops', () => {
  const overflowMoves = async (id: string) =>
    (await listAuditEntries(test.ctx.db, 'ticket', id)).filter(
      (e) => (e.after as { routing?: { reason?: string } }).routing?.reason === 'overflow',
    );

  it('moves a ticket between two groups that overflow into each other once, then it waits where it landed', async () => {
    const a = await team(0);
    const b = await team(0);
    await setRouting(a.group.id, { overflowGroupId: b.group.id, overflowAfterMinutes: 5 });
    await setRouting(b.group.id, { overflowGroupId: a.group.id, overflowAfterMinutes: 5 });
    const created = await waiting(a.group.id);
    await test.settle();
    for (let i = 0; i < 6; i += 1) {
      test.clock.advance(6 * MINUTE);
      await test.settle();
      await test.settle();
    }
    expect(await groupOf(created.id)).toBe(b.group.id);
    expect(await overflowMoves(created.id)).toHaveLength(1);
    // Going through an agent of B who goes offline gives it back to B's queue, and B's overflow still does not send it back.
    const agent = await buildAgent(test, { groupIds: [b.group.id] });
    await setPresence(agent, 'online');
    await test.settle();
    expect(await assigneeOf(created.id)).toBe(agent.id);
    await setPresence(agent, 'offline');
    await test.settle();
    test.clock.advance(30 * MINUTE);
    await test.settle();
    await test.settle();
    expect(await groupOf(created.id)).toBe(b.group.id);
    expect(await assigneeOf(created.id)).toBeNull();
    expect(await overflowMoves(created.id)).toHaveLength(1);
  });

  it('follows a chain A → B → C to its end and does not go round a ring back into A', async () => {
    const a = await team(0);
    const b = await team(0);
    const c = await team(0);
    await setRouting(a.group.id, { overflowGroupId: b.group.id, overflowAfterMinutes: 5 });
    await setRouting(b.group.id, { overflowGroupId: c.group.id, overflowAfterMinutes: 5 });
    await setRouting(c.group.id, { overflowGroupId: a.group.id, overflowAfterMinutes: 5 });
    const created = await waiting(a.group.id);
    await test.settle();
    for (let i = 0; i < 6; i += 1) {
      test.clock.advance(6 * MINUTE);
      await test.settle();
      await test.settle();
    }
    expect(await groupOf(created.id)).toBe(c.group.id);
    expect((await overflowMoves(created.id)).map((e) => (e.after as { groupId: string }).groupId)).toEqual([b.group.id, c.group.id]);
  });
});

describe('channel recommendation (public)', () => {
  const anon = () => api.as(anonymous);

  it('recommends chat or the hotline for login problems, with bilingual reasons and the processing-time class', async () => {
    const response = await anon().get('/api/v1/channel-recommendations/login_verification');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.channels.map((c: { channel: string }) => c.channel)).toEqual(['chat', 'phone']);
    expect(body.channels[0].reason['zh-CN']).toMatch(/在线客服/);
    expect(body.channels[0].reason.en).toMatch(/chat/i);
    expect(body).toMatchObject({ problemType: 'login_verification', urgentAction: null, slaClass: expect.any(String) });
  });

  it('recommends a ticket with screenshots or email for a wrong balance', async () => {
    const body = (await anon().get('/api/v1/channel-recommendations/balance_wrong')).json();
    expect(body.channels.map((c: { channel: string }) => c.channel)).toEqual(['portal', 'email']);
    expect(body.channels[0].reason['zh-CN']).toMatch(/截图/);
  });

  it('sends suspected theft to the hotline with an emergency freeze', async () => {
    const body = (await anon().get('/api/v1/channel-recommendations/suspected_theft')).json();
    expect(body.channels[0].channel).toBe('phone');
    expect(body.urgentAction).toMatchObject({ action: 'emergency_freeze' });
    expect(body.urgentAction.reason['zh-CN']).toMatch(/冻结/);
  });

  it('follows an admin’s change of the type’s recommended channel', async () => {
    expect((await api.patch('/api/v1/problem-types/suggestion', { recommendedChannel: 'email' })).statusCode).toBe(200);
    test.clock.advance(10_000); // past the taxonomy cache
    const body = (await anon().get('/api/v1/channel-recommendations/suggestion')).json();
    expect(body.channels.map((c: { channel: string }) => c.channel)).toEqual(['email', 'portal']);
  });

  it('answers an unknown type with 404 PROBLEM_TYPE_NOT_FOUND and a malformed code with VALIDATION_FAILED', async () => {
    expectError(await anon().get('/api/v1/channel-recommendations/no_such_type'), 'PROBLEM_TYPE_NOT_FOUND');
    expectError(await anon().get('/api/v1/channel-recommendations/Not%20A%20Code'), 'VALIDATION_FAILED');
  });
});

describe('bad input', () => {
  it('refuses unknown presences and extra fields', async () => {
    const agent = await buildAgent(test);
    const client = api.as(agent.credentials);
    expectError(await client.request('PUT', '/api/v1/me/presence', { status: 'sleeping' }), 'VALIDATION_FAILED');
    expectError(await client.request('PUT', '/api/v1/me/presence', { status: 'online', agentId: admin.id }), 'VALIDATION_FAILED');
    expectError(await client.request('PUT', '/api/v1/me/presence', {}), 'VALIDATION_FAILED');
  });

  it('refuses impossible capacities and languages, and unknown agents', async () => {
    const agent = await buildAgent(test);
    const url = `/api/v1/agents/${agent.id}/routing-profile`;
    expectError(await api.patch(url, { maxOpenTickets: -1 }), 'VALIDATION_FAILED');
    expectError(await api.patch(url, { maxConcurrentChats: 1.5 }), 'VALIDATION_FAILED');
    expectError(await api.patch(url, { languages: ['klingon'] }), 'VALIDATION_FAILED');
    expectError(await api.patch(url, { languages: [] }), 'VALIDATION_FAILED');
    expectError(await api.patch(url, {}), 'VALIDATION_FAILED');
    expectError(
      await api.patch('/api/v1/agents/00000000-0000-4000-8000-000000000000/routing-profile', { maxOpenTickets: 3 }),
      'AGENT_NOT_FOUND',
    );
    expectError(await api.get('/api/v1/agents/00000000-0000-4000-8000-000000000000/routing-profile'), 'AGENT_NOT_FOUND');
  });

  it('refuses an overflow into the group itself, half an overflow, an unknown group and an unknown strategy', async () => {
    const group = await buildGroup(test.ctx);
    const other = await buildGroup(test.ctx);
    const url = `/api/v1/groups/${group.id}/routing`;
    expectError(await api.patch(url, { overflowGroupId: group.id, overflowAfterMinutes: 5 }), 'OVERFLOW_GROUP_INVALID');
    expectError(await api.patch(url, { overflowGroupId: other.id }), 'OVERFLOW_GROUP_INVALID');
    expectError(await api.patch(url, { overflowAfterMinutes: 5 }), 'OVERFLOW_GROUP_INVALID');
    expectError(
      await api.patch(url, { overflowGroupId: '00000000-0000-4000-8000-000000000000', overflowAfterMinutes: 5 }),
      'GROUP_NOT_FOUND',
    );
    expectError(await api.patch(url, { overflowGroupId: other.id, overflowAfterMinutes: 0 }), 'VALIDATION_FAILED');
    expectError(await api.patch(url, { strategy: 'random' }), 'VALIDATION_FAILED');
    expectError(await api.patch('/api/v1/groups/00000000-0000-4000-8000-000000000000/routing', { strategy: 'manual' }), 'GROUP_NOT_FOUND');
    expectError(await api.get('/api/v1/groups/00000000-0000-4000-8000-000000000000/queue'), 'GROUP_NOT_FOUND');
    const set = await setRouting(group.id, { overflowGroupId: other.id, overflowAfterMinutes: 5 });
    expect(set).toMatchObject({ overflowGroupId: other.id, overflowAfterMinutes: 5, strategy: 'least_loaded' });
    expect(await setRouting(group.id, { overflowGroupId: null, overflowAfterMinutes: null })).toMatchObject({ overflowGroupId: null });
  });
});

describe('access', () => {
  it('lets only admins change an agent’s capacity, their own included; every agent may read it', async () => {
    const agent = await buildAgent(test);
    const other = await buildAgent(test);
    const supervisor = await buildAgent(test, { role: 'supervisor' });
    expectError(await api.as(agent.credentials).patch(`/api/v1/agents/${other.id}/routing-profile`, { maxOpenTickets: 99 }), 'FORBIDDEN');
    expectError(await api.as(agent.credentials).patch(`/api/v1/agents/${agent.id}/routing-profile`, { maxOpenTickets: 99 }), 'FORBIDDEN');
    expectError(
      await api.as(supervisor.credentials).patch(`/api/v1/agents/${other.id}/routing-profile`, { maxOpenTickets: 99 }),
      'FORBIDDEN',
    );
    expect((await api.as(agent.credentials).get(`/api/v1/agents/${other.id}/routing-profile`)).json()).toMatchObject({
      maxOpenTickets: 20,
      maxConcurrentChats: 3,
      languages: ['zh-CN'],
    });
    const changed = await api.patch(`/api/v1/agents/${other.id}/routing-profile`, { maxOpenTickets: 8, languages: ['en', 'zh-CN'] });
    expect(changed.json()).toMatchObject({ maxOpenTickets: 8, maxConcurrentChats: 3, languages: ['en', 'zh-CN'] });
    const audit = await listAuditEntries(test.ctx.db, 'agent', other.id);
    expect(audit.at(-1)).toMatchObject({ action: 'agent.routing_profile_changed', actorId: admin.id, after: { maxOpenTickets: 8 } });
  });

  it('lets only admins change a group’s routing', async () => {
    const group = await buildGroup(test.ctx);
    const agent = await buildAgent(test, { groupIds: [group.id] });
    expectError(await api.as(agent.credentials).patch(`/api/v1/groups/${group.id}/routing`, { strategy: 'manual' }), 'FORBIDDEN');
    expect((await api.as(agent.credentials).get(`/api/v1/groups/${group.id}/routing`)).json()).toMatchObject({ strategy: 'least_loaded' });
  });

  it('keeps presence and pulling to staff sessions', async () => {
    const token = api.as(await buildApiToken(test.ctx, ['tickets:read', 'tickets:write', 'directory:read']));
    expectError(await token.request('PUT', '/api/v1/me/presence', { status: 'online' }), 'FORBIDDEN');
    expectError(await token.post('/api/v1/me/next-ticket'), 'FORBIDDEN');
    expectError(await api.as(anonymous).get('/api/v1/me/presence'), 'UNAUTHENTICATED');
    expect((await token.get(`/api/v1/agents/${admin.id}/routing-profile`)).statusCode).toBe(200);
  });
});

describe('an agent’s presence row', () => {
  it('is the same for one agent from any session and records when it changed', async () => {
    const agent = await buildAgent(test);
    test.clock.advance(1_000);
    const set = await setPresence(agent, 'away');
    expect(set).toMatchObject({ agentId: agent.id, status: 'away', changedAt: test.clock.now().toISOString() });
    const rows = await test.ctx.db
      .select({ id: ticket.id })
      .from(ticket)
      .where(and(eq(ticket.assigneeId, agent.id)));
    expect(rows).toHaveLength(0);
  });
});
