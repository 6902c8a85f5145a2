import type { AccessRule } from '../platform/security';

/** Where Huiying calls the platform, with which secret, is an admin's decision; so is reading the delivery log. */
export const webhookPolicy = {
  manage: { roles: ['admin'] },
} satisfies Record<string, AccessRule>;
