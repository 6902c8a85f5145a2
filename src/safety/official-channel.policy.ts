import type { AccessRule } from '../platform/security';

/** Agents read the list to answer customers; only admins change what counts as official. */
export const officialChannelPolicy = {
  read: { scope: 'directory:read' },
  manage: { roles: ['admin'] },
} satisfies Record<string, AccessRule>;
