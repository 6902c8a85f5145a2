import { eq, isNull } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-app';
import { ManualClock } from '../clock';
import type { DatabaseHandle } from '../db';
import { job, JobRunner } from '../jobs';
import { createLogger } from '../logging';
import { type DomainEvent, LocalEventBus, RedisEventBus } from './index';
import { EventRelay } from './event-relay';
import { recordEvent } from './outbox';
import { outboxEvent } from './outbox.table';

const logger = createLogger('silent');
let handle: DatabaseHandle;
let drop: () => Promise<void>;
let clock: ManualClock;

beforeEach(async () => {
  ({ handle, drop } = await openTestDatabase());
  clock = new ManualClock();
});
afterEach(async () => {
  await handle.close();
  await drop();
});

function node(handled: DomainEvent[], options: { failWith?: string } = {}) {
  const bus = new LocalEventBus(logger);
  const published: DomainEvent[] = [];
  bus.onEvent((event) => published.push(event));
  const jobs = new JobRunner({ handle, clock, logger });
  const relay = new EventRelay({ handle, clock, logger, bus, jobs });
  relay.subscribe({
    name: 'test-subscriber',
    events: ['ticket.created'],
    attempts: 2,
    handle: async (_context, event) => {
      if (options.failWith) throw new Error(options.failWith);
      handled.push(event);
    },
  });
  return { relay, jobs, published };
}

async function commitEvent(name: string, payload: Record<string, unknown>) {
  await handle.db.transaction((tx) => recordEvent(tx, { name, payload, occurredAt: clock.now() }));
}

describe('outbox relay', () => {
  it('never dispatches an event whose transaction rolled back', async () => {
    const handled: DomainEvent[] = [];
    const { relay, jobs, published } = node(handled);
    await handle.db
      .transaction(async (tx) => {
        await recordEvent(tx, { name: 'ticket.created', payload: { ticketId: 'rolled-back' }, occurredAt: clock.now() });
        throw new Error('abort');
      })
      .catch(() => {});
    await commitEvent('ticket.created', { ticketId: 'kept' });
    expect(await relay.drain()).toBe(1);
    await jobs.runDue();
    expect(published.map((event) => event.payload.ticketId)).toEqual(['kept']);
    expect(handled.map((event) => event.payload.ticketId)).toEqual(['kept']);
  });

  it('replays events committed before a crash when the next process starts', async () => {
    await commitEvent('ticket.created', { ticketId: 'a' });
    await commitEvent('ticket.updated', { ticketId: 'a' });
    // The process that wrote them died before dispatching: nothing marked, no job enqueued.
    expect(await handle.db.select().from(outboxEvent).where(isNull(outboxEvent.dispatchedAt))).toHaveLength(2);

    const handled: DomainEvent[] = [];
    const restarted = node(handled);
    await restarted.relay.start(60_000);
    await restarted.relay.stop();
    await restarted.jobs.runDue();
    expect(restarted.published.map((event) => event.name)).toEqual(['ticket.created', 'ticket.updated']);
    expect(handled.map((event) => event.name)).toEqual(['ticket.created']);
    expect(await handle.db.select().from(outboxEvent).where(isNull(outboxEvent.dispatchedAt))).toHaveLength(0);
  });

  it('delivers to a subscriber exactly once even if dispatch is repeated', async () => {
    await commitEvent('ticket.created', { ticketId: 'b' });
    const handled: DomainEvent[] = [];
    const { relay, jobs } = node(handled);
    await relay.drain();
    // A crash after enqueuing but before marking would dispatch again; the job's idempotency key absorbs it.
    await handle.db.update(outboxEvent).set({ dispatchedAt: null });
    await relay.drain();
    await jobs.runDue();
    expect(handled).toHaveLength(1);
  });

  it('retries a failing subscriber, then dead-letters it with the error', async () => {
    await commitEvent('ticket.created', { ticketId: 'c' });
    const { relay, jobs } = node([], { failWith: 'webhook endpoint down' });
    await relay.drain();
    await jobs.runDue();
    clock.advance(3_600_000);
    await jobs.runDue();
    const [row] = await handle.db.select().from(job).where(eq(job.name, 'event:test-subscriber'));
    expect(row).toMatchObject({ status: 'dead', attempts: 2, lastError: 'Error: webhook endpoint down' });
  });

  it('publishes in commit order and marks events when no durable subscriber is registered', async () => {
    const bus = new LocalEventBus(logger);
    const published: DomainEvent[] = [];
    bus.onEvent((event) => published.push(event));
    const relay = new EventRelay({ handle, clock, logger, bus, jobs: new JobRunner({ handle, clock, logger }) });
    for (const ticketId of ['1', '2', '3']) await commitEvent('ticket.updated', { ticketId });
    expect(await relay.drain()).toBe(3);
    expect(published.map((event) => event.payload.ticketId)).toEqual(['1', '2', '3']);
    expect(await handle.db.select().from(outboxEvent).where(isNull(outboxEvent.dispatchedAt))).toHaveLength(0);
    expect(await handle.db.select().from(job)).toHaveLength(0);
  });

  it('wakes up on commit through LISTEN/NOTIFY, without polling', async () => {
    const { relay, published } = node([]);
    await relay.start(3_600_000);
    try {
      await commitEvent('ticket.updated', { ticketId: 'd' });
      for (let i = 0; i < 100 && published.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(published.map((event) => event.payload.ticketId)).toEqual(['d']);
    } finally {
      await relay.stop();
    }
  });
});

describe.runIf(process.env.REDIS_URL)('Redis event bus', () => {
  it('fans an event out to every node exactly once', async () => {
    const url = process.env.REDIS_URL as string;
    const nodes = await Promise.all([RedisEventBus.connect(url, logger), RedisEventBus.connect(url, logger)]);
    try {
      const heard: string[][] = [[], []];
      for (const [i, bus] of nodes.entries()) bus.onEvent((event) => heard[i]?.push(String(event.payload.marker)));
      const marker = `m-${Math.random()}`;
      await nodes[0]?.publish({ id: 1, name: 'ticket.updated', payload: { marker }, occurredAt: new Date().toISOString() });
      for (let i = 0; i < 100 && heard.some((list) => !list.includes(marker)); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(heard.map((list) => list.filter((m) => m === marker).length)).toEqual([1, 1]);
    } finally {
      await Promise.all(nodes.map((bus) => bus.close()));
    }
  });
});
