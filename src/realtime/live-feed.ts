import type { DomainEvent } from '../platform/events';
import type { Actor } from '../platform/security';

type AgentActor = Extract<Actor, { kind: 'agent' }>;

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * Whether an agent's console should hear of an event: a notification only
 * its recipient; otherwise supervisors and admins hear all, and agents hear
 * tickets of their groups or assigned to them, including a ticket that just
 * left their group (so it can vanish from their queue).
 */
export function isVisibleTo(actor: AgentActor, event: DomainEvent): boolean {
  const { payload } = event;
  if ('recipientAgentId' in payload) return payload.recipientAgentId === actor.agentId;
  if (actor.role !== 'agent') return true;
  if (!('ticketId' in payload)) return true;
  const groups = [str(payload.groupId), str(payload.previousGroupId)];
  const assignees = [str(payload.assigneeId), str(payload.previousAssigneeId)];
  return groups.some((group) => group !== null && actor.groupIds.includes(group)) || assignees.includes(actor.agentId);
}

/** The SSE frame for an event; the id lets EventSource report the last one it saw. */
export function sseFrame(event: DomainEvent): string {
  return `id: ${event.id}\nevent: ${event.name}\ndata: ${JSON.stringify({ id: event.id, name: event.name, occurredAt: event.occurredAt, payload: event.payload })}\n\n`;
}
