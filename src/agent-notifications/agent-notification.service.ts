import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { AgentNotificationKind } from '@common/dto/agent-notification.dto';
import { agent } from '../agents';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/errors';
import { type DomainEvent, recordEvent } from '../platform/events';
import { skillGroupMember } from '../routing';
import { ticket } from '../tickets';
import { agentNotification } from './agent-notification.table';

export const notifyingEvents: Record<string, AgentNotificationKind> = {
  'ticket.sla_warning': 'sla_warning',
  'ticket.sla_breached': 'sla_breach',
  'ticket.pressed': 'ticket_pressed',
};

type Recipient = { agentId: string; reason: 'assignee' | 'supervisor' };

/**
 * The supervisors of a group (its members with the supervisor role); a group
 * without one falls back to every active supervisor, so an escalation is
 * never heard by no one.
 */
async function supervisorsOf(tx: Executor, groupId: string | null): Promise<string[]> {
  const active = and(eq(agent.role, 'supervisor'), eq(agent.active, true));
  if (groupId) {
    const members = await tx
      .select({ id: agent.id })
      .from(agent)
      .innerJoin(skillGroupMember, eq(skillGroupMember.agentId, agent.id))
      .where(and(active, eq(skillGroupMember.groupId, groupId)));
    if (members.length > 0) return members.map((member) => member.id);
  }
  return (await tx.select({ id: agent.id }).from(agent).where(active)).map((row) => row.id);
}

/**
 * Notifies the people a ticket event concerns, as SLA escalation rules and
 * 催办 require: a warning reaches the assignee (the group's supervisors when
 * no one has the ticket); a breach and a press reach the assignee and the
 * group's supervisors. Each notification is stored once per agent and source
 * event, and raises `agent_notification.created` for that agent's console.
 */
export async function notifyOfTicketEvent(tx: Executor, event: DomainEvent, now: Date): Promise<number> {
  const kind = notifyingEvents[event.name];
  if (!kind) return 0;
  const {
    ticketId,
    groupId,
    assigneeId,
    number: _number,
    customerId: _customer,
    status: _status,
    ...details
  } = event.payload as {
    ticketId: string;
    groupId: string | null;
    assigneeId: string | null;
    [key: string]: unknown;
  };
  const recipients: Recipient[] = [];
  if (assigneeId) {
    const [owner] = await tx
      .select({ id: agent.id })
      .from(agent)
      .where(and(eq(agent.id, assigneeId), eq(agent.active, true)));
    if (owner) recipients.push({ agentId: owner.id, reason: 'assignee' });
  }
  if (kind !== 'sla_warning' || recipients.length === 0) {
    for (const id of await supervisorsOf(tx, groupId))
      if (!recipients.some((recipient) => recipient.agentId === id)) recipients.push({ agentId: id, reason: 'supervisor' });
  }
  if (recipients.length === 0) return 0;
  const inserted = await tx
    .insert(agentNotification)
    .values(recipients.map((recipient) => ({ ...recipient, kind, ticketId, sourceEventId: event.id, details, createdAt: now })))
    .onConflictDoNothing()
    .returning({ id: agentNotification.id, agentId: agentNotification.agentId });
  for (const row of inserted) {
    await recordEvent(tx, {
      name: 'agent_notification.created',
      payload: { recipientAgentId: row.agentId, notificationId: row.id, kind, ticketId },
      occurredAt: now,
    });
  }
  return inserted.length;
}

export type AgentNotificationView = typeof agentNotification.$inferSelect & { ticketNumber: string; ticketSubject: string };

/** An agent's notifications, newest first, `before` an instant for the next page. */
export async function listAgentNotifications(
  db: Executor,
  input: { agentId: string; unreadOnly: boolean; limit: number; before?: Date | undefined },
): Promise<{ items: AgentNotificationView[]; unreadCount: number }> {
  const conditions = [eq(agentNotification.agentId, input.agentId)];
  if (input.unreadOnly) conditions.push(isNull(agentNotification.readAt));
  if (input.before) conditions.push(lt(agentNotification.createdAt, input.before));
  const rows = await db
    .select({ notification: agentNotification, ticketNumber: ticket.number, ticketSubject: ticket.subject })
    .from(agentNotification)
    .innerJoin(ticket, eq(ticket.id, agentNotification.ticketId))
    .where(and(...conditions))
    .orderBy(desc(agentNotification.createdAt), desc(agentNotification.id))
    .limit(input.limit);
  const [{ unread } = { unread: 0 }] = await db
    .select({ unread: sql<number>`count(*)::int` })
    .from(agentNotification)
    .where(and(eq(agentNotification.agentId, input.agentId), isNull(agentNotification.readAt)));
  return {
    items: rows.map((row) => ({ ...row.notification, ticketNumber: row.ticketNumber, ticketSubject: row.ticketSubject })),
    unreadCount: unread,
  };
}

/**
 * Marks an agent's own notifications read (the given ones, or all); another
 * agent's id is as unknown as a made-up one.
 * Errors: NOTIFICATION_NOT_FOUND.
 */
export async function markAgentNotificationsRead(
  tx: Executor,
  input: { agentId: string; ids?: string[] | undefined; now: Date },
): Promise<number> {
  const conditions = [eq(agentNotification.agentId, input.agentId), isNull(agentNotification.readAt)];
  if (input.ids) {
    const owned = await tx
      .select({ id: agentNotification.id })
      .from(agentNotification)
      .where(and(eq(agentNotification.agentId, input.agentId), inArray(agentNotification.id, input.ids)));
    const missing = input.ids.find((id) => !owned.some((row) => row.id === id));
    if (missing) throw new AppError('NOTIFICATION_NOT_FOUND', { notification: missing });
    conditions.push(inArray(agentNotification.id, input.ids));
  }
  const updated = await tx
    .update(agentNotification)
    .set({ readAt: input.now })
    .where(and(...conditions))
    .returning({ id: agentNotification.id });
  return updated.length;
}
