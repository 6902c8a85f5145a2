import { and, asc, count, eq, getTableColumns, inArray, isNull, min, notInArray, sql } from 'drizzle-orm';
import { activeTicketStatuses } from '@common/tickets/ticket-status';
import { conversationChannels } from '@common/routing/routing-fields';
import { customer } from '../customers';
import type { Executor } from '../platform/db';
import { systemActor } from '../platform/security';
import type { TicketDesk } from '../routing';
import { eventPayload, recordTicketChange } from './ticket-changes';
import { recordEvent } from '../platform/events';
import type { TicketRow } from './ticket-query';
import { ticket } from './ticket.table';

const { searchVector: _omit, ...rowColumns } = getTableColumns(ticket);
const routingActor = systemActor('routing');
const active = inArray(ticket.status, [...activeTicketStatuses]);
const priorityRank = sql`case ${ticket.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;
const isVip = sql<boolean>`${customer.tier} = 'vip'`;

async function writeAssignment(
  tx: Executor,
  before: TicketRow,
  changes: { groupId?: string; assigneeId: string | null },
  routing: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const [after] = await tx
    .update(ticket)
    .set({ ...changes, updatedAt: now })
    .where(eq(ticket.id, before.id))
    .returning(rowColumns);
  if (!after) throw new Error(`ticket ${before.id} vanished while locked`);
  await recordTicketChange(tx, {
    ticket: after,
    actor: routingActor,
    action: 'ticket.assigned',
    event: 'ticket.assigned',
    before: { groupId: before.groupId, assigneeId: before.assigneeId },
    after: { groupId: after.groupId, assigneeId: after.assigneeId, routing },
    eventExtra: { previousGroupId: before.groupId, previousAssigneeId: before.assigneeId, routing },
    now,
  });
  const changed = ['assigneeId', ...(changes.groupId !== undefined && changes.groupId !== before.groupId ? ['groupId'] : [])];
  await recordEvent(tx, { name: 'ticket.updated', payload: eventPayload(after, { changed }), occurredAt: now });
}

async function lockRow(tx: Executor, id: string): Promise<TicketRow | undefined> {
  const [row] = await tx.select(rowColumns).from(ticket).where(eq(ticket.id, id)).for('update');
  return row;
}

/** The tickets module's side of routing (see routing's TicketDesk): the queue, loads and assignment writes. */
export const routingTicketDesk: TicketDesk = {
  async lockQueueHead(tx, input) {
    if (input.groupIds.length === 0) return undefined;
    const excluded = input.channelsExcluded ?? [];
    const [row] = await tx
      .select({
        id: ticket.id,
        number: ticket.number,
        groupId: ticket.groupId,
        channel: ticket.channel,
        priority: ticket.priority,
        vip: isVip,
        createdAt: ticket.createdAt,
      })
      .from(ticket)
      .innerJoin(customer, eq(customer.id, ticket.customerId))
      .where(
        and(
          inArray(ticket.groupId, input.groupIds),
          isNull(ticket.assigneeId),
          active,
          excluded.length > 0 ? notInArray(ticket.channel, [...excluded]) : undefined,
        ),
      )
      .orderBy(sql`${isVip} desc`, priorityRank, asc(ticket.createdAt), asc(ticket.id))
      .limit(1)
      .for('update', input.waitForHead ? { of: ticket } : { of: ticket, skipLocked: true });
    return row;
  },

  async hasWaiting(tx, input) {
    if (input.groupIds.length === 0) return false;
    const [row] = await tx
      .select({ id: ticket.id })
      .from(ticket)
      .where(and(inArray(ticket.groupId, input.groupIds), isNull(ticket.assigneeId), active))
      .limit(1);
    return row !== undefined;
  },

  async loadOf(tx, agentIds) {
    const loads = new Map<string, { open: number; chats: number }>();
    if (agentIds.length === 0) return loads;
    const rows = await tx
      .select({
        agentId: ticket.assigneeId,
        open: count(),
        chats: sql<number>`count(*) filter (where ${inArray(ticket.channel, [...conversationChannels])})`.mapWith(Number),
      })
      .from(ticket)
      .where(and(inArray(ticket.assigneeId, agentIds), active))
      .groupBy(ticket.assigneeId);
    for (const row of rows) if (row.agentId) loads.set(row.agentId, { open: row.open, chats: row.chats });
    return loads;
  },

  async assign(tx, input) {
    const before = await lockRow(tx, input.ticketId);
    if (!before) throw new Error(`ticket ${input.ticketId} not found`);
    await writeAssignment(tx, before, { assigneeId: input.agentId }, input.routing, input.now);
  },

  async moveUnassigned(tx, input) {
    const before = await lockRow(tx, input.ticketId);
    if (!before || before.assigneeId !== null || before.groupId !== input.fromGroupId) return false;
    if (!(activeTicketStatuses as readonly string[]).includes(before.status)) return false;
    await writeAssignment(tx, before, { groupId: input.toGroupId, assigneeId: null }, input.routing, input.now);
    return true;
  },

  async requeueUnanswered(tx, input) {
    const rows = await tx
      .select(rowColumns)
      .from(ticket)
      .where(and(eq(ticket.assigneeId, input.agentId), active, isNull(ticket.firstRespondedAt)))
      .orderBy(asc(ticket.id))
      .for('update');
    for (const row of rows) await writeAssignment(tx, row, { assigneeId: null }, input.routing, input.now);
    return rows.map((row) => ({ ticketId: row.id, groupId: row.groupId }));
  },

  async queueStats(db, groupId) {
    const [row] = await db
      .select({
        waiting: count(),
        vipWaiting: sql<number>`count(*) filter (where ${isVip})`.mapWith(Number),
        oldest: min(ticket.createdAt),
      })
      .from(ticket)
      .innerJoin(customer, eq(customer.id, ticket.customerId))
      .where(and(eq(ticket.groupId, groupId), isNull(ticket.assigneeId), active));
    return { waiting: row?.waiting ?? 0, vipWaiting: row?.vipWaiting ?? 0, oldestCreatedAt: row?.oldest ?? null };
  },

  async findTicket(tx, ticketId) {
    const [row] = await tx
      .select({ groupId: ticket.groupId, assigneeId: ticket.assigneeId, status: ticket.status, createdAt: ticket.createdAt })
      .from(ticket)
      .where(eq(ticket.id, ticketId));
    if (!row) return undefined;
    return { ...row, active: (activeTicketStatuses as readonly string[]).includes(row.status) };
  },
};
