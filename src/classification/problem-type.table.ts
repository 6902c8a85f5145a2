import { boolean, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { RecommendedChannel, SlaClass } from '@common/classification/problem-types';
import type { TicketPriority } from '@common/tickets/ticket-fields';
import { skillGroup } from '../routing/skill-group.table';

/**
 * The taxonomy: one row per problem type the classifier knows (the code is
 * its label), with what a ticket of that type gets by default. Seeded by a
 * migration; admins edit names and defaults.
 */
export const problemType = pgTable(
  'problem_type',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    recommendedChannel: text('recommended_channel').$type<RecommendedChannel>().notNull(),
    /** Null: the ticket goes to the default group. */
    defaultGroupId: uuid('default_group_id').references(() => skillGroup.id),
    priority: text('priority').$type<TicketPriority>().notNull(),
    slaClass: text('sla_class').$type<SlaClass>().notNull(),
    active: boolean('active').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [uniqueIndex('problem_type_code_idx').on(table.code)],
);
