import type { AgentRole, ApiTokenScope } from '@common/tickets/ticket-fields';
import { AppError } from '../errors';
import type { Actor } from './actor';

export interface AccessRule {
  /** Agent roles allowed; any agent when omitted. */
  roles?: readonly AgentRole[];
  /** The API-token scope that grants this; tokens are refused when omitted. */
  scope?: ApiTokenScope;
}

/** Throws UNAUTHENTICATED, FORBIDDEN or INSUFFICIENT_SCOPE unless the actor passes the rule. */
export function authorize(actor: Actor, rule: AccessRule): void {
  switch (actor.kind) {
    case 'anonymous':
      throw new AppError('UNAUTHENTICATED');
    case 'agent':
      if (rule.roles && !rule.roles.includes(actor.role)) throw new AppError('FORBIDDEN');
      return;
    case 'api_token':
      if (!rule.scope) throw new AppError('FORBIDDEN');
      if (!actor.scopes.includes(rule.scope)) throw new AppError('INSUFFICIENT_SCOPE', { required: rule.scope });
      return;
    case 'system':
      return;
  }
}

/** Narrows to a signed-in agent (optionally of some roles): for what only staff sessions may do. */
export function requireAgent(actor: Actor, roles?: readonly AgentRole[]): Extract<Actor, { kind: 'agent' }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'agent') throw new AppError('FORBIDDEN');
  if (roles && !roles.includes(actor.role)) throw new AppError('FORBIDDEN');
  return actor;
}
