export { type Database, type DatabaseKind, type Executor, type Tx, queryRows } from './database';
export { type DatabaseHandle, type OpenDatabaseOptions, openDatabase } from './open-database';
export { type MigrationReport, migrationsFolder, runMigrations } from './migrate';
export { isUniqueViolation, pgErrorCode } from './pg-errors';
