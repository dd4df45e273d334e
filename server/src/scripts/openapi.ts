import fs from 'node:fs/promises';
import path from 'node:path';
import { buildApp } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { systemClock } from '../platform/clock.js';
import { createPool } from '../platform/database.js';
import { diskFileStore } from '../platform/storage.js';

/** Writes the OpenAPI document (the same one served at /docs/json) without a database: building the app runs no query. */
const out = process.argv[2] ?? 'openapi.json';
const config = loadConfig({ JOBS: 'false', SEED_DEMO: 'false' });
const db = createPool('postgres://unused@127.0.0.1:1/unused', 1);
const app = await buildApp({ config, db, clock: systemClock, files: diskFileStore('/nonexistent', systemClock) }, { webDir: '/nonexistent' });
await app.ready();
await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true });
await fs.writeFile(out, JSON.stringify(app.swagger(), null, 2));
await app.close();
await db.end();
