import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { SlaMetric, SlaTarget } from '@common/sla/sla-targets';
import { skillGroup } from '../routing/skill-group.table';
import { ticket } from '../tickets/ticket.table';
import { businessCalendar } from './business-calendar.table';

/**
 * Which deadlines a ticket gets. Policies are tried by `position`; the first
 * active one whose every non-empty condition holds applies (an empty list
 * matches anything), so the last one without conditions is the default.
 */
export const slaPolicy = pgTable(
  'sla_policy',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    active: boolean('active').notNull().default(true),
    problemTypes: text('problem_types').array().notNull().default(sql`'{}'::text[]`),
    /** The problem type's SLA family (emergency, technical, data_sync, identity, dispute, general). */
    slaClasses: text('sla_classes').array().notNull().default(sql`'{}'::text[]`),
    priorities: text('priorities').array().notNull().default(sql`'{}'::text[]`),
    channels: text('channels').array().notNull().default(sql`'{}'::text[]`),
    customerTiers: text('customer_tiers').array().notNull().default(sql`'{}'::text[]`),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendar.id),
    firstResponse: jsonb('first_response').$type<SlaTarget | null>(),
    nextResponse: jsonb('next_response').$type<SlaTarget | null>(),
    resolution: jsonb('resolution').$type<SlaTarget | null>(),
    /** A warning when this share of a target has passed. */
    warnAtPercent: integer('warn_at_percent').notNull().default(80),
    /** On a breach the ticket's priority goes up one step. */
    raisePriorityOnBreach: boolean('raise_priority_on_breach').notNull().default(true),
    /** On a breach of the resolution target the ticket moves to this group (its supervisors take over). */
    escalationGroupId: uuid('escalation_group_id').references(() => skillGroup.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [uniqueIndex('sla_policy_name_idx').on(table.name)],
);

/**
 * One running or stopped clock of a ticket per metric, in its current cycle.
 * `pausedMinutes` is the time spent waiting for the customer or a third
 * party, measured as the target is (working minutes on the calendar, or
 * elapsed minutes), so the due instant is the start plus target plus pauses.
 */
export const slaClock = pgTable(
  'sla_clock',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => ticket.id),
    metric: text('metric').$type<SlaMetric>().notNull(),
    cycle: integer('cycle').notNull(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => slaPolicy.id),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendar.id),
    target: jsonb('target').$type<SlaTarget>().notNull(),
    warnAtPercent: integer('warn_at_percent').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    pausedAt: timestamp('paused_at', { withTimezone: true, mode: 'date' }),
    pausedMinutes: real('paused_minutes').notNull().default(0),
    /** Null while paused or stopped. */
    warnAt: timestamp('warn_at', { withTimezone: true, mode: 'date' }),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }),
    /** The target was met (or the ticket left the states the clock counts in). */
    stoppedAt: timestamp('stopped_at', { withTimezone: true, mode: 'date' }),
    warnedAt: timestamp('warned_at', { withTimezone: true, mode: 'date' }),
    breachedAt: timestamp('breached_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    primaryKey({ columns: [table.ticketId, table.metric] }),
    index('sla_clock_policy_idx').on(table.policyId),
    index('sla_clock_calendar_running_idx').on(table.calendarId).where(sql`${table.stoppedAt} is null`),
  ],
);

/** Each warning and breach, once per ticket, metric and cycle: the unique index is what makes it once. */
export const slaEvent = pgTable(
  'sla_event',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => ticket.id),
    metric: text('metric').$type<SlaMetric>().notNull(),
    cycle: integer('cycle').notNull(),
    kind: text('kind').$type<'warning' | 'breach'>().notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    uniqueIndex('sla_event_once_idx').on(table.ticketId, table.metric, table.cycle, table.kind),
    index('sla_event_occurred_idx').on(table.occurredAt),
  ],
);
