export { type Database, type DatabaseKind, type Executor, inTransaction, isTransaction, type Tx, queryRows } from './database';
export { type DatabaseHandle, type OpenDatabaseOptions, openDatabase } from './open-database';
export { type MigrationReport, migrationsFolder, runMigrations } from './migrate';
export { preparedForShape, type RowSlot, rowSlot } from './prepared';
export { isUniqueViolation, pgErrorCode, violatedConstraint } from './pg-errors';
