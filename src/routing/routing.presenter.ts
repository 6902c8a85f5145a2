import type {
  ChannelRecommendationDto,
  GroupRoutingDto,
  PresenceDto,
  PulledTicketDto,
  QueueStateDto,
  RoutingProfileDto,
} from '@common/dto/routing.dto';
import type { ChannelRecommendation } from './channel-recommendation';
import type { GroupRoutingView, PresenceView, QueueStateView, RoutingProfileView, pullNextTicket } from './routing.service';

export function presentPresence(view: PresenceView): PresenceDto {
  return { agentId: view.agentId, status: view.status, changedAt: view.changedAt?.toISOString() ?? null };
}

export function presentRoutingProfile(view: RoutingProfileView): RoutingProfileDto {
  return {
    agentId: view.agentId,
    languages: view.languages,
    maxOpenTickets: view.maxOpenTickets,
    maxConcurrentChats: view.maxConcurrentChats,
  };
}

export function presentGroupRouting(view: GroupRoutingView): GroupRoutingDto {
  return {
    groupId: view.groupId,
    strategy: view.strategy,
    overflowGroupId: view.overflowGroupId,
    overflowAfterMinutes: view.overflowAfterMinutes,
    requiredLanguage: view.requiredLanguage,
  };
}

export function presentQueueState(view: QueueStateView): QueueStateDto {
  return { ...view, oldestWaitingSince: view.oldestWaitingSince?.toISOString() ?? null };
}

export function presentPulled(result: Awaited<ReturnType<typeof pullNextTicket>>): PulledTicketDto {
  const { ticket } = result;
  return {
    outcome: result.outcome,
    ticket: ticket
      ? { id: ticket.id, number: ticket.number, groupId: ticket.groupId, channel: ticket.channel, priority: ticket.priority }
      : null,
  };
}

export function presentRecommendation(recommendation: ChannelRecommendation): ChannelRecommendationDto {
  return recommendation;
}
