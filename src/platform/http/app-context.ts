import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database, DatabaseKind } from '../db';
import type { EventBus } from '../events';
import type { Logger } from '../logging';
import type { Actor } from '../security';
import type { BlobStore } from '../storage';

/** What every route plugin may use; built once by the composition root. */
export interface AppContext {
  config: Config;
  db: Database;
  dbKind: DatabaseKind;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  blobs: BlobStore;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    actor: Actor;
  }
}
