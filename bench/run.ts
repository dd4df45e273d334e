/**
 * Benchmarks (npm run bench): catalogue search and procedure page over HTTP on a real PostgreSQL, and the
 * working-day deadline arithmetic. Targets 127.0.0.1 only; request counts are bounded. Results → BENCHMARKS.md.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import pg from 'pg';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/platform/config.js';
import { createPool } from '../server/src/platform/database.js';
import { migrate } from '../server/src/platform/migrations.js';
import { diskFileStore } from '../server/src/platform/storage.js';
import { loadDemoData } from '../server/src/seed/load-demo.js';
import { createWorkingCalendar } from '../server/src/modules/working-calendar/calendar.rules.js';
import { computeDue } from '../server/src/modules/working-calendar/deadline.rules.js';
import { officialAdjustments } from '../server/src/modules/working-calendar/official-adjustments.js';

const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EXTRA_PROCEDURES = Number(process.env.BENCH_PROCEDURES ?? 5000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const CONCURRENCY = 16;

type Stat = { name: string; requests: number; rps: number; p50: number; p99: number; max: number };

async function load(name: string, base: string, paths: string[]): Promise<Stat> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const t0 = performance.now();
        const res = await fetch(base + paths[i % paths.length]!);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { name, requests: latencies.length, rps: latencies.length / seconds, p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1]! };
}

async function main(): Promise<void> {
  const dbName = `motcua_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const db = createPool(url.toString(), 10);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-bench-'));
  try {
    await migrate(db);
    const ctx = { config: loadConfig({ DATA_DIR: dataDir, JOBS: 'false' }), db, clock: { now: () => new Date() }, files: diskFileStore(dataDir) };
    await loadDemoData(ctx);
    // Grow the catalogue with variants of the demo procedures so search runs over a realistic provincial size.
    await db.query(
      `WITH src AS (
         SELECT p.*, v.content, v.decision_no, v.decision_date, v.effective_from, g, gen_random_uuid() AS new_id, gen_random_uuid() AS new_version
           FROM procedure p JOIN procedure_version v ON v.id = p.current_version_id
          CROSS JOIN generate_series(1, $1::int / (SELECT count(*) FROM procedure)::int + 1) g),
       ins AS (
         INSERT INTO procedure (id, owner_unit_id, code, status, name, field, level, agency, online_level, processing_time, fee_total_vnd, postal_intake, postal_return)
         SELECT new_id, owner_unit_id, code || '.' || g, status, name || ' (trường hợp ' || g || ')', field, level, agency, online_level,
                processing_time, fee_total_vnd, postal_intake, postal_return FROM src),
       ver AS (
         INSERT INTO procedure_version (id, procedure_id, version_no, state, content, decision_no, decision_date, effective_from, published_at)
         SELECT new_version, new_id, 1, 'published', content, decision_no, decision_date, effective_from, now() FROM src)
       SELECT 1`,
      [EXTRA_PROCEDURES],
    );
    await db.query(`UPDATE procedure p SET current_version_id = v.id FROM procedure_version v WHERE v.procedure_id = p.id AND p.current_version_id IS NULL`);
    await db.query('ANALYZE');
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM procedure');
    const ids = (await db.query<{ id: string }>(`SELECT id FROM procedure ORDER BY random() LIMIT 200`)).rows.map((r) => r.id);

    const app = await buildApp(ctx, { webDir: path.join(dataDir, 'none') });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const queries = ['ho ngheo', 'khai sinh', 'chung thuc ban sao', 'dang ky ket hon', 'giay phep xay dung', 'tro cap'];
    const stats = [
      await load('catalogue search, accent-free (GET /api/catalog/procedures?q=…)', address, queries.map((q) => `/api/catalog/procedures?q=${encodeURIComponent(q)}`)),
      await load('catalogue list, first page (GET /api/catalog/procedures)', address, ['/api/catalog/procedures']),
      await load('procedure page (GET /api/catalog/procedures/:id)', address, ids.map((id) => `/api/catalog/procedures/${id}`)),
    ];
    const rss = process.memoryUsage().rss;
    await app.close();

    const calendar = createWorkingCalendar({ adjustments: officialAdjustments });
    const start = Date.parse('2025-01-01T00:00:00Z');
    const n = 200_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) computeDue(new Date(start + (i % 50_000) * 600_000), { unit: 'working_day', amount: 1 + (i % 20) }, calendar, { paperCutoff: true });
    const dueOps = n / ((performance.now() - t0) / 1000);

    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const lines = [
      '# Benchmarks',
      '',
      `Command: \`npm run bench\` (BENCH_PROCEDURES=${EXTRA_PROCEDURES}, BENCH_REQUESTS=${REQUESTS}, concurrency ${CONCURRENCY}, client and server in one Node.js process on 127.0.0.1).`,
      `Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, PostgreSQL at ${new URL(adminUrl).host}. Run ${new Date().toISOString()}.`,
      '',
      `Catalogue: ${rows[0]!.n} procedures (demo catalogue of 3 provinces plus generated variants).`,
      '',
      '| what | requests | req/s | p50 ms | p99 ms | max ms |',
      '|---|---:|---:|---:|---:|---:|',
      ...stats.map((s) => `| ${s.name} | ${s.requests} | ${s.rps.toFixed(0)} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.max.toFixed(1)} |`),
      '',
      `Deadline arithmetic (computeDue, 1–20 working days over 2025–2026 with official adjustments): ${Math.round(dueOps).toLocaleString('en')} computations/s.`,
      `Process memory after the HTTP runs (RSS, server + load client): ${Math.round(rss / 2 ** 20)} MiB.`,
      '',
    ];
    await fs.writeFile(path.resolve('BENCHMARKS.md'), lines.join('\n'));
    process.stdout.write(lines.join('\n'));
  } finally {
    await db.end();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

await main();
