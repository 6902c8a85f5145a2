import { type Static, Type } from '@sinclair/typebox';
import { agentRoles, apiTokenScopes } from '../tickets/ticket-fields';
import { Nullable, StringEnum, Timestamp, Uuid } from './primitives';

export const AgentDto = Type.Object(
  {
    id: Uuid,
    email: Type.String(),
    name: Type.String(),
    role: StringEnum(agentRoles),
    active: Type.Boolean(),
    locale: Type.String(),
    lockedUntil: Nullable(Timestamp),
    lastLoginAt: Nullable(Timestamp),
    createdAt: Timestamp,
  },
  { title: 'Agent' },
);
export type AgentDto = Static<typeof AgentDto>;

export const AgentSummaryDto = Type.Object({ id: Uuid, name: Type.String() });
export type AgentSummaryDto = Static<typeof AgentSummaryDto>;

export const SessionDto = Type.Object(
  { agent: AgentDto, groupIds: Type.Array(Uuid), csrfToken: Type.String(), expiresAt: Timestamp },
  { title: 'Session' },
);
export type SessionDto = Static<typeof SessionDto>;

export const ApiTokenDto = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    prefix: Type.String(),
    scopes: Type.Array(StringEnum(apiTokenScopes)),
    createdAt: Timestamp,
    lastUsedAt: Nullable(Timestamp),
    revokedAt: Nullable(Timestamp),
  },
  { title: 'ApiToken' },
);
export type ApiTokenDto = Static<typeof ApiTokenDto>;

export const SkillGroupDto = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    description: Type.String(),
    isDefault: Type.Boolean(),
    memberIds: Type.Array(Uuid),
    createdAt: Timestamp,
  },
  { title: 'SkillGroup' },
);
export type SkillGroupDto = Static<typeof SkillGroupDto>;
