/** Names of the domain events written to the outbox; subscribers and the realtime channel use them. */
export const eventNames = [
  'ticket.created',
  'ticket.updated',
  'ticket.status_changed',
  'ticket.assigned',
  'ticket.merged',
  'article.created',
  /** A customer's message had card/ID numbers, passwords, codes or keys masked before it was stored. */
  'article.masked',
  /** A customer's new ticket reports fraud or impersonation: they get the anti-fraud advice at once. */
  'ticket.fraud_reported',
  /** An agent's presence changed (online, busy, away, offline; reason manual, heartbeat_timeout or deactivated): routing hands out or takes back tickets. */
  'agent.presence_changed',
  /** A customer's message (new ticket or later reply) reports account theft: urgent, 7×24 group, self-service freeze link. */
  'ticket.theft_reported',
  /** The identity check of a ticket's customer ended (pass/fail only). */
  'ticket.identity_checked',
  /** An emergency freeze was requested, sent, confirmed or failed. */
  'ticket.freeze_changed',
  'webhook.delivered',
  'webhook.failed',
  'customer.created',
  'customer.updated',
  'api_token.revoked',
  /** A business calendar's rule or exceptions changed, or a public-holiday year was entered: deadlines on it are recomputed. */
  'business_calendar.changed',
  /** An SLA policy's targets, calendar or warning share changed: the clocks running under it are recomputed. */
  'sla_policy.changed',
  /** A ticket's SLA clock passed its warning share (default 80 %) of a target: the assignee and the group see it. */
  'ticket.sla_warning',
  /** A ticket's SLA clock passed its target: recorded once per metric and cycle, escalated by the policy. */
  'ticket.sla_breached',
  /** A customer pressed (催办) their case: higher priority, the assignee and the group see it. */
  'ticket.pressed',
  /** A formal complaint's decision deadline was extended, with its reason. */
  'ticket.complaint_extended',
  /** An agent was notified (SLA warning or breach, a press); only that agent's console hears it. */
  'agent_notification.created',
] as const;

export type EventName = (typeof eventNames)[number];
