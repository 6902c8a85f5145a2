/**
 * Capacity under concurrent assignment. Two app instances, each with its own
 * connection pool, on one PostgreSQL database (two nodes of a deployment):
 * both hand out tickets to the same agent at once, by pulls and by automatic
 * routing of two groups the agent belongs to, and the agent must end with
 * exactly their capacity. On PGlite there is one connection, so a second
 * node cannot exist; there the same burst runs against the single app.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentFixture, buildAgent, buildGroup, buildTicket } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { routingTicketDesk, ticket } from '../tickets';
import { routeGroup } from './routing.subscriber';

const onPostgres = Boolean(process.env.DATABASE_URL);
const CAPACITY = 3;

let first: TestApp;
let second: TestApp | undefined;

beforeAll(async () => {
  first = await createTestApp();
  if (onPostgres) second = await createTestApp({ sameDatabaseAs: first });
});
afterAll(async () => {
  await second?.close();
  await first.close();
});

async function scene(app: TestApp) {
  const admin = await buildAgent(app, { role: 'admin' });
  const groups = [await buildGroup(app.ctx), await buildGroup(app.ctx)];
  const agent = await buildAgent(app, { groupIds: groups.map((group) => group.id) });
  const api = new ApiClient(app.app, admin.credentials);
  expect((await api.patch(`/api/v1/agents/${agent.id}/routing-profile`, { maxOpenTickets: CAPACITY })).statusCode).toBe(200);
  // Tickets wait while the agent is offline (nobody is routed to), 20 in each group.
  for (const group of groups) for (let i = 0; i < 20; i += 1) await buildTicket(app.ctx, { groupId: group.id });
  await app.settle();
  return { agent, groups };
}

async function goOnlineWithoutRouting(app: TestApp, agent: AgentFixture) {
  // Straight to the row: the burst below, not the presence subscriber, is what assigns.
  const response = await new ApiClient(app.app, agent.credentials).request('PUT', '/api/v1/me/presence', { status: 'online' });
  expect(response.statusCode, response.body).toBe(200);
}

/** Pulls and automatic routing of both groups, all at once, from every app given. */
function burst(apps: TestApp[], agent: AgentFixture, groupIds: string[]) {
  return Promise.all(
    apps.flatMap((app) => [
      ...Array.from({ length: 8 }, () => new ApiClient(app.app, agent.credentials).post('/api/v1/me/next-ticket')),
      ...groupIds.map((groupId) => routeGroup(app.ctx.db, routingTicketDesk, groupId, () => app.clock.now())),
    ]),
  );
}

async function assignedTo(app: TestApp, agentId: string): Promise<number> {
  return (await app.ctx.db.select({ id: ticket.id }).from(ticket).where(eq(ticket.assigneeId, agentId))).length;
}

describe('capacity under concurrent assignment', () => {
  it.skipIf(!onPostgres)(
    'two app instances with separate pools on one PostgreSQL database assign exactly the capacity (needs DATABASE_URL; skipped on PGlite, which has one connection and no second node)',
    async () => {
      const other = second as TestApp;
      for (let round = 0; round < 3; round += 1) {
        const { agent, groups } = await scene(first);
        await goOnlineWithoutRouting(first, agent);
        const results = await burst(
          [first, other],
          agent,
          groups.map((group) => group.id),
        );
        const pulls = results.filter((result): result is Awaited<ReturnType<ApiClient['post']>> => typeof result === 'object');
        expect(pulls.every((response) => response.statusCode === 200)).toBe(true);
        expect(await assignedTo(other, agent.id)).toBe(CAPACITY);
        expect(pulls.filter((response) => response.json().outcome === 'assigned').length).toBeLessThanOrEqual(CAPACITY);
      }
    },
  );

  it('a burst of pulls and routing on one app assigns exactly the capacity', async () => {
    const { agent, groups } = await scene(first);
    await goOnlineWithoutRouting(first, agent);
    await burst(
      [first],
      agent,
      groups.map((group) => group.id),
    );
    await first.settle();
    expect(await assignedTo(first, agent.id)).toBe(CAPACITY);
  });
});
