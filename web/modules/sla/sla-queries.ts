import type { ComplaintClockDto, TicketSlaDto } from '@common/dto/sla.dto';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api-client';
import { ticketKeys } from '../tickets/ticket-queries';

export function useTicketSla(number: string) {
  return useQuery({
    queryKey: ticketKeys.sla(number),
    queryFn: ({ signal }) => apiRequest<TicketSlaDto>(`/tickets/${encodeURIComponent(number)}/sla`, { signal }),
    // Remaining working time moves with the clock, not only with events.
    refetchInterval: 60_000,
  });
}

export function useComplaintClock(number: string, enabled: boolean) {
  return useQuery({
    queryKey: ticketKeys.complaint(number),
    queryFn: ({ signal }) => apiRequest<ComplaintClockDto>(`/tickets/${encodeURIComponent(number)}/complaint`, { signal }),
    enabled,
  });
}
