import type { AccessRule } from '../platform/security';

/**
 * The identity check and the freeze are staff acts on a ticket they may see
 * (a customer tells the digits by phone) or the customer's own, by their
 * signed link. The platform's back-end reports a freeze's outcome with an API
 * token; no agent can claim the platform's answer.
 */
export const emergencyPolicy = {
  reportFreezeOutcome: { roles: [], scope: 'tickets:write' },
} satisfies Record<string, AccessRule>;
