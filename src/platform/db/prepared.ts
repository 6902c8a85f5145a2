import { createHash } from 'node:crypto';
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './database';

type Row = Record<string, unknown>;

/**
 * Statements whose SQL is built once and prepared once per connection, for
 * the hottest writes: building a wide INSERT with Drizzle costs more CPU than
 * PostgreSQL spends executing it. Each statement is keyed by the shape of
 * its rows (their column names), so a row with another shape gets its own
 * statement instead of silently losing a column.
 */
const statementsByExecutor = new WeakMap<Executor, Map<string, unknown>>();

export interface RowSlot<T extends Row> {
  /** Placeholders to give Drizzle's `values()` in place of the row. */
  placeholders: { [K in keyof T]: SQL };
  /** The row's values as the driver takes them, keyed by placeholder name. */
  parameters: Record<string, unknown>;
  shape: string;
}

/**
 * One row of a prepared INSERT into `table`, its values named `${slot}.${column}`.
 * Values are encoded here with the column's own encoder (JSON, arrays, dates),
 * and SQL NULL stays NULL (Drizzle's placeholder filling would turn a null
 * JSON value into the JSON literal null).
 */
export function rowSlot<T extends Row>(table: PgTable, slot: string, row: T): RowSlot<T> {
  const columns = getTableColumns(table);
  const placeholders: Row = {};
  const parameters: Row = {};
  for (const [key, value] of Object.entries(row)) {
    const column = columns[key];
    if (!column) throw new Error(`${slot}: no column ${key}`);
    const name = `${slot}.${key}`;
    placeholders[key] = sql`${sql.placeholder(name)}`;
    parameters[name] = value === null || value === undefined ? null : column.mapToDriverValue(value);
  }
  return { placeholders: placeholders as RowSlot<T>['placeholders'], parameters, shape: `${slot}(${Object.keys(row).join(',')})` };
}

/**
 * The prepared statement `build` makes for these slots, built on first use
 * per executor and shape. `build` must only use the slots' placeholders, so
 * the same SQL serves every call.
 */
export function preparedForShape<Q>(executor: Executor, key: string, shapes: readonly string[], build: (name: string) => Q): Q {
  let statements = statementsByExecutor.get(executor);
  if (!statements) {
    statements = new Map();
    statementsByExecutor.set(executor, statements);
  }
  const signature = `${key}:${shapes.join(';')}`;
  let statement = statements.get(signature) as Q | undefined;
  if (!statement) {
    const name = `${key}_${createHash('sha256').update(signature).digest('hex').slice(0, 12)}`;
    statement = build(name);
    statements.set(signature, statement);
  }
  return statement;
}
