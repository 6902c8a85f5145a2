import type { ProblemTypeDto } from '@common/dto/classification.dto';
import type { TicketDto } from '@common/dto/ticket.dto';
import type { Locale } from '@common/errors/error-codes';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../app/api-client';
import { ticketKeys } from '../tickets/ticket-queries';

export const problemTypeKeys = {
  all: ['problem-types'] as const,
};

/** Under ticketKeys.lists, so the live feed's refresh of ticket lists also refreshes the queue and its count. */
export const triageKeys = {
  queue: [...ticketKeys.lists, 'triage'] as const,
  count: [...ticketKeys.lists, 'triage-count'] as const,
};

export type ProblemTypeChanges = Partial<
  Pick<ProblemTypeDto, 'nameZh' | 'nameEn' | 'recommendedChannel' | 'defaultGroupId' | 'priority' | 'slaClass' | 'active'>
>;

interface TicketPage {
  items: TicketDto[];
  nextCursor: string | null;
}

export function problemTypeName(type: Pick<ProblemTypeDto, 'nameZh' | 'nameEn'>, locale: Locale): string {
  return locale === 'zh-CN' ? type.nameZh : type.nameEn;
}

export function useProblemTypes() {
  return useQuery({
    queryKey: problemTypeKeys.all,
    queryFn: ({ signal }) => apiRequest<ProblemTypeDto[]>('/problem-types', { signal }),
    staleTime: 60_000,
  });
}

export function useUpdateProblemType() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, changes }: { code: string; changes: ProblemTypeChanges }) =>
      apiRequest<ProblemTypeDto>(`/problem-types/${encodeURIComponent(code)}`, { method: 'PATCH', body: changes }),
    onSuccess: async (updated) => {
      queryClient.setQueryData<ProblemTypeDto[]>(problemTypeKeys.all, (types) =>
        types?.map((type) => (type.code === updated.code ? updated : type)),
      );
      await queryClient.invalidateQueries({ queryKey: problemTypeKeys.all });
    },
  });
}

const queuePageSize = 50;

/** Tickets whose problem type a person should set, newest first (the list API sorts descending only). */
export function useTriageQueue() {
  return useInfiniteQuery({
    queryKey: triageKeys.queue,
    queryFn: ({ pageParam, signal }) =>
      apiRequest<TicketPage>('/tickets', {
        query: { needsTriage: true, sort: 'created', limit: queuePageSize, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

const countCap = 100;

/** How many tickets wait for triage, up to 100 ("99+" beyond); the list API has no count, so it reads one page. */
export function useTriageCount() {
  return useQuery({
    queryKey: triageKeys.count,
    queryFn: async ({ signal }) => {
      const page = await apiRequest<TicketPage>('/tickets', { query: { needsTriage: true, limit: countCap }, signal });
      return { count: page.items.length, more: page.nextCursor !== null };
    },
    staleTime: 30_000,
  });
}

/** Sets a ticket's problem type: the server takes it out of triage and, if the type differs, records a correction. */
export function useSetProblemType() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ number, problemType }: { number: string; problemType: string }) =>
      apiRequest<TicketDto>(`/tickets/${encodeURIComponent(number)}`, { method: 'PATCH', body: { problemType } }),
    onSuccess: async (ticket) => {
      queryClient.setQueryData<{ pages: TicketPage[]; pageParams: unknown[] }>(triageKeys.queue, (data) =>
        data
          ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((item) => item.id !== ticket.id) })) }
          : data,
      );
      queryClient.setQueryData(ticketKeys.detail(ticket.number), ticket);
      await queryClient.invalidateQueries({ queryKey: ticketKeys.lists });
    },
  });
}
