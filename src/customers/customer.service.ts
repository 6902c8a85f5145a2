import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { ContactPointKind } from '@common/tickets/ticket-fields';
import { appendAudit, auditEntry, openingAuditEntries } from '../audit';
import type { Executor } from '../platform/db';
import { isUniqueViolation, preparedForShape } from '../platform/db';
import { AppError } from '../platform/errors';
import { outboxInsert } from '../platform/events';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../platform/http';
import type { ActorRef } from '../platform/security';
import { type ContactPointInput, maskContactPoint, normalizeContactPoint } from './contact-point';
import { contactPoint, customer } from './customer.table';

export interface CustomerView {
  id: string;
  platformUserId: string | null;
  name: string | null;
  tier: string;
  contactPoints: ContactPointInput[];
  createdAt: Date;
  updatedAt: Date;
}

interface ChangeContext {
  actor: ActorRef;
  now: Date;
}

export interface CustomerDraft {
  platformUserId?: string | null | undefined;
  name?: string | null | undefined;
  tier?: string | undefined;
  contactPoints?: ContactPointInput[] | undefined;
}

const PLATFORM_USER_ID_INDEX = 'customer_platform_user_id_idx';
const CONTACT_POINT_INDEX = 'contact_point_kind_value_idx';

function normalizeAll(points: ContactPointInput[] | undefined): ContactPointInput[] {
  const seen = new Map<string, ContactPointInput>();
  for (const point of points ?? []) {
    const normalized = normalizeContactPoint(point);
    seen.set(`${normalized.kind}:${normalized.value}`, normalized);
  }
  return [...seen.values()];
}

async function ownersOf(tx: Executor, points: ContactPointInput[]): Promise<Map<string, string>> {
  if (points.length === 0) return new Map();
  const rows = await tx
    .select({ kind: contactPoint.kind, value: contactPoint.value, customerId: contactPoint.customerId })
    .from(contactPoint)
    .where(or(...points.map((p) => and(eq(contactPoint.kind, p.kind), eq(contactPoint.value, p.value)))));
  return new Map(rows.map((row) => [`${row.kind}:${row.value}`, row.customerId]));
}

function auditSnapshot(view: Pick<CustomerView, 'platformUserId' | 'name' | 'tier' | 'contactPoints'>) {
  return {
    platformUserId: view.platformUserId,
    name: view.name,
    tier: view.tier,
    contactPoints: view.contactPoints.map((point) => ({ kind: point.kind, masked: maskContactPoint(point) })),
  };
}

async function insertContactPoints(tx: Executor, customerId: string, points: ContactPointInput[], now: Date): Promise<void> {
  if (points.length === 0) return;
  try {
    await tx.insert(contactPoint).values(points.map((point) => ({ customerId, ...point, createdAt: now })));
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONTACT_POINT_TAKEN');
    throw error;
  }
}

/** Creates a customer. Errors: CONTACT_POINT_TAKEN, PLATFORM_USER_ID_TAKEN, VALIDATION_FAILED (malformed contact point). */
export async function createCustomer(tx: Executor, draft: CustomerDraft & ChangeContext): Promise<CustomerView> {
  const points = normalizeAll(draft.contactPoints);
  const owners = await ownersOf(tx, points);
  if (owners.size > 0) throw new AppError('CONTACT_POINT_TAKEN', { contactPoints: [...owners.keys()].map((key) => key.split(':')[0]) });
  if (draft.platformUserId) await assertPlatformUserIdFree(tx, draft.platformUserId);
  return insertNewCustomer(tx, { ...draft, contactPoints: points });
}

/** The insert behind createCustomer, for callers that already checked the identity is free (contact points normalised). */
async function insertNewCustomer(
  tx: Executor,
  draft: CustomerDraft & ChangeContext & { contactPoints: ContactPointInput[] },
): Promise<CustomerView> {
  const rows = newCustomerRows(draft);
  try {
    await tx.insert(customer).values(rows.customer);
  } catch (error) {
    // A concurrent creation with the same id committed between the check and this insert.
    if (isUniqueViolation(error, PLATFORM_USER_ID_INDEX)) throw new AppError('PLATFORM_USER_ID_TAKEN');
    throw error;
  }
  await insertContactPoints(tx, rows.customer.id, draft.contactPoints, draft.now);
  await tx.execute(
    sql`with opening_audit as (${tx.insert(auditEntry).values(rows.audit).getSQL()}) ${outboxInsert(tx, rows.event).getSQL()}`,
  );
  return { ...rows.customer, contactPoints: draft.contactPoints };
}

async function assertPlatformUserIdFree(tx: Executor, platformUserId: string, exceptId?: string): Promise<void> {
  const [existing] = await tx.select({ id: customer.id }).from(customer).where(eq(customer.platformUserId, platformUserId)).limit(1);
  if (existing && existing.id !== exceptId) throw new AppError('PLATFORM_USER_ID_TAKEN');
}

/** Updates a customer; `contactPoints`, when given, replaces the set. Errors: CUSTOMER_NOT_FOUND, CONTACT_POINT_TAKEN, PLATFORM_USER_ID_TAKEN. */
export async function updateCustomer(tx: Executor, input: CustomerDraft & ChangeContext & { id: string }): Promise<CustomerView> {
  const [current] = await tx.select().from(customer).where(eq(customer.id, input.id)).for('update');
  if (!current) throw new AppError('CUSTOMER_NOT_FOUND');
  const before = await withContactPoints(tx, current);
  if (input.platformUserId) await assertPlatformUserIdFree(tx, input.platformUserId, input.id);
  let row: CustomerRow | undefined;
  try {
    [row] = await tx
      .update(customer)
      .set({
        ...(input.platformUserId !== undefined ? { platformUserId: input.platformUserId } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.tier !== undefined ? { tier: input.tier } : {}),
        updatedAt: input.now,
      })
      .where(eq(customer.id, input.id))
      .returning();
  } catch (error) {
    if (isUniqueViolation(error, PLATFORM_USER_ID_INDEX)) throw new AppError('PLATFORM_USER_ID_TAKEN');
    throw error;
  }
  if (!row) throw new AppError('CUSTOMER_NOT_FOUND');
  let points = before.contactPoints;
  if (input.contactPoints) {
    points = normalizeAll(input.contactPoints);
    const owners = await ownersOf(tx, points);
    if ([...owners.values()].some((owner) => owner !== input.id)) throw new AppError('CONTACT_POINT_TAKEN');
    await tx.delete(contactPoint).where(eq(contactPoint.customerId, input.id));
    await insertContactPoints(tx, input.id, points, input.now);
  }
  const after: CustomerView = { ...row, contactPoints: points };
  await appendAudit(
    tx,
    {
      subjectType: 'customer',
      subjectId: input.id,
      action: 'customer.updated',
      actor: input.actor,
      before: auditSnapshot(before),
      after: auditSnapshot(after),
      occurredAt: input.now,
    },
    { name: 'customer.updated', payload: { customerId: input.id }, occurredAt: input.now },
  );
  return after;
}

/**
 * Two first messages of one new customer may arrive at the same moment: a
 * transaction-scoped advisory lock per identity (taken in a fixed order) makes
 * the second wait and then find the customer the first created.
 */
async function lockIdentities(tx: Executor, platformUserId: string | null | undefined, points: ContactPointInput[]): Promise<void> {
  const keys = [
    ...(platformUserId ? [`customer:platform:${platformUserId}`] : []),
    ...points.map((point) => `customer:${point.kind}:${point.value}`),
  ].sort();
  if (keys.length === 0) return;
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${sql.param(keys)}::text[]) with ordinality as t(k, n) order by n`,
  );
}

async function identify(
  tx: Executor,
  platformUserId: string | null | undefined,
  points: ContactPointInput[],
): Promise<{ existingId: string | undefined; owners: Map<string, string> }> {
  let existingId: string | undefined;
  if (platformUserId) {
    // Every API-opened ticket asks this, so the statement is built and prepared once.
    const byPlatformUserId = preparedForShape(tx, 'customer_by_platform_user_id', [], (name) =>
      tx
        .select({ id: customer.id })
        .from(customer)
        .where(eq(customer.platformUserId, sql.placeholder('platformUserId')))
        .limit(1)
        .prepare(name),
    );
    const [row] = await byPlatformUserId.execute({ platformUserId });
    existingId = row?.id;
  }
  const owners = await ownersOf(tx, points);
  return { existingId: existingId ?? owners.values().next().value, owners };
}

/**
 * What reads alone say about the customer a draft describes: `known` when
 * there is nothing new to record about them (every contact point already
 * theirs, the common case of a returning user), `unknown` when nobody has its
 * platform user id or any of its contact points, `changed` otherwise. Needs
 * no transaction or lock; a caller acting on `unknown` without the lock
 * relies on the unique indexes to refuse a concurrent duplicate.
 */
export async function matchCustomer(
  db: Executor,
  draft: CustomerDraft,
): Promise<{ match: 'known'; customerId: string } | { match: 'unknown' | 'changed' }> {
  const points = normalizeAll(draft.contactPoints);
  const seen = await identify(db, draft.platformUserId, points);
  if (!seen.existingId) return { match: 'unknown' };
  return points.every((point) => seen.owners.has(`${point.kind}:${point.value}`))
    ? { match: 'known', customerId: seen.existingId }
    : { match: 'changed' };
}

/**
 * A customer nobody has yet, as the rows that create it (customer, contact
 * points, the opening entry of its audit chain, customer.created), for a
 * caller that inserts them in the statement that first needs the customer.
 */
export function newCustomerRows(draft: CustomerDraft & ChangeContext) {
  const id = randomUUID();
  const points = normalizeAll(draft.contactPoints);
  const row = {
    id,
    platformUserId: draft.platformUserId ?? null,
    name: draft.name ?? null,
    tier: draft.tier ?? 'standard',
    createdAt: draft.now,
    updatedAt: draft.now,
  };
  const [auditRow] = openingAuditEntries([
    {
      subjectType: 'customer',
      subjectId: id,
      action: 'customer.created',
      actor: draft.actor,
      after: auditSnapshot({ ...row, contactPoints: points }),
      occurredAt: draft.now,
    },
  ]);
  return {
    customer: row,
    contactPoints: points.map((point) => ({ customerId: id, ...point, createdAt: draft.now })),
    audit: auditRow as NonNullable<typeof auditRow>,
    event: { name: 'customer.created', payload: { customerId: id }, occurredAt: draft.now },
  };
}

/** True when a write failed because a customer with the same identity was created concurrently. */
export function isCustomerIdentityTaken(error: unknown): boolean {
  return isUniqueViolation(error, PLATFORM_USER_ID_INDEX) || isUniqueViolation(error, CONTACT_POINT_INDEX);
}

/**
 * Finds the customer by platform user id, then by any of the contact points,
 * and adds the contact points it did not have yet (unless another customer
 * owns them; the addition is audited); creates the customer when nobody matches.
 */
export async function findOrCreateCustomer(
  tx: Executor,
  draft: CustomerDraft & ChangeContext,
): Promise<{ customerId: string; created: boolean }> {
  const seen = await matchCustomer(tx, draft);
  if (seen.match === 'known') return { customerId: seen.customerId, created: false };
  const points = normalizeAll(draft.contactPoints);
  await lockIdentities(tx, draft.platformUserId, points);
  const { existingId, owners } = await identify(tx, draft.platformUserId, points);
  if (!existingId) {
    // Under the identity locks the checks above still hold: nobody else can have taken them since.
    return { customerId: (await insertNewCustomer(tx, { ...draft, contactPoints: points })).id, created: true };
  }
  const unowned = points.filter((point) => !owners.has(`${point.kind}:${point.value}`));
  if (unowned.length > 0) {
    const [current] = await tx.select().from(customer).where(eq(customer.id, existingId)).for('update');
    if (!current) throw new AppError('CUSTOMER_NOT_FOUND');
    const before = await withContactPoints(tx, current);
    await insertContactPoints(tx, existingId, unowned, draft.now);
    await appendAudit(
      tx,
      {
        subjectType: 'customer',
        subjectId: existingId,
        action: 'customer.updated',
        actor: draft.actor,
        before: auditSnapshot(before),
        after: auditSnapshot({ ...before, contactPoints: [...before.contactPoints, ...unowned] }),
        occurredAt: draft.now,
      },
      { name: 'customer.updated', payload: { customerId: existingId }, occurredAt: draft.now },
    );
  }
  return { customerId: existingId, created: false };
}

type CustomerRow = typeof customer.$inferSelect;

async function withContactPoints(db: Executor, row: CustomerRow): Promise<CustomerView> {
  const [view] = await withContactPointsAll(db, [row]);
  return view as CustomerView;
}

async function withContactPointsAll(db: Executor, rows: CustomerRow[]): Promise<CustomerView[]> {
  if (rows.length === 0) return [];
  const points = await db
    .select({ customerId: contactPoint.customerId, kind: contactPoint.kind, value: contactPoint.value })
    .from(contactPoint)
    .where(
      inArray(
        contactPoint.customerId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(contactPoint.createdAt), asc(contactPoint.kind));
  return rows.map((row) => ({
    ...row,
    contactPoints: points.filter((point) => point.customerId === row.id).map(({ kind, value }) => ({ kind, value })),
  }));
}

export async function getCustomer(db: Executor, id: string): Promise<CustomerView> {
  const [row] = await db.select().from(customer).where(eq(customer.id, id)).limit(1);
  if (!row) throw new AppError('CUSTOMER_NOT_FOUND');
  return withContactPoints(db, row);
}

/** Names of customers by id, for lists that show who wrote. */
export async function customerNames(db: Executor, ids: readonly string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: customer.id, name: customer.name })
    .from(customer)
    .where(inArray(customer.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row.name]));
}

function contactPointGuesses(query: string): ContactPointInput[] {
  const guesses: ContactPointInput[] = [];
  for (const kind of ['email', 'mobile', 'wechat_openid'] as ContactPointKind[]) {
    try {
      guesses.push(normalizeContactPoint({ kind, value: query }));
    } catch {
      // not this kind
    }
  }
  return guesses;
}

/** Customers, newest first; `query` matches a platform user id or contact point exactly, or a name prefix. */
export async function listCustomers(
  db: Executor,
  input: { query?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: CustomerView[]; nextCursor: string | null }> {
  const conditions: SQL[] = [];
  if (input.query) {
    const query = input.query.trim();
    const byContact = contactPointGuesses(query);
    const matches: (SQL | undefined)[] = [eq(customer.platformUserId, query), ilike(customer.name, `${query.replace(/[\\%_]/g, '\\$&')}%`)];
    if (byContact.length > 0) {
      const owners = await ownersOf(db, byContact);
      if (owners.size > 0) matches.push(inArray(customer.id, [...owners.values()]));
    }
    const combined = or(...matches);
    if (combined) conditions.push(combined);
  }
  if (input.cursor) {
    const [at, id] = decodeTimeIdCursor(input.cursor);
    const keyset = or(lt(customer.createdAt, at), and(eq(customer.createdAt, at), lt(customer.id, id)));
    if (keyset) conditions.push(keyset);
  }
  const rows = await db
    .select()
    .from(customer)
    .where(and(...conditions))
    .orderBy(desc(customer.createdAt), desc(customer.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const items = await withContactPointsAll(db, page);
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? encodeTimeIdCursor(last.createdAt, last.id) : null };
}
