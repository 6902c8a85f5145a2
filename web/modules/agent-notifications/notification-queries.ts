import type { AgentNotificationInboxDto } from '@common/dto/agent-notification.dto';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../app/api-client';
import { useLiveEvents } from '../../app/live-feed';

const inboxKey = ['me', 'notifications'] as const;

/** The latest notifications and the unread count, fetched again when the server says one was added for this agent. */
export function useNotificationInbox() {
  const queryClient = useQueryClient();
  useLiveEvents((event) => {
    if (event.name === 'agent_notification.created') void queryClient.invalidateQueries({ queryKey: inboxKey });
  });
  return useQuery({
    queryKey: inboxKey,
    queryFn: ({ signal }) => apiRequest<AgentNotificationInboxDto>('/me/notifications', { query: { limit: 20 }, signal }),
  });
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => apiRequest<{ marked: number }>('/me/notifications/read', { method: 'POST', body: ids ? { ids } : {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
}
