import { Redis } from 'ioredis';
import type { Logger } from '../logging';
import type { DomainEvent } from './outbox';

export type EventListener = (event: DomainEvent) => void;

/**
 * Fan-out of committed events to whatever listens in this process (the
 * realtime stream). Best effort by design: durable work goes through jobs.
 */
export interface EventBus {
  publish(event: DomainEvent): Promise<void>;
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
}

class Listeners {
  private readonly listeners = new Set<EventListener>();

  add(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: DomainEvent, logger: Logger): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        logger.error({ err: error, event: event.name }, 'event listener failed');
      }
    }
  }
}

export class LocalEventBus implements EventBus {
  private readonly listeners = new Listeners();

  constructor(private readonly logger: Logger) {}

  async publish(event: DomainEvent): Promise<void> {
    this.listeners.emit(event, this.logger);
  }

  onEvent(listener: EventListener): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {}
}

const CHANNEL = 'huiying:events';

/** Every node publishes to Redis and hears every node's events, its own included, exactly once. */
export class RedisEventBus implements EventBus {
  private readonly listeners = new Listeners();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  private constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    this.publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    this.subscriber = new Redis(url, { lazyConnect: true });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
    }
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== CHANNEL) return;
      try {
        this.listeners.emit(JSON.parse(message) as DomainEvent, this.logger);
      } catch (error) {
        this.logger.warn({ err: error }, 'ignored malformed event from redis');
      }
    });
  }

  static async connect(url: string, logger: Logger): Promise<RedisEventBus> {
    const bus = new RedisEventBus(url, logger);
    try {
      await Promise.all([bus.publisher.connect(), bus.subscriber.connect()]);
      await bus.subscriber.subscribe(CHANNEL);
    } catch (error) {
      await bus.close();
      throw new Error(`Cannot connect to Redis at REDIS_URL: ${(error as Error).message}`);
    }
    return bus;
  }

  async publish(event: DomainEvent): Promise<void> {
    await this.publisher.publish(CHANNEL, JSON.stringify(event));
  }

  onEvent(listener: EventListener): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
