import type { AccessRule } from '../platform/security';

export const authPolicy = {
  manageTokens: { roles: ['admin'] },
} satisfies Record<string, AccessRule>;
