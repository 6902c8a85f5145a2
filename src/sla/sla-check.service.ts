import { and, eq } from 'drizzle-orm';
import type { SlaMetric } from '@common/sla/sla-targets';
import { priorityAbove, type TicketPriority } from '@common/tickets/ticket-fields';
import { appendAudit } from '../audit';
import type { Executor } from '../platform/db';
import { actorRef, systemActor } from '../platform/security';
import { eventPayload, type TicketRow, unrestricted, updateTicket } from '../tickets';
import { readTicket } from './ticket-read';
import { lockTicketSla, type SlaClockRow, syncTicketSla } from './sla-clock.service';
import { slaClock, slaEvent, slaPolicy } from './sla-policy.table';

const SLA_ACTOR = systemActor('sla');

export interface SlaCheckOutcome {
  warnings: SlaMetric[];
  breaches: SlaMetric[];
  /** When the next check is due; null when nothing is left to watch. */
  nextEscalationAt: Date | null;
}

/**
 * Records the warnings and breaches of a ticket's clocks that are due by
 * `now`, each once per (ticket, metric, cycle) — the unique index on
 * `sla_event` refuses a second one, so two nodes checking the same ticket
 * cannot double it — with an audit entry on the ticket's chain and an event
 * (`ticket.sla_warning`, `ticket.sla_breached`) that reaches the assignee and
 * the group in the console. A breach raises the priority one step when the
 * policy says so, and a resolution breach moves the ticket to the policy's
 * escalation group. Then re-syncs the clocks and returns what comes next.
 */
export async function checkTicketSla(tx: Executor, input: { ticketId: string; now: Date }): Promise<SlaCheckOutcome> {
  await lockTicketSla(tx, input.ticketId);
  let row = await readTicket(tx, input.ticketId);
  if (!row) return { warnings: [], breaches: [], nextEscalationAt: null };
  const clocks = await tx.select().from(slaClock).where(eq(slaClock.ticketId, row.id));
  const outcome: SlaCheckOutcome = { warnings: [], breaches: [], nextEscalationAt: null };
  for (const clock of clocks) {
    if (clock.stoppedAt || clock.pausedAt || !clock.dueAt) continue;
    if (!clock.warnedAt && clock.warnAt && clock.warnAt <= input.now && (await recordOnce(tx, row, clock, 'warning', input.now)))
      outcome.warnings.push(clock.metric);
    if (!clock.breachedAt && clock.dueAt <= input.now && (await recordOnce(tx, row, clock, 'breach', input.now))) {
      outcome.breaches.push(clock.metric);
      row = await escalate(tx, row, clock, input.now);
    }
  }
  outcome.nextEscalationAt = await syncTicketSla(tx, row, input.now);
  return outcome;
}

async function recordOnce(tx: Executor, row: TicketRow, clock: SlaClockRow, kind: 'warning' | 'breach', now: Date): Promise<boolean> {
  const [inserted] = await tx
    .insert(slaEvent)
    .values({ ticketId: row.id, metric: clock.metric, cycle: clock.cycle, kind, dueAt: clock.dueAt as Date, occurredAt: now })
    .onConflictDoNothing()
    .returning({ id: slaEvent.id });
  if (!inserted) return false;
  await tx
    .update(slaClock)
    .set(kind === 'warning' ? { warnedAt: now } : { breachedAt: now, ...(clock.warnedAt ? {} : { warnedAt: now }) })
    .where(and(eq(slaClock.ticketId, row.id), eq(slaClock.metric, clock.metric)));
  const details = { metric: clock.metric, cycle: clock.cycle, dueAt: (clock.dueAt as Date).toISOString(), target: clock.target };
  await appendAudit(
    tx,
    {
      subjectType: 'ticket',
      subjectId: row.id,
      action: kind === 'warning' ? 'ticket.sla_warning' : 'ticket.sla_breached',
      actor: actorRef(SLA_ACTOR),
      after: details,
      occurredAt: now,
    },
    { name: kind === 'warning' ? 'ticket.sla_warning' : 'ticket.sla_breached', payload: eventPayload(row, details), occurredAt: now },
  );
  return true;
}

async function escalate(tx: Executor, row: TicketRow, clock: SlaClockRow, now: Date): Promise<TicketRow> {
  const [policy] = await tx.select().from(slaPolicy).where(eq(slaPolicy.id, clock.policyId));
  if (!policy) return row;
  const changes: { priority?: TicketPriority; groupId?: string } = {};
  if (policy.raisePriorityOnBreach) {
    const next = priorityAbove(row.priority);
    if (next) changes.priority = next;
  }
  if (clock.metric === 'resolution' && policy.escalationGroupId && policy.escalationGroupId !== row.groupId)
    changes.groupId = policy.escalationGroupId;
  if (Object.keys(changes).length === 0) return row;
  return updateTicket(tx, { number: row.number, changes, access: unrestricted, actor: SLA_ACTOR, now });
}
