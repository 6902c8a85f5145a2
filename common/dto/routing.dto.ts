import { type Static, Type } from '@sinclair/typebox';
import { recommendedChannels, slaClasses } from '../classification/problem-types';
import { agentLanguages, agentPresences, pullOutcomes, routingStrategies } from '../routing/routing-fields';
import { ticketChannels, ticketPriorities } from '../tickets/ticket-fields';
import { Nullable, StringEnum, Timestamp, Uuid } from './primitives';

export const PresenceDto = Type.Object(
  { agentId: Uuid, status: StringEnum(agentPresences), changedAt: Nullable(Timestamp) },
  { title: 'Presence' },
);
export type PresenceDto = Static<typeof PresenceDto>;

export const RoutingProfileDto = Type.Object(
  {
    agentId: Uuid,
    languages: Type.Array(StringEnum(agentLanguages)),
    maxOpenTickets: Type.Integer(),
    maxConcurrentChats: Type.Integer(),
  },
  { title: 'RoutingProfile' },
);
export type RoutingProfileDto = Static<typeof RoutingProfileDto>;

export const GroupRoutingDto = Type.Object(
  {
    groupId: Uuid,
    strategy: StringEnum(routingStrategies),
    overflowGroupId: Nullable(Uuid),
    overflowAfterMinutes: Nullable(Type.Integer()),
    requiredLanguage: Nullable(StringEnum(agentLanguages)),
  },
  { title: 'GroupRouting' },
);
export type GroupRoutingDto = Static<typeof GroupRoutingDto>;

export const QueueStateDto = Type.Object(
  {
    groupId: Uuid,
    strategy: StringEnum(routingStrategies),
    waiting: Type.Integer(),
    vipWaiting: Type.Integer(),
    oldestWaitingSince: Nullable(Timestamp),
    longestWaitSeconds: Type.Integer(),
    agents: Type.Object({
      members: Type.Integer(),
      online: Type.Integer(),
      busy: Type.Integer(),
      away: Type.Integer(),
      offline: Type.Integer(),
    }),
    /** Free ticket slots of the online members (below their open-ticket capacity). */
    openSlots: Type.Integer(),
  },
  { title: 'QueueState' },
);
export type QueueStateDto = Static<typeof QueueStateDto>;

export const PulledTicketDto = Type.Object(
  {
    outcome: StringEnum(pullOutcomes),
    ticket: Nullable(
      Type.Object({
        id: Uuid,
        number: Type.String(),
        groupId: Uuid,
        channel: StringEnum(ticketChannels),
        priority: StringEnum(ticketPriorities),
      }),
    ),
  },
  { title: 'PulledTicket' },
);
export type PulledTicketDto = Static<typeof PulledTicketDto>;

const Bilingual = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });

export const ChannelRecommendationDto = Type.Object(
  {
    problemType: Type.String(),
    name: Bilingual,
    /** Best first. */
    channels: Type.Array(Type.Object({ channel: StringEnum(recommendedChannels), reason: Bilingual })),
    /** Also do this at once (e.g. freeze the account through the hotline's emergency line). */
    urgentAction: Nullable(Type.Object({ action: Type.Literal('emergency_freeze'), reason: Bilingual })),
    slaClass: StringEnum(slaClasses),
  },
  { title: 'ChannelRecommendation' },
);
export type ChannelRecommendationDto = Static<typeof ChannelRecommendationDto>;
