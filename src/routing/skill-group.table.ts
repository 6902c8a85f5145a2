import { boolean, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, index } from 'drizzle-orm/pg-core';
import { agent } from '../agents/agent.table';

/** A skill group: the team a ticket belongs to and whose members may see it. */
export const skillGroup = pgTable(
  'skill_group',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Tickets that arrive without a group land here; exactly one group has it. */
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [uniqueIndex('skill_group_name_idx').on(table.name)],
);

export const skillGroupMember = pgTable(
  'skill_group_member',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => skillGroup.id),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agent.id),
  },
  (table) => [primaryKey({ columns: [table.groupId, table.agentId] }), index('skill_group_member_agent_idx').on(table.agentId)],
);
