import type { AccessRule } from '../platform/security';

/** Every agent works with customers; API tokens need the matching scope. */
export const customerPolicy = {
  read: { scope: 'customers:read' },
  write: { scope: 'customers:write' },
} satisfies Record<string, AccessRule>;
