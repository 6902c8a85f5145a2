import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { appendAudit } from '../audit';
import { agent } from '../agents';
import { type Executor, isUniqueViolation, preparedForShape } from '../platform/db';
import { AppError } from '../platform/errors';
import type { ActorRef } from '../platform/security';
import { skillGroup, skillGroupMember } from './skill-group.table';

export interface SkillGroupView {
  id: string;
  name: string;
  description: string;
  isDefault: boolean;
  memberIds: string[];
  createdAt: Date;
}

interface ChangeContext {
  actor: ActorRef;
  now: Date;
}

async function assertNameFree(tx: Executor, name: string, exceptId?: string): Promise<void> {
  const [existing] = await tx.select({ id: skillGroup.id }).from(skillGroup).where(eq(skillGroup.name, name)).limit(1);
  if (existing && existing.id !== exceptId) throw new AppError('GROUP_NAME_TAKEN');
}

/**
 * Creating a group or moving the default flag reads and rewrites which group is
 * the default: one such transaction at a time, or two could each clear the
 * other's flag before either commits and leave two defaults.
 */
async function lockDefaultFlag(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('skill_group:default', 0))`);
}

// Only one default group: making one default clears the flag elsewhere.
async function clearOtherDefaults(tx: Executor, keepId: string): Promise<void> {
  await tx
    .update(skillGroup)
    .set({ isDefault: false })
    .where(and(eq(skillGroup.isDefault, true), ne(skillGroup.id, keepId)));
}

async function assertAgentsExist(tx: Executor, agentIds: readonly string[]): Promise<void> {
  if (agentIds.length === 0) return;
  const found = await tx
    .select({ id: agent.id })
    .from(agent)
    .where(inArray(agent.id, [...agentIds]));
  if (found.length !== new Set(agentIds).size) throw new AppError('AGENT_NOT_FOUND');
}

/** Creates a skill group. Errors: GROUP_NAME_TAKEN, AGENT_NOT_FOUND (unknown member). */
export async function createGroup(
  tx: Executor,
  input: ChangeContext & {
    name: string;
    description?: string | undefined;
    isDefault?: boolean | undefined;
    memberIds?: string[] | undefined;
  },
): Promise<SkillGroupView> {
  await assertNameFree(tx, input.name);
  const memberIds = [...new Set(input.memberIds ?? [])];
  await assertAgentsExist(tx, memberIds);
  await lockDefaultFlag(tx);
  const [hasDefault] = await tx.select({ id: skillGroup.id }).from(skillGroup).where(eq(skillGroup.isDefault, true)).limit(1);
  let row: typeof skillGroup.$inferSelect | undefined;
  try {
    [row] = await tx
      .insert(skillGroup)
      .values({
        name: input.name,
        description: input.description ?? '',
        isDefault: input.isDefault === true || !hasDefault,
        createdAt: input.now,
      })
      .returning();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('GROUP_NAME_TAKEN');
    throw error;
  }
  if (!row) throw new Error('insert returned no row');
  if (row.isDefault) await clearOtherDefaults(tx, row.id);
  if (memberIds.length > 0) await tx.insert(skillGroupMember).values(memberIds.map((agentId) => ({ groupId: row.id, agentId })));
  const view = { ...row, memberIds };
  await appendAudit(tx, {
    subjectType: 'skill_group',
    subjectId: row.id,
    action: 'group.created',
    newSubject: true,
    actor: input.actor,
    after: auditSnapshot(view),
    occurredAt: input.now,
  });
  return view;
}

function auditSnapshot(view: SkillGroupView) {
  return { name: view.name, description: view.description, isDefault: view.isDefault, memberIds: [...view.memberIds].sort() };
}

/** Updates a group; `memberIds`, when given, replaces the membership. Errors: GROUP_NOT_FOUND, GROUP_NAME_TAKEN, AGENT_NOT_FOUND. */
export async function updateGroup(
  tx: Executor,
  input: ChangeContext & {
    id: string;
    name?: string | undefined;
    description?: string | undefined;
    isDefault?: true | undefined;
    memberIds?: string[] | undefined;
  },
): Promise<SkillGroupView> {
  if (input.isDefault) await lockDefaultFlag(tx);
  const [current] = await tx.select().from(skillGroup).where(eq(skillGroup.id, input.id)).for('update');
  if (!current) throw new AppError('GROUP_NOT_FOUND');
  const before = await withMembers(tx, current);
  if (input.name !== undefined) await assertNameFree(tx, input.name, input.id);
  const fields = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.isDefault ? { isDefault: true } : {}),
  };
  // A membership-only change has no column to set; the group row stays as locked above.
  let row: typeof skillGroup.$inferSelect | undefined = current;
  if (Object.keys(fields).length > 0) {
    try {
      [row] = await tx.update(skillGroup).set(fields).where(eq(skillGroup.id, input.id)).returning();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('GROUP_NAME_TAKEN');
      throw error;
    }
  }
  if (!row) throw new AppError('GROUP_NOT_FOUND');
  if (input.isDefault) await clearOtherDefaults(tx, row.id);
  let memberIds = before.memberIds;
  if (input.memberIds) {
    memberIds = [...new Set(input.memberIds)];
    await assertAgentsExist(tx, memberIds);
    await tx.delete(skillGroupMember).where(eq(skillGroupMember.groupId, input.id));
    if (memberIds.length > 0) await tx.insert(skillGroupMember).values(memberIds.map((agentId) => ({ groupId: input.id, agentId })));
  }
  const after = { ...row, memberIds };
  await appendAudit(tx, {
    subjectType: 'skill_group',
    subjectId: row.id,
    action: 'group.updated',
    actor: input.actor,
    before: auditSnapshot(before),
    after: auditSnapshot(after),
    occurredAt: input.now,
  });
  return after;
}

async function withMembers(db: Executor, row: typeof skillGroup.$inferSelect): Promise<SkillGroupView> {
  const members = await db.select({ agentId: skillGroupMember.agentId }).from(skillGroupMember).where(eq(skillGroupMember.groupId, row.id));
  return { ...row, memberIds: members.map((member) => member.agentId) };
}

export async function listGroups(db: Executor): Promise<SkillGroupView[]> {
  const rows = await db.select().from(skillGroup).orderBy(asc(skillGroup.name));
  const members = await db.select().from(skillGroupMember);
  return rows.map((row) => ({ ...row, memberIds: members.filter((m) => m.groupId === row.id).map((m) => m.agentId) }));
}

export async function getGroup(db: Executor, id: string): Promise<SkillGroupView> {
  const [row] = await db.select().from(skillGroup).where(eq(skillGroup.id, id)).limit(1);
  if (!row) throw new AppError('GROUP_NOT_FOUND');
  return withMembers(db, row);
}

/** The group tickets fall into when nobody chose one. */
export async function defaultGroupId(db: Executor): Promise<string> {
  // Asked by every ticket opened without a group: built and prepared once.
  const statement = preparedForShape(db, 'default_group', [], (name) =>
    db.select({ id: skillGroup.id }).from(skillGroup).where(eq(skillGroup.isDefault, true)).limit(1).prepare(name),
  );
  const [row] = await statement.execute();
  if (!row) throw new AppError('GROUP_NOT_FOUND', { reason: 'no default group configured' });
  return row.id;
}

export async function groupIdsOfAgent(db: Executor, agentId: string): Promise<string[]> {
  const rows = await db.select({ groupId: skillGroupMember.groupId }).from(skillGroupMember).where(eq(skillGroupMember.agentId, agentId));
  return rows.map((row) => row.groupId);
}

export async function isGroupMember(db: Executor, groupId: string, agentId: string): Promise<boolean> {
  const [row] = await db
    .select({ agentId: skillGroupMember.agentId })
    .from(skillGroupMember)
    .where(and(eq(skillGroupMember.groupId, groupId), eq(skillGroupMember.agentId, agentId)))
    .limit(1);
  return row !== undefined;
}

export async function groupExists(db: Executor, groupId: string): Promise<boolean> {
  const [row] = await db.select({ id: skillGroup.id }).from(skillGroup).where(eq(skillGroup.id, groupId)).limit(1);
  return row !== undefined;
}
