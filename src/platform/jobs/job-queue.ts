import type { Executor } from '../db';
import type { JobDefinition } from './define-job';
import { job } from './job.table';

export interface EnqueueOptions {
  runAt: Date;
  /** A second enqueue with the same key is ignored, which makes producers idempotent. */
  idempotencyKey?: string;
}

/** Enqueues a job in the caller's transaction, so it exists exactly when the change that caused it commits. */
export async function enqueueJob<P>(executor: Executor, definition: JobDefinition<P>, payload: P, options: EnqueueOptions): Promise<void> {
  await enqueueJobs(executor, [{ definition, payload, options }]);
}

/** Several jobs in one statement; each is skipped if its idempotency key was enqueued before. */
export async function enqueueJobs<P>(
  executor: Executor,
  entries: readonly { definition: JobDefinition<P>; payload: P; options: EnqueueOptions }[],
): Promise<void> {
  if (entries.length === 0) return;
  await executor
    .insert(job)
    .values(
      entries.map(({ definition, payload, options }) => ({
        name: definition.name,
        payload: payload as unknown,
        runAt: options.runAt,
        maxAttempts: definition.attempts,
        idempotencyKey: options.idempotencyKey ?? null,
        createdAt: options.runAt,
      })),
    )
    .onConflictDoNothing({ target: job.idempotencyKey });
}
