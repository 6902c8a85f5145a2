import type { Executor } from '../db';
import { outboxEvent } from './outbox.table';

export interface DomainEvent<P extends Record<string, unknown> = Record<string, unknown>> {
  id: number;
  name: string;
  payload: P;
  occurredAt: string;
}

/**
 * Writes an event in the caller's transaction. A statement trigger on the
 * table NOTIFYs the relay, and PostgreSQL delivers that only on commit, so
 * nothing leaves the process for a change that rolled back.
 */
export async function recordEvent(executor: Executor, event: OutboxEventInput): Promise<void> {
  await outboxInsert(executor, event);
}

export interface OutboxEventInput {
  name: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/** The insert statement of events, for callers that fold it into a larger statement. */
export function outboxInsert(executor: Executor, events: OutboxEventInput | OutboxEventInput[]) {
  return executor.insert(outboxEvent).values(Array.isArray(events) ? events : [events]);
}
