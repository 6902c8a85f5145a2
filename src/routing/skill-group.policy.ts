import type { AccessRule } from '../platform/security';

export const groupPolicy = {
  read: { scope: 'directory:read' },
  manage: { roles: ['admin'] },
} satisfies Record<string, AccessRule>;
