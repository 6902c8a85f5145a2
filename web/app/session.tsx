import type { SessionDto } from '@common/dto/agent.dto';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { apiRequest, isApiError, setCsrfToken } from './api-client';
import { sessionQueryKey } from './query-client';

/** The signed-in agent's session, or null when there is none (GET /auth/session answered 401). */
async function loadSession(): Promise<SessionDto | null> {
  try {
    const session = await apiRequest<SessionDto>('/auth/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

interface SessionContextValue {
  session: SessionDto | null;
  loading: boolean;
  error: unknown;
  signIn: (credentials: { email: string; password: string }) => Promise<SessionDto>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: sessionQueryKey, queryFn: loadSession, staleTime: Number.POSITIVE_INFINITY, retry: false });

  const signInMutation = useMutation({
    mutationFn: (credentials: { email: string; password: string }) =>
      apiRequest<SessionDto>('/auth/login', { method: 'POST', body: credentials }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionQueryKey, session);
    },
  });

  const signOutMutation = useMutation({
    mutationFn: () => apiRequest<void>('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken(null);
      // Drop every cached ticket, so the next agent on this browser starts clean.
      queryClient.clear();
      queryClient.setQueryData(sessionQueryKey, null);
    },
  });

  const value = useMemo<SessionContextValue>(
    () => ({
      session: query.data ?? null,
      loading: query.isPending,
      error: query.error,
      signIn: signInMutation.mutateAsync,
      signOut: async () => {
        await signOutMutation.mutateAsync().catch(() => undefined);
      },
    }),
    [query.data, query.isPending, query.error, signInMutation.mutateAsync, signOutMutation.mutateAsync],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside SessionProvider');
  return value;
}

/** For pages behind the login: the session is known to exist there. */
export function useSignedInSession(): SessionDto {
  const { session } = useSession();
  if (!session) throw new Error('useSignedInSession used outside the signed-in layout');
  return session;
}
