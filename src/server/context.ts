import path from 'node:path';
import { type Clock, systemClock } from '../platform/clock';
import type { Config } from '../platform/config';
import { type DatabaseHandle, openDatabase, runMigrations } from '../platform/db';
import { type EventBus, LocalEventBus, RedisEventBus } from '../platform/events';
import type { AppContext } from '../platform/http';
import { createLogger, type Logger } from '../platform/logging';
import { type BlobStore, DatabaseBlobStore, FilesystemBlobStore } from '../platform/storage';

export interface Infrastructure {
  ctx: AppContext;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

export function pgliteDir(config: Config): string {
  return path.join(config.dataDir, 'pgdata');
}

export function openDatabaseFor(config: Config): Promise<DatabaseHandle> {
  return openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: pgliteDir(config) });
}

/** Opens and migrates the database, connects Redis when configured, and builds the context every part shares. */
export async function openInfrastructure(
  config: Config,
  options: { clock?: Clock; logger?: Logger; handle?: DatabaseHandle } = {},
): Promise<Infrastructure> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const handle = options.handle ?? (await openDatabaseFor(config));
  try {
    const migrations = await runMigrations(handle);
    if (migrations.applied > 0) logger.info(migrations, 'database migrated');
    const bus: EventBus = config.redisUrl ? await RedisEventBus.connect(config.redisUrl, logger) : new LocalEventBus(logger);
    const blobs: BlobStore =
      config.attachmentStore === 'database'
        ? new DatabaseBlobStore(handle.db)
        : new FilesystemBlobStore(path.join(config.dataDir, 'attachments'));
    const ctx: AppContext = { config, db: handle.db, dbKind: handle.kind, clock: options.clock ?? systemClock, logger, bus, blobs };
    return {
      ctx,
      handle,
      async close() {
        await bus.close();
        await handle.close();
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
