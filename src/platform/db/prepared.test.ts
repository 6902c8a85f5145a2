import { sql } from 'drizzle-orm';
import { jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-app';
import { type Executor, queryRows } from './database';
import type { DatabaseHandle } from './open-database';
import { preparedForShape, rowSlot } from './prepared';

const probe = pgTable('prepared_probe', {
  id: serial('id').primaryKey(),
  note: text('note'),
  data: jsonb('data'),
  tags: text('tags').array(),
  at: timestamp('at', { withTimezone: true }),
});

let handle: DatabaseHandle;
let drop: () => Promise<void>;
let builds = 0;

beforeAll(async () => {
  ({ handle, drop } = await openTestDatabase());
  await handle.db.execute(sql`create table prepared_probe (id serial primary key, note text, data jsonb, tags text[], at timestamptz)`);
});
afterAll(async () => {
  await handle.close();
  await drop();
});

async function insertProbe(db: Executor, row: Partial<typeof probe.$inferInsert>) {
  const slot = rowSlot(probe, 'probe', row);
  const statement = preparedForShape(db, 'probe_insert', [slot.shape], (name) => {
    builds++;
    return db.insert(probe).values(slot.placeholders).returning({ id: probe.id }).prepare(name);
  });
  const [inserted] = await statement.execute(slot.parameters);
  return inserted?.id as number;
}

describe('prepared inserts', () => {
  it('encode values with the column’s own encoder and keep SQL NULL as NULL, not JSON null', async () => {
    const at = new Date('2026-11-23T08:00:00.000Z');
    const full = await insertProbe(handle.db, { note: '提现', data: { amount: 100, 币种: 'CNY' }, tags: ['a b', '提现'], at });
    const empty = await insertProbe(handle.db, { note: null, data: null, tags: [], at: null });
    const rows = await queryRows<{ id: number; data: unknown; kind: string | null; tags: string[]; at: Date | string | null }>(
      handle.db,
      sql`select id, data, jsonb_typeof(data) as kind, tags, at from prepared_probe where id in (${full}, ${empty}) order by id`,
    );
    expect(rows[0]).toMatchObject({ data: { amount: 100, 币种: 'CNY' }, kind: 'object', tags: ['a b', '提现'] });
    expect(new Date(rows[0]?.at as string).toISOString()).toBe(at.toISOString());
    expect(rows[1]).toMatchObject({ data: null, kind: null, tags: [], at: null });
  });

  it('builds a statement once per shape of row, and another for a row with other columns', async () => {
    builds = 0;
    await insertProbe(handle.db, { note: 'one' });
    await insertProbe(handle.db, { note: 'two' });
    expect(builds).toBe(1);
    await insertProbe(handle.db, { note: 'three', tags: ['x'] });
    expect(builds).toBe(2);
    const notes = await queryRows<{ note: string; tags: string[] | null }>(
      handle.db,
      sql`select note, tags from prepared_probe where note in ('one', 'two', 'three') order by id`,
    );
    expect(notes).toEqual([
      { note: 'one', tags: null },
      { note: 'two', tags: null },
      { note: 'three', tags: ['x'] },
    ]);
  });

  it('refuses a key that is not a column instead of dropping it', () => {
    expect(() => rowSlot(probe, 'probe', { note: 'x', colour: 'red' } as never)).toThrow(/no column colour/);
  });
});
