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
  /** An agent's presence changed (online, busy, away, offline): routing hands out or takes back tickets. */
  'agent.presence_changed',
  'customer.created',
  'customer.updated',
  'api_token.revoked',
] as const;

export type EventName = (typeof eventNames)[number];
