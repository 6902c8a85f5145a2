import type { Database } from '../platform/db';
import type { DomainEvent, EventSubscriber } from '../platform/events';
import { enqueueJob, type JobDefinition } from '../platform/jobs';
import type { OverflowPayload } from './overflow.job';
import { getGroupRouting, routeNextInGroup } from './routing.service';
import { groupIdsOfAgent } from './skill-group.service';
import type { TicketDesk } from './ticket-desk';

/** More than this in one pass is left to the next event; keeps one job short. */
const MAX_PER_PASS = 200;

/** How often, and how long apart, a pass waits for a waiting ticket another transaction holds for a moment. */
const LOCKED_RETRIES = 40;
const LOCKED_RETRY_MS = 25;

/**
 * Hands out a group's queue until it is empty or nobody has room; one
 * transaction per ticket, so locks are short. The head of the queue is
 * waited for when another writer holds it (a notice being added); when it
 * was assigned meanwhile (an agent pulled it) while others wait, the pass
 * tries again a moment later rather than leave them until the next event.
 */
export async function routeGroup(db: Database, desk: TicketDesk, groupId: string, now: () => Date): Promise<number> {
  let assigned = 0;
  let retries = 0;
  while (assigned < MAX_PER_PASS) {
    const outcome = await db.transaction((tx) => routeNextInGroup(tx, desk, { groupId, now: now() }));
    if (outcome.kind === 'queue_locked' && retries < LOCKED_RETRIES) {
      retries += 1;
      await new Promise((resolve) => setTimeout(resolve, LOCKED_RETRY_MS));
      continue;
    }
    if (outcome.kind !== 'assigned') break;
    assigned += 1;
  }
  return assigned;
}

interface TicketPayload {
  ticketId: string;
  groupId: string;
  assigneeId: string | null;
  status: string;
  previousGroupId?: string;
}

/**
 * Routing's reaction to tickets: a new ticket, or one left unassigned or moved
 * to another group, is routed in its group and, when the group overflows,
 * gets an overflow job at the end of the wait; a ticket that was resolved or
 * closed frees its agent's capacity, so their groups are routed again.
 */
export function ticketRoutingSubscriber(desk: TicketDesk, overflow: JobDefinition<OverflowPayload>): EventSubscriber {
  return {
    name: 'routing.tickets',
    events: ['ticket.created', 'ticket.assigned', 'ticket.status_changed'],
    async handle({ db, clock }, event: DomainEvent) {
      const payload = event.payload as unknown as TicketPayload;
      if (event.name === 'ticket.status_changed') {
        // A resolved or closed ticket frees a slot of its agent; a reopened unassigned one waits in its group again.
        const groupIds = payload.assigneeId ? await groupIdsOfAgent(db, payload.assigneeId) : [payload.groupId];
        for (const groupId of groupIds) await routeGroup(db, desk, groupId, () => clock.now());
        return;
      }
      if (payload.assigneeId !== null) return;
      const settings = await getGroupRouting(db, payload.groupId);
      if (settings.overflowGroupId && settings.overflowAfterMinutes !== null) {
        const runAt = new Date(new Date(event.occurredAt).getTime() + settings.overflowAfterMinutes * 60_000);
        await enqueueJob(
          db,
          overflow,
          { ticketId: payload.ticketId, fromGroupId: payload.groupId },
          { runAt, idempotencyKey: `routing.overflow:${event.id}` },
        );
      }
      await routeGroup(db, desk, payload.groupId, () => clock.now());
    },
  };
}

/** An agent coming online gets waiting tickets of their groups (the offline re-queue happens with the presence change itself). */
export function presenceRoutingSubscriber(desk: TicketDesk): EventSubscriber {
  return {
    name: 'routing.presence',
    events: ['agent.presence_changed'],
    async handle({ db, clock }, event: DomainEvent) {
      const { agentId, status } = event.payload as { agentId: string; status: string };
      if (status !== 'online') return;
      for (const groupId of await groupIdsOfAgent(db, agentId)) await routeGroup(db, desk, groupId, () => clock.now());
    },
  };
}
