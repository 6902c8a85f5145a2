import { and, eq, lt, ne, sql } from 'drizzle-orm';
import { agent, type AgentRow, findAgentByEmail, recordFailedLogin, recordSuccessfulLogin, updateAgent } from '../agents';
import { type Database, type Executor, queryRows } from '../platform/db';
import { AppError } from '../platform/errors';
import { type Actor, randomToken, sha256Hex, verifyAgainstDummy, verifyPassword } from '../platform/security';
import { agentSession } from './auth.table';

export interface LoginPolicy {
  maxFailures: number;
  lockoutMinutes: number;
  sessionTtlHours: number;
}

export interface SignedIn {
  agent: AgentRow;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Checks a password and opens a session. Takes the database rather than a
 * transaction: the argon2 check (~200 ms) must not hold a transaction open.
 * Errors: INVALID_CREDENTIALS (unknown email, inactive account or wrong
 * password, indistinguishable), ACCOUNT_LOCKED.
 */
export async function signIn(
  db: Database,
  input: { email: string; password: string; ip: string | null; userAgent: string | null; now: Date; policy: LoginPolicy },
): Promise<SignedIn> {
  const found = await findAgentByEmail(db, input.email);
  if (!found?.active) {
    await verifyAgainstDummy(input.password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (found.lockedUntil && found.lockedUntil > input.now) {
    throw new AppError('ACCOUNT_LOCKED', { lockedUntil: found.lockedUntil.toISOString() });
  }
  if (!(await verifyPassword(found.passwordHash, input.password))) {
    const lockedUntil = await db.transaction((tx) =>
      recordFailedLogin(tx, {
        id: found.id,
        now: input.now,
        maxFailures: input.policy.maxFailures,
        lockoutMinutes: input.policy.lockoutMinutes,
      }),
    );
    if (lockedUntil) throw new AppError('ACCOUNT_LOCKED', { lockedUntil: lockedUntil.toISOString() });
    throw new AppError('INVALID_CREDENTIALS');
  }
  const sessionToken = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(input.now.getTime() + input.policy.sessionTtlHours * 3_600_000);
  await db.transaction(async (tx) => {
    await recordSuccessfulLogin(tx, { id: found.id, now: input.now });
    await tx.insert(agentSession).values({
      tokenHash: sha256Hex(sessionToken),
      agentId: found.id,
      csrfToken,
      createdAt: input.now,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    });
  });
  return { agent: found, sessionToken, csrfToken, expiresAt };
}

export async function signOut(db: Executor, sessionToken: string): Promise<void> {
  await db.delete(agentSession).where(eq(agentSession.tokenHash, sha256Hex(sessionToken)));
}

export interface ResolvedSession {
  actor: Extract<Actor, { kind: 'agent' }>;
  csrfToken: string;
  expiresAt: Date;
}

/** The agent behind a session cookie, with their groups, or undefined when expired, unknown or deactivated. */
export async function resolveSession(db: Executor, sessionToken: string, now: Date): Promise<ResolvedSession | undefined> {
  const rows = await queryRows<{
    agent_id: string;
    role: AgentRow['role'];
    csrf_token: string;
    expires_at: Date | string;
    group_ids: string[];
  }>(
    db,
    sql`select s.agent_id, a.role, s.csrf_token, s.expires_at,
          array(select m.group_id::text from skill_group_member m where m.agent_id = a.id) as group_ids
        from ${agentSession} s join ${agent} a on a.id = s.agent_id
        where s.token_hash = ${sha256Hex(sessionToken)} and s.expires_at > ${now} and a.active
          and (a.credentials_changed_at is null or s.created_at >= a.credentials_changed_at)`,
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    actor: { kind: 'agent', agentId: row.agent_id, role: row.role, groupIds: row.group_ids, sessionId: sha256Hex(sessionToken) },
    csrfToken: row.csrf_token,
    expiresAt: new Date(row.expires_at),
  };
}

/** Removes expired sessions; returns how many. */
export async function purgeExpiredSessions(db: Executor, now: Date): Promise<number> {
  const removed = await db.delete(agentSession).where(lt(agentSession.expiresAt, now)).returning({ tokenHash: agentSession.tokenHash });
  return removed.length;
}

/** Changes one's own password after checking the current one, and ends every other session. Errors: INVALID_CREDENTIALS. */
export async function changeOwnPassword(
  db: Database,
  input: { agentId: string; currentSessionId: string | null; currentPassword: string; newPasswordHash: string; now: Date },
): Promise<void> {
  const [row] = await db.select({ passwordHash: agent.passwordHash }).from(agent).where(eq(agent.id, input.agentId)).limit(1);
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) throw new AppError('INVALID_CREDENTIALS');
  await db.transaction(async (tx) => {
    await updateAgent(tx, {
      id: input.agentId,
      passwordHash: input.newPasswordHash,
      actor: { type: 'agent', id: input.agentId },
      now: input.now,
    });
    await tx
      .delete(agentSession)
      .where(
        and(
          eq(agentSession.agentId, input.agentId),
          input.currentSessionId ? ne(agentSession.tokenHash, input.currentSessionId) : undefined,
        ),
      );
    // The session that made the change stays signed in; every other one ended above.
    if (input.currentSessionId) {
      await tx.update(agentSession).set({ createdAt: input.now }).where(eq(agentSession.tokenHash, input.currentSessionId));
    }
  });
}
