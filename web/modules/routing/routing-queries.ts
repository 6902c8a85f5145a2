import type { PresenceDto, PulledTicketDto } from '@common/dto/routing.dto';
import type { AgentPresence } from '@common/routing/routing-fields';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../app/api-client';

const presenceKey = ['routing', 'presence'] as const;

export function usePresence() {
  return useQuery({ queryKey: presenceKey, queryFn: ({ signal }) => apiRequest<PresenceDto>('/me/presence', { signal }) });
}

export function useSetPresence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (status: AgentPresence) => apiRequest<PresenceDto>('/me/presence', { method: 'PUT', body: { status } }),
    onSuccess: async (presence) => {
      queryClient.setQueryData(presenceKey, presence);
      // Going offline hands unanswered tickets back; the lists change.
      await queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
    },
  });
}

export function useTakeNextTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<PulledTicketDto>('/me/next-ticket', { method: 'POST', body: {} }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
    },
  });
}
