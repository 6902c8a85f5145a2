import type { AccessRule } from '../platform/security';

/** Agents read the taxonomy to sort tickets; only admins change its names and defaults. */
export const problemTypePolicy = {
  read: { scope: 'directory:read' },
  manage: { roles: ['admin'] },
} satisfies Record<string, AccessRule>;
