import { and, asc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import {
  type AgentLanguage,
  type AgentPresence,
  conversationChannels,
  defaultCapacity,
  type PullOutcome,
  type RoutingStrategy,
} from '@common/routing/routing-fields';
import type { TicketChannel } from '@common/tickets/ticket-fields';
import { agent } from '../agents';
import { appendAudit } from '../audit';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/errors';
import { recordEvent } from '../platform/events';
import type { ActorRef } from '../platform/security';
import { agentPresence, agentRoutingProfile, groupRouting } from './routing.table';
import { groupExists, groupIdsOfAgent } from './skill-group.service';
import { skillGroupMember } from './skill-group.table';
import type { AgentLoad, QueuedTicket, TicketDesk } from './ticket-desk';

export interface PresenceView {
  agentId: string;
  status: AgentPresence;
  changedAt: Date | null;
}

export interface RoutingProfileView {
  agentId: string;
  languages: AgentLanguage[];
  maxOpenTickets: number;
  maxConcurrentChats: number;
}

export interface GroupRoutingView {
  groupId: string;
  strategy: RoutingStrategy;
  roundRobinCursor: string | null;
  overflowGroupId: string | null;
  overflowAfterMinutes: number | null;
  requiredLanguage: AgentLanguage | null;
}

const defaultLanguages: AgentLanguage[] = ['zh-CN'];

export async function getPresence(db: Executor, agentId: string): Promise<PresenceView> {
  const [row] = await db
    .select({ agentId: agentPresence.agentId, status: agentPresence.status, changedAt: agentPresence.changedAt })
    .from(agentPresence)
    .where(eq(agentPresence.agentId, agentId));
  return row ?? { agentId, status: 'offline', changedAt: null };
}

/** Why a presence changed, as the agent's audit chain and the event record it. */
export type PresenceChangeReason = 'manual' | 'heartbeat_timeout' | 'deactivated';

/**
 * Sets an agent's presence, audited on the agent's chain (`agent.presence_changed`:
 * who, from, to, why) and recorded as the agent.presence_changed event (going
 * online makes routing hand out waiting tickets). Going offline re-queues, in the
 * same transaction, the agent's active tickets nobody has answered yet
 * (no first response): a customer still waiting for a first word should not
 * wait for someone who left; answered ones stay, the conversation has an owner.
 * Busy and away keep every ticket but get no new ones. Every change counts as
 * the console being seen. `onlyIfNotSeenSince` (the heartbeat timeout) changes
 * nothing when the agent was seen since, or is offline already.
 * Outcome `changed: false` when nothing changed. Errors: AGENT_NOT_FOUND.
 */
export async function setPresence(
  tx: Executor,
  desk: TicketDesk,
  input: {
    agentId: string;
    status: AgentPresence;
    now: Date;
    actor: ActorRef;
    reason: PresenceChangeReason;
    onlyIfNotSeenSince?: Date;
  },
): Promise<PresenceView & { requeued: number; changed: boolean }> {
  // The agent row lock serialises the agent's audit chain (as updateAgent and updateRoutingProfile take it), then
  // the presence row: the same row assignment locks, so a change of presence waits for an assignment to this agent
  // in flight, and the other way round. Always agent before presence, so never a deadlock with a deactivation.
  const [exists] = await tx.select({ id: agent.id }).from(agent).where(eq(agent.id, input.agentId)).for('update');
  if (!exists) throw new AppError('AGENT_NOT_FOUND');
  await tx
    .insert(agentPresence)
    .values({ agentId: input.agentId, status: 'offline', changedAt: input.now, lastSeenAt: input.now })
    .onConflictDoNothing();
  const [current] = await tx.select().from(agentPresence).where(eq(agentPresence.agentId, input.agentId)).for('update');
  if (!current) throw new AppError('AGENT_NOT_FOUND');
  const view = { agentId: current.agentId, status: current.status, changedAt: current.changedAt };
  if (input.onlyIfNotSeenSince && (current.status === 'offline' || current.lastSeenAt >= input.onlyIfNotSeenSince)) {
    return { ...view, requeued: 0, changed: false };
  }
  if (current.status === input.status) {
    if (input.reason === 'manual')
      await tx.update(agentPresence).set({ lastSeenAt: input.now }).where(eq(agentPresence.agentId, input.agentId));
    return { ...view, requeued: 0, changed: false };
  }
  const [row] = await tx
    .update(agentPresence)
    .set({ status: input.status, changedAt: input.now, ...(input.reason === 'manual' ? { lastSeenAt: input.now } : {}) })
    .where(eq(agentPresence.agentId, input.agentId))
    .returning({ agentId: agentPresence.agentId, status: agentPresence.status, changedAt: agentPresence.changedAt });
  if (!row) throw new AppError('AGENT_NOT_FOUND');
  const requeued =
    input.status === 'offline'
      ? await desk.requeueUnanswered(tx, {
          agentId: input.agentId,
          routing: { reason: 'agent_offline', presenceReason: input.reason, agentId: input.agentId },
          now: input.now,
        })
      : [];
  await appendAudit(tx, {
    subjectType: 'agent',
    subjectId: input.agentId,
    action: 'agent.presence_changed',
    actor: input.actor,
    before: { status: current.status },
    after: {
      status: input.status,
      reason: input.reason,
      ...(input.onlyIfNotSeenSince ? { lastSeenAt: current.lastSeenAt.toISOString() } : {}),
      requeuedTicketIds: requeued.map((ticket) => ticket.ticketId),
    },
    occurredAt: input.now,
  });
  await recordEvent(tx, {
    name: 'agent.presence_changed',
    payload: { agentId: input.agentId, status: input.status, previousStatus: current.status, reason: input.reason },
    occurredAt: input.now,
  });
  return { ...row, requeued: requeued.length, changed: true };
}

/**
 * Routing's side of deactivating an account (agents' AgentDeactivationHook), in
 * the deactivation's transaction: presence offline, reason `deactivated`, so the
 * unanswered tickets are re-queued and the change is audited.
 */
export function presenceOnDeactivation(desk: TicketDesk) {
  return async (tx: Executor, input: { agentId: string; actor: ActorRef; now: Date }): Promise<void> => {
    await setPresence(tx, desk, { ...input, status: 'offline', reason: 'deactivated' });
  };
}

/**
 * The console's heartbeat: the agent's console is open (it calls every minute).
 * Changes no presence; returns it, so a console set offline by the timeout shows it.
 */
export async function recordHeartbeat(db: Executor, input: { agentId: string; now: Date }): Promise<PresenceView> {
  const [row] = await db
    .update(agentPresence)
    .set({ lastSeenAt: input.now })
    .where(eq(agentPresence.agentId, input.agentId))
    .returning({ agentId: agentPresence.agentId, status: agentPresence.status, changedAt: agentPresence.changedAt });
  return row ?? { agentId: input.agentId, status: 'offline', changedAt: null };
}

/** Agents online, busy or away whose console was last seen before `seenBefore`; at most `limit`, longest unseen first. */
export async function agentsNotSeenSince(db: Executor, input: { seenBefore: Date; limit: number }): Promise<string[]> {
  const rows = await db
    .select({ agentId: agentPresence.agentId })
    .from(agentPresence)
    .where(and(ne(agentPresence.status, 'offline'), lt(agentPresence.lastSeenAt, input.seenBefore)))
    .orderBy(asc(agentPresence.lastSeenAt), asc(agentPresence.agentId))
    .limit(input.limit);
  return rows.map((row) => row.agentId);
}

export async function getRoutingProfile(db: Executor, agentId: string): Promise<RoutingProfileView> {
  const [exists] = await db.select({ id: agent.id }).from(agent).where(eq(agent.id, agentId));
  if (!exists) throw new AppError('AGENT_NOT_FOUND');
  const [row] = await db.select().from(agentRoutingProfile).where(eq(agentRoutingProfile.agentId, agentId));
  return row
    ? {
        agentId,
        languages: row.languages as AgentLanguage[],
        maxOpenTickets: row.maxOpenTickets,
        maxConcurrentChats: row.maxConcurrentChats,
      }
    : { agentId, languages: defaultLanguages, ...defaultCapacity };
}

/** Sets an agent's languages and capacity (admin), audited on the agent. Errors: AGENT_NOT_FOUND. */
export async function updateRoutingProfile(
  tx: Executor,
  input: {
    agentId: string;
    languages?: AgentLanguage[] | undefined;
    maxOpenTickets?: number | undefined;
    maxConcurrentChats?: number | undefined;
    actor: ActorRef;
    now: Date;
  },
): Promise<RoutingProfileView> {
  // The agent row lock serialises this agent's audit chain.
  const [exists] = await tx.select({ id: agent.id }).from(agent).where(eq(agent.id, input.agentId)).for('update');
  if (!exists) throw new AppError('AGENT_NOT_FOUND');
  const before = await getRoutingProfile(tx, input.agentId);
  const after: RoutingProfileView = {
    agentId: input.agentId,
    languages: input.languages ? [...new Set(input.languages)] : before.languages,
    maxOpenTickets: input.maxOpenTickets ?? before.maxOpenTickets,
    maxConcurrentChats: input.maxConcurrentChats ?? before.maxConcurrentChats,
  };
  const { agentId: _id, ...fields } = after;
  await tx
    .insert(agentRoutingProfile)
    .values({ ...after, updatedAt: input.now })
    .onConflictDoUpdate({ target: agentRoutingProfile.agentId, set: { ...fields, updatedAt: input.now } });
  const { agentId: _b, ...beforeFields } = before;
  await appendAudit(tx, {
    subjectType: 'agent',
    subjectId: input.agentId,
    action: 'agent.routing_profile_changed',
    actor: input.actor,
    before: beforeFields,
    after: fields,
    occurredAt: input.now,
  });
  return after;
}

function groupRoutingView(groupId: string, row: typeof groupRouting.$inferSelect | undefined): GroupRoutingView {
  return {
    groupId,
    strategy: row?.strategy ?? 'least_loaded',
    roundRobinCursor: row?.roundRobinCursor ?? null,
    overflowGroupId: row?.overflowGroupId ?? null,
    overflowAfterMinutes: row?.overflowAfterMinutes ?? null,
    requiredLanguage: (row?.requiredLanguage as AgentLanguage | null | undefined) ?? null,
  };
}

export async function getGroupRouting(db: Executor, groupId: string): Promise<GroupRoutingView> {
  const [row] = await db.select().from(groupRouting).where(eq(groupRouting.groupId, groupId));
  if (!row && !(await groupExists(db, groupId))) throw new AppError('GROUP_NOT_FOUND');
  return groupRoutingView(groupId, row);
}

/**
 * Sets a group's strategy, overflow and language requirement (admin), audited
 * on the group. Overflow needs both the group and the wait, and not the group itself.
 * Errors: GROUP_NOT_FOUND (the group or the overflow group), OVERFLOW_GROUP_INVALID.
 */
export async function updateGroupRouting(
  tx: Executor,
  input: {
    groupId: string;
    strategy?: RoutingStrategy | undefined;
    overflowGroupId?: string | null | undefined;
    overflowAfterMinutes?: number | null | undefined;
    requiredLanguage?: AgentLanguage | null | undefined;
    actor: ActorRef;
    now: Date;
  },
): Promise<GroupRoutingView> {
  if (!(await groupExists(tx, input.groupId))) throw new AppError('GROUP_NOT_FOUND');
  await tx.insert(groupRouting).values({ groupId: input.groupId, updatedAt: input.now }).onConflictDoNothing();
  const [row] = await tx.select().from(groupRouting).where(eq(groupRouting.groupId, input.groupId)).for('update');
  const before = groupRoutingView(input.groupId, row);
  const after: GroupRoutingView = {
    ...before,
    strategy: input.strategy ?? before.strategy,
    overflowGroupId: input.overflowGroupId === undefined ? before.overflowGroupId : input.overflowGroupId,
    overflowAfterMinutes: input.overflowAfterMinutes === undefined ? before.overflowAfterMinutes : input.overflowAfterMinutes,
    requiredLanguage: input.requiredLanguage === undefined ? before.requiredLanguage : input.requiredLanguage,
  };
  if (after.overflowGroupId === input.groupId || (after.overflowGroupId === null) !== (after.overflowAfterMinutes === null)) {
    throw new AppError('OVERFLOW_GROUP_INVALID');
  }
  if (after.overflowGroupId && after.overflowGroupId !== before.overflowGroupId && !(await groupExists(tx, after.overflowGroupId))) {
    throw new AppError('GROUP_NOT_FOUND', { overflowGroupId: after.overflowGroupId });
  }
  const { groupId: _g, roundRobinCursor: _c, ...fields } = after;
  await tx
    .update(groupRouting)
    .set({ ...fields, updatedAt: input.now })
    .where(eq(groupRouting.groupId, input.groupId));
  const { groupId: _bg, roundRobinCursor: _bc, ...beforeFields } = before;
  await appendAudit(tx, {
    subjectType: 'skill_group',
    subjectId: input.groupId,
    action: 'group.routing_changed',
    actor: input.actor,
    before: beforeFields,
    after: fields,
    occurredAt: input.now,
  });
  return after;
}

interface Candidate {
  agentId: string;
  languages: string[];
  maxOpenTickets: number;
  maxConcurrentChats: number;
}

const isConversation = (channel: TicketChannel) => (conversationChannels as readonly string[]).includes(channel);

/** Never above capacity: room for one more ticket, and for a chat, room for one more chat. */
function hasRoom(candidate: Candidate, load: AgentLoad | undefined, channel: TicketChannel): boolean {
  const open = load?.open ?? 0;
  const chats = load?.chats ?? 0;
  if (open >= candidate.maxOpenTickets) return false;
  return !isConversation(channel) || chats < candidate.maxConcurrentChats;
}

/**
 * Locks the presence rows of the agents who may take tickets of this group
 * (members, active accounts, online) in agent-id order, so that two assigners
 * anywhere wait for each other instead of both counting the same free slot,
 * and never deadlock. FOR UPDATE re-checks `online` against the newest row
 * once the lock is granted, so an agent who went offline meanwhile drops out.
 */
async function lockCandidates(tx: Executor, groupId: string): Promise<Candidate[]> {
  const rows = await tx
    .select({
      agentId: agentPresence.agentId,
      languages: agentRoutingProfile.languages,
      maxOpenTickets: agentRoutingProfile.maxOpenTickets,
      maxConcurrentChats: agentRoutingProfile.maxConcurrentChats,
    })
    .from(agentPresence)
    .innerJoin(skillGroupMember, and(eq(skillGroupMember.agentId, agentPresence.agentId), eq(skillGroupMember.groupId, groupId)))
    .innerJoin(agent, and(eq(agent.id, agentPresence.agentId), eq(agent.active, true)))
    .leftJoin(agentRoutingProfile, eq(agentRoutingProfile.agentId, agentPresence.agentId))
    .where(eq(agentPresence.status, 'online'))
    .orderBy(asc(agentPresence.agentId))
    .for('update', { of: agentPresence });
  return rows.map((row) => ({
    agentId: row.agentId,
    languages: row.languages ?? defaultLanguages,
    maxOpenTickets: row.maxOpenTickets ?? defaultCapacity.maxOpenTickets,
    maxConcurrentChats: row.maxConcurrentChats ?? defaultCapacity.maxConcurrentChats,
  }));
}

function choose(
  strategy: RoutingStrategy,
  cursor: string | null,
  eligible: Candidate[],
  loads: Map<string, AgentLoad>,
  channel: TicketChannel,
): Candidate | undefined {
  if (eligible.length === 0) return undefined;
  if (strategy === 'round_robin') {
    // Members in agent-id order; the next after the one who got the last ticket, wrapping round.
    return eligible.find((candidate) => cursor !== null && candidate.agentId > cursor) ?? eligible[0];
  }
  const weight = (candidate: Candidate) => {
    const load = loads.get(candidate.agentId);
    return isConversation(channel) ? [load?.chats ?? 0, load?.open ?? 0] : [load?.open ?? 0, 0];
  };
  return [...eligible].sort((a, b) => {
    const [a1 = 0, a2 = 0] = weight(a);
    const [b1 = 0, b2 = 0] = weight(b);
    return a1 - b1 || a2 - b2 || (a.agentId < b.agentId ? -1 : 1);
  })[0];
}

export type RouteOutcome =
  | { kind: 'assigned'; ticketId: string; agentId: string }
  | { kind: 'queue_empty' }
  /** Tickets wait but the head was taken meanwhile (pulled by an agent) or is held: try again shortly. */
  | { kind: 'queue_locked' }
  | { kind: 'no_agent' }
  | { kind: 'manual' };

/**
 * Assigns the head of a group's queue (VIP first, then priority, then the
 * oldest) to an online member with room, by the group's strategy, in the
 * caller's transaction; call again for the next. A chat nobody has chat room
 * for does not hold up the group's other tickets. Manual groups are left for
 * agents to pull. Outcomes: assigned, queue_empty, no_agent, manual.
 */
export async function routeNextInGroup(tx: Executor, desk: TicketDesk, input: { groupId: string; now: Date }): Promise<RouteOutcome> {
  const settings = await getGroupRouting(tx, input.groupId);
  if (settings.strategy === 'manual') return { kind: 'manual' };
  // One assigner per group at a time, on every node: the head of the queue goes before the next ticket and
  // round robin turns in order. Capacity does not rest on this (agents of several groups, pulls): see lockCandidates.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`routing:group:${input.groupId}`}, 0))`);
  // Waiting for a head another writer holds keeps the queue's order (VIP, priority, age) and round-robin turns.
  const head = await desk.lockQueueHead(tx, { groupIds: [input.groupId], waitForHead: true });
  if (!head) return (await desk.hasWaiting(tx, { groupIds: [input.groupId] })) ? { kind: 'queue_locked' } : { kind: 'queue_empty' };
  const candidates = (await lockCandidates(tx, input.groupId)).filter(
    (candidate) => settings.requiredLanguage === null || candidate.languages.includes(settings.requiredLanguage),
  );
  if (candidates.length === 0) return { kind: 'no_agent' };
  const loads = await desk.loadOf(
    tx,
    candidates.map((candidate) => candidate.agentId),
  );
  // Read again under the agents' locks: the cursor the previous assigner of this group just committed.
  const { roundRobinCursor } = await getGroupRouting(tx, input.groupId);
  let ticket: QueuedTicket | undefined = head;
  let chosen = choose(
    settings.strategy,
    roundRobinCursor,
    candidates.filter((c) => hasRoom(c, loads.get(c.agentId), head.channel)),
    loads,
    head.channel,
  );
  if (!chosen && isConversation(head.channel)) {
    ticket = await desk.lockQueueHead(tx, { groupIds: [input.groupId], channelsExcluded: conversationChannels });
    const channel = ticket?.channel;
    if (channel)
      chosen = choose(
        settings.strategy,
        roundRobinCursor,
        candidates.filter((c) => hasRoom(c, loads.get(c.agentId), channel)),
        loads,
        channel,
      );
  }
  if (!chosen || !ticket) return { kind: 'no_agent' };
  await desk.assign(tx, {
    ticketId: ticket.id,
    agentId: chosen.agentId,
    routing: { reason: 'auto', strategy: settings.strategy },
    now: input.now,
  });
  if (settings.strategy === 'round_robin') {
    await tx.update(groupRouting).set({ roundRobinCursor: chosen.agentId }).where(eq(groupRouting.groupId, input.groupId));
  }
  return { kind: 'assigned', ticketId: ticket.id, agentId: chosen.agentId };
}

/**
 * An agent asks for their next ticket: the head of the queues of their groups
 * (every strategy; a group requiring a language they do not speak is left
 * out), within their capacity, whatever their presence. Outcomes: assigned
 * (with the ticket), queue_empty, at_capacity.
 */
export async function pullNextTicket(
  tx: Executor,
  desk: TicketDesk,
  input: { agentId: string; now: Date },
): Promise<{ outcome: PullOutcome; ticket: QueuedTicket | null }> {
  // Lock this agent's presence row, as automatic assignment does, before counting their load.
  await tx
    .insert(agentPresence)
    .values({ agentId: input.agentId, status: 'offline', changedAt: input.now, lastSeenAt: input.now })
    .onConflictDoNothing();
  await tx.select({ agentId: agentPresence.agentId }).from(agentPresence).where(eq(agentPresence.agentId, input.agentId)).for('update');
  const profile = await getRoutingProfile(tx, input.agentId);
  const memberOf = await groupIdsOfAgent(tx, input.agentId);
  const settings = memberOf.length === 0 ? [] : await tx.select().from(groupRouting).where(inArray(groupRouting.groupId, memberOf));
  const groupIds = memberOf.filter((groupId) => {
    const language = settings.find((row) => row.groupId === groupId)?.requiredLanguage;
    return !language || (profile.languages as string[]).includes(language);
  });
  const load = (await desk.loadOf(tx, [input.agentId])).get(input.agentId);
  const candidate: Candidate = { ...profile, languages: profile.languages };
  if ((load?.open ?? 0) >= profile.maxOpenTickets) return { outcome: 'at_capacity', ticket: null };
  const chatsFull = (load?.chats ?? 0) >= profile.maxConcurrentChats;
  const ticket = await desk.lockQueueHead(tx, { groupIds, ...(chatsFull ? { channelsExcluded: conversationChannels } : {}) });
  if (!ticket) return { outcome: chatsFull ? 'at_capacity' : 'queue_empty', ticket: null };
  if (!hasRoom(candidate, load, ticket.channel)) return { outcome: 'at_capacity', ticket: null };
  await desk.assign(tx, { ticketId: ticket.id, agentId: input.agentId, routing: { reason: 'pulled' }, now: input.now });
  return { outcome: 'assigned', ticket };
}

export interface QueueStateView {
  groupId: string;
  strategy: RoutingStrategy;
  waiting: number;
  vipWaiting: number;
  oldestWaitingSince: Date | null;
  longestWaitSeconds: number;
  agents: Record<AgentPresence | 'members', number>;
  openSlots: number;
}

/** A group's queue at a glance: what waits, since when, who is there and how much room they have. Errors: GROUP_NOT_FOUND. */
export async function queueState(db: Executor, desk: TicketDesk, input: { groupId: string; now: Date }): Promise<QueueStateView> {
  const settings = await getGroupRouting(db, input.groupId);
  const stats = await desk.queueStats(db, input.groupId);
  const members = await db
    .select({
      agentId: skillGroupMember.agentId,
      status: agentPresence.status,
      maxOpenTickets: agentRoutingProfile.maxOpenTickets,
    })
    .from(skillGroupMember)
    .innerJoin(agent, and(eq(agent.id, skillGroupMember.agentId), eq(agent.active, true)))
    .leftJoin(agentPresence, eq(agentPresence.agentId, skillGroupMember.agentId))
    .leftJoin(agentRoutingProfile, eq(agentRoutingProfile.agentId, skillGroupMember.agentId))
    .where(eq(skillGroupMember.groupId, input.groupId));
  const agents = { members: members.length, online: 0, busy: 0, away: 0, offline: 0 };
  for (const member of members) agents[member.status ?? 'offline'] += 1;
  const online = members.filter((member) => member.status === 'online');
  const loads = await desk.loadOf(
    db,
    online.map((member) => member.agentId),
  );
  const openSlots = online.reduce(
    (sum, member) => sum + Math.max(0, (member.maxOpenTickets ?? defaultCapacity.maxOpenTickets) - (loads.get(member.agentId)?.open ?? 0)),
    0,
  );
  return {
    groupId: input.groupId,
    strategy: settings.strategy,
    waiting: stats.waiting,
    vipWaiting: stats.vipWaiting,
    oldestWaitingSince: stats.oldestCreatedAt,
    longestWaitSeconds: stats.oldestCreatedAt ? Math.max(0, Math.floor((input.now.getTime() - stats.oldestCreatedAt.getTime()) / 1000)) : 0,
    agents,
    openSlots,
  };
}
