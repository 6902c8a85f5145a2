import type { PresenceDto, PulledTicketDto } from '@common/dto/routing.dto';
import type { AgentPresence } from '@common/routing/routing-fields';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiRequest } from '../../app/api-client';

const presenceKey = ['routing', 'presence'] as const;

export function usePresence() {
  return useQuery({ queryKey: presenceKey, queryFn: ({ signal }) => apiRequest<PresenceDto>('/me/presence', { signal }) });
}

/** How often the open console tells the server it is there; PRESENCE_TIMEOUT_MINUTES (≥ 2) sets an unseen agent offline. */
const heartbeatMs = 60_000;

/**
 * While the console is open: a heartbeat every minute (and at once), whose
 * answer is the presence as the server has it, so a console the timeout set
 * offline shows offline instead of a stale "online".
 */
export function usePresenceHeartbeat() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const beat = () => {
      apiRequest<PresenceDto>('/me/presence/heartbeat', { method: 'POST', body: {} })
        .then((presence) => queryClient.setQueryData(presenceKey, presence))
        .catch(() => {});
    };
    beat();
    const timer = setInterval(beat, heartbeatMs);
    return () => clearInterval(timer);
  }, [queryClient]);
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
