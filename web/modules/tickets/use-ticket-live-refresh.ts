import { useQueryClient } from '@tanstack/react-query';
import { useLiveEvents } from '../../app/live-feed';
import { ticketKeys } from './ticket-queries';

/** Refetches what a ticket event makes stale: every loaded list, and that ticket's header and timeline. */
export function useTicketLiveRefresh(): void {
  const queryClient = useQueryClient();
  useLiveEvents((event) => {
    if (!event.name.startsWith('ticket.') && event.name !== 'article.created') return;
    void queryClient.invalidateQueries({ queryKey: ticketKeys.lists });
    const { number } = event.payload;
    if (typeof number !== 'string') return;
    void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(number) });
    void queryClient.invalidateQueries({ queryKey: ticketKeys.articles(number) });
    void queryClient.invalidateQueries({ queryKey: ticketKeys.safety(number) });
    void queryClient.invalidateQueries({ queryKey: ticketKeys.sla(number) });
    void queryClient.invalidateQueries({ queryKey: ticketKeys.complaint(number) });
  });
}
