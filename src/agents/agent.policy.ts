import type { AccessRule } from '../platform/security';

/** Every agent can see the staff directory; only admins manage accounts. */
export const agentPolicy = {
  read: { scope: 'directory:read' },
  manage: { roles: ['admin'] },
} satisfies Record<string, AccessRule>;
