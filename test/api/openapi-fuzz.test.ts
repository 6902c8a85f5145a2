/**
 * Schema-driven fuzzing of the whole API, from its own OpenAPI document.
 *
 * For every operation it sends requests derived from the schema (valid-ish:
 * path parameters from their pattern or format, query strings, JSON bodies)
 * and hostile ones (malformed JSON, wrong types, over-long strings, unknown
 * fields, deep nesting, huge arrays, bodies over 1 MiB, bytes that are not
 * UTF-8, NUL and lone surrogates, bad percent-encoding, path traversal, wrong
 * content types, multipart uploads with hostile names and sizes), and checks:
 *
 * - never a 5xx;
 * - every 4xx is the error envelope with a known code, its status, and both messages;
 * - no partial writes: a 4xx leaves the row count of every domain table unchanged,
 *   and no staged upload is left behind.
 *
 * The seed is fixed (FUZZ_SEED overrides it); fast-check prints seed and path on failure.
 * FUZZ_RUNS_SCALE multiplies the number of runs for a longer hunt.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import type { ErrorCode } from '@common/errors/error-codes';
import { apiTokenScopes } from '@common/tickets/ticket-fields';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db';
import { type AgentFixture, buildAgent, buildApiToken, buildGroup, buildTicket, TEST_PASSWORD } from '../factories';
import { login } from '../support/api-client';
import { expectError, expectErrorEnvelope } from '../support/error-envelope';
import { createTestApp, type TestApp } from '../support/test-app';
import { type PlatformServer, startPlatformServer } from '../support/platform-server';
import { issueSelfServiceToken } from '../../src/emergency';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_123);
/** FUZZ_RUNS_SCALE=10 for a longer hunt than CI's. */
const RUNS_SCALE = Number(process.env.FUZZ_RUNS_SCALE ?? 1);
const ATTACHMENT_MAX_BYTES = 64 * 1024;
const MIB = 1024 * 1024;
/** No single request may hold the server this long (a quadratic regex on a 500 kB body takes minutes). */
const SLOW_REQUEST_MS = 10_000;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  minProperties?: number;
  anyOf?: JsonSchema[];
  default?: unknown;
}

interface OpenApiParameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

interface Operation {
  method: Method;
  /** OpenAPI path template, e.g. /api/v1/tickets/{number}. */
  path: string;
  pathParams: OpenApiParameter[];
  query: OpenApiParameter[];
  body: JsonSchema | undefined;
  multipart: boolean;
}

interface FuzzRequest {
  kind: string;
  /** Set on schema-derived requests: the operation they were derived for. */
  operation?: string;
  method: Method;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

interface Parts {
  path: Record<string, string>;
  query: [string, string][];
  body: unknown;
}

let test: TestApp;
let admin: AgentFixture;
let tokenHeaders: Record<string, string>;
let operations: Operation[];
/** Ids and numbers of rows that exist, so generated requests also reach past the "not found" checks. */
const known = {
  groups: [] as string[],
  agents: [] as string[],
  customers: [] as string[],
  attachments: [] as string[],
  tokens: [] as string[],
  numbers: [] as string[],
  /** Customers' self-service links (freeze). */
  selfServiceTokens: [] as string[],
  /** Suspected-theft tickets, kept apart from `numbers` so the generic ticket operations do not retype or close them. */
  theftNumbers: [] as string[],
  freezeRequests: [] as string[],
  calendars: [] as string[],
  policies: [] as string[],
};
/** Real dates in the known holiday years, for `YYYY-MM-DD` fields (generated ones are mostly impossible dates). */
const knownDates = ['2026-02-14', '2026-03-04', '2026-10-01', '2026-10-10'];
/** A year no notice ships for, so an admin may enter it, and dates in it. */
const ENTERED_YEAR = 2031;
const datesOfEnteredYear = ['2031-01-01', '2031-01-02', '2031-10-01', '2031-10-07', '2031-10-11'];
/** Problem-type codes of the seeded taxonomy, for `{code}` path parameters. */
const knownProblemTypeCodes = ['login_verification', 'balance_wrong', 'suspected_theft', 'suggestion'];
/** The platform's back-end: a real local server, so identity checks get an answer and nothing leaves the machine. */
let platform: PlatformServer;
const PLATFORM_SECRET = 'whsec_fuzz_0123456789abcdefghijklmnopq';
const tables = [
  'ticket',
  'article',
  'attachment',
  'customer',
  'customer_contact_point',
  'audit_entry',
  'outbox_event',
  'job',
  'agent',
  'skill_group',
  'skill_group_member',
  'api_token',
] as const;
let counts: Record<string, number>;
/** Operations that accepted a schema-derived request. */
const accepted = new Set<string>();

async function countRows(): Promise<Record<string, number>> {
  const columns = sql.join(
    tables.map((table) => sql`(select count(*)::int from ${sql.identifier(table)}) as ${sql.identifier(table)}`),
    sql`, `,
  );
  const [row] = await queryRows<Record<string, number>>(test.ctx.db, sql`select ${columns}`);
  if (!row) throw new Error('no counts');
  return row;
}

function stagedUploads(): string[] {
  const dir = path.join(test.config.dataDir, 'tmp');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

beforeAll(async () => {
  test = await createTestApp({ env: { ATTACHMENT_MAX_BYTES: String(ATTACHMENT_MAX_BYTES) } });
  const front = await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  const complaints = await buildGroup(test.ctx, { name: '投诉组' });
  admin = await buildAgent(test, { role: 'admin', groupIds: [front.id] });
  const colleague = await buildAgent(test, { role: 'agent', groupIds: [complaints.id] });
  tokenHeaders = (await buildApiToken(test.ctx, [...apiTokenScopes])).headers;
  const spare = await buildApiToken(test.ctx, ['tickets:read']);
  // Opened two days ago, so a customer's press (催办) on them is allowed, not only refused as too early.
  const now = test.clock.now();
  test.clock.set(new Date(now.getTime() - 48 * 3_600_000));
  const tickets = [
    await buildTicket(test.ctx),
    await buildTicket(test.ctx),
    await buildTicket(test.ctx, { groupId: complaints.id }),
    await buildTicket(test.ctx, { status: 'pending_customer' }),
    await buildTicket(test.ctx, { status: 'open', priority: 'urgent', tags: ['提现'] }),
  ];
  test.clock.set(now);
  // Two formal complaints, so the complaint-clock operations reach past "not a complaint".
  for (const complaint of tickets.slice(0, 2)) {
    const marked = await test.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${complaint.number}`,
      headers: { ...admin.credentials.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ isFormalComplaint: true }),
    });
    expect(marked.statusCode, marked.body).toBe(200);
  }
  await test.settle();
  const upload = await test.app.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    ...multipartRequest({ fileName: '截图.png', content: PNG }),
    headers: { ...admin.credentials.headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  });
  expect(upload.statusCode, upload.body).toBe(201);
  // The admin's own id and the fuzzing token's id stay out: demoting or revoking them would end the run early.
  known.groups.push(front.id, complaints.id);
  known.agents.push(colleague.id);
  known.customers.push(...tickets.map((t) => t.customerId));
  known.attachments.push(upload.json().id);
  known.tokens.push(spare.tokenId);
  known.numbers.push(...tickets.map((t) => t.number));
  const calendars = await test.app.inject({ method: 'GET', url: '/api/v1/business-calendars', headers: admin.credentials.headers });
  known.calendars.push(...calendars.json().map((calendar: { id: string }) => calendar.id));
  // A calendar and a policy nothing counts on, so their deletion can succeed too.
  const spareCalendar = await test.app.inject({
    method: 'POST',
    url: '/api/v1/business-calendars',
    headers: admin.credentials.headers,
    payload: { name: '备用日历' },
  });
  known.calendars.push(spareCalendar.json().id);
  const policies = await test.app.inject({ method: 'GET', url: '/api/v1/sla-policies', headers: admin.credentials.headers });
  known.policies.push(...policies.json().map((policy: { id: string }) => policy.id));
  const sparePolicy = await test.app.inject({
    method: 'POST',
    url: '/api/v1/sla-policies',
    headers: admin.credentials.headers,
    payload: { name: '备用策略', calendarId: known.calendars[0], active: false, resolution: { amount: 1, unit: 'working_days' } },
  });
  known.policies.push(sparePolicy.json().id);

  platform = await startPlatformServer({ secret: PLATFORM_SECRET, nowMs: () => test.clock.now().getTime() });
  platform.state.reply = (call) =>
    call.path === '/identity' ? { status: 200, body: { result: 'pass' } } : { status: 200, body: { status: 'accepted' } };
  for (const [purpose, where] of [
    ['identity_check', '/identity'],
    ['account_freeze', '/freeze'],
  ] as const) {
    const created = await test.app.inject({
      method: 'POST',
      url: '/api/v1/webhook-endpoints',
      headers: admin.credentials.headers,
      payload: { name: purpose, url: `${platform.url}${where}`, purposes: [purpose], secret: PLATFORM_SECRET },
    });
    expect(created.statusCode, created.body).toBe(201);
  }
  // Endpoints the fuzzing registers come later, so the platform's own stay the ones in use (the oldest active).
  test.clock.advance(1_000);
  for (let i = 0; i < 3; i++) {
    const theft = await buildTicket(test.ctx, { groupId: front.id, problemType: 'suspected_theft', priority: 'urgent' });
    known.theftNumbers.push(theft.number);
    const freeze = await test.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${theft.number}/freeze-requests`,
      headers: admin.credentials.headers,
      payload: {},
    });
    expect(freeze.statusCode, freeze.body).toBe(201);
    known.freezeRequests.push(freeze.json().id);
    known.selfServiceTokens.push(
      issueSelfServiceToken(test.config.selfServiceSecret as string, theft.id, new Date(test.clock.now().getTime() + 86_400_000)),
    );
  }

  const response = await test.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  expect(response.statusCode).toBe(200);
  const doc = response.json<OpenApiDocument>();
  operations = Object.entries(doc.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, operation]): Operation => {
      const parameters = operation.parameters ?? [];
      const content = operation.requestBody?.content ?? {};
      return {
        method: method.toUpperCase() as Method,
        path: template,
        pathParams: parameters.filter((p) => p.in === 'path'),
        query: parameters.filter((p) => p.in === 'query'),
        body: content['application/json']?.schema,
        multipart: template.endsWith('/attachments') && method === 'post',
      };
    }),
  );
  // The live feed is an endless event stream; the reference pages are not part of the API.
  operations = operations.filter((op) => op.path !== '/api/v1/stream' && !op.path.startsWith('/api/v1/docs'));
  counts = await countRows();
});
afterAll(async () => {
  await test.close();
  await platform.close();
});

// ---------------------------------------------------------------- generators from the schema

const UUID_ZERO = '00000000-0000-0000-0000-000000000000';
const OMITTED = Symbol('omitted');
const sample = [
  '提现未到账',
  '账号被冻结 请尽快处理',
  "' or 1=1 --",
  '<script>alert(1)</script>',
  'a:* & !b | (c',
  '100%_off\\',
  '\u3000全角\u3000',
  '😀👍🏽',
];

function textArbitrary(min: number, max: number): fc.Arbitrary<string> {
  const cap = Math.max(min, Math.min(max, 40));
  return fc
    .oneof(
      fc.string({ minLength: min, maxLength: cap }),
      fc.string({ minLength: min, maxLength: cap, unit: 'grapheme' }),
      fc.constantFrom(...sample),
    )
    .filter((s) => s.length >= min && s.length <= max);
}

const dateTime = fc.oneof(
  fc
    .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  // Spellings the date-time format also accepts: lower case, offsets, a leap second, the edges of the calendar.
  fc.constantFrom(
    '2026-11-23t02:00:00z',
    '2026-11-23 10:00:00+08:00',
    '2016-12-31T23:59:60Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59-14:00',
  ),
);

/** Existing ids a uuid field most likely refers to, by its name (`groupId`, `customer.id`) or, for `id`, by the path. */
function knownIds(name: string, where: string): string[] {
  const subject = name === 'id' ? where : name;
  if (/customer/i.test(subject)) return known.customers;
  if (/group/i.test(subject)) return known.groups;
  if (/assignee|member|agent/i.test(subject)) return known.agents;
  if (/attachment/i.test(subject)) return known.attachments;
  if (/api-token/i.test(subject)) return known.tokens;
  if (/freeze-requests/i.test(subject)) return known.freezeRequests;
  if (/business-calendars|calendarId/i.test(subject)) return known.calendars;
  if (/sla-policies/i.test(subject)) return known.policies;
  return Object.entries(known)
    .filter(([key]) => key !== 'selfServiceTokens')
    .flatMap(([, ids]) => ids);
}

/** A string for the schema; `name` is the field's path in the request and `where` the operation's path. */
function stringArbitrary(schema: JsonSchema, name = '', where = ''): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 200;
  if (schema.format === 'uuid') {
    const field = name.split('.').at(-1) ?? '';
    const ids = knownIds(field === 'id' && name.includes('.') ? name : field, where);
    return fc.oneof(
      { arbitrary: fc.constantFrom(...ids), weight: 3 },
      { arbitrary: fc.oneof(fc.uuid(), fc.constant(UUID_ZERO)), weight: 1 },
    );
  }
  if (schema.format === 'date-time') return dateTime;
  if (name.endsWith('contactPoints.value')) {
    // Mostly well-formed e-mails, mainland mobiles and WeChat openids, so customers get created too.
    const wellFormed = fc.oneof(fc.emailAddress(), fc.stringMatching(/^1[3-9]\d{9}$/), fc.stringMatching(/^[A-Za-z0-9_-]{6,64}$/));
    return fc.oneof({ arbitrary: wellFormed.filter((s) => s.length <= max), weight: 3 }, { arbitrary: textArbitrary(min, max), weight: 1 });
  }
  if (schema.format === 'email') return fc.emailAddress().filter((s) => s.length <= max);
  if (name === 'code' && schema.pattern) {
    const generated = fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
    return fc.oneof({ arbitrary: fc.constantFrom(...knownProblemTypeCodes), weight: 3 }, { arbitrary: generated, weight: 1 });
  }
  if (schema.pattern) {
    const generated = fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
    if (name === 'token')
      return fc.oneof({ arbitrary: fc.constantFrom(...known.selfServiceTokens), weight: 3 }, { arbitrary: generated, weight: 1 });
    if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') {
      const dates = where.includes('public-holidays') ? datesOfEnteredYear : knownDates;
      return fc.oneof({ arbitrary: fc.constantFrom(...dates), weight: 3 }, { arbitrary: generated, weight: 1 });
    }
    if (name === 'year') return fc.oneof({ arbitrary: fc.constant(String(ENTERED_YEAR)), weight: 3 }, { arbitrary: generated, weight: 1 });
    if (!schema.pattern.includes('[Hh][Yy]')) return generated;
    // The safety routes act on suspected-theft tickets (a freeze on any other is refused by design).
    const numbers = /safety|identity-checks|freeze-requests/.test(where) ? known.theftNumbers : known.numbers;
    return fc.oneof({ arbitrary: fc.constantFrom(...numbers), weight: 3 }, { arbitrary: generated, weight: 1 });
  }
  return textArbitrary(min, max);
}

function valueArbitrary(schema: JsonSchema, name = '', where = ''): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((option) => valueArbitrary(option, name, where)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema, name, where);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = valueArbitrary(schema.items ?? {}, name, where);
      const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 5) };
      return schema.uniqueItems
        ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) })
        : fc.array(items, constraints);
    }
    case 'object': {
      const required = schema.required ?? [];
      // Each optional field is left out half the time (fast-check's own records keep most), so that requests
      // carrying one field that is bound to fail (an unknown id, an illegal move) do not hide the rest.
      const model = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, value]) => {
          const field = valueArbitrary(value, name ? `${name}.${key}` : key, where);
          return [key, required.includes(key) ? field : fc.option(field, { nil: OMITTED, freq: 2 })];
        }),
      );
      const record = fc.record(model).map((value) => Object.fromEntries(Object.entries(value).filter(([, field]) => field !== OMITTED)));
      const minProperties = schema.minProperties ?? 0;
      return minProperties > 0 ? record.filter((value) => Object.keys(value).length >= minProperties) : record;
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function queryValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(queryValues);
  return [typeof value === 'string' ? value : JSON.stringify(value)];
}

function partsArbitrary(op: Operation): fc.Arbitrary<Parts> {
  const pathArb = fc.record(Object.fromEntries(op.pathParams.map((p) => [p.name, stringArbitrary(p.schema, p.name, op.path)])));
  const queryModel = Object.fromEntries(op.query.map((p) => [p.name, valueArbitrary(p.schema, p.name, op.path)]));
  // Parameters with a default are marked required in the document, but may be left out.
  const requiredQuery = op.query.filter((p) => p.required && p.schema.default === undefined).map((p) => p.name);
  const queryArb = fc
    .record(queryModel, { requiredKeys: requiredQuery })
    .map((values) => Object.entries(values).flatMap(([key, value]) => queryValues(value).map((v): [string, string] => [key, v])));
  const bodyArb = op.body ? valueArbitrary(op.body, '', op.path) : fc.constant(undefined);
  return fc.record({ path: pathArb, query: queryArb, body: bodyArb });
}

/** Percent-encodes the UTF-8 bytes of a string; a lone surrogate becomes U+FFFD instead of throwing. */
function percentEncode(text: string): string {
  return text.isWellFormed()
    ? encodeURIComponent(text)
    : [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

function buildUrl(op: Operation, pathValues: Record<string, string>, query: [string, string][], raw = false): string {
  const filled = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = pathValues[name] ?? UUID_ZERO;
    return raw ? value : percentEncode(value);
  });
  const search = query.map(([key, value]) => `${percentEncode(key)}=${raw ? value : percentEncode(value)}`).join('&');
  return search ? `${filled}?${search}` : filled;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

function jsonRequest(
  kind: string,
  op: Operation,
  parts: Parts,
  payload?: string | Buffer,
  headers: Record<string, string> = JSON_HEADERS,
): FuzzRequest {
  const body = payload ?? (parts.body === undefined ? undefined : JSON.stringify(parts.body));
  return {
    kind,
    method: op.method,
    url: buildUrl(op, parts.path, parts.query),
    headers: body === undefined ? {} : headers,
    ...(body === undefined ? {} : { payload: body }),
  };
}

// ---------------------------------------------------------------- multipart

const BOUNDARY = 'huiying-fuzz-boundary';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f30000000049454e44ae426082',
  'hex',
);

interface Upload {
  fileName: string;
  content: Buffer;
  fieldName?: string;
  /** Sends the name RFC 5987-encoded (filename*=UTF-8''...), which is how control characters and slashes survive a header. */
  encodedName?: boolean;
  boundary?: string;
  truncated?: boolean;
}

function multipartRequest(upload: Upload): { headers: Record<string, string>; payload: Buffer } {
  const boundary = upload.boundary ?? BOUNDARY;
  const name = upload.encodedName
    ? `filename*=UTF-8''${percentEncode(upload.fileName)}`
    : `filename="${upload.fileName.replace(/"/g, '%22')}"`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${upload.fieldName ?? 'file'}"; ${name}\r\nContent-Type: image/png\r\n\r\n`;
  const tail = upload.truncated ? '' : `\r\n--${boundary}--\r\n`;
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head, 'utf8'), upload.content, Buffer.from(tail)]),
  };
}

const hostileFileNames = [
  '../../x.png',
  '..\\..\\x.png',
  'a/b.png',
  '/etc/passwd',
  '..',
  '.',
  ' ',
  'x\u0001y.png',
  'x\u0000.png',
  'x\u007f.png',
  'evil\r\nX-Injected: 1.png',
  '%2e%2e%2fx.png',
  `${'长'.repeat(90)}.png`,
  '正常截图.png',
];

const uploadArbitrary: fc.Arbitrary<Upload> = fc.record(
  {
    fileName: fc.oneof(fc.constantFrom(...hostileFileNames), fc.string({ maxLength: 30, unit: 'binary' })),
    content: fc.oneof(
      fc.constant(PNG),
      fc.constant(Buffer.from('对账单：2026-11 提现 5000 元\n', 'utf8')),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      fc.constant(Buffer.alloc(0)),
      fc.constant(Buffer.concat([PNG, Buffer.alloc(ATTACHMENT_MAX_BYTES)])),
      fc.constant(Buffer.concat([PNG, Buffer.alloc(MIB + 1024)])),
    ),
    fieldName: fc.constantFrom('file', 'file', 'attachment'),
    encodedName: fc.boolean(),
    boundary: fc.constantFrom(BOUNDARY, BOUNDARY, 'b'.repeat(300)),
    truncated: fc.boolean(),
  },
  { requiredKeys: ['fileName', 'content'] },
);

function uploadRequest(upload: Upload, kind = 'multipart upload'): FuzzRequest {
  return { kind, method: 'POST', url: '/api/v1/attachments', ...multipartRequest(upload) };
}

const rawUpload = (kind: string, contentType: string, payload: string): FuzzRequest => ({
  kind,
  method: 'POST',
  url: '/api/v1/attachments',
  headers: { 'content-type': contentType },
  payload,
});

/** Uploads that cannot be read, with the code each must get. */
const malformedUploads: { request: FuzzRequest; code: ErrorCode }[] = [
  { request: rawUpload('multipart without boundary', 'multipart/form-data', 'x'), code: 'VALIDATION_FAILED' },
  { request: rawUpload('multipart garbage', 'multipart/form-data; boundary=abc', 'garbage'), code: 'VALIDATION_FAILED' },
  {
    request: rawUpload('multipart without parts', `multipart/form-data; boundary=${BOUNDARY}`, `--${BOUNDARY}--\r\n`),
    code: 'VALIDATION_FAILED',
  },
  { request: rawUpload('JSON to the upload', 'application/json', '{"file":"x"}'), code: 'UNSUPPORTED_MEDIA_TYPE' },
  {
    request: uploadRequest({ fileName: 'a.png', content: PNG, boundary: 'b'.repeat(300) }, 'boundary over 256 characters'),
    code: 'VALIDATION_FAILED',
  },
  { request: uploadRequest({ fileName: 'a.png', content: PNG, truncated: true }, 'body cut off'), code: 'VALIDATION_FAILED' },
  {
    request: uploadRequest(
      { fileName: 'a.png', content: Buffer.concat([PNG, Buffer.alloc(40_000)]), truncated: true },
      'long body cut off',
    ),
    code: 'VALIDATION_FAILED',
  },
  {
    request: uploadRequest({ fileName: 'a.png', content: PNG, fieldName: 'attachment' }, 'file under another name'),
    code: 'VALIDATION_FAILED',
  },
];

/** Only the first file is read; a second one is ignored rather than refused. */
const twoFiles: FuzzRequest = {
  kind: 'two files',
  method: 'POST',
  url: '/api/v1/attachments',
  headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  payload: Buffer.concat([
    multipartRequest({ fileName: 'a.png', content: PNG, truncated: true }).payload,
    Buffer.from('\r\n'),
    multipartRequest({ fileName: 'b.png', content: PNG }).payload,
  ]),
};

const multipartArbitrary: fc.Arbitrary<FuzzRequest> = fc.oneof(
  uploadArbitrary.map((upload) => uploadRequest(upload)),
  fc.constantFrom(...malformedUploads.map((upload) => upload.request), twoFiles),
);

// ---------------------------------------------------------------- hostile mutations

const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  fc.string({ maxLength: 10 }),
);

/** Top-level and one-level-nested properties of a body schema, with their schemas. */
interface Field {
  path: string[];
  schema: JsonSchema;
}

function bodyFields(schema: JsonSchema | undefined): Field[] {
  const out: Field[] = [];
  const visit = (node: JsonSchema, at: string[]) => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      out.push({ path: [...at, key], schema: child });
      if (at.length === 0) visit(child, [key]);
      for (const option of child.anyOf ?? []) if (at.length === 0) visit(option, [key]);
    }
  };
  if (schema) visit(schema, []);
  return out;
}

function withValueAt(body: unknown, at: string[], value: unknown): Record<string, unknown> {
  const root: Record<string, unknown> = typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body } : {};
  let node = root;
  for (const key of at.slice(0, -1)) {
    const child = node[key];
    const copy: Record<string, unknown> = typeof child === 'object' && child !== null && !Array.isArray(child) ? { ...child } : {};
    node[key] = copy;
    node = copy;
  }
  const last = at[at.length - 1];
  if (last !== undefined) node[last] = value;
  return root;
}

function nested(depth: number, kind: 'object' | 'array'): string {
  return kind === 'object' ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** Bytes that are not UTF-8: a UTF-16 BOM, GBK for 中文, a lone lead byte, an encoded surrogate, an overlong slash. */
const invalidUtf8 = fc.constantFrom(
  Buffer.from([0xff, 0xfe]),
  Buffer.from([0xd6, 0xd0, 0xce, 0xc4]),
  Buffer.from([0xc3]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xc0, 0xaf]),
);

const unstorable = fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\udc00\ud800');

const badPercent = fc.constantFrom('%00', 'a%00b', '%E0%A4%A', '%ZZ', '%', '%FF', '%ED%A0%80', '%C0%AF', '%u4e2d', '%%32%65');

const traversal = fc.constantFrom(
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%252e%252e%252fetc%252fpasswd',
  '..\\..\\windows\\win.ini',
  '....//....//etc/passwd',
  'HY2611230001/../../../etc/passwd',
);

function cursorOf(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Cursors that decode: dates at and beyond the edges of the calendar, wrong shapes. */
const craftedCursors = [
  cursorOf(['-271821-04-20T00:00:00.000Z', UUID_ZERO]),
  cursorOf(['+275760-09-13T00:00:00.000Z', UUID_ZERO]),
  cursorOf(['0000-01-01T00:00:00.000Z', UUID_ZERO]),
  cursorOf(['-004714-11-23T00:00:00.000Z', UUID_ZERO]),
  cursorOf(['2026-11-23T02:00:00.000Z', 'not-a-uuid']),
  cursorOf([1, 2]),
  cursorOf({ a: 1 }),
  'not base64 !!',
];
const craftedCursor = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => cursorOf([d.toISOString(), UUID_ZERO])),
  fc.constantFrom(...craftedCursors),
);

/** Query values of the wrong type or out of range, for any parameter. */
const hostileQueryValues = ['abc', '-1', '0', '1e309', '101', '1.5', '', 'TRUE', '[]', '0000-01-01T00:00:00Z', '2016-12-31T23:59:60Z'];

/** One arbitrary per kind of hostile request; uploads get three shares on the upload operation. */
function hostileKinds(op: Operation): fc.Arbitrary<FuzzRequest>[] {
  const parts = partsArbitrary(op);
  const fields = bodyFields(op.body);
  const stringFields = fields.filter((f) => f.schema.type === 'string' || f.schema.anyOf?.some((s) => s.type === 'string'));
  const arrayFields = fields.filter((f) => f.schema.type === 'array');
  const anyField = fields.length > 0 ? fc.constantFrom(...fields) : fc.constant<Field>({ path: ['unknown'], schema: {} });
  const stringField = stringFields.length > 0 ? fc.constantFrom(...stringFields) : anyField;
  const arrayField = arrayFields.length > 0 ? fc.constantFrom(...arrayFields) : anyField;
  const kinds: fc.Arbitrary<FuzzRequest>[] = [
    fc
      .tuple(
        parts,
        fc.oneof(fc.constantFrom('{', '{"a":', '[1,2', "{'a':1}", '{"a":1,}', 'nul', '"open', '{"a":1}}', '\ufeff{}', ' '), fc.string()),
      )
      .map(([p, text]) => jsonRequest('malformed JSON', op, p, text)),
    fc
      .tuple(parts, anyField, wrongValue)
      .map(([p, field, value]) => jsonRequest('wrong type', op, p, JSON.stringify(withValueAt(p.body, field.path, value)))),
    fc
      .tuple(parts, fc.constantFrom('[]', '"text"', '42', 'null', 'true'))
      .map(([p, text]) => jsonRequest('body of the wrong type', op, p, text)),
    fc.tuple(parts, stringField, fc.integer({ min: 1, max: 64 }), fc.constantFrom('x', '长', ' ')).map(([p, field, extra, unit]) => {
      const length = (field.schema.maxLength ?? 10_000) + extra;
      return jsonRequest('over-long string', op, p, JSON.stringify(withValueAt(p.body, field.path, unit.repeat(length))));
    }),
    fc
      .tuple(
        parts,
        fc.oneof(fc.constantFrom('__proto__', 'constructor', 'isAdmin', 'role', 'id', ''), fc.string({ maxLength: 12 })),
        wrongValue,
      )
      .map(([p, key, value]) => {
        const base = JSON.stringify(typeof p.body === 'object' && p.body !== null ? p.body : {});
        const extraField = `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`;
        return jsonRequest('unknown field', op, p, base === '{}' ? `{${extraField}}` : `${base.slice(0, -1)},${extraField}}`);
      }),
    fc
      .tuple(parts, anyField, fc.integer({ min: 64, max: 60_000 }), fc.constantFrom<'object' | 'array'>('object', 'array'))
      .map(([p, field, depth, kind]) => {
        const text = JSON.stringify(withValueAt(p.body, field.path, '@@NESTED@@')).replace('"@@NESTED@@"', nested(depth, kind));
        return jsonRequest('deeply nested', op, p, text);
      }),
    fc.tuple(parts, arrayField, fc.integer({ min: 1, max: 50_000 })).map(([p, field, extra]) => {
      const length = (field.schema.maxItems ?? 0) + extra;
      const item = field.schema.items?.format === 'uuid' ? UUID_ZERO : 'x';
      return jsonRequest('huge array', op, p, JSON.stringify(withValueAt(p.body, field.path, Array(length).fill(item))));
    }),
    fc
      .tuple(parts, stringField)
      .map(([p, field]) => jsonRequest('body over 1 MiB', op, p, JSON.stringify(withValueAt(p.body, field.path, 'x'.repeat(MIB + 16))))),
    fc
      .tuple(parts, stringField, invalidUtf8, fc.constantFrom('application/json', 'application/json; charset=gbk'))
      .map(([p, field, bytes, type]) => {
        const [before, after] = JSON.stringify(withValueAt(p.body, field.path, '@@BYTES@@')).split('@@BYTES@@') as [string, string];
        return jsonRequest('not UTF-8', op, p, Buffer.concat([Buffer.from(before), bytes, Buffer.from(after)]), { 'content-type': type });
      }),
    fc.tuple(parts, stringField, unstorable).map(([p, field, text]) => {
      const value = typeof p.body === 'object' && p.body !== null ? withValueAt(p.body, field.path, text) : { [text]: 1 };
      return jsonRequest('NUL or lone surrogate', op, p, JSON.stringify(value));
    }),
    fc.tuple(parts, badPercent, fc.boolean()).map(([p, bad, inPath]) => {
      const request = jsonRequest('bad percent-encoding', op, p);
      const names = Object.keys(p.path);
      if (inPath && names.length > 0) {
        const pathValues = { ...p.path, [names[0] as string]: `${p.path[names[0] as string] ?? ''}${bad}` };
        return { ...request, url: buildUrl(op, pathValues, p.query, true) };
      }
      const separator = request.url.includes('?') ? '&' : '?';
      const key = op.query[0]?.name ?? 'q';
      return { ...request, url: `${request.url}${separator}${key}=${bad}` };
    }),
    fc.tuple(parts, traversal).map(([p, value]) => {
      const request = jsonRequest('path traversal', op, p);
      const names = Object.keys(p.path);
      if (names.length > 0) return { ...request, url: buildUrl(op, { ...p.path, [names[0] as string]: value }, p.query, true) };
      return { ...request, url: `${op.path}/${value}` };
    }),
    fc.tuple(parts, fc.integer({ min: 201, max: 2_000 })).map(([p, length]) => {
      const names = Object.keys(p.path);
      const request = jsonRequest('over-long path', op, p);
      const long = 'H'.repeat(length);
      if (names.length > 0) return { ...request, url: buildUrl(op, { ...p.path, [names[0] as string]: long }, p.query) };
      return { ...request, url: `${op.path}/${long}` };
    }),
    fc
      .tuple(
        parts,
        fc.constantFrom(
          'text/plain',
          'application/xml',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=utf-16',
          'application/jsonp',
          'application/vnd.api+json',
          '',
        ),
      )
      .map(([p, type]) => jsonRequest('wrong content type', op, p, JSON.stringify(p.body ?? {}), type ? { 'content-type': type } : {})),
    fc
      .tuple(
        parts,
        fc.constantFrom('limit', 'status', 'createdFrom', 'formalComplaint', 'cursor', 'sort', 'q', 'unknown'),
        fc.oneof(fc.constantFrom(...hostileQueryValues), craftedCursor),
      )
      .map(([p, key, value]) => {
        const request = jsonRequest('hostile query value', op, p);
        const separator = request.url.includes('?') ? '&' : '?';
        return { ...request, url: `${request.url}${separator}${key}=${encodeURIComponent(value)}` };
      }),
  ];
  if (op.multipart) kinds.push(multipartArbitrary, multipartArbitrary, multipartArbitrary);
  return kinds;
}

function hostileArbitrary(op: Operation): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...hostileKinds(op));
}

function validishArbitrary(op: Operation): fc.Arbitrary<FuzzRequest> {
  if (op.multipart) {
    const upload = fc.record({
      fileName: fc.constantFrom('截图.png', 'statement.txt', 'a b.png'),
      content: fc.constantFrom(PNG, Buffer.from('对账单\n')),
    });
    return upload.map((u) => ({ ...uploadRequest(u, 'valid-ish upload'), operation: label(op) }));
  }
  return partsArbitrary(op).map((p) => ({ ...jsonRequest('valid-ish', op, p), operation: label(op) }));
}

// ---------------------------------------------------------------- the property

// biome-ignore lint/suspicious/noControlCharactersInRegex: a stored file name must have none
const CONTROL_OR_SEPARATOR = /[\u0000-\u001f\u007f/\\]/;

async function send(request: FuzzRequest, credentials: Record<string, string>): Promise<LightMyRequestResponse> {
  return test.app.inject({
    method: request.method,
    url: request.url,
    headers: { ...credentials, ...request.headers },
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  });
}

/** Tickets and uploads the fuzzing created join the known rows, as earlier ones get merged, closed or used up. */
function remember(response: LightMyRequestResponse): void {
  if (!String(response.headers['content-type']).startsWith('application/json')) return;
  const body: unknown = response.json();
  if (typeof body !== 'object' || body === null) return;
  if ('number' in body && typeof body.number === 'string') known.numbers.push(body.number);
  if ('url' in body && 'id' in body && typeof body.id === 'string') known.attachments.push(body.id);
}

/** Sends one request and checks the invariants; returns the response for extra checks. */
async function check(request: FuzzRequest, credentials: Record<string, string>): Promise<LightMyRequestResponse> {
  const context = `${request.kind}: ${request.method} ${request.url.slice(0, 200)}`;
  const before = counts;
  const started = performance.now();
  const response = await send(request, credentials);
  const elapsed = performance.now() - started;
  expect(response.statusCode, `${context} -> ${response.body.slice(0, 300)}`).toBeLessThan(500);
  expect(elapsed, `${context} took ${Math.round(elapsed)} ms`).toBeLessThan(SLOW_REQUEST_MS);
  if (response.statusCode >= 400) {
    expectErrorEnvelope(response, context);
    expect(await countRows(), `partial write by ${context} -> ${response.body.slice(0, 200)}`).toEqual(before);
  } else if (request.method !== 'GET') {
    counts = await countRows();
    remember(response);
  }
  if (response.statusCode < 300 && request.operation) accepted.add(request.operation);
  expect(stagedUploads(), `staged upload left behind by ${context}`).toEqual([]);
  if (request.url === '/api/v1/attachments' && response.statusCode === 201) {
    const { fileName } = response.json<{ fileName: string }>();
    expect(fileName, context).not.toMatch(CONTROL_OR_SEPARATOR);
    expect(['', '.', '..']).not.toContain(fileName);
  }
  return response;
}

const label = (op: Operation) => `${op.method} ${op.path}`;
/** Each login or password check spends an argon2 hash on purpose; those operations get fewer runs. */
const expensive = (op: Operation) => op.path.startsWith('/api/v1/auth/') || (op.path.startsWith('/api/v1/agents') && op.method !== 'GET');

function runsFor(op: Operation, runs: number): number {
  return Math.round(RUNS_SCALE * (expensive(op) ? Math.max(1, runs / 5) : runs));
}

async function credentialsFor(op: Operation): Promise<Record<string, string>> {
  // Signing out ends the session it is sent with: give it a session of its own.
  if (op.path === '/api/v1/auth/logout') return (await login(test.app, admin.email, TEST_PASSWORD)).headers;
  // Only the platform's back-end reports a freeze's outcome; agents are refused by design.
  if (op.path === '/api/v1/freeze-requests/{id}/outcome') return tokenHeaders;
  return admin.credentials.headers;
}

/** A schema-derived request the server accepted, to vary one field of; the first candidate when none was accepted. */
async function acceptedParts(op: Operation): Promise<Parts> {
  const candidates = fc.sample(partsArbitrary(op), { seed: SEED, numRuns: expensive(op) ? 1 : 30 });
  for (const parts of candidates) {
    const response = await check(jsonRequest('valid-ish', op, parts), await credentialsFor(op));
    if (response.statusCode < 300) return parts;
  }
  return candidates[0] as Parts;
}

/** How a counterexample is printed: bodies run to megabytes. */
function printable(request: FuzzRequest): FuzzRequest {
  const payload =
    request.payload === undefined ? 'no body' : `${request.payload.length} bytes ${JSON.stringify(String(request.payload).slice(0, 300))}`;
  const text = `${request.kind}: ${request.method} ${request.url.slice(0, 300)} ${JSON.stringify(request.headers)} ${payload}`;
  return Object.assign(request, { [fc.toStringMethod]: () => text });
}

async function fuzz(op: Operation, arbitrary: fc.Arbitrary<FuzzRequest>, runs: number, credentials?: Record<string, string>) {
  await fc.assert(
    fc.asyncProperty(arbitrary.map(printable), async (request) => {
      await check(request, credentials ?? (await credentialsFor(op)));
    }),
    { seed: SEED, numRuns: runsFor(op, runs), endOnFailure: true },
  );
}

describe('OpenAPI fuzzing', () => {
  it('finds the operations to fuzz in the document', () => {
    expect(operations.length).toBeGreaterThan(25);
    expect(operations.map(label)).toContain('POST /api/v1/attachments');
  });

  it('answers schema-derived requests to every operation without a 5xx, with the envelope on every 4xx and no partial write', async () => {
    for (const op of operations) await fuzz(op, validishArbitrary(op), 20);
    // The generators must reach past validation: all but sign-in and password change (which need the real
    // password) accept some of what they are sent.
    const refusedEverything = operations.map(label).filter((operation) => !accepted.has(operation));
    expect(refusedEverything.length, refusedEverything.join(', ')).toBeLessThanOrEqual(4);
  });

  it('answers hostile requests to every operation the same way', async () => {
    for (const op of operations) await fuzz(op, hostileArbitrary(op), 30);
  });

  it('sends every kind of hostile request to every operation', async () => {
    for (const op of operations) for (const kind of hostileKinds(op)) await fuzz(op, kind, 1);
  });

  it('answers every hostile value in every query parameter, crafted cursors included', async () => {
    for (const op of operations.filter((o) => o.query.length > 0)) {
      for (const parameter of op.query) {
        const values = parameter.name === 'cursor' ? [...hostileQueryValues, ...craftedCursors] : hostileQueryValues;
        for (const value of values) {
          const url = `${op.path}?${parameter.name}=${encodeURIComponent(value)}`;
          await check(printable({ kind: 'hostile query value', method: op.method, url, headers: {} }), admin.credentials.headers);
        }
      }
    }
  });

  it('stores an upload only under a plain file name, and refuses malformed and oversized uploads', async () => {
    const upload = (request: FuzzRequest) => check(printable(request), admin.credentials.headers);
    for (const fileName of hostileFileNames) {
      for (const encodedName of [false, true]) await upload(uploadRequest({ fileName, content: PNG, encodedName }, 'hostile file name'));
    }
    for (const { request, code } of malformedUploads) expectError(await upload(request), code, request.kind);
    for (const size of [ATTACHMENT_MAX_BYTES + 1, MIB + 1]) {
      const response = await upload(
        uploadRequest({ fileName: 'big.png', content: Buffer.concat([PNG, Buffer.alloc(size)]) }, 'oversized file'),
      );
      expectError(response, 'ATTACHMENT_TOO_LARGE', `${size} bytes`);
    }
  });

  it('answers the same requests sent with an API token holding every scope', async () => {
    const paths = ['/api/v1/tickets', '/api/v1/tickets/{number}/articles', '/api/v1/customers', '/api/v1/attachments', '/api/v1/agents'];
    const subset = operations.filter((op) => paths.includes(op.path) || (op.path === '/api/v1/tickets/{number}' && op.method === 'PATCH'));
    expect(subset.length).toBeGreaterThan(6);
    for (const op of subset) {
      await fuzz(op, validishArbitrary(op), 10, tokenHeaders);
      await fuzz(op, hostileArbitrary(op), 15, tokenHeaders);
    }
  });

  it('refuses every string one character over its maxLength, and survives each at its maxLength in white space', async () => {
    for (const op of operations) {
      const fields = bodyFields(op.body).filter((f) => f.schema.type === 'string' && f.schema.maxLength !== undefined);
      if (fields.length === 0) continue;
      const base = await acceptedParts(op);
      for (const field of fields) {
        const max = field.schema.maxLength ?? 0;
        const at = (value: unknown) => JSON.stringify(withValueAt(base.body, field.path, value));
        const over = await check(jsonRequest('one over maxLength', op, base, at('x'.repeat(max + 1))), admin.credentials.headers);
        expectError(over, 'VALIDATION_FAILED', `${label(op)} ${field.path.join('.')}`);
        // Runs of spaces between words: what a pasted e-mail looks like, and what a backtracking regex chokes on.
        const blanks = ' \t'.repeat(max).slice(0, max - 2);
        await check(jsonRequest('white space at maxLength', op, base, at(`a${blanks}b`)), admin.credentials.headers);
        if (field.path.at(-1) === 'bodyHtml') {
          // Without a text body the server derives one from the HTML.
          const html = withValueAt(base.body, field.path, `<p>a${' '.repeat(max - 12)}b</p>`);
          const holder = field.path.length > 1 ? html[field.path[0] as string] : html;
          if (typeof holder === 'object' && holder !== null) Reflect.deleteProperty(holder, 'bodyText');
          await check(jsonRequest('HTML white space at maxLength', op, base, JSON.stringify(html)), admin.credentials.headers);
        }
      }
    }
  });
});
