import { type Static, Type } from '@sinclair/typebox';
import { Nullable, StringEnum, Timestamp, Uuid } from './primitives';

export const identityCheckResults = ['pending', 'pass', 'fail', 'error'] as const;
export const freezeStates = ['requested', 'sent', 'confirmed', 'rejected', 'failed'] as const;
export const requesters = ['agent', 'customer'] as const;

/** An identity-check attempt: its outcome only, never the digits. */
export const IdentityCheckDto = Type.Object(
  {
    id: Uuid,
    result: StringEnum(identityCheckResults),
    requestedBy: StringEnum(requesters),
    requestedByAgentId: Nullable(Uuid),
    createdAt: Timestamp,
    completedAt: Nullable(Timestamp),
  },
  { title: 'IdentityCheck' },
);
export type IdentityCheckDto = Static<typeof IdentityCheckDto>;

export const FreezeRequestDto = Type.Object(
  {
    id: Uuid,
    ticketId: Uuid,
    state: StringEnum(freezeStates),
    requestedBy: StringEnum(requesters),
    requestedByAgentId: Nullable(Uuid),
    platformReference: Nullable(Type.String()),
    outcome: Nullable(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'FreezeRequest' },
);
export type FreezeRequestDto = Static<typeof FreezeRequestDto>;

/** The safety side of a ticket as an agent sees it. */
export const TicketSafetyDto = Type.Object(
  {
    number: Type.String(),
    fraudFlagged: Type.Boolean(),
    problemType: Nullable(Type.String()),
    freezeAvailable: Type.Boolean(),
    identity: Type.Object({
      lastResult: Nullable(StringEnum(identityCheckResults)),
      attemptsLastHour: Type.Integer(),
      maxPerHour: Type.Integer(),
      checks: Type.Array(IdentityCheckDto),
    }),
    freezeRequests: Type.Array(FreezeRequestDto),
  },
  { title: 'TicketSafety' },
);
export type TicketSafetyDto = Static<typeof TicketSafetyDto>;

/** What the customer's self-service page shows. */
export const SelfServiceFreezeDto = Type.Object(
  {
    ticketNumber: Type.String(),
    expiresAt: Timestamp,
    identityVerified: Type.Boolean(),
    attemptsLeft: Type.Integer(),
    freeze: Nullable(Type.Object({ state: StringEnum(freezeStates), requestedAt: Timestamp, updatedAt: Timestamp })),
  },
  { title: 'SelfServiceFreeze' },
);
export type SelfServiceFreezeDto = Static<typeof SelfServiceFreezeDto>;
