import type { AccessRule } from '../platform/security';

/** Agents read the policies behind their deadlines; admins change them, since every promise made under them follows. */
export const slaPolicyPolicy = {
  read: { scope: 'directory:read' },
  manage: { roles: ['admin'] },
} satisfies Record<string, AccessRule>;
