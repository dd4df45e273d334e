/**
 * Reads and writes across a primary's crash, through pgbouncer (transaction mode): the cluster of
 * scripts/cluster/start.sh with CLUSTER_PGBOUNCER=1 (three PostgreSQL 15 nodes under Patroni, one pgbouncer per node).
 * Two app instances in this process read the public catalogue (on the primary: no replica set) under the same load,
 * one with the read retry (installReadRetry, the default) and one without it; a writer inserts a row every 100 ms.
 * After BENCH_FAILOVER_BEFORE_S seconds the primary's postmaster is killed (kill -9); the load goes on for
 * BENCH_FAILOVER_AFTER_S seconds. Prints, per instance, the requests and those that failed, and the time from the kill
 * to the first successful write begun after it.
 *
 *   npx tsx bench/cluster-read-failover.ts     (starts and stops its own cluster under /tmp)
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/src/app.js';
import { systemClock } from '../server/src/platform/clock.js';
import { loadConfig } from '../server/src/platform/config.js';
import { createPool, usePreparedStatements } from '../server/src/platform/database.js';
import { diskFileStore } from '../server/src/platform/storage.js';
import { readClusterEnv } from '../server/test/cluster-env.js';

const BEFORE_S = Number(process.env.BENCH_FAILOVER_BEFORE_S ?? 8);
const AFTER_S = Number(process.env.BENCH_FAILOVER_AFTER_S ?? 20);
const READERS = 4;
const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(os.tmpdir(), `motcua-bench-failover-${process.pid}`);
const clusterEnv = {
  ...process.env,
  CLUSTER_DIR: dir,
  CLUSTER_BASE_PORT: process.env.BENCH_CLUSTER_PORT ?? '24000',
  CLUSTER_APPS: '1',
  CLUSTER_PGBOUNCER: '1',
  CLUSTER_APP_ENV: 'LOG_LEVEL=warn JOBS=false',
};

function sh(script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = spawn(path.join(root, script), { env: clusterEnv, stdio: ['ignore', 'inherit', 'inherit'] });
    c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited ${code}`))));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Outcome = { started: number; ended: number; status: number };

await sh('scripts/cluster/start.sh');
try {
  const env = readClusterEnv(dir);
  usePreparedStatements(false);
  const timeouts = { connectMs: 3_000, queryMs: 10_000 };
  const db = createPool(env.DATABASE_URL!, 8, timeouts);
  // The writer: the superuser through the same pgbouncers (the app's role may not create tables).
  const superUrl = env.DATABASE_URL!.replace(/\/\/[^@]+@/, `//postgres:${env.SUPER_PASSWORD}@`);
  const writer = createPool(superUrl, 2, timeouts);
  await writer.query(`CREATE TABLE IF NOT EXISTS bench_failover_probe (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-bench-failover-app-'));
  const config = loadConfig({ DATABASE_URL: env.DATABASE_URL, DATA_DIR: dataDir, JOBS: 'false', DATABASE_PREPARED_STATEMENTS: 'false', TRACKING_PER_MINUTE: '1000000' });
  const apps: { name: string; app: FastifyInstance; base: string; outcomes: Outcome[] }[] = [];
  for (const readRetry of [true, false]) {
    const app = await buildApp({ config, db, clock: systemClock, files: diskFileStore(dataDir, systemClock) }, { readRetry });
    apps.push({ name: readRetry ? 'with the read retry' : 'without it', app, base: await app.listen({ port: 0, host: '127.0.0.1' }), outcomes: [] });
  }
  const terms = ['khai sinh', 'ket hon', 'dat dai', 'ho kinh doanh', 'chung thuc'];
  let stop = false;
  const readers = apps.flatMap((a) =>
    Array.from({ length: READERS }, async (_, r) => {
      for (let i = r; !stop; i += READERS) {
        const started = performance.now();
        const status = await fetch(`${a.base}/api/catalog/procedures?q=${encodeURIComponent(terms[i % terms.length]!)}&limit=20`).then(async (res) => (await res.arrayBuffer(), res.status), () => 0);
        a.outcomes.push({ started, ended: performance.now(), status });
      }
    }),
  );
  const writes: Outcome[] = [];
  const writing = (async () => {
    while (!stop) {
      const started = performance.now();
      const status = await writer.query(`INSERT INTO bench_failover_probe DEFAULT VALUES`).then(() => 200, () => 500);
      writes.push({ started, ended: performance.now(), status });
      await sleep(100);
    }
  })();

  await sleep(BEFORE_S * 1000);
  // The primary now: the node whose port answers "not in recovery"; its postmaster's pid is the first line of postmaster.pid.
  const direct = createPool(env.MIGRATION_DATABASE_URL!, 1);
  const { rows } = await direct.query<{ port: number }>(`SELECT inet_server_port() AS port`);
  await direct.end();
  const node = env.PG_PORTS!.split(',').map(Number).indexOf(rows[0]!.port) + 1;
  const pid = Number(readFileSync(path.join(dir, `node${node}`, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const killedAt = performance.now();
  process.kill(pid, 'SIGKILL');
  console.log(`killed node${node}'s postmaster (pid ${pid})`);
  await sleep(AFTER_S * 1000);
  stop = true;
  await Promise.all([...readers, writing]);

  const firstWrite = writes.find((w) => w.started >= killedAt && w.status === 200);
  const failedWrites = writes.filter((w) => w.ended >= killedAt && w.status !== 200).length;
  console.log(`\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${os.loadavg()[0]!.toFixed(1)}`);
  console.log(`Primary killed after ${BEFORE_S} s of load, measured ${AFTER_S} s after. First successful write begun after the kill: ${firstWrite ? `${((firstWrite.ended - killedAt) / 1000).toFixed(1)} s` : 'none'}; writes failed after the kill: ${failedWrites}.`);
  console.log('\n| app instance | reads | failed after the kill (by status) | longest read after the kill (s) |\n|---|---:|---|---:|');
  for (const a of apps) {
    const after = a.outcomes.filter((o) => o.ended >= killedAt);
    const failed = after.filter((o) => o.status !== 200);
    const byStatus = [...new Set(failed.map((o) => o.status))].map((s) => `${failed.filter((o) => o.status === s).length} × ${s}`).join(', ');
    const longest = Math.max(0, ...after.map((o) => o.ended - Math.max(o.started, killedAt)));
    console.log(`| ${a.name} | ${a.outcomes.length} | ${failed.length}${byStatus ? ` (${byStatus})` : ''} | ${(longest / 1000).toFixed(1)} |`);
  }
  for (const a of apps) await a.app.close();
  await db.end();
  await writer.end();
  await fs.rm(dataDir, { recursive: true, force: true });
} finally {
  await sh('scripts/cluster/stop.sh');
}
