import type { AgentRole, ApiTokenScope } from '@common/tickets/ticket-fields';
import { createAgent } from '../../src/agents';
import { createApiToken } from '../../src/auth';
import type { AppContext } from '../../src/platform/http';
import { hashPassword } from '../../src/platform/security';
import { createGroup, getGroup, updateGroup } from '../../src/routing';
import { createTicket, type NewTicket, nextTicketNumber, unrestricted } from '../../src/tickets';
import { bearer, type Credentials, login } from '../support/api-client';
import type { TestApp } from '../support/test-app';

const system = { type: 'system' as const, id: 'test-factory' };
export const TEST_PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;
let sequence = 0;
const next = () => ++sequence;

export async function buildGroup(ctx: AppContext, overrides: { name?: string; isDefault?: boolean; memberIds?: string[] } = {}) {
  return ctx.db.transaction((tx) =>
    createGroup(tx, { name: overrides.name ?? `组${next()}`, actor: system, now: ctx.clock.now(), ...overrides }),
  );
}

export interface AgentFixture {
  id: string;
  email: string;
  credentials: Credentials;
}

/** An agent with the shared test password, member of the given groups, already signed in. */
export async function buildAgent(
  test: TestApp,
  overrides: { role?: AgentRole; groupIds?: string[]; name?: string; email?: string } = {},
): Promise<AgentFixture> {
  const { ctx, app } = test;
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const n = next();
  const email = overrides.email ?? `agent${n}@example.com`;
  const row = await ctx.db.transaction(async (tx) => {
    const created = await createAgent(tx, {
      email,
      name: overrides.name ?? `客服${n}`,
      role: overrides.role ?? 'agent',
      passwordHash: await (passwordHash as Promise<string>),
      actor: system,
      now: ctx.clock.now(),
    });
    return created;
  });
  if (overrides.groupIds?.length) {
    for (const groupId of overrides.groupIds) {
      const group = await getGroup(ctx.db, groupId);
      await ctx.db.transaction((tx) =>
        updateGroup(tx, { id: groupId, memberIds: [...group.memberIds, row.id], actor: system, now: ctx.clock.now() }),
      );
    }
  }
  return { id: row.id, email, credentials: await login(app, email, TEST_PASSWORD) };
}

export async function buildApiToken(ctx: AppContext, scopes: ApiTokenScope[]): Promise<Credentials & { tokenId: string }> {
  const issued = await ctx.db.transaction((tx) =>
    createApiToken(tx, { name: `token${next()}`, scopes, actor: system, now: ctx.clock.now() }),
  );
  return { ...bearer(issued.token), tokenId: issued.row.id };
}

/** A ticket created through the service, as a system actor, with overridable fields. */
export async function buildTicket(ctx: AppContext, overrides: Partial<Omit<NewTicket, 'number' | 'actor' | 'now'>> = {}) {
  const now = ctx.clock.now();
  const number = await nextTicketNumber(ctx.db, now, ctx.config.workspaceTimeZone);
  const n = next();
  return ctx.db.transaction((tx) =>
    createTicket(tx, {
      number,
      subject: `测试工单 ${n}`,
      channel: 'api',
      customer: { platformUserId: `U${n}`, name: `客户${n}` },
      article: { kind: 'inbound', bodyText: '我的提现一直没到账，请帮忙查询。' },
      // Explicit, so tests about priorities do not depend on what the classifier makes of the text.
      priority: 'normal',
      actor: { kind: 'system', name: 'test-factory' },
      now,
      ...overrides,
    }),
  );
}

export { unrestricted };
