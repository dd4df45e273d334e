import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/platform/config.js';
import { systemClock, type Clock } from '../../server/src/platform/clock.js';
import { keepOtps } from '../../server/test/app.js';
import type { AppContext } from '../../server/src/platform/context.js';
import { diskFileStore } from '../../server/src/platform/storage.js';
import { freshDatabase } from '../../server/test/db.js';
import { freePort } from '../../server/test/process.js';

export type RunningServer = { app: FastifyInstance; ctx: AppContext; baseUrl: string; close: () => Promise<void> };

/**
 * The real server with the built web bundles, on a fresh database and a random local port. A journey that crosses
 * deadlines passes its own `clock` (the server's "now", which also dates sessions, lockouts and every row written).
 */
export async function startServer(options: { clock?: Clock; env?: Record<string, string>; port?: number } = {}): Promise<RunningServer> {
  const { db, drop } = await freshDatabase();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-e2e-'));
  // The server builds its links (payment return, simulator) from PUBLIC_URL only, so the port is chosen first.
  const port = options.port ?? (await freePort());
  // Sessions expire on the injected clock: journeys that move it by days keep their users signed in (the longest TTL).
  const config = loadConfig({ DATA_DIR: dataDir, JOBS: 'false', SEED_DEMO: 'false', SESSION_TTL_HOURS: '720', PUBLIC_URL: `http://127.0.0.1:${port}`, ...options.env });
  const clock = options.clock ?? systemClock;
  const ctx: AppContext = { config, db, clock, files: diskFileStore(path.join(dataDir, 'files'), clock) };
  const app = await buildApp(ctx, { webDir: path.resolve(import.meta.dirname, '../../dist/web') });
  // One-time codes go to the test's inbox, not to a phone (registerCitizen and journeys read them there).
  keepOtps(app, ctx);
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

