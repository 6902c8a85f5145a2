import type { AgentRole, ApiTokenScope } from '@common/tickets/ticket-fields';

/** Who is making a request or running a change; policies decide on it, audit entries record it. */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'agent'; agentId: string; role: AgentRole; groupIds: readonly string[]; sessionId: string | null }
  | { kind: 'api_token'; tokenId: string; scopes: readonly ApiTokenScope[] }
  | { kind: 'system'; name: string };

export interface ActorRef {
  type: 'agent' | 'api_token' | 'system' | 'customer';
  id: string;
}

export function actorRef(actor: Actor): ActorRef {
  switch (actor.kind) {
    case 'agent':
      return { type: 'agent', id: actor.agentId };
    case 'api_token':
      return { type: 'api_token', id: actor.tokenId };
    case 'system':
      return { type: 'system', id: actor.name };
    case 'anonymous':
      throw new Error('an anonymous actor cannot change anything');
  }
}

export const systemActor = (name: string): Actor => ({ kind: 'system', name });
