import { type EventName, eventNames } from '@common/events/event-names';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';

/** One server-sent event as /api/v1/stream frames it. */
export interface LiveEvent {
  id: number;
  name: EventName;
  occurredAt: string;
  payload: Record<string, unknown>;
}

type Listener = (event: LiveEvent) => void;

interface LiveFeedValue {
  connected: boolean;
  subscribe: (listener: Listener) => () => void;
}

const LiveFeedContext = createContext<LiveFeedValue | null>(null);

function parseEvent(data: string): LiveEvent | null {
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { id, name, occurredAt, payload } = parsed as Record<string, unknown>;
    if (typeof id !== 'number' || typeof name !== 'string' || !(eventNames as readonly string[]).includes(name)) return null;
    if (typeof payload !== 'object' || payload === null) return null;
    return { id, name: name as EventName, occurredAt: String(occurredAt), payload: payload as Record<string, unknown> };
  } catch {
    return null;
  }
}

/**
 * Keeps one EventSource open for the signed-in console and fans its events out
 * to subscribers. EventSource reconnects by itself (the server sends retry: 3000).
 */
export function LiveFeedProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [connected, setConnected] = useState(false);
  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo(() => ({ connected, subscribe }), [connected, subscribe]);

  useEffect(() => {
    const source = new EventSource('/api/v1/stream', { withCredentials: true });
    const dispatch = (message: MessageEvent<string>) => {
      const event = parseEvent(message.data);
      if (event) for (const listener of listeners.current) listener(event);
    };
    for (const name of eventNames) source.addEventListener(name, dispatch);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(source.readyState === EventSource.OPEN);
    return () => {
      source.close();
      setConnected(false);
    };
  }, []);

  return <LiveFeedContext.Provider value={value}>{children}</LiveFeedContext.Provider>;
}

export function useLiveFeedStatus(): boolean {
  return useContext(LiveFeedContext)?.connected ?? false;
}

/** Calls `onEvent` for every live event while the component is mounted. */
export function useLiveEvents(onEvent: Listener): void {
  const subscribe = useContext(LiveFeedContext)?.subscribe;
  const latest = useRef(onEvent);
  useEffect(() => {
    latest.current = onEvent;
  });
  useEffect(() => subscribe?.((event) => latest.current(event)), [subscribe]);
}
