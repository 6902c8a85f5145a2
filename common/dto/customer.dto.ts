import { type Static, Type } from '@sinclair/typebox';
import { contactPointKinds } from '../tickets/ticket-fields';
import { Nullable, StringEnum, Timestamp, Uuid } from './primitives';

export const ContactPointDto = Type.Object({
  kind: StringEnum(contactPointKinds),
  value: Type.String({ minLength: 1, maxLength: 254 }),
});

/** A contact point as shown: masked (e.g. +86138****8000) unless the caller may see it whole. */
export const ContactPointViewDto = Type.Object({
  kind: StringEnum(contactPointKinds),
  value: Type.String(),
  masked: Type.Boolean(),
});
export type ContactPointViewDto = Static<typeof ContactPointViewDto>;

export const CustomerDto = Type.Object(
  {
    id: Uuid,
    platformUserId: Nullable(Type.String()),
    name: Nullable(Type.String()),
    tier: Type.String(),
    contactPoints: Type.Array(ContactPointViewDto),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Customer' },
);
export type CustomerDto = Static<typeof CustomerDto>;

export const CustomerSummaryDto = Type.Object({ id: Uuid, name: Nullable(Type.String()), platformUserId: Nullable(Type.String()) });
export type CustomerSummaryDto = Static<typeof CustomerSummaryDto>;

export const RevealedContactPointsDto = Type.Object(
  { customerId: Uuid, contactPoints: Type.Array(ContactPointViewDto) },
  { title: 'RevealedContactPoints' },
);
export type RevealedContactPointsDto = Static<typeof RevealedContactPointsDto>;
