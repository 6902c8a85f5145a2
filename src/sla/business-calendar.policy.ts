import type { AccessRule } from '../platform/security';

/** Agents read calendars to understand deadlines; admins change them, since every deadline on them moves. */
export const businessCalendarPolicy = {
  read: { scope: 'directory:read' },
  manage: { roles: ['admin'] },
} satisfies Record<string, AccessRule>;
