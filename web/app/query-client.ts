import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';

export const sessionQueryKey = ['session'] as const;

/**
 * One client for the console. A 401 on any call means the session ended
 * (expired, signed out elsewhere): forgetting it sends the agent to the login.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => onAuthLost(error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error) => onAuthLost(error, []) }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        retry: (failures, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
      },
    },
  });
  function onAuthLost(error: unknown, queryKey: readonly unknown[]): void {
    if (queryKey[0] === sessionQueryKey[0]) return;
    if (isApiError(error) && error.status === 401) client.setQueryData(sessionQueryKey, null);
  }
  return client;
}
