import { eq, inArray, or, type SQL } from 'drizzle-orm';
import { type AccessRule, type Actor, authorize } from '../platform/security';
import { ticket } from './ticket.table';

/**
 * Which tickets an actor may see. Agents see their groups' tickets and the
 * ones assigned to them; supervisors, admins and scoped API tokens see all.
 * A ticket outside the scope is reported as not found, never as forbidden,
 * so numbers cannot be probed.
 */
export type TicketAccess = { kind: 'all' } | { kind: 'scoped'; agentId: string; groupIds: readonly string[] };

export function ticketAccess(actor: Actor, mode: 'read' | 'write'): TicketAccess {
  authorize(actor, { scope: mode === 'read' ? 'tickets:read' : 'tickets:write' });
  if (actor.kind === 'agent' && actor.role === 'agent') return { kind: 'scoped', agentId: actor.agentId, groupIds: actor.groupIds };
  return { kind: 'all' };
}

export function accessCondition(access: TicketAccess): SQL | undefined {
  if (access.kind === 'all') return undefined;
  const assigned = eq(ticket.assigneeId, access.agentId);
  return access.groupIds.length === 0 ? assigned : or(inArray(ticket.groupId, [...access.groupIds]), assigned);
}

export function canSee(access: TicketAccess, row: { groupId: string; assigneeId: string | null }): boolean {
  return access.kind === 'all' || access.groupIds.includes(row.groupId) || row.assigneeId === access.agentId;
}

/** Internal actors (jobs, channel adapters) act on any ticket. */
export const unrestricted: TicketAccess = { kind: 'all' };

/** The full case record (internal notes and audit chain) is for supervisors, admins and compliance systems. */
export const caseRecordRule: AccessRule = { roles: ['admin', 'supervisor'], scope: 'audit:read' };

/** API tokens act for the platform's back end, which shows messages to customers: internal notes stay inside. */
export function seesInternalNotes(actor: Actor): boolean {
  return actor.kind === 'agent' || actor.kind === 'system';
}
