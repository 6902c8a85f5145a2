import type { Clock } from '../clock';
import type { Database } from '../db';
import type { Logger } from '../logging';

export interface JobContext {
  db: Database;
  clock: Clock;
  logger: Logger;
  jobId: number;
  /** 1 on the first run. */
  attempt: number;
}

export interface JobDefinition<P = unknown> {
  name: string;
  /** Must be idempotent: a job may run again after a crash between its work and its completion mark. */
  run(context: JobContext, payload: P): Promise<void>;
  attempts: number;
  backoff: { baseMs: number; maxMs: number };
  timeoutMs: number;
}

export function defineJob<P>(definition: {
  name: string;
  run(context: JobContext, payload: P): Promise<void>;
  attempts?: number;
  backoff?: { baseMs: number; maxMs: number };
  timeoutMs?: number;
}): JobDefinition<P> {
  return {
    attempts: 5,
    backoff: { baseMs: 5_000, maxMs: 60 * 60_000 },
    timeoutMs: 60_000,
    ...definition,
  };
}

/** Exponential backoff with ±20 % jitter so failing jobs on several nodes do not retry in lockstep. */
export function backoffDelay(definition: Pick<JobDefinition, 'backoff'>, attempt: number, random = Math.random): number {
  const exponential = definition.backoff.baseMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(exponential, definition.backoff.maxMs);
  return Math.round(capped * (0.8 + 0.4 * random()));
}
