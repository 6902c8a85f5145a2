import type { AgentNotificationDto } from '@common/dto/agent-notification.dto';
import type { AgentNotificationView } from './agent-notification.service';

export function presentAgentNotification(row: AgentNotificationView): AgentNotificationDto {
  return {
    id: row.id,
    kind: row.kind,
    reason: row.reason,
    ticket: { id: row.ticketId, number: row.ticketNumber, subject: row.ticketSubject },
    details: row.details,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}
