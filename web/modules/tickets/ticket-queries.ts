import type { CustomerDto, RevealedContactPointsDto } from '@common/dto/customer.dto';
import type { SkillGroupDto } from '@common/dto/agent.dto';
import type { ArticleDto, TicketDto } from '@common/dto/ticket.dto';
import type { ArticleKind } from '@common/tickets/ticket-fields';
import type { TicketStatus } from '@common/tickets/ticket-status';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../app/api-client';
import { filtersToQuery, type TicketFilters } from './ticket-filters';

interface TicketPage {
  items: TicketDto[];
  nextCursor: string | null;
}

export const ticketKeys = {
  lists: ['tickets', 'list'] as const,
  list: (filters: TicketFilters) => ['tickets', 'list', filters] as const,
  detail: (number: string) => ['tickets', 'detail', number] as const,
  articles: (number: string) => ['tickets', 'articles', number] as const,
  safety: (number: string) => ['tickets', 'safety', number] as const,
  sla: (number: string) => ['tickets', 'sla', number] as const,
  complaint: (number: string) => ['tickets', 'complaint', number] as const,
  groups: ['groups'] as const,
};

const pageSize = 25;

export function useTicketList(filters: TicketFilters) {
  return useInfiniteQuery({
    queryKey: ticketKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<TicketPage>('/tickets', { query: { ...filtersToQuery(filters), limit: pageSize, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keep the old rows on screen while a new filter loads, instead of flashing an empty table.
    placeholderData: keepPreviousData,
  });
}

export function useTicket(number: string) {
  return useQuery({
    queryKey: ticketKeys.detail(number),
    queryFn: ({ signal }) => apiRequest<TicketDto>(`/tickets/${encodeURIComponent(number)}`, { signal }),
  });
}

export function useArticles(number: string) {
  return useQuery({
    queryKey: ticketKeys.articles(number),
    queryFn: ({ signal }) => apiRequest<ArticleDto[]>(`/tickets/${encodeURIComponent(number)}/articles`, { signal }),
  });
}

export function useGroups() {
  return useQuery({
    queryKey: ticketKeys.groups,
    queryFn: ({ signal }) => apiRequest<SkillGroupDto[]>('/groups', { signal }),
    staleTime: 5 * 60_000,
  });
}

export interface NewArticle {
  kind: Extract<ArticleKind, 'outbound' | 'note'>;
  bodyText: string;
  statusAfter?: TicketStatus;
}

export function useAddArticle(number: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (article: NewArticle) =>
      apiRequest<ArticleDto>(`/tickets/${encodeURIComponent(number)}/articles`, { method: 'POST', body: article }),
    onSuccess: async (article) => {
      queryClient.setQueryData<ArticleDto[]>(ticketKeys.articles(number), (articles) =>
        articles && !articles.some((known) => known.id === article.id) ? [...articles, article] : articles,
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ticketKeys.detail(number) }),
        queryClient.invalidateQueries({ queryKey: ticketKeys.articles(number) }),
        queryClient.invalidateQueries({ queryKey: ticketKeys.lists }),
      ]);
    },
  });
}

export function useChangeStatus(number: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (status: TicketStatus) =>
      apiRequest<TicketDto>(`/tickets/${encodeURIComponent(number)}`, { method: 'PATCH', body: { status } }),
    onSuccess: async (ticket) => {
      queryClient.setQueryData(ticketKeys.detail(number), ticket);
      await queryClient.invalidateQueries({ queryKey: ticketKeys.lists });
    },
  });
}

export function useCustomer(id: string) {
  return useQuery({
    queryKey: ['customers', 'detail', id] as const,
    queryFn: ({ signal }) => apiRequest<CustomerDto>(`/customers/${encodeURIComponent(id)}`, { signal }),
  });
}

/** Whole contact points are never cached: each look is a separate, audited request. */
export function useRevealContactPoints(number: string) {
  return useMutation({
    mutationFn: (reason: string) =>
      apiRequest<RevealedContactPointsDto>(`/tickets/${encodeURIComponent(number)}/contact-points/reveal`, {
        method: 'POST',
        body: { reason },
      }),
  });
}
