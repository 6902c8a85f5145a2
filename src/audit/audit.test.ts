import { eq, type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildGroup, buildTicket } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { queryRows } from '../platform/db';
import { article } from '../tickets';
import { auditEntry } from './audit-entry.table';
import { listAuditEntries, verifyAuditChains } from './audit.service';

let test: TestApp;
let api: ApiClient;

beforeAll(async () => {
  test = await createTestApp();
  await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  const admin = await buildAgent(test, { role: 'admin' });
  api = new ApiClient(test.app, admin.credentials);
});
afterAll(() => test.close());

/** The PostgreSQL error behind a failed statement, however the driver wrapped it. */
async function databaseError(statement: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await statement;
  } catch (error) {
    let current: unknown = error;
    while (current && typeof current === 'object') {
      const candidate = current as { code?: unknown; message?: string; cause?: unknown };
      if (typeof candidate.code === 'string') return { code: candidate.code, message: candidate.message ?? '' };
      current = candidate.cause;
    }
    throw new Error(`failed without a database error: ${String(error)}`);
  }
  throw new Error('the statement succeeded');
}

/** Changes the chain behind the trigger's back, as someone with owner rights on the table could. */
async function tamper(statement: SQL): Promise<void> {
  await test.ctx.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_entry disable trigger audit_entry_append_only`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_entry enable trigger audit_entry_append_only`);
  });
}

async function openTicket(subject: string) {
  const response = await api.post('/api/v1/tickets', {
    subject,
    customer: { name: '审计客户' },
    // Explicit, so the priority changes below are changes whatever type the classifier gives the text.
    priority: 'normal',
    article: { bodyText: `${subject}：请核实` },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; number: string };
}

const chainOf = (ticketId: string) => listAuditEntries(test.ctx.db, 'ticket', ticketId);

describe('the append-only audit table', () => {
  beforeAll(async () => {
    await buildTicket(test.ctx);
  });

  it('refuses UPDATE in the database itself', async () => {
    const error = await databaseError(test.ctx.db.execute(sql`update audit_entry set action = 'forged'`));
    expect(error.code).toBe('42501');
    expect(error.message).toContain('append-only');
  });

  it('refuses DELETE in the database itself', async () => {
    const error = await databaseError(test.ctx.db.execute(sql`delete from audit_entry`));
    expect(error.code).toBe('42501');
  });

  it('refuses TRUNCATE in the database itself', async () => {
    const error = await databaseError(test.ctx.db.execute(sql`truncate audit_entry`));
    expect(error.code).toBe('42501');
  });

  it('still has every entry after the refused attempts', async () => {
    const [row] = await queryRows<{ n: number; forged: number }>(
      test.ctx.db,
      sql`select count(*)::int as n, count(*) filter (where action = 'forged')::int as forged from audit_entry`,
    );
    expect(row?.n).toBeGreaterThan(0);
    expect(row?.forged).toBe(0);
  });

  it('refuses a second entry with the same sequence number, so a chain cannot fork', async () => {
    const ticket = await openTicket('分叉尝试');
    const [first] = await chainOf(ticket.id);
    if (!first) throw new Error('no audit entry');
    const { id: _id, ...copy } = first;
    const error = await databaseError(
      test.ctx.db.insert(auditEntry).values({ ...copy, occurredAt: new Date(copy.occurredAt), action: 'forged' }),
    );
    expect(error.code).toBe('23505');
  });
});

describe('verifying the chains', () => {
  it('passes on an untouched database, whatever the page size', async () => {
    const ticket = await openTicket('链条完好');
    await api.post(`/api/v1/tickets/${ticket.number}/articles`, { kind: 'note', bodyText: '内部备注' });
    await api.patch(`/api/v1/tickets/${ticket.number}`, { status: 'open', priority: 'high' });
    const [{ n = 0 } = {}] = await queryRows<{ n: number }>(test.ctx.db, sql`select count(*)::int as n from audit_entry`);
    const whole = await verifyAuditChains(test.ctx.db);
    expect(whole).toMatchObject({ ok: true, entriesChecked: n });
    expect(whole.firstBroken).toBeUndefined();
    // Small pages cut chains in the middle; the walk must join them again.
    for (const pageSize of [1, 2, 3, 7]) {
      expect(await verifyAuditChains(test.ctx.db, pageSize)).toEqual(whole);
    }
  });

  it("reports the first broken link when an entry's content was changed", async () => {
    const ticket = await openTicket('篡改记录');
    await api.patch(`/api/v1/tickets/${ticket.number}`, { priority: 'urgent' });
    await api.patch(`/api/v1/tickets/${ticket.number}`, { status: 'resolved' });
    const chain = await chainOf(ticket.id);
    const victim = chain.find((entry) => entry.action === 'ticket.updated');
    if (!victim) throw new Error('no ticket.updated entry');
    await tamper(sql`update audit_entry set after = ${JSON.stringify({ priority: 'low' })}::jsonb where id = ${victim.id}`);

    const result = await verifyAuditChains(test.ctx.db);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual({
      entryId: victim.id,
      subjectType: 'ticket',
      subjectId: ticket.id,
      seq: victim.seq,
      reason: 'hash_mismatch',
    });
    expect(await verifyAuditChains(test.ctx.db, 2)).toEqual(result);

    const record = (await api.get(`/api/v1/tickets/${ticket.number}/audit`)).json();
    expect(record.verification).toMatchObject({
      ok: false,
      firstBroken: { entryId: victim.id, seq: victim.seq, reason: 'hash_mismatch' },
    });
  });

  it('reports a removed entry as a sequence gap', async () => {
    const ticket = await openTicket('删除记录');
    await api.patch(`/api/v1/tickets/${ticket.number}`, { priority: 'low' });
    await api.patch(`/api/v1/tickets/${ticket.number}`, { priority: 'high' });
    const chain = await chainOf(ticket.id);
    const removed = chain[1];
    const next = chain[2];
    if (!removed || !next) throw new Error('chain too short');
    await tamper(sql`delete from audit_entry where id = ${removed.id}`);
    const record = (await api.get(`/api/v1/tickets/${ticket.number}/audit`)).json();
    expect(record.verification.firstBroken).toEqual({ entryId: next.id, seq: next.seq, reason: 'sequence_gap' });
  });

  it('reports an entry whose hash was recomputed but not its successor as a broken link', async () => {
    const ticket = await openTicket('重算哈希');
    await api.patch(`/api/v1/tickets/${ticket.number}`, { priority: 'low' });
    const [first, second] = await chainOf(ticket.id);
    if (!first || !second) throw new Error('chain too short');
    await tamper(sql`update audit_entry set hash = ${'f'.repeat(64)} where id = ${first.id}`);
    const record = (await api.get(`/api/v1/tickets/${ticket.number}/audit`)).json();
    expect(record.verification.firstBroken).toEqual({ entryId: first.id, seq: first.seq, reason: 'hash_mismatch' });
  });
});

describe('messages against the audit chain', () => {
  it('notices a message whose body was edited after the fact, while the chain itself still verifies', async () => {
    const ticket = await openTicket('改写消息');
    const before = (await api.get(`/api/v1/tickets/${ticket.number}/audit`)).json();
    expect(before.verification).toMatchObject({ ok: true, articlesMatchingAudit: true });

    await test.ctx.db.update(article).set({ bodyText: '客户同意放弃赔偿' }).where(eq(article.ticketId, ticket.id));

    const after = (await api.get(`/api/v1/tickets/${ticket.number}/audit`)).json();
    expect(after.verification.articlesMatchingAudit).toBe(false);
    expect(after.verification.ok).toBe(false);
    expect(after.verification.firstBroken).toBeUndefined();
  });
});
