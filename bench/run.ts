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
import { systemClock } from '../server/src/platform/clock.js';
import { createPool } from '../server/src/platform/database.js';
import { migrate } from '../server/src/platform/migrations.js';
import { diskFileStore } from '../server/src/platform/storage.js';
import { loadDemoData } from '../server/src/seed/load-demo.js';
import { createWorkingCalendar } from '../server/src/modules/working-calendar/calendar.rules.js';
import { computeDue } from '../server/src/modules/working-calendar/deadline.rules.js';
import { officialAdjustments } from '../server/src/modules/working-calendar/official-adjustments.js';
import { benchDossiers } from './dossiers.js';
import { benchReports } from './reports.js';
import { benchQueues } from './queues.js';
import { load, row } from './load.js';
import { portalWeightLines } from './portal-weight.js';
import { benchInfoPortal } from './info-portal.js';

const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EXTRA_PROCEDURES = Number(process.env.BENCH_PROCEDURES ?? 5000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const CONCURRENCY = 16;
const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 1000);
/** Dossiers generated for the reports benchmark (10 million: `npx tsx bench/reports.ts --dossiers=10000000`). */
const REPORT_DOSSIERS = Number(process.env.BENCH_REPORT_DOSSIERS ?? 100_000);
/** Dossiers generated for the work-queue benchmark (1 million: `npx tsx bench/queues.ts --dossiers=1000000`). */
const QUEUE_DOSSIERS = Number(process.env.BENCH_QUEUE_DOSSIERS ?? 100_000);
process.env.DEMO_PASSWORD ??= 'bench-password-2026';

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
    const ctx = { config: loadConfig({ DATA_DIR: dataDir, JOBS: 'false', TRACKING_PER_MINUTE: '1000000', LOGIN_MAX_FAILURES: '100', DEMO_PASSWORD: process.env.DEMO_PASSWORD }), db, clock: systemClock, files: diskFileStore(dataDir, systemClock) };
    await loadDemoData(ctx);
    // Grow the catalogue with variants of the demo procedures so search runs over a realistic provincial size.
    await db.query(
      `WITH src AS (
         SELECT p.*, v.content, v.decision_no, v.decision_date, v.effective_from, g, gen_random_uuid() AS new_id, gen_random_uuid() AS new_version
           FROM procedure p JOIN procedure_version v ON v.id = p.current_version_id
          CROSS JOIN generate_series(1, $1::int / (SELECT count(*) FROM procedure)::int + 1) g),
       ins AS (
         INSERT INTO procedure (id, owner_unit_id, code, status, name, field, level, agency, online_level, processing_time, fee_total_vnd, postal_intake, postal_return,
           created_at, updated_at)
         SELECT new_id, owner_unit_id, code || '.' || g, status, name || ' (trường hợp ' || g || ')', field, level, agency, online_level,
                processing_time, fee_total_vnd, postal_intake, postal_return, now(), now() FROM src),
       ver AS (
         INSERT INTO procedure_version (id, procedure_id, version_no, state, content, decision_no, decision_date, effective_from, published_at, created_at)
         SELECT new_version, new_id, 1, 'published', content, decision_no, decision_date, effective_from, now(), now() FROM src)
       SELECT 1`,
      [EXTRA_PROCEDURES],
    );
    await db.query(`UPDATE procedure p SET current_version_id = v.id FROM procedure_version v WHERE v.procedure_id = p.id AND p.current_version_id IS NULL`);
    await db.query('ANALYZE');
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM procedure');
    const ids = (await db.query<{ id: string }>(`SELECT id FROM procedure ORDER BY random() LIMIT 200`)).rows.map((r) => r.id);

    const app = await buildApp(ctx, { webDir: path.join(dataDir, 'none') });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const queries = ['ho ngheo', 'khai sinh', 'chung thuc ban sao', 'dang ky ket hon', 'giay phep xay dung', 'tro cap'];
    const stats = [
      await load('catalogue search, accent-free (GET /api/catalog/procedures?q=…)', address, (i) => ({ path: `/api/catalog/procedures?q=${encodeURIComponent(queries[i % queries.length]!)}` }), REQUESTS),
      await load('catalogue list, first page (GET /api/catalog/procedures)', address, () => ({ path: '/api/catalog/procedures' }), REQUESTS),
      await load('procedure page (GET /api/catalog/procedures/:id)', address, (i) => ({ path: `/api/catalog/procedures/${ids[i % ids.length]!}` }), REQUESTS),
    ];
    // Its own fresh database and server processes (the real one and the bare baselines, each in a process of its own).
    const dossierLines = ['## Dossiers', '', ...(await benchDossiers({ dossiers: 0, requests: DOSSIERS }))];
    clearInterval(sampler);
    const rss = process.memoryUsage().rss;
    await app.close();

    const calendar = createWorkingCalendar({ adjustments: officialAdjustments });
    const start = Date.parse('2025-01-01T00:00:00Z');
    const n = 200_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) computeDue(new Date(start + (i % 50_000) * 600_000), { unit: 'working_day', amount: 1 + (i % 20) }, calendar, { paperCutoff: true });
    const dueOps = n / ((performance.now() - t0) / 1000);

    const infoPortalLines = await benchInfoPortal(db, dataDir);

    // Last: it bulk-loads its own province (trigram index dropped, counters rebuilt).
    const reportLines = await benchReports(db, REPORT_DOSSIERS);
    // Its own database and server process (dropped at the end).
    const queueLines = await benchQueues({ dossiers: QUEUE_DOSSIERS, requests: Number(process.env.BENCH_QUEUE_REQUESTS ?? 800) });

    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const lines = [
      '# Benchmarks',
      '',
      `Command: \`npm run bench\` (BENCH_PROCEDURES=${EXTRA_PROCEDURES}, BENCH_REQUESTS=${REQUESTS}, concurrency ${CONCURRENCY}, server in one Node.js process, load client in a worker thread of it, on 127.0.0.1).`,
      `Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, PostgreSQL at ${new URL(adminUrl).host}. Run ${new Date().toISOString()}.`,
      '',
      `Catalogue: ${rows[0]!.n} procedures (demo catalogue of 3 provinces plus generated variants).`,
      '',
      '| what | requests | req/s | p50 ms | p99 ms | max ms |',
      '|---|---:|---:|---:|---:|---:|',
      ...stats.map(row),
      '',
      ...dossierLines,
      '',
      '<!-- reports -->',
      ...reportLines.slice(0, 2),
      `Command: \`npm run bench\` with BENCH_REPORT_DOSSIERS=${REPORT_DOSSIERS}.`,
      '',
      ...reportLines.slice(2),
      '<!-- /reports -->',
      '',
      '<!-- queues -->',
      ...queueLines,
      '<!-- /queues -->',
      ...(await portalWeightLines()),
      '',
      '<!-- info-portal -->',
      ...infoPortalLines,
      '<!-- /info-portal -->',
      '',
      `Deadline arithmetic (computeDue, 1–20 working days over 2025–2026 with official adjustments): ${Math.round(dueOps).toLocaleString('en')} computations/s.`,
      `Memory of the process under load (server and load client share it): peak RSS ${Math.round(peakRss / 2 ** 20)} MiB, ${Math.round(rss / 2 ** 20)} MiB after the runs.`,
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
