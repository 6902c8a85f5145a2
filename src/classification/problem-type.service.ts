import { asc, eq } from 'drizzle-orm';
import type { RecommendedChannel, SlaClass } from '@common/classification/problem-types';
import type { TicketPriority } from '@common/tickets/ticket-fields';
import { appendAudit } from '../audit';
import { type Executor, pgErrorCode } from '../platform/db';
import { AppError } from '../platform/errors';
import type { ActorRef } from '../platform/security';
import { classifyText, defaultModel } from './classifier';
import { problemType } from './problem-type.table';

export type ProblemTypeRow = typeof problemType.$inferSelect;

export function listProblemTypes(db: Executor): Promise<ProblemTypeRow[]> {
  return db.select().from(problemType).orderBy(asc(problemType.code));
}

// Every customer message is classified and routed by its type's defaults; the taxonomy changes rarely, so each
// node keeps it for a few seconds rather than reading it per message (an edit is live everywhere within that).
const CACHE_MS = 5_000;
const cache = new WeakMap<Executor, { at: number; byCode: Map<string, ProblemTypeRow> }>();

async function problemTypesByCode(db: Executor, now: number): Promise<Map<string, ProblemTypeRow>> {
  const cached = cache.get(db);
  if (cached && now - cached.at < CACHE_MS) return cached.byCode;
  const byCode = new Map((await listProblemTypes(db)).map((row) => [row.code, row]));
  cache.set(db, { at: now, byCode });
  return byCode;
}

export interface ProblemTypeChanges {
  nameZh?: string | undefined;
  nameEn?: string | undefined;
  recommendedChannel?: RecommendedChannel | undefined;
  /** null: tickets of this type go to the default group. */
  defaultGroupId?: string | null | undefined;
  priority?: TicketPriority | undefined;
  slaClass?: SlaClass | undefined;
  active?: boolean | undefined;
}

/** Errors: PROBLEM_TYPE_NOT_FOUND, GROUP_NOT_FOUND. */
export async function updateProblemType(
  tx: Executor,
  input: { code: string; changes: ProblemTypeChanges; actor: ActorRef; now: Date },
): Promise<ProblemTypeRow> {
  const [current] = await tx.select().from(problemType).where(eq(problemType.code, input.code)).for('update');
  if (!current) throw new AppError('PROBLEM_TYPE_NOT_FOUND');
  const changes = Object.fromEntries(Object.entries(input.changes).filter(([, value]) => value !== undefined)) as ProblemTypeChanges;
  let row: ProblemTypeRow | undefined;
  try {
    [row] = await tx
      .update(problemType)
      .set({ ...changes, updatedAt: input.now })
      .where(eq(problemType.id, current.id))
      .returning();
  } catch (error) {
    if (pgErrorCode(error) === '23503') throw new AppError('GROUP_NOT_FOUND');
    throw error;
  }
  if (!row) throw new AppError('PROBLEM_TYPE_NOT_FOUND');
  const { id: _id, updatedAt: _before, ...before } = current;
  const { id: _rowId, updatedAt: _after, ...after } = row;
  await appendAudit(tx, {
    subjectType: 'problem_type',
    subjectId: row.id,
    action: 'problem_type.updated',
    actor: input.actor,
    before,
    after,
    occurredAt: input.now,
  });
  return row;
}

export interface Understanding {
  problemType: string;
  confidence: number;
  /** The classifier was unsure, or named a type that is switched off: a person should set the type. */
  needsTriage: boolean;
  defaults: { groupId: string | null; priority: TicketPriority };
}

/**
 * Below this the model's best guess is shared among a few types, and a person should look. A first setting, to
 * be revisited with the corrections agents make in triage; a safety rule's verdict is never sent to triage.
 */
export const TRIAGE_BELOW = 0.45;

/**
 * The problem type of a customer's message and what a ticket of that type
 * gets by default. An inactive type falls back to `other`.
 */
export async function understandMessage(db: Executor, text: string, now: Date): Promise<Understanding> {
  const classification = classifyText(defaultModel(), text);
  const types = await problemTypesByCode(db, now.getTime());
  const chosen = types.get(classification.type);
  const type = chosen?.active ? chosen : types.get('other');
  return {
    problemType: type?.code ?? classification.type,
    confidence: classification.confidence,
    needsTriage: !chosen?.active || (classification.confidence < TRIAGE_BELOW && !classification.matchedRule),
    defaults: { groupId: type?.defaultGroupId ?? null, priority: type?.priority ?? 'normal' },
  };
}

/** What a ticket of a type gets by default (group and priority); null when the type is unknown or inactive. */
export async function problemTypeDefaults(db: Executor, code: string, now: Date): Promise<Understanding['defaults'] | null> {
  const type = (await problemTypesByCode(db, now.getTime())).get(code);
  return type?.active ? { groupId: type.defaultGroupId, priority: type.priority } : null;
}
