import { sql } from 'drizzle-orm';
import type { Clock } from '../clock';
import { type DatabaseHandle, type Executor, queryRows } from '../db';
import { defineJob, enqueueJobs, type JobContext, type JobDefinition, type JobRunner } from '../jobs';
import type { Logger } from '../logging';
import type { EventBus } from './event-bus';
import type { DomainEvent } from './outbox';
import { outboxEvent } from './outbox.table';

export const OUTBOX_NOTIFY_CHANNEL = 'huiying_outbox';

export interface EventSubscriber {
  /** Unique; names the job that delivers events to it. */
  name: string;
  events: readonly string[];
  handle(context: JobContext, event: DomainEvent): Promise<void>;
  attempts?: number;
}

interface OutboxRow {
  id: number;
  name: string;
  payload: Record<string, unknown>;
  occurred_at: Date | string;
}

/**
 * Moves committed events out of the outbox: each durable subscriber gets a job
 * (retried, dead-lettered) keyed by event id, so a crash anywhere repeats
 * delivery instead of losing it; then the event goes to the in-process bus.
 * Undispatched rows are replayed on start.
 */
export class EventRelay {
  private readonly subscribers: { subscriber: EventSubscriber; job: JobDefinition<DomainEvent> }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopListening: (() => Promise<void>) | undefined;
  private draining: Promise<number> | undefined;
  private drainAgain = false;
  private pendingKick: NodeJS.Timeout | undefined;

  constructor(private readonly options: { handle: DatabaseHandle; clock: Clock; logger: Logger; bus: EventBus; jobs: JobRunner }) {}

  subscribe(subscriber: EventSubscriber): void {
    const job = defineJob<DomainEvent>({
      name: `event:${subscriber.name}`,
      attempts: subscriber.attempts ?? 8,
      run: (context, event) => subscriber.handle(context, event),
    });
    this.options.jobs.register(job as JobDefinition<never>);
    this.subscribers.push({ subscriber, job });
  }

  async start(pollIntervalMs = 5_000): Promise<void> {
    this.stopListening = await this.options.handle.listen(OUTBOX_NOTIFY_CHANNEL, () => this.kick());
    await this.drain();
    this.timer = setInterval(() => this.kick(), pollIntervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.pendingKick) clearTimeout(this.pendingKick);
    await this.stopListening?.();
    await this.draining;
  }

  /**
   * Drains soon. Under load every commit notifies; waiting a few milliseconds
   * lets one pass carry the events of many commits instead of one each.
   */
  kick(coalesceMs = 10): void {
    if (this.pendingKick) return;
    this.pendingKick = setTimeout(() => {
      this.pendingKick = undefined;
      this.drain().catch((error: unknown) => this.options.logger.error({ err: error }, 'outbox drain failed'));
    }, coalesceMs);
  }

  /** Dispatches everything pending; concurrent calls coalesce into one more pass. Returns events dispatched. */
  drain(): Promise<number> {
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.draining = (async () => {
      let total = 0;
      try {
        do {
          this.drainAgain = false;
          for (;;) {
            const batch = await this.dispatchBatch(200);
            total += batch;
            if (batch === 0) break;
          }
        } while (this.drainAgain);
      } finally {
        this.draining = undefined;
      }
      return total;
    })();
    return this.draining;
  }

  private async dispatchBatch(limit: number): Promise<number> {
    const { db } = this.options.handle;
    const now = this.options.clock.now();
    // Without durable subscribers there is nothing to enqueue, so claiming and marking is a single statement.
    const dispatched =
      this.subscribers.length === 0
        ? await this.claim(db, now, limit)
        : await db.transaction(async (tx) => {
            const events = await this.claim(tx, now, limit);
            const deliveries = events.flatMap((event) =>
              this.subscribers
                .filter(({ subscriber }) => subscriber.events.includes(event.name))
                .map(({ subscriber, job }) => ({
                  definition: job,
                  payload: event,
                  options: { runAt: now, idempotencyKey: `event:${event.id}:${subscriber.name}` },
                })),
            );
            await enqueueJobs(tx, deliveries);
            return events;
          });
    for (const event of dispatched) {
      await this.options.bus.publish(event).catch((error: unknown) => {
        this.options.logger.warn({ err: error, event: event.name }, 'event bus publish failed');
      });
    }
    return dispatched.length;
  }

  /** Marks the oldest undispatched events as dispatched and returns them in order; rows another node holds are skipped. */
  private async claim(executor: Executor, now: Date, limit: number): Promise<DomainEvent[]> {
    const rows = await queryRows<OutboxRow>(
      executor,
      sql`update ${outboxEvent} set dispatched_at = ${now}
          where id in (select id from ${outboxEvent} where dispatched_at is null order by id limit ${limit} for update skip locked)
          returning id, name, payload, occurred_at`,
    );
    return rows.map(toDomainEvent).sort((a, b) => a.id - b.id);
  }
}

function toDomainEvent(row: OutboxRow): DomainEvent {
  return {
    id: Number(row.id),
    name: row.name,
    payload: row.payload,
    occurredAt: new Date(row.occurred_at).toISOString(),
  };
}
