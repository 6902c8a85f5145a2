import type { TicketChannel, TicketPriority } from '@common/tickets/ticket-fields';
import type { Executor } from '../platform/db';

/** An unassigned ticket waiting in a group's queue, as routing sees it. */
export interface QueuedTicket {
  id: string;
  number: string;
  groupId: string;
  channel: TicketChannel;
  priority: TicketPriority;
  vip: boolean;
  createdAt: Date;
}

export interface AgentLoad {
  /** Tickets in an active status assigned to the agent. */
  open: number;
  /** Of those, live conversations (conversationChannels). */
  chats: number;
}

/**
 * What routing needs from the tickets module. Tickets depends on routing
 * (groups, membership), so routing cannot import tickets; the composition
 * root passes the tickets module's implementation (`routingTicketDesk`) in.
 * Every writer audits on the ticket's chain and records ticket.assigned and
 * ticket.updated, like any other assignment.
 */
export interface TicketDesk {
  /**
   * The head of the queues of these groups: unassigned tickets in an active
   * status, VIP customers first, then urgent > high > normal > low, then the
   * oldest; locked FOR UPDATE SKIP LOCKED, so concurrent assigners take
   * different tickets — or, with `waitForHead`, FOR UPDATE waiting for the
   * head held by another writer, so the queue's order holds (automatic
   * routing, one assigner per group already); a head assigned meanwhile is
   * then missing from the answer. `channelsExcluded` leaves out tickets of
   * those channels.
   */
  lockQueueHead(
    tx: Executor,
    input: { groupIds: string[]; channelsExcluded?: readonly TicketChannel[]; waitForHead?: boolean },
  ): Promise<QueuedTicket | undefined>;
  /** Whether these groups have unassigned tickets in an active status, locked by someone else or not. */
  hasWaiting(tx: Executor, input: { groupIds: string[] }): Promise<boolean>;
  /** Load of each agent (agents with none are absent). */
  loadOf(tx: Executor, agentIds: string[]): Promise<Map<string, AgentLoad>>;
  /** Assigns a locked, unassigned ticket to an agent. */
  assign(tx: Executor, input: { ticketId: string; agentId: string; routing: Record<string, unknown>; now: Date }): Promise<void>;
  /** Moves a ticket that is still unassigned in `fromGroupId` to another group; false when it is not (any more). */
  moveUnassigned(
    tx: Executor,
    input: { ticketId: string; fromGroupId: string; toGroupId: string; routing: Record<string, unknown>; now: Date },
  ): Promise<boolean>;
  /** Unassigns the agent's active tickets nobody has answered yet; returns them. */
  requeueUnanswered(
    tx: Executor,
    input: { agentId: string; routing: Record<string, unknown>; now: Date },
  ): Promise<{ ticketId: string; groupId: string }[]>;
  /** Waiting tickets per group: how many, how many of VIP customers, and since when the oldest waits. */
  queueStats(db: Executor, groupId: string): Promise<{ waiting: number; vipWaiting: number; oldestCreatedAt: Date | null }>;
  /** Where a ticket stands, for the overflow job. */
  findTicket(
    tx: Executor,
    ticketId: string,
  ): Promise<{ groupId: string; assigneeId: string | null; active: boolean; createdAt: Date } | undefined>;
}
