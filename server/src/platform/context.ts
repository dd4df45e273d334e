import type { AppConfig } from './config.js';
import type { Clock } from './clock.js';
import type { Db } from './database.js';
import type { FileStore } from './storage.js';

/** What the composition root hands to each module's routes and jobs. */
export type AppContext = { config: AppConfig; db: Db; clock: Clock; files: FileStore };
