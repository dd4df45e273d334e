import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/platform/config.js';
import type { Clock } from '../../server/src/platform/clock.js';
import type { AppContext } from '../../server/src/platform/context.js';
import { diskFileStore } from '../../server/src/platform/storage.js';
import { freshDatabase } from '../../server/test/db.js';
import { freePort } from '../../server/test/process.js';

export type RunningServer = { app: FastifyInstance; ctx: AppContext; baseUrl: string; close: () => Promise<void> };

/**
 * The real server with the built web bundles, on a fresh database and a random local port. A journey that crosses
 * deadlines passes its own `clock` (the server's "now"; sessions still expire on the database's real time).
 */
export async function startServer(options: { clock?: Clock; env?: Record<string, string>; port?: number } = {}): Promise<RunningServer> {
  const { db, drop } = await freshDatabase();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-e2e-'));
  // The server builds its links (payment return, simulator) from PUBLIC_URL only, so the port is chosen first.
  const port = options.port ?? (await freePort());
  const config = loadConfig({ DATA_DIR: dataDir, JOBS: 'false', SEED_DEMO: 'false', PUBLIC_URL: `http://127.0.0.1:${port}`, ...options.env });
  const ctx: AppContext = { config, db, clock: options.clock ?? { now: () => new Date() }, files: diskFileStore(path.join(dataDir, 'files')) };
  const app = await buildApp(ctx, { webDir: path.resolve(import.meta.dirname, '../../dist/web') });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    app,
    ctx,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

