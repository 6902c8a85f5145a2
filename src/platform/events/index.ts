export { type EventBus, type EventListener, LocalEventBus, RedisEventBus } from './event-bus';
export { EventRelay, type EventSubscriber, OUTBOX_NOTIFY_CHANNEL } from './event-relay';
export { type DomainEvent, type OutboxEventInput, outboxInsert, recordEvent } from './outbox';
export { outboxEvent } from './outbox.table';
export { housekeepingSchedule } from './housekeeping.job';
