/**
 * Cold start to ready (`GET /readyz` answers 200), from spawning the process, and the server's resident memory once
 * ready: the TypeScript sources through tsx (`npm start` in the demo) against the compiled bundle (`npm run start:prod`,
 * dist/server/main.js, built by `npm run build:server`), and optionally an earlier compiled bundle as the baseline of
 * the same run. Same already-migrated external PostgreSQL, jobs on, no demo data; the median of a few runs.
 *   npx tsx bench/cold-start.ts [runs] [--before=<earlier dist/server/main.js>]
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import pg from 'pg';
import { createPool } from '../server/src/platform/database.js';
import { migrate } from '../server/src/platform/migrations.js';
import { freePort, spawnServer } from '../server/test/process.js';

const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 3);
const before = process.argv.find((a) => a.startsWith('--before='))?.slice('--before='.length);

type Start = { ms: number; rssMiB: number };
type Variant = { label: string; options: { compiled?: boolean; entry?: string } };

/** Resident set of a process from /proc (Linux), in MiB. */
async function rssMiB(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function start(v: Variant, env: Record<string, string>): Promise<Start> {
  const started = performance.now();
  const p = spawnServer({ ...env, PORT: String(await freePort()) }, v.options);
  try {
    await p.ready();
    const ms = performance.now() - started;
    // Memory once start-up work (migrations check, jobs, first ticks) has settled.
    await new Promise((r) => setTimeout(r, 3000));
    return { ms, rssMiB: await rssMiB(p.child.pid!) };
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
    const variants: Variant[] = [
      { label: '`npm start` (tsx, TypeScript sources)', options: {} },
      ...(before ? [{ label: `compiled, before (${before})`, options: { entry: before } }] : []),
      { label: '`npm run start:prod` (compiled dist/server/main.js)', options: { compiled: true } },
    ];
    await start(variants[variants.length - 1]!, env); // pg-boss creates its schema once
    const results = variants.map(() => [] as Start[]);
    for (let i = 0; i < runs; i++) for (const [k, v] of variants.entries()) results[k]!.push(await start(v, env));
    const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    process.stdout.write(`| start | median to ready | runs | RSS when ready (median) |\n|---|---|---|---:|\n`);
    for (const [k, v] of variants.entries()) {
      const r = results[k]!;
      process.stdout.write(`| ${v.label} | ${f(median(r.map((x) => x.ms)))} | ${r.map((x) => f(x.ms)).join(', ')} | ${median(r.map((x) => x.rssMiB)).toFixed(0)} MiB |\n`);
    }
    process.stdout.write(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs\n`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

void main();
