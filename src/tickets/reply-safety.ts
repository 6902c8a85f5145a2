import { eq } from 'drizzle-orm';
import { problemTypeDefaults, readSafetyReport } from '../classification';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/errors';
import type { Actor } from '../platform/security';
import { isGroupMember } from '../routing';
import { recordTicketChange } from './ticket-changes';
import type { TicketRow } from './ticket-query';
import { ticket } from './ticket.table';

/**
 * A customer's later message is read for theft and fraud as a first one is
 * (a safety rule fires, the model may choose the other of the two types).
 * Fraud or impersonation flags the ticket, makes it urgent and raises
 * `ticket.fraud_reported` (the anti-fraud advice goes out through the safety
 * notices); suspected theft makes it a suspected_theft ticket, urgent, in the
 * type's (7×24) group, and raises `ticket.theft_reported` (the self-service
 * freeze link). Each is done once per ticket: a ticket already flagged or
 * already in that state is left alone. Returns the ticket as it is now.
 */
export async function flagSafetyInReply(
  tx: Executor,
  row: TicketRow,
  input: { bodyText: string; subject?: string; actor: Actor; now: Date },
): Promise<TicketRow> {
  const report = readSafetyReport(input.bodyText);
  if (!report) return row;
  if (report.type === 'fraud_report') {
    if (row.fraudFlagged) return row;
    const updated = await setTicket(tx, row.id, { fraudFlagged: true, priority: 'urgent', updatedAt: input.now });
    await recordTicketChange(tx, {
      ticket: updated,
      action: 'ticket.fraud_flagged',
      event: 'ticket.fraud_reported',
      actor: input.actor,
      before: { fraudFlagged: row.fraudFlagged, priority: row.priority },
      after: { fraudFlagged: true, priority: 'urgent', matchedRule: report.ruleId },
      eventExtra: { matchedRule: report.ruleId },
      now: input.now,
    });
    return updated;
  }
  const defaults = await problemTypeDefaults(tx, 'suspected_theft', input.now);
  const groupId = defaults?.groupId ?? row.groupId;
  if (row.problemType === 'suspected_theft' && row.priority === 'urgent' && row.groupId === groupId) return row;
  const assigneeId =
    row.assigneeId && groupId !== row.groupId && !(await isGroupMember(tx, groupId, row.assigneeId)) ? null : row.assigneeId;
  const updated = await setTicket(tx, row.id, {
    problemType: 'suspected_theft',
    classificationConfidence: report.confidence,
    needsTriage: false,
    priority: 'urgent',
    groupId,
    assigneeId,
    updatedAt: input.now,
  });
  await recordTicketChange(tx, {
    ticket: updated,
    action: 'ticket.theft_flagged',
    event: 'ticket.theft_reported',
    actor: input.actor,
    before: { problemType: row.problemType, priority: row.priority, groupId: row.groupId, assigneeId: row.assigneeId },
    after: { problemType: 'suspected_theft', priority: 'urgent', groupId, assigneeId, matchedRule: report.ruleId },
    eventExtra: { matchedRule: report.ruleId },
    ...(groupId !== row.groupId
      ? { alsoEvent: { name: 'ticket.assigned', extra: { previousGroupId: row.groupId, previousAssigneeId: row.assigneeId } } }
      : {}),
    now: input.now,
  });
  return updated;
}

async function setTicket(tx: Executor, id: string, values: Partial<TicketRow>): Promise<TicketRow> {
  const [updated] = await tx.update(ticket).set(values).where(eq(ticket.id, id)).returning();
  if (!updated) throw new AppError('TICKET_NOT_FOUND');
  return updated;
}
