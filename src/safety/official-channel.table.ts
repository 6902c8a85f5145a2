import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { OfficialChannelKind } from '@common/safety/official-channels';

/** A phone number, email domain, website, WeChat account or app the platform really uses, stored normalised. */
export const officialChannel = pgTable(
  'official_channel',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<OfficialChannelKind>().notNull(),
    value: text('value').notNull(),
    /** What customers know it as, e.g. 客服热线 or 官方网站. */
    label: text('label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [uniqueIndex('official_channel_kind_value_idx').on(table.kind, table.value)],
);
