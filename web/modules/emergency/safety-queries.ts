import type { FreezeRequestDto, IdentityCheckDto, TicketSafetyDto } from '@common/dto/emergency.dto';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../app/api-client';
import { ticketKeys } from '../tickets/ticket-queries';

export const safetyKey = ticketKeys.safety;

const pending = (safety: TicketSafetyDto | undefined) =>
  safety?.freezeRequests.some((request) => request.state === 'requested' || (request.state === 'sent' && !request.outcome)) ?? false;

/** The ticket's identity checks and freeze requests; polled while a freeze is on its way to the platform. */
export function useTicketSafety(number: string) {
  return useQuery({
    queryKey: safetyKey(number),
    queryFn: ({ signal }) => apiRequest<TicketSafetyDto>(`/tickets/${encodeURIComponent(number)}/safety`, { signal }),
    refetchInterval: (query) => (pending(query.state.data) ? 1_500 : false),
  });
}

export interface IdentityDigits {
  idLast4: string;
  mobileLast4: string;
}

/** The digits go in the request body and nowhere else: not cached, not kept by the mutation once it settles. */
export function useIdentityCheck(number: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (digits: IdentityDigits) =>
      apiRequest<IdentityCheckDto>(`/tickets/${encodeURIComponent(number)}/identity-checks`, { method: 'POST', body: digits }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: safetyKey(number) }),
    gcTime: 0,
  });
}

export function useRequestFreeze(number: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string | undefined) =>
      apiRequest<FreezeRequestDto>(`/tickets/${encodeURIComponent(number)}/freeze-requests`, {
        method: 'POST',
        body: reason ? { reason } : {},
      }),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: safetyKey(number) }),
        queryClient.invalidateQueries({ queryKey: ticketKeys.articles(number) }),
      ]);
    },
  });
}

export type FreezeView = 'sent' | 'frozen' | 'accepted' | 'rejected' | 'failed';

/**
 * What to call a freeze request: requested/sent without an answer is "sent"; the platform's
 * answer (frozen, accepted, rejected) or the delivery failing for good settles it; `outcome` holds the platform's words.
 */
export function freezeView(request: FreezeRequestDto): FreezeView {
  if (request.state === 'confirmed') return 'frozen';
  if (request.state === 'rejected') return 'rejected';
  if (request.state === 'failed') return 'failed';
  if (request.state === 'sent' && request.outcome) return 'accepted';
  return 'sent';
}
