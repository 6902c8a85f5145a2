import { type Static, Type } from '@sinclair/typebox';
import { Timestamp, Uuid } from './primitives';

/** What an agent is notified of; the console words each kind in its locale. */
export const agentNotificationKinds = ['sla_warning', 'sla_breach', 'ticket_pressed'] as const;
export type AgentNotificationKind = (typeof agentNotificationKinds)[number];

export const AgentNotificationDto = Type.Object({
  id: Uuid,
  kind: Type.Union(agentNotificationKinds.map((kind) => Type.Literal(kind))),
  reason: Type.Union([Type.Literal('assignee'), Type.Literal('supervisor')], {
    description: 'assignee: the ticket is yours; supervisor: you supervise its group',
  }),
  ticket: Type.Object({ id: Uuid, number: Type.String(), subject: Type.String() }),
  /** sla_*: metric, cycle, dueAt; ticket_pressed: pressedAt, priority. */
  details: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Timestamp,
  readAt: Type.Union([Timestamp, Type.Null()]),
});
export type AgentNotificationDto = Static<typeof AgentNotificationDto>;

export const AgentNotificationInboxDto = Type.Object({
  items: Type.Array(AgentNotificationDto),
  unreadCount: Type.Integer(),
});
export type AgentNotificationInboxDto = Static<typeof AgentNotificationInboxDto>;
