/**
 * Reports benchmark: a province-wide report read from the counters against the naive GROUP BY over the dossiers,
 * in the same run, on the same PostgreSQL, and a check that both give the same figures.
 *
 *   npm run bench                                   (part of the full bench, BENCH_REPORT_DOSSIERS=100000 by default)
 *   npx tsx bench/reports.ts --dossiers=10000000    (this benchmark alone, on its own database; writes BENCHMARKS.md's
 *                                                     "Reports" section; BENCH_DATABASE_ADMIN_URL as for npm run bench)
 *   … --keep                                         (keeps the database; its name is printed)
 *   npx tsx bench/reports.ts --db=NAME               (measures again on a kept database, migrated to the current schema
 *                                                     first: the generator's time apart)
 */
import os from 'node:os';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { createPool, type Db } from '../server/src/platform/database.js';
import { migrate } from '../server/src/platform/migrations.js';
import type { Actor } from '../server/src/modules/identity/permissions.policy.js';
import { getSummary } from '../server/src/modules/reports/use-cases/get-summary.js';
import { getPeriodReport } from '../server/src/modules/reports/use-cases/get-period-report.js';
import { buildDailyData } from '../server/src/modules/reports/use-cases/produce-daily-reports.js';
import { unitWithChildren } from '../server/src/modules/reports/reports.repo.js';
import { generateReportData, type GeneratedProvince } from './reports-data.js';

const NOW = new Date('2026-11-25T09:00:00Z'); // 16:00 in Vietnam, the day after the generated data ends

type Timing = { p50: number; p95: number; max: number; runs: number };

async function time(runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]! * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), max: Math.round(ms.at(-1)! * 10) / 10, runs };
}

/** The same figures as the summary (Biểu 06 columns per child unit), counted from the dossiers at read time. */
const NAIVE = `
SELECT split_part(resolving_path, '/', 3) AS k,
  count(*) FILTER (WHERE received_at >= $2 AND received_at < $3) AS received,
  count(*) FILTER (WHERE received_at >= $2 AND received_at < $3 AND channel = 'online') AS online,
  count(*) FILTER (WHERE received_at < $2 AND (finished_at IS NULL OR finished_at >= $2)) AS carried,
  count(*) FILTER (WHERE finished_at >= $2 AND finished_at < $3) AS resolved,
  count(*) FILTER (WHERE finished_at >= $2 AND finished_at < $3 AND finish_class = 'early') AS early,
  count(*) FILTER (WHERE finished_at >= $2 AND finished_at < $3 AND finish_class = 'late') AS late,
  count(*) FILTER (WHERE received_at < $3 AND (finished_at IS NULL OR finished_at >= $3)) AS open,
  count(*) FILTER (WHERE status IN ('received', 'processing', 'interagency') AND due_at < $4) AS overdue_now
FROM dossier WHERE resolving_path LIKE $1 || '%' AND received_at IS NOT NULL GROUP BY 1`;

/** The province of a database generated earlier (kept with --keep). */
async function keptProvince(db: Db): Promise<GeneratedProvince> {
  const { rows } = await db.query<{ id: string; path: string; n: number }>(
    `SELECT u.id, u.path, (SELECT count(*) FROM dossier)::int AS n FROM unit u WHERE u.code = 'BENCH.R'`,
  );
  const p = rows[0];
  if (!p) throw new Error('no generated province (unit BENCH.R) in this database');
  return { provinceId: p.id, provincePath: p.path, dossiers: p.n, loadSeconds: Number.NaN, recountSeconds: Number.NaN };
}

export async function benchReports(db: Db, dossiers: number, log: (m: string) => void = () => {}, reuse = false, migrated = ''): Promise<string[]> {
  if (!reuse) log(`reports: generating ${dossiers.toLocaleString('en')} dossiers…`);
  const gen = reuse ? await keptProvince(db) : await generateReportData(db, dossiers, log);
  const actor: Actor = { userId: '00000000-0000-0000-0000-000000000000', username: 'bench', fullName: 'Bench', grants: [{ role: 'inspector', unitId: gen.provinceId, unitPath: gen.provincePath }] };
  const deps = { db, clock: { now: () => NOW } };
  const { rows: sizes } = await db.query<{ counters: number; below: number; open: number; table: string; d: number; w: number; m: number; dt: number; wt: number; mt: number }>(
    `SELECT (SELECT count(*) FROM report_counter)::int AS counters, (SELECT count(*) FROM report_counter_below)::int AS below, (SELECT count(*) FROM report_open)::int AS open,
            pg_size_pretty(pg_total_relation_size('dossier')) AS table,
            (SELECT count(*) FROM report_counter_day)::int AS d, (SELECT count(*) FROM report_counter_week)::int AS w,
            (SELECT count(*) FROM report_counter_month)::int AS m,
            (SELECT count(*) FROM report_counter_day_total)::int AS dt, (SELECT count(*) FROM report_counter_week_total)::int AS wt,
            (SELECT count(*) FROM report_counter_month_total)::int AS mt`,
  );
  const sz = sizes[0]!;
  const cases: { what: string; range: [string, string]; run: () => Promise<unknown>; naive?: boolean }[] = [
    { what: 'province dashboard, year 2025 (each district, department: Biểu 06 columns, rates, QĐ 766)', range: ['2025-01-01', '2025-12-31'], run: () => getSummary(deps, actor, { unitId: gen.provinceId, from: '2025-01-01', to: '2025-12-31' }), naive: true },
    { what: 'province dashboard, this quarter up to today (live open stock and overdue)', range: ['2026-10-01', '2026-11-25'], run: () => getSummary(deps, actor, { unitId: gen.provinceId, from: '2026-10-01', to: '2026-11-25' }), naive: true },
    { what: 'province dashboard, all three years up to today (live overdue)', range: ['2024-01-01', '2026-11-25'], run: () => getSummary(deps, actor, { unitId: gen.provinceId, from: '2024-01-01', to: '2026-11-25' }), naive: true },
  ];
  // Biểu 06 by procedure over ragged ranges, read three ways in the same run: the subtree's own rows with day rows for
  // the ragged ends and month rows; the same with week parts (migration 20261209050000); and the unit's own + below
  // rows (migration 20261210200000), procedures × buckets whatever the subtree. All must give the same report.
  const ways = [
    { read: { weeks: false, below: false }, label: 'before: every unit of the subtree, days + months' },
    { read: { below: false }, label: 'before: every unit of the subtree, days + week parts + months' },
    { read: {}, label: 'after: the province\'s own + below rows, days + week parts + months' },
  ];
  const ranges = [['2026-07-15', '2026-10-20', '15/07/2026–20/10/2026'], ['2026-01-03', '2026-03-17', '03/01/2026–17/03/2026'], ['2025-02-11', '2025-09-26', '11/02/2025–26/09/2025']] as const;
  for (const [by, shape] of [['procedure', 'by procedure'], ['unit', 'by unit (each district, department)']] as const) {
    for (const [from, to, label] of by === 'procedure' ? ranges : ranges.slice(0, 1)) {
      const q = { unitId: gen.provinceId, from, to, by };
      const first = JSON.stringify(await getPeriodReport({ ...deps, read: ways[0]!.read }, actor, q));
      for (const w of ways) {
        const same = JSON.stringify(await getPeriodReport({ ...deps, read: w.read }, actor, q)) === first;
        cases.push({ what: `Biểu 06 ${shape}, ${label} (ragged months), ${w.label}${same ? '' : ' — FIGURES DIFFER'}`, range: [from, to], run: () => getPeriodReport({ ...deps, read: w.read }, actor, q) });
      }
    }
  }
  const province = (await unitWithChildren(db, gen.provinceId))!.unit;
  cases.push({ what: 'daily quick report of the province (all 131 units rolled up)', range: ['2026-11-25', '2026-11-25'], run: () => buildDailyData(deps, province, NOW) });

  const lines = [
    '## Reports',
    '',
    `${gen.dossiers.toLocaleString('en')} dossiers in one province (131 units, 60 procedures, 2024-01-01 → 2026-11-24), dossier table ${sz.table}; ` +
      (reuse ? 'generated earlier (kept database, migrated on start): ' : `generated in ${Math.round(gen.loadSeconds)} s, counters rebuilt by report_recount() in ${Math.round(gen.recountSeconds)} s: `) +
      `${sz.counters.toLocaleString('en')} counter rows — per procedure ${sz.d.toLocaleString('en')} day, ${sz.w.toLocaleString('en')} week-part and ${sz.m.toLocaleString('en')} month rows, ` +
      `all procedures ${sz.dt.toLocaleString('en')} day, ${sz.wt.toLocaleString('en')} week-part and ${sz.mt.toLocaleString('en')} month rows (at most units × days = ${(131 * 1059).toLocaleString('en')}) — ` +
      `${sz.below.toLocaleString('en')} below rows (the sums under each of the 11 units that have units under them, every grain)` +
      `${migrated ? ` (${migrated})` : ''} and ${sz.open.toLocaleString('en')} open-stock rows.`,
    '',
    '| report | from the counters p50 / p95 / max ms | naive GROUP BY over the dossiers p50 / max ms | same figures |',
    '|---|---:|---:|---|',
  ];
  for (const c of cases) {
    log(`reports: ${c.what}`);
    const fast = await time(20, c.run);
    let naive = '—';
    let same = '—';
    if (c.naive) {
      const from = new Date(`${c.range[0]}T00:00:00+07:00`);
      const to = new Date(new Date(`${c.range[1]}T00:00:00+07:00`).getTime() + 86_400_000);
      const slow = await time(2, () => db.query(NAIVE, [gen.provincePath, from, to, NOW]));
      naive = `${slow.p50} / ${slow.max}`;
      const summary = await getSummary(deps, actor, { unitId: gen.provinceId, from: c.range[0], to: c.range[1] });
      const counted = (await db.query<Record<string, string>>(NAIVE, [gen.provincePath, from, to, NOW])).rows;
      const live = c.range[1] >= '2026-11-25';
      same = summary.children.every((line) => {
        const n = counted.find((r) => r.k === line.unit?.id);
        const f = line.form06;
        if (!n) return f.total === 0;
        return (
          Number(n.received) === f.total - f.carriedOver && Number(n.online) === f.online && Number(n.carried) === f.carriedOver &&
          Number(n.resolved) === f.resolved && Number(n.early) === f.early && Number(n.late) === f.late && Number(n.open) === f.open &&
          (!live || Number(n.overdue_now) === f.openOverdue)
        );
      })
        ? 'yes'
        : 'NO';
    }
    lines.push(`| ${c.what} | ${fast.p50} / ${fast.p95} / ${fast.max} | ${naive} | ${same} |`);
  }
  // What the triggers cost each dossier change: one approval-like update, with and without the counter trigger.
  const ids = (await db.query<{ id: string }>(`SELECT id FROM dossier WHERE status = 'processing' LIMIT 500`)).rows.map((r) => r.id);
  const client = await db.connect();
  const perChange = async () => {
    const t0 = performance.now();
    for (const id of ids) {
      await client.query('BEGIN');
      await client.query(`UPDATE dossier SET status = 'result_ready', finished_at = $2, finish_class = 'on_time' WHERE id = $1`, [id, NOW]);
      await client.query('ROLLBACK');
    }
    return (performance.now() - t0) / Math.max(1, ids.length);
  };
  await perChange(); // warm-up
  // The trigger as it was before the below rows (report_apply of migration 20261209050000), put back for the measure
  // and replaced by the current one after: the same run, the same dossiers, the same connection.
  const weekMigration = await fs.readFile(new URL('../server/db/migrations/20261209050000-report-week-grain.sql', import.meta.url), 'utf8');
  const at = weekMigration.indexOf('CREATE OR REPLACE FUNCTION report_apply(');
  const previousApply = weekMigration.slice(at, weekMigration.indexOf('END $$;', at) + 'END $$;'.length);
  const currentApply = (await client.query<{ def: string }>(`SELECT pg_get_functiondef('report_apply(dossier, dossier)'::regprocedure) AS def`)).rows[0]!.def;
  const best = { without: Infinity, previous: Infinity, current: Infinity };
  for (let round = 0; round < 3; round++) {
    // Rounds alternate the three so that other work on the machine weighs on each alike; the lowest of each is kept.
    await client.query(`ALTER TABLE dossier DISABLE TRIGGER dossier_report_counters`);
    best.without = Math.min(best.without, await perChange());
    await client.query(`ALTER TABLE dossier ENABLE TRIGGER dossier_report_counters`);
    await client.query(previousApply);
    best.previous = Math.min(best.previous, await perChange());
    await client.query(currentApply);
    best.current = Math.min(best.current, await perChange());
  }
  client.release();
  lines.push(
    '',
    `Cost to each dossier change (an approval: BEGIN, UPDATE, ROLLBACK; ${ids.length} dossiers, one connection, lowest of 3 alternating rounds): ` +
      `${best.current.toFixed(2)} ms with the counter trigger keeping the below rows (migration 20261210200000), ` +
      `${best.previous.toFixed(2)} ms with the trigger as before them (own rows only, migration 20261209050000), ${best.without.toFixed(2)} ms without the trigger.`,
  );
  lines.push(
    '',
    'Counters are kept by triggers in the transaction of each dossier change (server/db/migrations/20261126100000-create-report-aggregates.sql); ' +
      'a report sums month rows for whole months, week-part rows (ISO weeks cut at month ends, migration 20261209050000) for whole weeks and day rows for at most 6 days at each end, ' +
      'of the unit itself and of its below rows — the sums of every unit under it, kept per ancestor in the same transaction (migration 20261210200000) — ' +
      'so its cost follows procedures × buckets, not units or dossiers. The open stock (report_open) is still read over the subtree\'s units.',
  );
  return lines;
}

async function main(): Promise<void> {
  const arg = process.argv.find((a) => a.startsWith('--dossiers='));
  const dossiers = Number(arg?.split('=')[1] ?? process.env.BENCH_REPORT_DOSSIERS ?? 1_000_000);
  const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const reuse = process.argv.find((a) => a.startsWith('--db='))?.split('=')[1];
  const dbName = reuse ?? `motcua_bench_reports_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const db = createPool(url.toString(), 4);
  try {
    const m0 = performance.now();
    const applied = await migrate(db);
    // On a kept database, what migrating it cost (e.g. a backfill of new counter rows).
    const migrated = reuse && applied.length > 0 ? `migrations ${applied.join(', ')} applied on start in ${Math.round((performance.now() - m0) / 1000)} s` : '';
    const started = performance.now();
    const lines = await benchReports(db, dossiers, (m) => process.stdout.write(`${m}\n`), Boolean(reuse), migrated);
    const { rows } = await db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    lines.splice(
      2,
      0,
      (reuse
        ? `Command: \`npx tsx bench/reports.ts --dossiers=N --keep\`, then \`npx tsx bench/reports.ts --db=<kept database>\` (${Math.round((performance.now() - started) / 1000)} s for the figures). `
        : `Command: \`npx tsx bench/reports.ts --dossiers=${dossiers}\` (${Math.round((performance.now() - started) / 1000)} s in all). `) +
        `Load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (other agents' work on the same 2 cores). ` +
        `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, shared with other work; ` +
        `PostgreSQL ${rows[0]!.v} at ${url.host} (default settings), Node.js ${process.version}. Run ${new Date().toISOString()}.`,
      '',
    );
    const file = path.resolve('BENCHMARKS.md');
    const text = await fs.readFile(file, 'utf8').catch(() => '# Benchmarks\n');
    const section = `<!-- reports -->\n${lines.join('\n')}\n<!-- /reports -->`;
    const next = /<!-- reports -->[\s\S]*<!-- \/reports -->/.test(text) ? text.replace(/<!-- reports -->[\s\S]*<!-- \/reports -->/, section) : `${text.trimEnd()}\n\n${section}\n`;
    await fs.writeFile(file, next);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await db.end();
    if (!process.argv.includes('--keep') && !reuse) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    else process.stdout.write(`kept database ${dbName}\n`);
    await admin.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
