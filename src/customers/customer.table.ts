import { pgTable, text, timestamp, uniqueIndex, uuid, index } from 'drizzle-orm/pg-core';
import type { ContactPointKind } from '@common/tickets/ticket-fields';

/** A user of the platform we serve; known by the platform's own user id when we have it. */
export const customer = pgTable(
  'customer',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    platformUserId: text('platform_user_id'),
    name: text('name'),
    tier: text('tier').notNull().default('standard'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    uniqueIndex('customer_platform_user_id_idx').on(table.platformUserId),
    index('customer_created_idx').on(table.createdAt, table.id),
  ],
);

/** One customer, many ways to reach them; a contact point belongs to one customer only. */
export const contactPoint = pgTable(
  'customer_contact_point',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customer.id),
    kind: text('kind').$type<ContactPointKind>().notNull(),
    value: text('value').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    uniqueIndex('contact_point_kind_value_idx').on(table.kind, table.value),
    index('contact_point_customer_idx').on(table.customerId),
  ],
);
