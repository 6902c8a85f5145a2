import type { AccessRule } from '../platform/security';

/**
 * Presence and pulling are an agent's own (staff sessions only); everyone in
 * the directory may read routing settings and queues; only admins change
 * another agent's languages and capacity or a group's routing.
 */
export const routingPolicy = {
  read: { scope: 'directory:read' },
  manage: { roles: ['admin'] },
} satisfies Record<string, AccessRule>;
