/**
 * Cold start to ready (`GET /readyz` answers 200), from spawning the process: the TypeScript sources through tsx
 * (`npm start` in the demo) against the compiled bundle (`npm run start:prod`, dist/server/main.js, built by
 * `npm run build:server`). Same already-migrated external PostgreSQL, jobs on, no demo data; the median of a few runs.
 *   npx tsx bench/cold-start.ts [runs]
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import pg from 'pg';
import { createPool } from '../server/src/platform/database.js';
import { migrate } from '../server/src/platform/migrations.js';
import { freePort, spawnServer } from '../server/test/process.js';

const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const runs = Number(process.argv[2] ?? 3);

async function timeToReady(compiled: boolean, env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const p = spawnServer({ ...env, PORT: String(await freePort()) }, { compiled });
  try {
    await p.ready();
    return performance.now() - started;
  } finally {
    p.child.kill('SIGTERM');
    await p.exited;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const dbName = `motcua_coldstart_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-coldstart-'));
  try {
    const db = createPool(url.toString(), 2);
    await migrate(db);
    await db.end();
    const env = { DATABASE_URL: url.toString(), DATA_DIR: dataDir, SEED_DEMO: 'false', JOBS: 'true' };
    await timeToReady(true, env); // pg-boss creates its schema once
    const tsx: number[] = [];
    const compiled: number[] = [];
    for (let i = 0; i < runs; i++) {
      tsx.push(await timeToReady(false, env));
      compiled.push(await timeToReady(true, env));
    }
    const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    process.stdout.write(`| start | median | runs |\n|---|---|---|\n`);
    process.stdout.write(`| \`npm start\` (tsx, TypeScript sources) | ${f(median(tsx))} | ${tsx.map(f).join(', ')} |\n`);
    process.stdout.write(`| \`npm run start:prod\` (compiled dist/server/main.js) | ${f(median(compiled))} | ${compiled.map(f).join(', ')} |\n`);
    process.stdout.write(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs\n`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

void main();
