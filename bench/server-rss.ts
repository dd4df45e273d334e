/**
 * What the server's memory is made of under the queue load (issue 12: RSS < 300 MB through every load).
 *
 *   npx tsx bench/server-rss.ts --db=<database kept by bench/queues.ts --keep> [--requests=3000] [--variants=a,b]
 *
 * For each variant (a way of starting the same compiled server, dist/server/main.js), the server runs in its own process
 * on 127.0.0.1 against the kept database, the officers the queue benchmark made log in, and 16 requests stay in flight
 * over every queue tab and search; the resident size is sampled every 100 ms and the V8 heap and off-heap ("external")
 * figures from /metrics every second, and the breakdown at the peak is printed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { load } from './load.js';

const PASSWORD = 'Bench-queues-2026'; // bench/queues.ts
const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Ways to start the server: node flags and extra environment. */
const variants: Record<string, { what: string; args: string[]; env: Record<string, string> }> = {
  maps: { what: 'node --enable-source-maps (`npm run start:prod` before)', args: ['--enable-source-maps'], env: {} },
  prod: { what: 'node dist/server/main.js (`npm run start:prod` now)', args: [], env: {} },
  arena: { what: '--enable-source-maps, MALLOC_ARENA_MAX=2', args: ['--enable-source-maps'], env: { MALLOC_ARENA_MAX: '2' } },
  semi: { what: '--enable-source-maps, --max-semi-space-size=4', args: ['--enable-source-maps', '--max-semi-space-size=4'], env: {} },
};

type Sample = { rss: number; heapTotal: number; heapUsed: number; external: number };

async function metricsOf(base: string): Promise<Omit<Sample, 'rss'> | null> {
  const text = await fetch(`${base}/metrics`).then((r) => (r.ok ? r.text() : ''), () => '');
  const num = (name: string) => Number(new RegExp(`^motcua_${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  if (!text) return null;
  return { heapTotal: num('nodejs_heap_size_total_bytes'), heapUsed: num('nodejs_heap_size_used_bytes'), external: num('nodejs_external_memory_bytes') };
}

async function runVariant(name: string, dbName: string, requests: number): Promise<string> {
  const v = variants[name];
  if (!v) throw new Error(`unknown variant ${name} (${Object.keys(variants).join(', ')})`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-rss-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = spawn(process.execPath, [...v.args, 'dist/server/main.js'], {
    env: { ...process.env, ...v.env, DATABASE_URL: url.toString(), PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'false', JOBS: 'false', LOG_LEVEL: 'warn', DATA_DIR: work },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
      if (i > 600) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    const rssOf = async () => Number(/VmRSS:\s+(\d+)/.exec(await fs.readFile(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    const idle = await rssOf();
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    const { rows: names } = await c.query<{ username: string }>(`SELECT username FROM staff_user WHERE username LIKE 'bench.q%' ORDER BY created_at DESC, username LIMIT 16`);
    await c.end();
    if (names.length === 0) throw new Error('no bench.q* officers: run bench/queues.ts on this database first');
    const cookies: string[] = [];
    for (const { username } of names) {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
      if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
      cookies.push((res.headers.get('set-cookie') ?? '').split(';')[0]!);
    }
    const paths = ['unit', 'mine', 'online', 'due_soon', 'overdue', 'needs_apology', 'supplement', 'result_ready', 'all']
      .map((q) => `/api/dossiers?queue=${q}`)
      .concat(['nguyen van', 'tran thi', '0870', '09', 'H'].map((q) => `/api/dossiers?queue=all&q=${encodeURIComponent(q)}`));
    let peak: Sample = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0 };
    let last: Omit<Sample, 'rss'> | null = null;
    const rssTimer = setInterval(() => void rssOf().then((rss) => { if (rss > peak.rss && last) peak = { rss, ...last }; }).catch(() => {}), 100);
    const metricsTimer = setInterval(() => void metricsOf(base).then((m) => { if (m) last = m; }), 1000);
    last = await metricsOf(base);
    const stat = await load(name, base, (i) => ({ path: paths[i % paths.length]!, headers: { cookie: cookies[i % cookies.length]! } }), requests, 16);
    clearInterval(rssTimer);
    clearInterval(metricsTimer);
    const after = await rssOf();
    const mib = (b: number) => `${Math.round(b / 2 ** 20)}`;
    return `| ${v.what} | ${mib(idle)} | ${mib(peak.rss)} | ${mib(peak.heapTotal)} / ${mib(peak.heapUsed)} | ${mib(peak.external)} | ${mib(peak.rss - peak.heapTotal - peak.external)} | ${mib(after)} | ${stat.rps.toFixed(0)} | ${stat.p50.toFixed(1)} |`;
  } finally {
    server.kill('SIGTERM');
    await fs.rm(work, { recursive: true, force: true });
  }
}

const dbName = process.argv.find((a) => a.startsWith('--db='))?.split('=')[1];
if (!dbName || !/^[a-z0-9_]+$/.test(dbName)) throw new Error('--db=<database kept by bench/queues.ts --keep>');
const requests = Number(process.argv.find((a) => a.startsWith('--requests='))?.split('=')[1] ?? 3000);
const names = (process.argv.find((a) => a.startsWith('--variants='))?.split('=')[1] ?? 'maps,prod,arena,semi').split(',');
const lines = [
  `${requests} requests per variant, 16 in flight, over the 9 tabs and 5 searches; load average at the start ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}.`,
  '',
  '| server started | idle RSS MiB | peak RSS MiB | V8 heap total / used at the peak MiB | external MiB | rest (code, stacks, malloc) MiB | RSS after MiB | req/s | p50 ms |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
];
for (const n of names) {
  const line = await runVariant(n, dbName, requests);
  process.stderr.write(`${line}\n`);
  lines.push(line);
}
process.stdout.write(`${lines.join('\n')}\n`);
