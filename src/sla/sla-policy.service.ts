import { and, asc, count, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { SlaMetric, SlaTarget } from '@common/sla/sla-targets';
import { appendAudit } from '../audit';
import { listProblemTypes } from '../classification';
import { type Executor, isUniqueViolation } from '../platform/db';
import { AppError } from '../platform/errors';
import type { ActorRef } from '../platform/security';
import { skillGroup } from '../routing';
import { businessCalendar } from './business-calendar.table';
import { slaClock, slaPolicy } from './sla-policy.table';

export type SlaPolicyRecord = typeof slaPolicy.$inferSelect & { runningClocks: number };

export interface SlaPolicySettings {
  name?: string;
  position?: number;
  active?: boolean;
  problemTypes?: string[];
  slaClasses?: string[];
  priorities?: string[];
  channels?: string[];
  customerTiers?: string[];
  calendarId?: string;
  firstResponse?: SlaTarget | null;
  nextResponse?: SlaTarget | null;
  resolution?: SlaTarget | null;
  warnAtPercent?: number;
  raisePriorityOnBreach?: boolean;
  escalationGroupId?: string | null;
}

const TARGET_FIELDS = { first_response: 'firstResponse', next_response: 'nextResponse', resolution: 'resolution' } as const;

/** Each policy's row with the number of clocks now counting under it. */
function policiesWithRunningClocks(db: Executor) {
  const runningClocks = sql<number>`(select count(*)::int from ${slaClock} where ${slaClock.policyId} = ${slaPolicy.id} and ${slaClock.stoppedAt} is null)`;
  return db.select({ ...getTableColumns(slaPolicy), runningClocks }).from(slaPolicy);
}

export async function listSlaPolicies(db: Executor): Promise<SlaPolicyRecord[]> {
  return policiesWithRunningClocks(db).orderBy(asc(slaPolicy.position), asc(slaPolicy.name));
}

/** @throws AppError SLA_POLICY_NOT_FOUND */
export async function getSlaPolicy(db: Executor, id: string): Promise<SlaPolicyRecord> {
  const [row] = await policiesWithRunningClocks(db).where(eq(slaPolicy.id, id));
  if (!row) throw new AppError('SLA_POLICY_NOT_FOUND', { policy: id });
  return row;
}

/**
 * What a policy refers to must exist, and a policy must promise something.
 * Errors: CALENDAR_NOT_FOUND, GROUP_NOT_FOUND, PROBLEM_TYPE_NOT_FOUND, VALIDATION_FAILED.
 */
async function checkReferences(tx: Executor, settings: SlaPolicySettings, merged: SlaPolicySettings): Promise<void> {
  if (settings.calendarId !== undefined) {
    const [calendar] = await tx
      .select({ id: businessCalendar.id })
      .from(businessCalendar)
      .where(eq(businessCalendar.id, settings.calendarId));
    if (!calendar) throw new AppError('CALENDAR_NOT_FOUND', { calendar: settings.calendarId });
  }
  if (settings.escalationGroupId) {
    const [group] = await tx.select({ id: skillGroup.id }).from(skillGroup).where(eq(skillGroup.id, settings.escalationGroupId));
    if (!group) throw new AppError('GROUP_NOT_FOUND', { group: settings.escalationGroupId });
  }
  if (settings.problemTypes?.length) {
    const known = new Set((await listProblemTypes(tx)).map((type) => type.code));
    const unknown = settings.problemTypes.find((code) => !known.has(code));
    if (unknown) throw new AppError('PROBLEM_TYPE_NOT_FOUND', { problemType: unknown });
  }
  if (!merged.firstResponse && !merged.nextResponse && !merged.resolution)
    throw new AppError('VALIDATION_FAILED', {
      field: 'firstResponse/nextResponse/resolution',
      reason: 'a policy needs at least one target',
    });
}

function audited(row: typeof slaPolicy.$inferSelect) {
  const { createdAt: _created, updatedAt: _updated, ...fields } = row;
  return fields;
}

/** Errors: as checkReferences, SLA_POLICY_NAME_TAKEN. */
export async function createSlaPolicy(
  tx: Executor,
  input: { settings: SlaPolicySettings & { name: string; calendarId: string }; actor: ActorRef; now: Date },
): Promise<SlaPolicyRecord> {
  await checkReferences(tx, input.settings, input.settings);
  const [{ last } = { last: null }] = await tx.select({ last: sql<number | null>`max(${slaPolicy.position})` }).from(slaPolicy);
  let row: typeof slaPolicy.$inferSelect | undefined;
  try {
    [row] = await tx
      .insert(slaPolicy)
      .values({
        ...input.settings,
        // A new policy without a position goes last but one: the last is usually the catch-all default.
        position: input.settings.position ?? (last ?? 0) + 10,
        createdAt: input.now,
        updatedAt: input.now,
      })
      .returning();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('SLA_POLICY_NAME_TAKEN');
    throw error;
  }
  if (!row) throw new AppError('SLA_POLICY_NOT_FOUND');
  await appendAudit(tx, {
    subjectType: 'sla_policy',
    subjectId: row.id,
    action: 'sla_policy.created',
    actor: input.actor,
    after: audited(row),
    occurredAt: input.now,
    newSubject: true,
  });
  return { ...row, runningClocks: 0 };
}

/**
 * Changes a policy. Its targets, calendar and warning share also apply to the
 * clocks now running under it (their instants are recomputed on
 * `sla_policy.changed`); its conditions, order and active flag decide which
 * policy a ticket gets from the ticket's next change on, as in Zendesk, so
 * editing the list does not move thousands of running promises at once.
 * Errors: SLA_POLICY_NOT_FOUND, as checkReferences, SLA_POLICY_NAME_TAKEN.
 */
export async function updateSlaPolicy(
  tx: Executor,
  input: { id: string; changes: SlaPolicySettings; actor: ActorRef; now: Date },
): Promise<SlaPolicyRecord> {
  const [current] = await tx.select().from(slaPolicy).where(eq(slaPolicy.id, input.id)).for('update');
  if (!current) throw new AppError('SLA_POLICY_NOT_FOUND', { policy: input.id });
  const changes = Object.fromEntries(Object.entries(input.changes).filter(([, value]) => value !== undefined)) as SlaPolicySettings;
  await checkReferences(tx, changes, { ...current, ...changes });
  let row: typeof slaPolicy.$inferSelect | undefined;
  try {
    [row] = await tx
      .update(slaPolicy)
      .set({ ...changes, updatedAt: input.now })
      .where(eq(slaPolicy.id, input.id))
      .returning();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('SLA_POLICY_NAME_TAKEN');
    throw error;
  }
  if (!row) throw new AppError('SLA_POLICY_NOT_FOUND', { policy: input.id });
  const countingChanged = ['calendarId', 'firstResponse', 'nextResponse', 'resolution', 'warnAtPercent'].some((field) => field in changes);
  if (countingChanged) await retargetRunningClocks(tx, row);
  await appendAudit(
    tx,
    {
      subjectType: 'sla_policy',
      subjectId: row.id,
      action: 'sla_policy.updated',
      actor: input.actor,
      before: audited(current),
      after: audited(row),
      occurredAt: input.now,
    },
    countingChanged ? { name: 'sla_policy.changed', payload: { policyId: row.id }, occurredAt: input.now } : undefined,
  );
  return getSlaPolicy(tx, row.id);
}

/** Running clocks take the policy's new target, calendar and warning share; a metric the policy no longer has keeps its own until the ticket's next change. */
async function retargetRunningClocks(tx: Executor, policy: typeof slaPolicy.$inferSelect): Promise<void> {
  for (const [metric, field] of Object.entries(TARGET_FIELDS) as [SlaMetric, (typeof TARGET_FIELDS)[SlaMetric]][]) {
    const target = policy[field];
    if (!target) continue;
    await tx
      .update(slaClock)
      .set({ target, calendarId: policy.calendarId, warnAtPercent: policy.warnAtPercent })
      .where(and(eq(slaClock.policyId, policy.id), eq(slaClock.metric, metric), isNull(slaClock.stoppedAt)));
  }
}

/**
 * Deletes a policy no ticket's clock is counted under; one that is can only
 * be deactivated, so those clocks keep saying what they promised.
 * Errors: SLA_POLICY_NOT_FOUND, SLA_POLICY_IN_USE.
 */
export async function deleteSlaPolicy(tx: Executor, input: { id: string; actor: ActorRef; now: Date }): Promise<void> {
  const [current] = await tx.select().from(slaPolicy).where(eq(slaPolicy.id, input.id)).for('update');
  if (!current) throw new AppError('SLA_POLICY_NOT_FOUND', { policy: input.id });
  const [{ clocks } = { clocks: 0 }] = await tx.select({ clocks: count() }).from(slaClock).where(eq(slaClock.policyId, input.id));
  if (clocks > 0) throw new AppError('SLA_POLICY_IN_USE', { clocks });
  await tx.delete(slaPolicy).where(eq(slaPolicy.id, input.id));
  await appendAudit(tx, {
    subjectType: 'sla_policy',
    subjectId: current.id,
    action: 'sla_policy.deleted',
    actor: input.actor,
    before: audited(current),
    occurredAt: input.now,
  });
}
