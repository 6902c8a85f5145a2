import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { AgentRole } from '@common/tickets/ticket-fields';
import { appendAudit } from '../audit';
import { type Executor, isUniqueViolation } from '../platform/db';
import { AppError } from '../platform/errors';
import type { ActorRef } from '../platform/security';
import { agent } from './agent.table';

export type AgentRow = typeof agent.$inferSelect;

interface ChangeContext {
  actor: ActorRef;
  now: Date;
}

function auditSnapshot(row: AgentRow) {
  return { email: row.email, name: row.name, role: row.role, active: row.active, locale: row.locale };
}

/** Creates a staff account. Errors: AGENT_EMAIL_TAKEN. */
export async function createAgent(
  tx: Executor,
  input: ChangeContext & { email: string; name: string; role: AgentRole; passwordHash: string; locale?: string | undefined },
): Promise<AgentRow> {
  const email = input.email.trim().toLowerCase();
  const [existing] = await tx.select({ id: agent.id }).from(agent).where(eq(agent.email, email)).limit(1);
  if (existing) throw new AppError('AGENT_EMAIL_TAKEN');
  let row: AgentRow | undefined;
  try {
    [row] = await tx
      .insert(agent)
      .values({
        email,
        name: input.name,
        role: input.role,
        passwordHash: input.passwordHash,
        locale: input.locale ?? 'zh-CN',
        createdAt: input.now,
        updatedAt: input.now,
      })
      .returning();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('AGENT_EMAIL_TAKEN');
    throw error;
  }
  if (!row) throw new Error('insert returned no row');
  await appendAudit(tx, {
    subjectType: 'agent',
    subjectId: row.id,
    action: 'agent.created',
    newSubject: true,
    actor: input.actor,
    after: auditSnapshot(row),
    occurredAt: input.now,
  });
  return row;
}

export interface AgentChanges {
  name?: string | undefined;
  role?: AgentRole | undefined;
  active?: boolean | undefined;
  locale?: string | undefined;
  /** From hashPassword, computed before the transaction opens (it takes ~200 ms). */
  passwordHash?: string | undefined;
  /** Clears a login lockout. */
  unlock?: boolean | undefined;
}

/**
 * What happens elsewhere when an account is deactivated, in the deactivation's
 * transaction. Routing depends on agents, so agents cannot call it; the
 * composition root passes routing's side in (presence offline, unanswered
 * tickets re-queued).
 */
export type AgentDeactivationHook = (tx: Executor, input: { agentId: string; actor: ActorRef; now: Date }) => Promise<void>;

/**
 * Updates a staff account. Deactivating an active one runs `onDeactivated` in
 * the same transaction, after the account row is written.
 * Errors: AGENT_NOT_FOUND, LAST_ADMIN (demoting or deactivating the last active admin).
 */
export async function updateAgent(
  tx: Executor,
  input: ChangeContext & AgentChanges & { id: string },
  hooks: { onDeactivated?: AgentDeactivationHook | undefined } = {},
): Promise<AgentRow> {
  const mayRemoveAdmin = (input.role !== undefined && input.role !== 'admin') || input.active === false;
  if (mayRemoveAdmin) {
    // Lock every active admin, in id order and before the row itself, so two concurrent
    // demotions queue (the second then sees the first) instead of deadlocking.
    await tx
      .select({ id: agent.id })
      .from(agent)
      .where(and(eq(agent.role, 'admin'), eq(agent.active, true)))
      .orderBy(asc(agent.id))
      .for('update');
  }
  const [current] = await tx.select().from(agent).where(eq(agent.id, input.id)).for('update');
  if (!current) throw new AppError('AGENT_NOT_FOUND');
  const losesAdmin = current.role === 'admin' && current.active && mayRemoveAdmin;
  if (losesAdmin) {
    const others = await tx
      .select({ id: agent.id })
      .from(agent)
      .where(and(eq(agent.role, 'admin'), eq(agent.active, true), ne(agent.id, input.id)));
    if (others.length === 0) throw new AppError('LAST_ADMIN');
  }
  const [row] = await tx
    .update(agent)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      ...(input.passwordHash !== undefined ? { passwordHash: input.passwordHash, credentialsChangedAt: input.now } : {}),
      ...(input.unlock ? { failedLoginCount: 0, lockedUntil: null } : {}),
      updatedAt: input.now,
    })
    .where(eq(agent.id, input.id))
    .returning();
  if (!row) throw new AppError('AGENT_NOT_FOUND');
  await appendAudit(tx, {
    subjectType: 'agent',
    subjectId: row.id,
    action: 'agent.updated',
    actor: input.actor,
    before: auditSnapshot(current),
    after: { ...auditSnapshot(row), passwordChanged: input.passwordHash !== undefined, unlocked: Boolean(input.unlock) },
    occurredAt: input.now,
  });
  if (current.active && !row.active) await hooks.onDeactivated?.(tx, { agentId: row.id, actor: input.actor, now: input.now });
  return row;
}

export async function getAgent(db: Executor, id: string): Promise<AgentRow> {
  const [row] = await db.select().from(agent).where(eq(agent.id, id)).limit(1);
  if (!row) throw new AppError('AGENT_NOT_FOUND');
  return row;
}

export async function listAgents(db: Executor): Promise<AgentRow[]> {
  return db.select().from(agent).orderBy(asc(agent.name), asc(agent.id));
}

export async function findAgentByEmail(db: Executor, email: string): Promise<AgentRow | undefined> {
  const [row] = await db.select().from(agent).where(eq(agent.email, email.trim().toLowerCase())).limit(1);
  return row;
}

export async function countAgents(db: Executor): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(agent);
  return row?.count ?? 0;
}

/**
 * Counts a failed sign-in and locks the account when the count reaches the
 * limit. Returns the lock end when this failure locked it.
 */
export async function recordFailedLogin(
  tx: Executor,
  input: { id: string; now: Date; maxFailures: number; lockoutMinutes: number },
): Promise<Date | null> {
  const [row] = await tx
    .update(agent)
    .set({ failedLoginCount: sql`${agent.failedLoginCount} + 1` })
    .where(eq(agent.id, input.id))
    .returning({ failedLoginCount: agent.failedLoginCount });
  if (!row || row.failedLoginCount < input.maxFailures) return null;
  const lockedUntil = new Date(input.now.getTime() + input.lockoutMinutes * 60_000);
  await tx.update(agent).set({ failedLoginCount: 0, lockedUntil }).where(eq(agent.id, input.id));
  await appendAudit(tx, {
    subjectType: 'agent',
    subjectId: input.id,
    action: 'agent.locked',
    actor: { type: 'system', id: 'login-throttle' },
    after: { lockedUntil: lockedUntil.toISOString(), failures: row.failedLoginCount },
    occurredAt: input.now,
  });
  return lockedUntil;
}

export async function recordSuccessfulLogin(tx: Executor, input: { id: string; now: Date }): Promise<void> {
  await tx.update(agent).set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: input.now }).where(eq(agent.id, input.id));
}
