export const ticketChannels = ['email', 'chat', 'portal', 'phone', 'wechat', 'sms', 'api', 'web'] as const;
export type TicketChannel = (typeof ticketChannels)[number];

export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

/** One step up (a breach, a customer pressing the case); undefined for urgent, which is the top. */
export function priorityAbove(priority: TicketPriority): TicketPriority | undefined {
  return ticketPriorities[ticketPriorities.indexOf(priority) + 1];
}

export const articleKinds = ['inbound', 'outbound', 'note'] as const;
export type ArticleKind = (typeof articleKinds)[number];

export const articleVisibilities = ['public', 'internal'] as const;
export type ArticleVisibility = (typeof articleVisibilities)[number];

export const actorTypes = ['agent', 'customer', 'api_token', 'system'] as const;
export type ActorType = (typeof actorTypes)[number];

export const agentRoles = ['admin', 'supervisor', 'agent'] as const;
export type AgentRole = (typeof agentRoles)[number];

export const contactPointKinds = ['email', 'mobile', 'wechat_openid'] as const;
export type ContactPointKind = (typeof contactPointKinds)[number];

export const apiTokenScopes = [
  'tickets:read',
  'tickets:write',
  'customers:read',
  'customers:write',
  'directory:read',
  'audit:read',
] as const;
export type ApiTokenScope = (typeof apiTokenScopes)[number];

/** HY + yymmdd (workspace time zone) + a per-day sequence of at least four digits. */
export const ticketNumberPattern = /^HY\d{6}\d{4,}$/;
