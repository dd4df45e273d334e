import type { AppConfig } from './config.js';
import type { Clock } from './clock.js';
import type { Db } from './database.js';
import type { FileStore } from './storage.js';
import type { ReadRouter } from './read-replicas.js';

/** What the composition root hands to each module's routes and jobs. */
export type AppContext = {
  config: AppConfig;
  db: Db;
  clock: Clock;
  files: FileStore;
  /** Read replicas for stale-tolerant reads (DATABASE_REPLICA_URLS); absent: every read on `db` (read-replicas.ts). */
  reads?: ReadRouter | null;
};
