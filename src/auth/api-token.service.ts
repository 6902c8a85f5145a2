import { desc, eq } from 'drizzle-orm';
import type { ApiTokenScope } from '@common/tickets/ticket-fields';
import { appendAudit } from '../audit';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/errors';
import { type Actor, type ActorRef, randomToken, sha256Hex } from '../platform/security';
import { apiToken } from './auth.table';

export type ApiTokenRow = typeof apiToken.$inferSelect;

const TOKEN_PREFIX = 'hy_';

/** Issues a token; the plain value is returned once and only its sha256 is kept. */
export async function createApiToken(
  tx: Executor,
  input: { name: string; scopes: ApiTokenScope[]; actor: ActorRef; now: Date },
): Promise<{ token: string; row: ApiTokenRow }> {
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  const [row] = await tx
    .insert(apiToken)
    .values({
      name: input.name,
      tokenHash: sha256Hex(token),
      prefix: token.slice(0, 10),
      scopes: [...new Set(input.scopes)],
      createdByAgentId: input.actor.type === 'agent' ? input.actor.id : null,
      createdAt: input.now,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await appendAudit(tx, {
    subjectType: 'api_token',
    subjectId: row.id,
    action: 'api_token.created',
    newSubject: true,
    actor: input.actor,
    after: { name: row.name, prefix: row.prefix, scopes: row.scopes },
    occurredAt: input.now,
  });
  return { token, row };
}

/** Revokes a token at once. Errors: API_TOKEN_NOT_FOUND. */
export async function revokeApiToken(tx: Executor, input: { id: string; actor: ActorRef; now: Date }): Promise<ApiTokenRow> {
  const [current] = await tx.select().from(apiToken).where(eq(apiToken.id, input.id)).for('update');
  if (!current) throw new AppError('API_TOKEN_NOT_FOUND');
  if (current.revokedAt) return current;
  const [row] = await tx.update(apiToken).set({ revokedAt: input.now }).where(eq(apiToken.id, input.id)).returning();
  if (!row) throw new AppError('API_TOKEN_NOT_FOUND');
  await appendAudit(
    tx,
    { subjectType: 'api_token', subjectId: row.id, action: 'api_token.revoked', actor: input.actor, occurredAt: input.now },
    // Every node drops the token from its lookup cache when this reaches it (see forgetApiToken).
    { name: 'api_token.revoked', payload: { tokenId: row.id }, occurredAt: input.now },
  );
  return row;
}

export async function listApiTokens(db: Executor): Promise<ApiTokenRow[]> {
  return db.select().from(apiToken).orderBy(desc(apiToken.createdAt));
}

// last_used_at is informational; writing it once a minute per token keeps the hot path read-only.
const lastUseWritten = new Map<string, number>();

type TokenActor = Extract<Actor, { kind: 'api_token' }>;

/**
 * Recently resolved tokens per database, so the platform's back end calling
 * hundreds of times a second does not cost a query per call. A revocation
 * clears the entry on the node that made it at once and on every other node
 * when its api_token.revoked event arrives over the event bus; if that event
 * were lost, the entry still expires after TOKEN_CACHE_MS.
 */
const TOKEN_CACHE_MS = 10_000;
const resolvedTokens = new WeakMap<Executor, Map<string, { actor: TokenActor; until: number }>>();

function tokenCache(db: Executor): Map<string, { actor: TokenActor; until: number }> {
  let cache = resolvedTokens.get(db);
  if (!cache) {
    cache = new Map();
    resolvedTokens.set(db, cache);
  }
  return cache;
}

export function forgetApiToken(db: Executor, tokenId: string): void {
  const cache = tokenCache(db);
  for (const [hash, entry] of cache) if (entry.actor.tokenId === tokenId) cache.delete(hash);
}

/** The actor behind a bearer token, or undefined when unknown or revoked. */
export async function resolveApiToken(db: Executor, token: string, now: Date): Promise<TokenActor | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
  const hash = sha256Hex(token);
  const cache = tokenCache(db);
  const cached = cache.get(hash);
  if (cached && cached.until > now.getTime()) return cached.actor;
  const [row] = await db
    .select({ id: apiToken.id, scopes: apiToken.scopes, revokedAt: apiToken.revokedAt })
    .from(apiToken)
    .where(eq(apiToken.tokenHash, hash))
    .limit(1);
  if (!row || row.revokedAt) {
    cache.delete(hash);
    return undefined;
  }
  const written = lastUseWritten.get(row.id) ?? 0;
  if (now.getTime() - written > 60_000) {
    lastUseWritten.set(row.id, now.getTime());
    await db.update(apiToken).set({ lastUsedAt: now }).where(eq(apiToken.id, row.id));
  }
  const actor: TokenActor = { kind: 'api_token', tokenId: row.id, scopes: row.scopes };
  if (cache.size >= 10_000) cache.clear();
  cache.set(hash, { actor, until: now.getTime() + TOKEN_CACHE_MS });
  return actor;
}
