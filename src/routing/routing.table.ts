import { sql } from 'drizzle-orm';
import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AgentPresence, RoutingStrategy } from '@common/routing/routing-fields';
import { agent } from '../agents/agent.table';
import { skillGroup } from './skill-group.table';

/**
 * An agent's presence. No row means offline. Assignment locks these rows
 * (FOR UPDATE) before counting an agent's load, which is what keeps two
 * assigners, on any number of nodes, from both filling the last slot.
 */
export const agentPresence = pgTable('agent_presence', {
  agentId: uuid('agent_id')
    .primaryKey()
    .references(() => agent.id),
  status: text('status').$type<AgentPresence>().notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull(),
  /**
   * When the agent's console last proved it is open (a presence change or the
   * heartbeat call it makes every minute). The presence-timeout job sets agents
   * not seen for PRESENCE_TIMEOUT_MINUTES offline. Stored here, not in a node's
   * memory, so every node agrees.
   */
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** What routing needs to know about an agent: the languages they serve in and their capacity per channel. No row: the defaults. */
export const agentRoutingProfile = pgTable('agent_routing_profile', {
  agentId: uuid('agent_id')
    .primaryKey()
    .references(() => agent.id),
  languages: text('languages').array().notNull().default(sql`'{zh-CN}'::text[]`),
  /** Tickets in an active status assigned to the agent, all channels. */
  maxOpenTickets: integer('max_open_tickets').notNull().default(20),
  /** Of those, live chats at the same time. */
  maxConcurrentChats: integer('max_concurrent_chats').notNull().default(3),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** How a group routes its queue. No row: least loaded, no overflow, any language. */
export const groupRouting = pgTable('group_routing', {
  groupId: uuid('group_id')
    .primaryKey()
    .references(() => skillGroup.id),
  strategy: text('strategy').$type<RoutingStrategy>().notNull().default('least_loaded'),
  /** Round robin: the member who got the last ticket; the next goes to the one after. */
  roundRobinCursor: uuid('round_robin_cursor').references(() => agent.id),
  overflowGroupId: uuid('overflow_group_id').references(() => skillGroup.id),
  overflowAfterMinutes: integer('overflow_after_minutes'),
  /** Only agents who speak it get this group's tickets. */
  requiredLanguage: text('required_language'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * Each group a ticket overflowed out of. A ticket overflows out of a group at
 * most once and never into a group it already overflowed out of, so two groups
 * overflowing into each other (or any ring) cannot pass a ticket round forever.
 * No foreign key to the ticket: routing does not own tickets.
 */
export const ticketOverflow = pgTable(
  'ticket_overflow',
  {
    ticketId: uuid('ticket_id').notNull(),
    fromGroupId: uuid('from_group_id')
      .notNull()
      .references(() => skillGroup.id),
    toGroupId: uuid('to_group_id')
      .notNull()
      .references(() => skillGroup.id),
    overflowedAt: timestamp('overflowed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.ticketId, table.fromGroupId] })],
);
