/**
 * Presence without a console: the heartbeat, the presence-timeout job, the
 * audit of every presence change, and deactivation going offline. Through the
 * real app on a frozen clock; the scheduler is ticked by hand (see runMinutes).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentFixture, buildAgent, buildApiToken, buildGroup, buildTicket } from '../../test/factories';
import { anonymous, ApiClient } from '../../test/support/api-client';
import { expectError } from '../../test/support/error-envelope';
import { createTestApp, type TestApp, testConfig } from '../../test/support/test-app';
import { listAuditEntries } from '../audit';
import { ConfigError } from '../platform/config';
import { routingTicketDesk, ticket } from '../tickets';
import { presenceTimeoutSchedule } from './presence-timeout.job';
import { getPresence, setPresence } from './routing.service';

const onPostgres = Boolean(process.env.DATABASE_URL);
const MINUTE = 60_000;
const TIMEOUT_MINUTES = 10;

let test: TestApp;
let admin: AgentFixture;
let api: ApiClient;

beforeAll(async () => {
  test = await createTestApp({ env: { PRESENCE_TIMEOUT_MINUTES: String(TIMEOUT_MINUTES) } });
  await buildGroup(test.ctx, { name: '综合组', isDefault: true });
  admin = await buildAgent(test, { role: 'admin' });
  api = new ApiClient(test.app, admin.credentials);
  await test.runtime.scheduler.install();
});
afterAll(() => test.close());

async function putPresence(agent: AgentFixture, status: string) {
  const response = await api.as(agent.credentials).request('PUT', '/api/v1/me/presence', { status });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function heartbeat(agent: AgentFixture) {
  const response = await api.as(agent.credentials).post('/api/v1/me/presence/heartbeat', {});
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function presenceOf(agent: AgentFixture): Promise<string> {
  return (await api.as(agent.credentials).get('/api/v1/me/presence')).json().status;
}

/** Minute by minute, the scheduler enqueues what is due and the runner runs it, as the background loops would. */
async function runMinutes(minutes: number, each?: () => Promise<void>) {
  for (let i = 0; i < minutes; i += 1) {
    test.clock.advance(MINUTE);
    await each?.();
    await test.runtime.scheduler.tick();
    await test.settle();
  }
}

async function assigneeOf(id: string): Promise<string | null> {
  const [row] = await test.ctx.db.select({ assigneeId: ticket.assigneeId }).from(ticket).where(eq(ticket.id, id));
  return row?.assigneeId ?? null;
}

const presenceEntries = async (agentId: string) =>
  (await listAuditEntries(test.ctx.db, 'agent', agentId)).filter((entry) => entry.action === 'agent.presence_changed');

async function team(count: number) {
  const group = await buildGroup(test.ctx);
  const agents: AgentFixture[] = [];
  for (let i = 0; i < count; i += 1) agents.push(await buildAgent(test, { groupIds: [group.id] }));
  return { group, agents };
}

describe('the heartbeat and the presence timeout', () => {
  it('keeps an agent whose console beats online, and sets one whose console is gone offline after the timeout, re-queueing the unanswered ticket', async () => {
    const { group, agents } = await team(2);
    const [closesBrowser, keepsConsole] = agents as [AgentFixture, AgentFixture];
    await putPresence(closesBrowser, 'online');
    test.clock.advance(1_000);
    const created = await buildTicket(test.ctx, { groupId: group.id });
    await test.settle();
    expect(await assigneeOf(created.id)).toBe(closesBrowser.id);
    await putPresence(keepsConsole, 'busy');

    // One minute short of the timeout nothing happens; the beating console stays for good.
    await runMinutes(TIMEOUT_MINUTES - 1, async () => void (await heartbeat(keepsConsole)));
    expect(await presenceOf(closesBrowser)).toBe('online');
    await runMinutes(2, async () => void (await heartbeat(keepsConsole)));
    expect(await presenceOf(closesBrowser)).toBe('offline');
    expect(await presenceOf(keepsConsole)).toBe('busy');
    // The unanswered ticket went back to the group's queue (nobody online there now).
    expect(await assigneeOf(created.id)).toBeNull();
    const ticketChain = await listAuditEntries(test.ctx.db, 'ticket', created.id);
    expect(ticketChain.at(-1)).toMatchObject({
      action: 'ticket.assigned',
      after: { assigneeId: null, routing: { reason: 'agent_offline', presenceReason: 'heartbeat_timeout' } },
    });
    expect((await presenceEntries(closesBrowser.id)).at(-1)).toMatchObject({
      actorType: 'system',
      actorId: 'presence-timeout',
      before: { status: 'online' },
      after: { status: 'offline', reason: 'heartbeat_timeout', requeuedTicketIds: [created.id] },
    });

    // Running on changes nothing more: one timeout entry, the agent stays offline.
    await runMinutes(TIMEOUT_MINUTES + 1, async () => void (await heartbeat(keepsConsole)));
    expect(
      (await presenceEntries(closesBrowser.id)).filter((e) => (e.after as { reason: string }).reason === 'heartbeat_timeout'),
    ).toHaveLength(1);
    expect(await presenceOf(keepsConsole)).toBe('busy');
  });

  it('times out away agents too, and answers a heartbeat of a timed-out console with offline without bringing it back', async () => {
    const { agents } = await team(1);
    const agent = agents[0] as AgentFixture;
    await putPresence(agent, 'away');
    expect(await heartbeat(agent)).toMatchObject({ agentId: agent.id, status: 'away' });
    await runMinutes(TIMEOUT_MINUTES + 1);
    expect(await heartbeat(agent)).toMatchObject({ status: 'offline' });
    await runMinutes(1);
    expect(await presenceOf(agent)).toBe('offline');
    // Coming back is a choice of the agent: setting online again counts as being seen.
    await putPresence(agent, 'online');
    await runMinutes(TIMEOUT_MINUTES - 1);
    expect(await presenceOf(agent)).toBe('online');
  });

  it('answers a heartbeat of an agent who never set a presence with offline, and leaves offline agents out of the timeout', async () => {
    const agent = await buildAgent(test);
    expect(await heartbeat(agent)).toEqual({ agentId: agent.id, status: 'offline', changedAt: null });
    await runMinutes(TIMEOUT_MINUTES + 1);
    expect(await presenceEntries(agent.id)).toHaveLength(0);
  });

  it('lets a heartbeat that arrives after the job picked the agent win (the last-seen time is read again under the lock)', async () => {
    const agent = await buildAgent(test);
    await putPresence(agent, 'online');
    test.clock.advance((TIMEOUT_MINUTES + 1) * MINUTE);
    const seenBefore = new Date(test.clock.now().getTime() - TIMEOUT_MINUTES * MINUTE);
    await heartbeat(agent);
    const result = await test.ctx.db.transaction((tx) =>
      setPresence(tx, routingTicketDesk, {
        agentId: agent.id,
        status: 'offline',
        now: test.clock.now(),
        actor: { type: 'system', id: 'presence-timeout' },
        reason: 'heartbeat_timeout',
        onlyIfNotSeenSince: seenBefore,
      }),
    );
    expect(result).toMatchObject({ changed: false, status: 'online' });
    expect(await presenceOf(agent)).toBe('online');
    await putPresence(agent, 'offline');
  });
});

describe('the presence timeout on two nodes', () => {
  it(
    onPostgres
      ? 'two app instances with separate pools running the same minute set the agent offline once, with one audit entry and one re-queue'
      : 'two runs of the job at once (PGlite: one app, one connection) set the agent offline once, with one audit entry and one re-queue',
    async () => {
      const other = onPostgres ? await createTestApp({ sameDatabaseAs: test, clock: test.clock }) : test;
      try {
        const { group, agents } = await team(1);
        const agent = agents[0] as AgentFixture;
        await putPresence(agent, 'online');
        test.clock.advance(1_000);
        const created = await buildTicket(test.ctx, { groupId: group.id });
        await test.settle();
        expect(await assigneeOf(created.id)).toBe(agent.id);
        test.clock.advance((TIMEOUT_MINUTES + 1) * MINUTE);
        const schedule = presenceTimeoutSchedule(routingTicketDesk, { timeZone: 'Asia/Shanghai', timeoutMinutes: TIMEOUT_MINUTES });
        const run = (app: TestApp) =>
          schedule.job.run(
            { db: app.ctx.db, clock: app.clock, logger: app.ctx.logger, jobId: 0, attempt: 1 },
            { scheduledFor: test.clock.now().toISOString() },
          );
        await Promise.all([run(test), run(other), run(test), run(other)]);
        expect(await presenceOf(agent)).toBe('offline');
        expect(await presenceEntries(agent.id)).toHaveLength(2); // online (manual), then offline once
        const requeues = (await listAuditEntries(test.ctx.db, 'ticket', created.id)).filter(
          (entry) => (entry.after as { routing?: { reason?: string } }).routing?.reason === 'agent_offline',
        );
        expect(requeues).toHaveLength(1);
      } finally {
        if (other !== test) await other.close();
      }
    },
  );
});

describe('presence changes on the agent’s audit chain', () => {
  it('records who changed it, from what, to what and why; setting the same presence again records nothing', async () => {
    const agent = await buildAgent(test);
    await putPresence(agent, 'online');
    await putPresence(agent, 'online');
    await putPresence(agent, 'busy');
    const entries = await presenceEntries(agent.id);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      actorType: 'agent',
      actorId: agent.id,
      before: { status: 'offline' },
      after: { status: 'online', reason: 'manual' },
    });
    expect(entries[1]).toMatchObject({ before: { status: 'online' }, after: { status: 'busy', reason: 'manual', requeuedTicketIds: [] } });
    await putPresence(agent, 'offline');
  });
});

describe('deactivating an agent', () => {
  it('sets their presence offline and re-queues their unanswered tickets in the deactivation itself, audited with the admin as actor', async () => {
    const { group, agents } = await team(2);
    const [leaving, colleague] = agents as [AgentFixture, AgentFixture];
    await putPresence(leaving, 'online');
    test.clock.advance(1_000);
    const unanswered = await buildTicket(test.ctx, { groupId: group.id });
    test.clock.advance(1_000);
    const answered = await buildTicket(test.ctx, { groupId: group.id });
    await test.settle();
    const reply = await api
      .as(leaving.credentials)
      .post(`/api/v1/tickets/${answered.number}/articles`, { kind: 'outbound', bodyText: '您好，正在为您处理。' });
    expect(reply.statusCode, reply.body).toBe(201);
    await putPresence(colleague, 'online');

    const deactivated = await api.patch(`/api/v1/agents/${leaving.id}`, { active: false });
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    // Already in the deactivation's transaction, before any subscriber ran.
    expect((await getPresence(test.ctx.db, leaving.id)).status).toBe('offline');
    expect(await assigneeOf(unanswered.id)).toBeNull();
    expect(await assigneeOf(answered.id)).toBe(leaving.id);
    await test.settle();
    expect(await assigneeOf(unanswered.id)).toBe(colleague.id);

    const chain = await listAuditEntries(test.ctx.db, 'agent', leaving.id);
    expect(chain.slice(-2)).toMatchObject([
      { action: 'agent.updated', actorId: admin.id, after: { active: false } },
      {
        action: 'agent.presence_changed',
        actorType: 'agent',
        actorId: admin.id,
        before: { status: 'online' },
        after: { status: 'offline', reason: 'deactivated', requeuedTicketIds: [unanswered.id] },
      },
    ]);
  });

  it('leaves an offline agent’s chain without a presence entry, and records nothing when an inactive agent is changed again', async () => {
    const agent = await buildAgent(test);
    expect((await api.patch(`/api/v1/agents/${agent.id}`, { active: false })).statusCode).toBe(200);
    expect((await api.patch(`/api/v1/agents/${agent.id}`, { name: '已离职客服' })).statusCode).toBe(200);
    expect(await presenceEntries(agent.id)).toHaveLength(0);
  });
});

describe('bad input', () => {
  it('refuses a heartbeat with a body that is not an empty object, and from API tokens and anonymous callers', async () => {
    const agent = await buildAgent(test);
    expectError(await api.as(agent.credentials).post('/api/v1/me/presence/heartbeat', { status: 'online' }), 'VALIDATION_FAILED');
    expectError(await api.as(agent.credentials).post('/api/v1/me/presence/heartbeat', []), 'VALIDATION_FAILED');
    const token = api.as(await buildApiToken(test.ctx, ['tickets:read', 'tickets:write', 'directory:read']));
    expectError(await token.post('/api/v1/me/presence/heartbeat', {}), 'FORBIDDEN');
    expectError(await api.as(anonymous).post('/api/v1/me/presence/heartbeat', {}), 'UNAUTHENTICATED');
  });

  it('refuses a PRESENCE_TIMEOUT_MINUTES below two minutes (the console beats every minute) or that is not a number', () => {
    expect(() => testConfig({ PRESENCE_TIMEOUT_MINUTES: '1' })).toThrow(ConfigError);
    expect(() => testConfig({ PRESENCE_TIMEOUT_MINUTES: 'soon' })).toThrow(/PRESENCE_TIMEOUT_MINUTES/);
    expect(testConfig().presenceTimeoutMinutes).toBe(5);
  });
});
