/**
 * Who may call what: every route of the API against seven actors, in one table.
 *
 * Actors: anonymous; an API token lacking the scope the route needs; a token
 * holding it; an agent outside the ticket's skill group; an agent in it; a
 * supervisor; an admin. Outcomes: allowed (the route's success status), or an
 * exact error code. A ticket, its messages, its case record and its files are
 * reported as not found to an agent who may not see the ticket, never as
 * forbidden, so ticket numbers and attachment ids cannot be probed.
 *
 * Then the cases a table cannot hold: IDOR by number and by attachment id,
 * revoked tokens, CSRF, expired sessions and deactivated agents.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '@common/errors/error-codes';
import { type AgentRole, type ApiTokenScope, apiTokenScopes } from '@common/tickets/ticket-fields';
import { type AgentFixture, buildAgent, buildApiToken, buildGroup, buildTicket, TEST_PASSWORD } from '../factories';
import { type Credentials, anonymous, login } from '../support/api-client';
import { expectError, expectErrorEnvelope } from '../support/error-envelope';
import { createTestApp, type TestApp } from '../support/test-app';
import { type PlatformServer, startPlatformServer } from '../support/platform-server';
import { issueSelfServiceToken } from '../../src/emergency';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const actors = ['anonymous', 'tokenWithoutScope', 'tokenWithScope', 'agentOutsideGroup', 'agentInGroup', 'supervisor', 'admin'] as const;
type ActorName = (typeof actors)[number];
type AgentActor = Extract<ActorName, 'agentOutsideGroup' | 'agentInGroup' | 'supervisor' | 'admin'>;
type Outcome = 'allowed' | ErrorCode;

interface Call {
  url: string;
  body?: unknown;
  upload?: { fileName: string; content: Buffer };
}

interface Route {
  method: Method;
  path: string;
  /** The success status when allowed. */
  success: number;
  /**
   * The scopes a token needs. The token "without the scope" holds every scope but the last one listed.
   * Empty when no scope grants the route: both tokens then hold every scope.
   */
  scopes: ApiTokenScope[];
  /** Builds the request; called once per actor, so it makes fresh rows when the call changes or consumes them. */
  call: () => Promise<Call>;
  expected: Partial<Record<ActorName, Outcome>>;
  /** Calls that end or change the caller's session get a fresh agent of the same role and groups. */
  freshAgent?: boolean;
}

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f30000000049454e44ae426082',
  'hex',
);
const UNKNOWN_ID = '7d3c0f4e-9a51-4c8e-8f0e-2b6a1d9e4c10';

let test: TestApp;
let groupA: { id: string };
let groupB: { id: string };
let agents: Record<AgentActor, AgentFixture>;
let ticket: { number: string; id: string; customerId: string };
let attachmentId: string;
let sequence = 0;
let platform: PlatformServer;
const PLATFORM_SECRET = 'whsec_matrix_0123456789abcdefghijklmn';
const unique = () => `${Date.now().toString(36)}${++sequence}`;
const tokens = new Map<string, Credentials>();

async function token(scopes: readonly ApiTokenScope[]): Promise<Credentials> {
  const key = [...scopes].sort().join(' ');
  let credentials = tokens.get(key);
  if (!credentials) {
    credentials = await buildApiToken(test.ctx, [...scopes]);
    tokens.set(key, credentials);
  }
  return credentials;
}

/** Role and skill groups of each agent actor (groups are read late: they exist only once the app runs). */
const agentRoles: Record<AgentActor, { role: AgentRole; groupIds: () => string[] }> = {
  agentOutsideGroup: { role: 'agent', groupIds: () => [groupB.id] },
  agentInGroup: { role: 'agent', groupIds: () => [groupA.id] },
  supervisor: { role: 'supervisor', groupIds: () => [] },
  admin: { role: 'admin', groupIds: () => [] },
};

async function credentialsOf(actor: ActorName, route: Route): Promise<Credentials> {
  switch (actor) {
    case 'anonymous':
      return anonymous;
    case 'tokenWithoutScope': {
      const withheld = route.scopes.at(-1);
      return token(apiTokenScopes.filter((scope) => scope !== withheld));
    }
    case 'tokenWithScope':
      return token(route.scopes.length > 0 ? route.scopes : apiTokenScopes);
    default: {
      if (!route.freshAgent) return agents[actor].credentials;
      const { role, groupIds } = agentRoles[actor];
      return (await buildAgent(test, { role, groupIds: groupIds() })).credentials;
    }
  }
}

const BOUNDARY = 'huiying-matrix';
function multipart(upload: { fileName: string; content: Buffer }): Buffer {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${upload.fileName}"\r\nContent-Type: image/png\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), upload.content, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
}

function send(method: Method, call: Call, credentials: Credentials): Promise<LightMyRequestResponse> {
  const headers = { ...credentials.headers };
  if (call.upload) {
    return test.app.inject({
      method,
      url: call.url,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: multipart(call.upload),
    });
  }
  if (call.body === undefined) return test.app.inject({ method, url: call.url, headers });
  return test.app.inject({
    method,
    url: call.url,
    headers: { ...headers, 'content-type': 'application/json' },
    payload: JSON.stringify(call.body),
  });
}

/** The live feed never ends: read its headers, then hang up. */
async function openStream(credentials: Credentials): Promise<{ statusCode: number; contentType: string; body: string }> {
  const response = await test.app.inject({ method: 'GET', url: '/api/v1/stream', headers: credentials.headers, payloadAsStream: true });
  const stream = response.stream();
  const contentType = String(response.headers['content-type']);
  let body = '';
  if (response.statusCode !== 200) for await (const chunk of stream) body += String(chunk);
  stream.destroy();
  return { statusCode: response.statusCode, contentType, body };
}

/** Ticket in group A, fresh for calls that change it. */
function ticketInGroupA() {
  return buildTicket(test.ctx, { groupId: groupA.id });
}

/** A ticket in group A that an admin made a formal complaint, its regulatory clock started. */
async function complaintTicket() {
  const complaint = await ticketInGroupA();
  const marked = await send(
    'PATCH',
    { url: `/api/v1/tickets/${complaint.number}`, body: { isFormalComplaint: true } },
    agents.admin.credentials,
  );
  expect(marked.statusCode, marked.body).toBe(200);
  await test.settle();
  return complaint;
}

/** A ticket in group A opened two days ago, so its customer may press it (催办) now. */
async function ticketOpenedDaysAgo() {
  const now = test.clock.now();
  test.clock.set(new Date(now.getTime() - 48 * 3_600_000));
  try {
    return await ticketInGroupA();
  } finally {
    test.clock.set(now);
  }
}

beforeAll(async () => {
  test = await createTestApp();
  groupA = await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  groupB = await buildGroup(test.ctx, { name: '投诉组' });
  const build = (actor: AgentActor) => buildAgent(test, { role: agentRoles[actor].role, groupIds: agentRoles[actor].groupIds() });
  agents = {
    agentOutsideGroup: await build('agentOutsideGroup'),
    agentInGroup: await build('agentInGroup'),
    supervisor: await build('supervisor'),
    admin: await build('admin'),
  };
  // Taking the next ticket must not take the matrix's tickets off the queue: the agent in the group has no room.
  const noRoom = await send(
    'PATCH',
    { url: `/api/v1/agents/${agents.agentInGroup.id}/routing-profile`, body: { maxOpenTickets: 0 } },
    agents.admin.credentials,
  );
  expect(noRoom.statusCode, noRoom.body).toBe(200);
  ticket = await ticketInGroupA();
  attachmentId = await attachToTicket(ticket.number, 'public');
  platform = await startPlatformServer({ secret: PLATFORM_SECRET, nowMs: () => test.clock.now().getTime() });
  platform.state.reply = (call) =>
    call.path === '/identity' ? { status: 200, body: { result: 'pass' } } : { status: 200, body: { status: 'accepted' } };
  for (const [purpose, path] of [
    ['identity_check', '/identity'],
    ['account_freeze', '/freeze'],
  ] as const) {
    const created = await send(
      'POST',
      {
        url: '/api/v1/webhook-endpoints',
        body: { name: purpose, url: `${platform.url}${path}`, purposes: [purpose], secret: PLATFORM_SECRET },
      },
      agents.admin.credentials,
    );
    expect(created.statusCode, created.body).toBe(201);
  }
});
afterAll(async () => {
  await test.close();
  await platform.close();
});

let calendar: string | undefined;
/** A calendar of the matrix's own, created once by the admin. */
async function calendarId(): Promise<string> {
  if (!calendar) {
    const created = await send(
      'POST',
      { url: '/api/v1/business-calendars', body: { name: `矩阵日历 ${unique()}` } },
      agents.admin.credentials,
    );
    expect(created.statusCode, created.body).toBe(201);
    calendar = created.json().id as string;
  }
  return calendar;
}

let policy: string | undefined;
/** An inactive SLA policy of the matrix's own on its calendar, created once by the admin (no ticket gets it). */
async function policyId(): Promise<string> {
  if (!policy) {
    const body = {
      name: `矩阵策略 ${unique()}`,
      calendarId: await calendarId(),
      active: false,
      resolution: { amount: 3, unit: 'working_days' },
    };
    const created = await send('POST', { url: '/api/v1/sla-policies', body }, agents.admin.credentials);
    expect(created.statusCode, created.body).toBe(201);
    policy = created.json().id as string;
  }
  return policy;
}

/** A suspected-theft ticket in group A and its customer's self-service link, fresh for calls that change it. */
async function theftTicket() {
  const theft = await buildTicket(test.ctx, { groupId: groupA.id, problemType: 'suspected_theft', priority: 'urgent' });
  const expires = new Date(test.clock.now().getTime() + 3_600_000);
  return { ...theft, token: issueSelfServiceToken(test.config.selfServiceSecret as string, theft.id, expires) };
}

/** Uploads a file as the admin and sends it on the ticket in a reply (public) or an internal note; returns its id. */
async function attachToTicket(number: string, visibility: 'public' | 'internal'): Promise<string> {
  const admin = agents.admin.credentials;
  const upload = await send('POST', { url: '/api/v1/attachments', upload: { fileName: '转账截图.png', content: PNG } }, admin);
  expect(upload.statusCode, upload.body).toBe(201);
  const id: string = upload.json().id;
  const kind = visibility === 'public' ? 'outbound' : 'note';
  const article = await send(
    'POST',
    { url: `/api/v1/tickets/${number}/articles`, body: { kind, bodyText: '请查收附件', attachmentIds: [id] } },
    admin,
  );
  expect(article.statusCode, article.body).toBe(201);
  return id;
}

// ---------------------------------------------------------------- the table

const allowedToAll: Route['expected'] = Object.fromEntries(actors.map((actor) => [actor, 'allowed']));
/** A route any signed-in agent may use and a token needs a scope for. */
const scoped: Route['expected'] = {
  anonymous: 'UNAUTHENTICATED',
  tokenWithoutScope: 'INSUFFICIENT_SCOPE',
  tokenWithScope: 'allowed',
  agentOutsideGroup: 'allowed',
  agentInGroup: 'allowed',
  supervisor: 'allowed',
  admin: 'allowed',
};
/** A route on one ticket: outside its group, it does not exist. */
const onTicket: Route['expected'] = { ...scoped, agentOutsideGroup: 'TICKET_NOT_FOUND' };
/** Staff sessions only: the signed-in agent's own account and the console feed. */
const sessionOnly: Route['expected'] = {
  anonymous: 'UNAUTHENTICATED',
  tokenWithoutScope: 'FORBIDDEN',
  tokenWithScope: 'FORBIDDEN',
  agentOutsideGroup: 'allowed',
  agentInGroup: 'allowed',
  supervisor: 'allowed',
  admin: 'allowed',
};
const adminOnly: Route['expected'] = {
  anonymous: 'UNAUTHENTICATED',
  tokenWithoutScope: 'FORBIDDEN',
  tokenWithScope: 'FORBIDDEN',
  agentOutsideGroup: 'FORBIDDEN',
  agentInGroup: 'FORBIDDEN',
  supervisor: 'FORBIDDEN',
  admin: 'allowed',
};
/** Staff on a ticket they may see; API tokens are the platform, not staff. */
const agentOnTicket: Route['expected'] = { ...onTicket, tokenWithoutScope: 'FORBIDDEN', tokenWithScope: 'FORBIDDEN' };
/** Only the platform's back-end, with its token. */
const platformOnly: Route['expected'] = {
  anonymous: 'UNAUTHENTICATED',
  tokenWithoutScope: 'INSUFFICIENT_SCOPE',
  tokenWithScope: 'allowed',
  agentOutsideGroup: 'FORBIDDEN',
  agentInGroup: 'FORBIDDEN',
  supervisor: 'FORBIDDEN',
  admin: 'FORBIDDEN',
};

const routes: Route[] = [
  { method: 'GET', path: '/health', success: 200, scopes: [], call: async () => ({ url: '/api/v1/health' }), expected: allowedToAll },
  {
    method: 'POST',
    path: '/auth/login',
    success: 200,
    scopes: [],
    call: async () => ({ url: '/api/v1/auth/login', body: { email: agents.agentInGroup.email, password: TEST_PASSWORD } }),
    expected: allowedToAll,
  },
  {
    method: 'GET',
    path: '/auth/session',
    success: 200,
    scopes: [],
    call: async () => ({ url: '/api/v1/auth/session' }),
    expected: sessionOnly,
  },
  {
    method: 'POST',
    path: '/auth/logout',
    success: 204,
    scopes: [],
    call: async () => ({ url: '/api/v1/auth/logout' }),
    expected: sessionOnly,
    freshAgent: true,
  },
  {
    method: 'POST',
    path: '/auth/password',
    success: 204,
    scopes: [],
    call: async () => ({ url: '/api/v1/auth/password', body: { currentPassword: TEST_PASSWORD, newPassword: 'a new passphrase 2026' } }),
    expected: sessionOnly,
    freshAgent: true,
  },
  { method: 'GET', path: '/api-tokens', success: 200, scopes: [], call: async () => ({ url: '/api/v1/api-tokens' }), expected: adminOnly },
  {
    method: 'POST',
    path: '/api-tokens',
    success: 201,
    scopes: [],
    call: async () => ({ url: '/api/v1/api-tokens', body: { name: `平台后端 ${unique()}`, scopes: ['tickets:read'] } }),
    expected: adminOnly,
  },
  {
    method: 'DELETE',
    path: '/api-tokens/:id',
    success: 200,
    scopes: [],
    call: async () => ({ url: `/api/v1/api-tokens/${(await buildApiToken(test.ctx, ['tickets:read'])).tokenId}` }),
    expected: adminOnly,
  },
  {
    method: 'GET',
    path: '/agents',
    success: 200,
    scopes: ['directory:read'],
    call: async () => ({ url: '/api/v1/agents' }),
    expected: scoped,
  },
  {
    method: 'POST',
    path: '/agents',
    success: 201,
    scopes: [],
    call: async () => ({
      url: '/api/v1/agents',
      body: { email: `new-${unique()}@example.com`, name: '新同事', role: 'agent', password: 'a long enough password' },
    }),
    expected: adminOnly,
  },
  {
    method: 'GET',
    path: '/agents/:id',
    success: 200,
    scopes: ['directory:read'],
    call: async () => ({ url: `/api/v1/agents/${agents.agentInGroup.id}` }),
    expected: scoped,
  },
  {
    method: 'PATCH',
    path: '/agents/:id',
    success: 200,
    scopes: [],
    call: async () => ({ url: `/api/v1/agents/${agents.agentOutsideGroup.id}`, body: { locale: 'zh-CN' } }),
    expected: adminOnly,
  },
  {
    method: 'GET',
    path: '/groups',
    success: 200,
    scopes: ['directory:read'],
    call: async () => ({ url: '/api/v1/groups' }),
    expected: scoped,
  },
  {
    method: 'POST',
    path: '/groups',
    success: 201,
    scopes: [],
    call: async () => ({ url: '/api/v1/groups', body: { name: `理财组 ${unique()}` } }),
    expected: adminOnly,
  },
  {
    method: 'GET',
    path: '/groups/:id',
    success: 200,
    scopes: ['directory:read'],
    call: async () => ({ url: `/api/v1/groups/${groupA.id}` }),
    expected: scoped,
  },
  {
    method: 'PATCH',
    path: '/groups/:id',
    success: 200,
    scopes: [],
    call: async () => ({ url: `/api/v1/groups/${groupB.id}`, body: { description: '处理正式投诉' } }),
    expected: adminOnly,
  },
  {
    method: 'GET',
    path: '/groups/:id/routing',
    success: 200,
    scopes: ['directory:read'],
    call: async () => ({ url: `/api/v1/groups/${groupA.id}/routing` }),
    expected: scoped,
  },
  {
    method: 'PATCH',
    path: '/groups/:id/routing',
    success: 200,
    scopes: [],
    call: async () => ({ url: `/api/v1/groups/${groupB.id}/routing`, body: { strategy: 'least_loaded' } }),
    expected: adminOnly,
  },
  {
    method: 'GET',
    path: '/groups/:id/queue',
    success: 200,
    scopes: ['directory:read'],
    call: async () => ({ url: `/api/v1/groups/${groupA.id}/queue` }),
    expected: scoped,
  },
  {
    method: 'GET',
    path: '/agents/:id/routing-profile',
    success: 200,
    scopes: ['directory:read'],
    call: async () => ({ url: `/api/v1/agents/${agents.agentInGroup.id}/routing-profile` }),
    expected: scoped,
  },
  {
    method: 'PATCH',
    path: '/agents/:id/routing-profile',
    success: 200,
    scopes: [],
    call: async () => ({ url: `/api/v1/agents/${agents.agentOutsideGroup.id}/routing-profile`, body: { languages: ['zh-CN', 'en'] } }),
    expected: adminOnly,
  },
  {
    method: 'GET',
    path: '/me/notifications',
    success: 200,
    scopes: [],
    call: async () => ({ url: '/api/v1/me/notifications?unread=true' }),
    expected: sessionOnly,
  },
  {
    method: 'POST',
    path: '/me/notifications/read',
    success: 200,
    scopes: [],
    call: async () => ({ url: '/api/v1/me/notifications/read', body: {} }),
    expected: sessionOnly,
  },
  {
    method: 'GET',
    path: '/me/presence',
    success: 200,
    scopes: [],
    call: async () => ({ url: '/api/v1/me/presence' }),
    expected: sessionOnly,
  },
  {
    method: 'PUT',
    path: '/me/presence',
    success: 200,
    scopes: [],
    // Away: takes no tickets and gives none back, so the other calls of the matrix see the same queue.
    call: async () => ({ url: '/api/v1/me/presence', body: { status: 'away' } }),
    expected: sessionOnly,
  },
  {
    method: 'POST',
    path: '/me/presence/heartbeat',
    success: 200,
    scopes: [],
    call: async () => ({ url: '/api/v1/me/presence/heartbeat', body: {} }),
    expected: sessionOnly,
  },
  {
    method: 'POST',
    path: '/me/next-ticket',
    success: 200,
    scopes: [],
    call: async () => ({ url: '/api/v1/me/next-ticket', body: {} }),
    expected: sessionOnly,
  },
  {
    method: 'GET',
    path: '/channel-recommendations/:code',
    success: 200,
    scopes: [],
    call: async () => ({ url: '/api/v1/channel-recommendations/suspected_theft' }),
    expected: allowedToAll,
  },
  {
    method: 'GET',
    path: '/customers',
    success: 200,
    scopes: ['customers:read'],
    call: async () => ({ url: '/api/v1/customers' }),
    expected: scoped,
  },
  {
    method: 'POST',
    path: '/customers',
    success: 201,
    scopes: ['customers:write'],
    call: async () => ({ url: '/api/v1/customers', body: { platformUserId: `U${unique()}`, name: '李娜' } }),
    expected: scoped,
  },
  {
    method: 'GET',
    path: '/customers/:id',
    success: 200,
    scopes: ['customers:read'],
    call: async () => ({ url: `/api/v1/customers/${ticket.customerId}` }),
    expected: scoped,
  },
  {
    method: 'PATCH',
    path: '/customers/:id',
    success: 200,
    scopes: ['customers:write'],
    call: async () => ({ url: `/api/v1/customers/${ticket.customerId}`, body: { tier: 'vip' } }),
    expected: scoped,
  },
  {
    method: 'GET',
    path: '/tickets',
    success: 200,
    scopes: ['tickets:read'],
    call: async () => ({ url: '/api/v1/tickets' }),
    expected: scoped,
  },
  {
    method: 'POST',
    path: '/tickets',
    success: 201,
    scopes: ['tickets:write'],
    call: async () => ({
      url: '/api/v1/tickets',
      body: { subject: '基金赎回未到账', customer: { platformUserId: `U${unique()}` }, article: { bodyText: '赎回三天了还没到账' } },
    }),
    expected: scoped,
  },
  {
    method: 'GET',
    path: '/tickets/:number',
    success: 200,
    scopes: ['tickets:read'],
    call: async () => ({ url: `/api/v1/tickets/${ticket.number}` }),
    expected: onTicket,
  },
  {
    method: 'PATCH',
    path: '/tickets/:number',
    success: 200,
    scopes: ['tickets:write'],
    call: async () => ({ url: `/api/v1/tickets/${ticket.number}`, body: { priority: 'high' } }),
    expected: onTicket,
  },
  {
    method: 'POST',
    path: '/tickets/:number/merge',
    success: 200,
    scopes: ['tickets:write'],
    call: async () => {
      const [source, target] = [await ticketInGroupA(), await ticketInGroupA()];
      return { url: `/api/v1/tickets/${source.number}/merge`, body: { targetNumber: target.number } };
    },
    expected: onTicket,
  },
  {
    method: 'GET',
    path: '/tickets/:number/audit',
    success: 200,
    scopes: ['tickets:read', 'audit:read'],
    call: async () => ({ url: `/api/v1/tickets/${ticket.number}/audit` }),
    // The case record is for supervisors and compliance; an agent of the group is refused, one outside learns nothing.
    expected: { ...onTicket, agentInGroup: 'FORBIDDEN' },
  },
  {
    method: 'POST',
    path: '/tickets/:number/contact-points/reveal',
    success: 200,
    scopes: ['tickets:read'],
    call: async () => ({ url: `/api/v1/tickets/${ticket.number}/contact-points/reveal`, body: { reason: '回拨前核对号码' } }),
    expected: onTicket,
  },
  {
    method: 'GET',
    path: '/tickets/:number/articles',
    success: 200,
    scopes: ['tickets:read'],
    call: async () => ({ url: `/api/v1/tickets/${ticket.number}/articles` }),
    expected: onTicket,
  },
  {
    method: 'POST',
    path: '/tickets/:number/articles',
    success: 201,
    scopes: ['tickets:write'],
    call: async () => ({ url: `/api/v1/tickets/${ticket.number}/articles`, body: { kind: 'note', bodyText: '已联系清算中心' } }),
    expected: onTicket,
  },
  {
    method: 'POST',
    path: '/attachments',
    success: 201,
    scopes: ['tickets:write'],
    call: async () => ({ url: '/api/v1/attachments', upload: { fileName: '截图.png', content: PNG } }),
    expected: scoped,
  },
  {
    method: 'GET',
    path: '/attachments/:id',
    success: 200,
    scopes: ['tickets:read'],
    call: async () => ({ url: `/api/v1/attachments/${attachmentId}` }),
    expected: { ...scoped, agentOutsideGroup: 'ATTACHMENT_NOT_FOUND' },
  },
  {
    method: 'GET',
    path: '/official-channels/check',
    success: 200,
    scopes: [],
    call: async () => ({ url: `/api/v1/official-channels/check?value=${encodeURIComponent('4008-123-456')}` }),
    expected: allowedToAll,
  },
  {
    method: 'GET',
    path: '/official-channels',
    success: 200,
    scopes: ['directory:read'],
    call: async () => ({ url: '/api/v1/official-channels' }),
    expected: scoped,
  },
  {
    method: 'POST',
    path: '/official-channels',
    success: 201,
    scopes: [],
    call: async () => ({ url: '/api/v1/official-channels', body: { kind: 'wechat', value: `huiying_${unique()}`, label: '官方公众号' } }),
    expected: adminOnly,
  },
  {
    method: 'DELETE',
    path: '/official-channels/:id',
    success: 204,
    scopes: [],
    call: async () => {
      const created = await test.app.inject({
        method: 'POST',
        url: '/api/v1/official-channels',
        headers: agents.admin.credentials.headers,
        payload: { kind: 'website', value: `https://kefu-${unique()}.example.cn`, label: '官网' },
      });
      return { url: `/api/v1/official-channels/${created.json().id}` };
    },
    expected: adminOnly,
  },
  {
    method: 'GET',
    path: '/problem-types',
    success: 200,
    scopes: ['directory:read'],
    call: async () => ({ url: '/api/v1/problem-types' }),
    expected: scoped,
  },
  {
    method: 'PATCH',
    path: '/problem-types/:code',
    success: 200,
    scopes: [],
    call: async () => ({ url: '/api/v1/problem-types/suggestion', body: { nameEn: `Suggestion ${unique()}` } }),
    expected: adminOnly,
  },
  {
    method: 'GET',
    path: '/tickets/:number/sla',
    success: 200,
    scopes: ['tickets:read'],
    call: async () => ({ url: `/api/v1/tickets/${ticket.number}/sla` }),
    expected: onTicket,
  },
  {
    method: 'GET',
    path: '/tickets/:number/press',
    success: 200,
    scopes: ['tickets:read'],
    call: async () => ({ url: `/api/v1/tickets/${ticket.number}/press` }),
    expected: onTicket,
  },
  {
    method: 'POST',
    path: '/tickets/:number/press',
    success: 201,
    scopes: ['tickets:write'],
    call: async () => ({ url: `/api/v1/tickets/${(await ticketOpenedDaysAgo()).number}/press`, body: { reason: '还没处理' } }),
    expected: onTicket,
  },
  {
    method: 'GET',
    path: '/tickets/:number/complaint',
    success: 200,
    scopes: ['tickets:read'],
    call: async () => ({ url: `/api/v1/tickets/${(await complaintTicket()).number}/complaint` }),
    expected: onTicket,
  },
  {
    method: 'POST',
    path: '/tickets/:number/complaint/extensions',
    success: 200,
    scopes: ['tickets:write'],
    call: async () => ({
      url: `/api/v1/tickets/${(await complaintTicket()).number}/complaint/extensions`,
      body: { kind: 'standard', reason: '需调取交易流水' },
    }),
    expected: onTicket,
  },
  {
    method: 'GET',
    path: '/complaints',
    success: 200,
    scopes: ['tickets:read'],
    call: async () => ({ url: '/api/v1/complaints?state=on_time' }),
    expected: { ...scoped, agentOutsideGroup: 'FORBIDDEN', agentInGroup: 'FORBIDDEN' },
  },
  {
    method: 'GET',
    path: '/business-calendars',
    success: 200,
    scopes: ['directory:read'],
    call: async () => ({ url: '/api/v1/business-calendars' }),
    expected: scoped,
  },
  {
    method: 'POST',
    path: '/business-calendars',
    success: 201,
    scopes: [],
    call: async () => ({ url: '/api/v1/business-calendars', body: { name: `日历 ${unique()}` } }),
    expected: adminOnly,
  },
  {
    method: 'GET',
    path: '/business-calendars/:id',
    success: 200,
    scopes: ['directory:read'],
    call: async () => ({ url: `/api/v1/business-calendars/${await calendarId()}` }),
    expected: scoped,
  },
  {
    method: 'PATCH',
    path: '/business-calendars/:id',
    success: 200,
    scopes: [],
    call: async () => ({ url: `/api/v1/business-calendars/${await calendarId()}`, body: { name: `日历 ${unique()}` } }),
    expected: adminOnly,
  },
  {
    method: 'DELETE',
    path: '/business-calendars/:id',
    success: 204,
    scopes: [],
    call: async () => {
      const created = await send(
        'POST',
        { url: '/api/v1/business-calendars', body: { name: `日历 ${unique()}` } },
        agents.admin.credentials,
      );
      return { url: `/api/v1/business-calendars/${created.json().id}` };
    },
    expected: adminOnly,
  },
  {
    method: 'GET',
    path: '/sla-policies',
    success: 200,
    scopes: ['directory:read'],
    call: async () => ({ url: '/api/v1/sla-policies' }),
    expected: scoped,
  },
  {
    method: 'POST',
    path: '/sla-policies',
    success: 201,
    scopes: [],
    call: async () => ({
      url: '/api/v1/sla-policies',
      body: { name: `策略 ${unique()}`, calendarId: await calendarId(), resolution: { amount: 2, unit: 'working_days' } },
    }),
    expected: adminOnly,
  },
  {
    method: 'GET',
    path: '/sla-policies/:id',
    success: 200,
    scopes: ['directory:read'],
    call: async () => ({ url: `/api/v1/sla-policies/${await policyId()}` }),
    expected: scoped,
  },
  {
    method: 'PATCH',
    path: '/sla-policies/:id',
    success: 200,
    scopes: [],
    call: async () => ({ url: `/api/v1/sla-policies/${await policyId()}`, body: { warnAtPercent: 75 } }),
    expected: adminOnly,
  },
  {
    method: 'DELETE',
    path: '/sla-policies/:id',
    success: 204,
    scopes: [],
    call: async () => {
      const body = {
        name: `策略 ${unique()}`,
        calendarId: await calendarId(),
        active: false,
        resolution: { amount: 1, unit: 'calendar_days' },
      };
      const created = await send('POST', { url: '/api/v1/sla-policies', body }, agents.admin.credentials);
      return { url: `/api/v1/sla-policies/${created.json().id}` };
    },
    expected: adminOnly,
  },
  {
    method: 'PUT',
    path: '/business-calendars/:id/exceptions/:date',
    success: 200,
    scopes: [],
    call: async () => ({
      url: `/api/v1/business-calendars/${await calendarId()}/exceptions/2026-03-04`,
      body: { kind: 'closed', name: '系统升级' },
    }),
    expected: adminOnly,
  },
  {
    method: 'DELETE',
    path: '/business-calendars/:id/exceptions/:date',
    success: 200,
    scopes: [],
    call: async () => ({ url: `/api/v1/business-calendars/${await calendarId()}/exceptions/2026-03-04` }),
    expected: adminOnly,
  },
  {
    method: 'GET',
    path: '/business-calendars/:id/days',
    success: 200,
    scopes: ['directory:read'],
    call: async () => ({ url: `/api/v1/business-calendars/${await calendarId()}/days?from=2026-02-13&to=2026-02-24` }),
    expected: scoped,
  },
  {
    method: 'GET',
    path: '/business-calendars/:id/compute',
    success: 200,
    scopes: ['directory:read'],
    call: async () => ({
      url: `/api/v1/business-calendars/${await calendarId()}/compute?from=2026-09-29T02:00:00Z&amount=3&unit=working_days`,
    }),
    expected: scoped,
  },
  {
    method: 'GET',
    path: '/public-holidays',
    success: 200,
    scopes: ['directory:read'],
    call: async () => ({ url: '/api/v1/public-holidays' }),
    expected: scoped,
  },
  {
    method: 'PUT',
    path: '/public-holidays/:year',
    success: 200,
    scopes: [],
    call: async () => ({
      url: '/api/v1/public-holidays/2030',
      body: {
        notice: { title: '测试用放假通知', reference: '测试', issued: '2029-11-01', url: 'https://example.invalid/2030' },
        holidays: [{ name: '元旦', from: '2030-01-01', to: '2030-01-01' }],
        workdays: [],
      },
    }),
    expected: adminOnly,
  },
  { method: 'GET', path: '/stream', success: 200, scopes: [], call: async () => ({ url: '/api/v1/stream' }), expected: sessionOnly },
  {
    method: 'GET',
    path: '/webhook-endpoints',
    success: 200,
    scopes: [],
    call: async () => ({ url: '/api/v1/webhook-endpoints' }),
    expected: adminOnly,
  },
  {
    method: 'POST',
    path: '/webhook-endpoints',
    success: 201,
    scopes: [],
    call: async () => ({
      url: '/api/v1/webhook-endpoints',
      body: { name: `hook ${unique()}`, url: 'https://risk.example.cn/hooks', purposes: ['account_freeze'] },
    }),
    expected: adminOnly,
  },
  {
    method: 'PATCH',
    path: '/webhook-endpoints/:id',
    success: 200,
    scopes: [],
    call: async () => {
      const created = await send(
        'POST',
        { url: '/api/v1/webhook-endpoints', body: { name: 'spare', url: 'https://risk.example.cn/spare', purposes: ['account_freeze'] } },
        agents.admin.credentials,
      );
      return { url: `/api/v1/webhook-endpoints/${created.json().id}`, body: { active: false } };
    },
    expected: adminOnly,
  },
  {
    method: 'GET',
    path: '/webhook-deliveries',
    success: 200,
    scopes: [],
    call: async () => ({ url: '/api/v1/webhook-deliveries' }),
    expected: adminOnly,
  },
  {
    method: 'GET',
    path: '/tickets/:number/safety',
    success: 200,
    scopes: ['tickets:read'],
    call: async () => ({ url: `/api/v1/tickets/${ticket.number}/safety` }),
    expected: onTicket,
  },
  {
    method: 'POST',
    path: '/tickets/:number/identity-checks',
    success: 200,
    scopes: ['tickets:write'],
    call: async () => ({
      url: `/api/v1/tickets/${(await theftTicket()).number}/identity-checks`,
      body: { idLast4: '123X', mobileLast4: '8000' },
    }),
    expected: agentOnTicket,
  },
  {
    method: 'POST',
    path: '/tickets/:number/freeze-requests',
    success: 201,
    scopes: ['tickets:write'],
    call: async () => ({ url: `/api/v1/tickets/${(await theftTicket()).number}/freeze-requests`, body: {} }),
    expected: agentOnTicket,
  },
  {
    method: 'POST',
    path: '/freeze-requests/:id/outcome',
    success: 200,
    scopes: ['tickets:write'],
    call: async () => {
      const theft = await theftTicket();
      const clicked = await send('POST', { url: `/api/v1/tickets/${theft.number}/freeze-requests`, body: {} }, agents.admin.credentials);
      return { url: `/api/v1/freeze-requests/${clicked.json().id}/outcome`, body: { status: 'frozen', reference: 'FRZ-1' } };
    },
    expected: platformOnly,
  },
  {
    method: 'GET',
    path: '/self-service/freeze/:token',
    success: 200,
    scopes: [],
    call: async () => ({ url: `/api/v1/self-service/freeze/${(await theftTicket()).token}` }),
    expected: allowedToAll,
  },
  {
    method: 'POST',
    path: '/self-service/freeze/:token/identity-check',
    success: 200,
    scopes: [],
    call: async () => ({
      url: `/api/v1/self-service/freeze/${(await theftTicket()).token}/identity-check`,
      body: { idLast4: '1234', mobileLast4: '8000' },
    }),
    expected: allowedToAll,
  },
  {
    method: 'POST',
    path: '/self-service/freeze/:token/confirm',
    success: 201,
    scopes: [],
    call: async () => {
      const theft = await theftTicket();
      const url = `/api/v1/self-service/freeze/${theft.token}`;
      const checked = await send('POST', { url: `${url}/identity-check`, body: { idLast4: '1234', mobileLast4: '8000' } }, anonymous);
      expect(checked.json()).toMatchObject({ result: 'pass' });
      return { url: `${url}/confirm`, body: { confirm: true } };
    },
    expected: allowedToAll,
  },
];

describe('authorization matrix', () => {
  it('lists every route of the OpenAPI document', async () => {
    const doc = (await test.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{ paths: Record<string, object> }>();
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace('/api/v1', '').replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(routes.map((route) => `${route.method} ${route.path}`).sort()).toEqual(documented.sort());
  });

  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))('%s', async (_name, route) => {
    for (const actor of actors) {
      const expected = route.expected[actor];
      if (expected === undefined) throw new Error(`${route.method} ${route.path}: no expectation for ${actor}`);
      const credentials = await credentialsOf(actor, route);
      const call = await route.call();
      const where = `${route.method} ${route.path} as ${actor}`;
      if (route.path === '/stream') {
        const stream = await openStream(credentials);
        const outcome = stream.statusCode === 200 ? 'allowed' : JSON.parse(stream.body).error.code;
        expect.soft(outcome, where).toBe(expected);
        if (outcome === 'allowed') expect.soft(stream.contentType, where).toMatch(/^text\/event-stream/);
        continue;
      }
      const response = await send(route.method, call, credentials);
      // A refusal must be the envelope with a known code matching its status (asserted inside).
      const outcome = response.statusCode < 400 ? 'allowed' : expectErrorEnvelope(response, where);
      expect.soft(outcome, `${where}: ${response.statusCode} ${response.body.slice(0, 200)}`).toBe(expected);
      if (outcome === 'allowed') expect.soft(response.statusCode, where).toBe(route.success);
    }
  });
});

// ---------------------------------------------------------------- what a table cannot hold

describe('insecure direct object references', () => {
  const as = (actor: AgentActor) => agents[actor].credentials;
  const get = (url: string, credentials: Credentials) => send('GET', { url }, credentials);

  it('answers an agent outside the group exactly as for a ticket number that does not exist', async () => {
    const missing = `HY${ticket.number.slice(2, 8)}9999`;
    const probes: [Method, (number: string) => Call][] = [
      ['GET', (number) => ({ url: `/api/v1/tickets/${number}` })],
      ['GET', (number) => ({ url: `/api/v1/tickets/${number.toLowerCase()}/articles` })],
      ['GET', (number) => ({ url: `/api/v1/tickets/${number}/audit` })],
      ['PATCH', (number) => ({ url: `/api/v1/tickets/${number}`, body: { status: 'open' } })],
      ['POST', (number) => ({ url: `/api/v1/tickets/${number}/articles`, body: { kind: 'outbound', bodyText: '您好' } })],
      ['POST', (number) => ({ url: `/api/v1/tickets/${number}/merge`, body: { targetNumber: `${missing.slice(0, -1)}8` } })],
    ];
    for (const [method, call] of probes) {
      const existing = await send(method, call(ticket.number), as('agentOutsideGroup'));
      const absent = await send(method, call(missing), as('agentOutsideGroup'));
      expectError(existing, 'TICKET_NOT_FOUND', `${method} ${call(ticket.number).url}`);
      expect(existing.body).toBe(absent.body);
    }
    // Merging one's own ticket into a ticket of another group must not reveal the target either.
    const own = await buildTicket(test.ctx, { groupId: groupB.id });
    const into = await send(
      'POST',
      { url: `/api/v1/tickets/${own.number}/merge`, body: { targetNumber: ticket.number } },
      as('agentOutsideGroup'),
    );
    expectError(into, 'TICKET_NOT_FOUND');
    expect((await get(`/api/v1/tickets/${ticket.number}`, as('admin'))).json().status).not.toBe('merged');
  });

  it('does not list or find the ticket for an agent outside the group by number, group or customer', async () => {
    const outside = as('agentOutsideGroup');
    for (const query of [`q=${ticket.number}`, `group=${groupA.id}`, `customer=${ticket.customerId}`, 'limit=100']) {
      const response = await get(`/api/v1/tickets?${query}`, outside);
      expect(response.statusCode).toBe(200);
      expect(
        response.json().items.map((item: { number: string }) => item.number),
        query,
      ).not.toContain(ticket.number);
    }
    const inside = await get(`/api/v1/tickets?q=${ticket.number}`, as('agentInGroup'));
    expect(inside.json().items.map((item: { number: string }) => item.number)).toEqual([ticket.number]);
  });

  it('lets an agent of another group see a ticket once it is assigned to them', async () => {
    const assigned = await buildTicket(test.ctx, { groupId: groupA.id });
    await send(
      'PATCH',
      { url: `/api/v1/groups/${groupA.id}`, body: { memberIds: [agents.agentInGroup.id, agents.agentOutsideGroup.id] } },
      as('admin'),
    );
    const assign = await send(
      'PATCH',
      { url: `/api/v1/tickets/${assigned.number}`, body: { assigneeId: agents.agentOutsideGroup.id } },
      as('admin'),
    );
    expect(assign.statusCode, assign.body).toBe(200);
    await send('PATCH', { url: `/api/v1/groups/${groupA.id}`, body: { memberIds: [agents.agentInGroup.id] } }, as('admin'));
    // No longer a member of group A, but still the assignee.
    expect((await get(`/api/v1/tickets/${assigned.number}`, as('agentOutsideGroup'))).statusCode).toBe(200);
    expectError(await get(`/api/v1/tickets/${ticket.number}`, as('agentOutsideGroup')), 'TICKET_NOT_FOUND');
  });

  it('answers an attachment id of a ticket out of sight exactly as an id that does not exist', async () => {
    const existing = await get(`/api/v1/attachments/${attachmentId}`, as('agentOutsideGroup'));
    const absent = await get(`/api/v1/attachments/${UNKNOWN_ID}`, as('agentOutsideGroup'));
    expectError(existing, 'ATTACHMENT_NOT_FOUND');
    expect(existing.body).toBe(absent.body);
    expect((await get(`/api/v1/attachments/${attachmentId}`, as('agentInGroup'))).statusCode).toBe(200);
  });

  it('keeps an upload not yet sent to its uploader', async () => {
    const upload = await send('POST', { url: '/api/v1/attachments', upload: { fileName: '身份证.png', content: PNG } }, as('agentInGroup'));
    expect(upload.statusCode).toBe(201);
    const url = `/api/v1/attachments/${upload.json().id}`;
    expect((await get(url, as('agentInGroup'))).statusCode).toBe(200);
    for (const actor of ['agentOutsideGroup', 'supervisor', 'admin'] as const)
      expectError(await get(url, as(actor)), 'ATTACHMENT_NOT_FOUND', actor);
    expectError(await get(url, await token(apiTokenScopes)), 'ATTACHMENT_NOT_FOUND');
    // Nor can anyone else send it on a ticket as their own file.
    const steal = await send(
      'POST',
      { url: `/api/v1/tickets/${ticket.number}/articles`, body: { kind: 'note', bodyText: '附件', attachmentIds: [upload.json().id] } },
      as('supervisor'),
    );
    expectError(steal, 'ATTACHMENT_UNAVAILABLE');
  });

  it('does not hand an API token the files of internal notes, which its articles list leaves out', async () => {
    const noteFile = await attachToTicket(ticket.number, 'internal');
    const platform = await token(['tickets:read']);
    const articles = (await get(`/api/v1/tickets/${ticket.number}/articles`, platform)).json();
    expect(JSON.stringify(articles)).not.toContain(noteFile);
    expectError(await get(`/api/v1/attachments/${noteFile}`, platform), 'ATTACHMENT_NOT_FOUND');
    expect((await get(`/api/v1/attachments/${noteFile}`, as('agentInGroup'))).statusCode).toBe(200);
    expect((await get(`/api/v1/attachments/${attachmentId}`, platform)).statusCode).toBe(200);
  });
});

describe('credentials that no longer hold', () => {
  it('refuses a revoked API token with 401 on every route, at once', async () => {
    const revoked = await buildApiToken(test.ctx, ['tickets:read']);
    expect((await send('GET', { url: '/api/v1/tickets' }, revoked)).statusCode).toBe(200);
    const revoke = await send('DELETE', { url: `/api/v1/api-tokens/${revoked.tokenId}` }, agents.admin.credentials);
    expect(revoke.statusCode).toBe(200);
    expectError(await send('GET', { url: '/api/v1/tickets' }, revoked), 'UNAUTHENTICATED');
    expectError(await send('GET', { url: `/api/v1/tickets/${ticket.number}` }, revoked), 'UNAUTHENTICATED');
    expectError(await send('GET', { url: '/api/v1/health' }, revoked), 'UNAUTHENTICATED');
  });

  it('refuses a cookie session that writes without its X-CSRF-Token, and changes nothing', async () => {
    const { cookie = '', 'x-csrf-token': csrf = '' } = agents.admin.credentials.headers;
    const before = (await send('GET', { url: `/api/v1/tickets/${ticket.number}` }, { headers: { cookie } })).json();
    const attempts: Record<string, string>[] = [{ cookie }, { cookie, 'x-csrf-token': `${csrf}x` }, { cookie, 'x-csrf-token': '' }];
    for (const headers of attempts) {
      expectError(
        await send('PATCH', { url: `/api/v1/tickets/${ticket.number}`, body: { priority: 'urgent' } }, { headers }),
        'CSRF_TOKEN_INVALID',
      );
      expectError(await send('POST', { url: '/api/v1/customers', body: { name: '伪造' } }, { headers }), 'CSRF_TOKEN_INVALID');
      expectError(await send('DELETE', { url: `/api/v1/api-tokens/${UNKNOWN_ID}` }, { headers }), 'CSRF_TOKEN_INVALID');
      expectError(await send('POST', { url: '/api/v1/auth/logout' }, { headers }), 'CSRF_TOKEN_INVALID');
    }
    const after = (await send('GET', { url: `/api/v1/tickets/${ticket.number}` }, { headers: { cookie } })).json();
    expect(after.priority).toBe(before.priority);
    expect(after.updatedAt).toBe(before.updatedAt);
  });

  it("refuses a deactivated agent's session with 401", async () => {
    const leaving = await buildAgent(test, { role: 'supervisor', groupIds: [groupA.id] });
    expect((await send('GET', { url: '/api/v1/tickets' }, leaving.credentials)).statusCode).toBe(200);
    const deactivate = await send('PATCH', { url: `/api/v1/agents/${leaving.id}`, body: { active: false } }, agents.admin.credentials);
    expect(deactivate.statusCode, deactivate.body).toBe(200);
    expectError(await send('GET', { url: '/api/v1/tickets' }, leaving.credentials), 'UNAUTHENTICATED');
    expectError(await send('GET', { url: '/api/v1/auth/session' }, leaving.credentials), 'UNAUTHENTICATED');
    expectError(await send('POST', { url: '/api/v1/customers', body: { name: '离职后' } }, leaving.credentials), 'UNAUTHENTICATED');
    const again = await test.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: leaving.email, password: TEST_PASSWORD },
    });
    expectError(again, 'INVALID_CREDENTIALS');
  });

  it('refuses a session past its lifetime with 401', async () => {
    const session = await login(test.app, agents.agentInGroup.email, TEST_PASSWORD);
    const started = test.clock.now();
    try {
      test.clock.advance(test.config.sessionTtlHours * 3_600_000 - 1_000);
      expect((await send('GET', { url: '/api/v1/auth/session' }, session)).statusCode).toBe(200);
      test.clock.advance(1_000);
      expectError(await send('GET', { url: '/api/v1/auth/session' }, session), 'UNAUTHENTICATED');
      expectError(await send('GET', { url: `/api/v1/tickets/${ticket.number}` }, session), 'UNAUTHENTICATED');
      expectError(await send('POST', { url: '/api/v1/customers', body: { name: '过期' } }, session), 'UNAUTHENTICATED');
    } finally {
      test.clock.set(started);
    }
  });
});
