/**
 * Read throughput of the stale-tolerant pages with the primary alone, one replica and two replicas, on the cluster of
 * scripts/cluster/start.sh (three PostgreSQL 15 nodes under Patroni on loopback). One app instance in this process
 * serves, under 16 concurrent readers, the public catalogue search and a unit's information page; only
 * DATABASE_REPLICA_URLS changes between the runs. Bounded: BENCH_REPLICA_REQUESTS requests per page and setting.
 *
 *   npx tsx bench/replicas.ts        (starts and stops its own cluster under /tmp; prints a table for BENCHMARKS.md)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/src/app.js';
import { systemClock } from '../server/src/platform/clock.js';
import { loadConfig } from '../server/src/platform/config.js';
import { createPool } from '../server/src/platform/database.js';
import { createReadRouter } from '../server/src/platform/read-replicas.js';
import { diskFileStore } from '../server/src/platform/storage.js';
import { load, row, type Stat } from './load.js';
import { readClusterEnv } from '../server/test/cluster-env.js';

const REQUESTS = Number(process.env.BENCH_REPLICA_REQUESTS ?? 2000);
const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(os.tmpdir(), `motcua-bench-replicas-${process.pid}`);
const clusterEnv = { ...process.env, CLUSTER_DIR: dir, CLUSTER_BASE_PORT: process.env.BENCH_CLUSTER_PORT ?? '25000', CLUSTER_APPS: '1', CLUSTER_APP_ENV: 'LOG_LEVEL=warn JOBS=false' };

function sh(script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = spawn(path.join(root, script), { env: clusterEnv, stdio: ['ignore', 'inherit', 'inherit'] });
    c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited ${code}`))));
  });
}

await sh('scripts/cluster/start.sh');
const stats: Stat[] = [];
try {
  const env = readClusterEnv(dir);
  const primary = createPool(env.DATABASE_URL!, 16);
  const { rows: leader } = await primary.query<{ port: number }>(`SELECT inet_server_port() AS port`);
  const standbys = env.PG_PORTS!.split(',').map(Number).filter((p) => p !== leader[0]!.port);
  const appUrl = new URL(env.DATABASE_URL!.replace(/@[^/]+\//, '@127.0.0.1:1/'));
  const standbyUrl = (port: number) => `postgres://${appUrl.username}:${appUrl.password}@127.0.0.1:${port}/motcua`;
  const { rows: sites } = await primary.query<{ slug: string }>(`SELECT slug FROM portal_site ORDER BY slug LIMIT 1`);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-bench-replicas-app-'));
  for (const replicas of [0, 1, 2]) {
    const urls = standbys.slice(0, replicas).map(standbyUrl);
    const config = loadConfig({ DATABASE_URL: env.DATABASE_URL, DATABASE_REPLICA_URLS: urls.join(' '), DATA_DIR: dataDir, JOBS: 'false', TRACKING_PER_MINUTE: '1000000' });
    const reads = createReadRouter(primary, urls, 16);
    const app = await buildApp({ config, db: primary, clock: systemClock, files: diskFileStore(dataDir, systemClock), reads });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const label = replicas === 0 ? 'primary alone' : `${replicas} replica${replicas > 1 ? 's' : ''}`;
    const terms = ['khai sinh', 'ket hon', 'dat dai', 'ho kinh doanh', 'chung thuc'];
    stats.push(await load(`catalogue search, ${label}`, base, (i) => ({ path: `/api/catalog/procedures?q=${encodeURIComponent(terms[i % terms.length]!)}&limit=20` }), REQUESTS));
    if (sites[0]) stats.push(await load(`unit information page, ${label}`, base, () => ({ path: `/trang/${sites[0]!.slug}` }), REQUESTS));
    await app.close();
    await reads?.end();
  }
  await primary.end();
  await fs.rm(dataDir, { recursive: true, force: true });
} finally {
  await sh('scripts/cluster/stop.sh');
}
console.log(`\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
console.log('| Page, database | Requests | req/s | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|');
for (const s of stats) console.log(row(s));
