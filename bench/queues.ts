/**
 * Work-queue benchmark (issue 12): a generated database of several provinces (bench/queues-data.ts), the server in its
 * own process on 127.0.0.1, 16 officers of different units (communes busy and quiet, departments, a provincial desk,
 * a province leader) each asking at once for every queue tab and every kind of search; beside each figure, the same
 * SQL statements (the page and the counts, values inlined) run bare through pgbench with 16 clients in the same run.
 *
 * `npx tsx bench/queues.ts --dossiers=1000000` (default from BENCH_QUEUE_DOSSIERS, else 100,000). The database is
 * dropped at the end, unless `--keep`; `--db=NAME` measures again on a database kept earlier (the generator's time apart:
 * a million dossiers take about half an hour to generate, the measurement a few minutes, so the figures can be taken
 * when the machine is quiet).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchDatabase, writeSection } from './standalone.js';
import { createPool } from '../server/src/platform/database.js';
import { migrate } from '../server/src/platform/migrations.js';
import { hashPassword } from '../server/src/modules/identity/password.js';
import { countQuery, queueQuery, type Queue, type QueueFilter } from '../server/src/modules/dossiers/dossier-queue.repo.js';
import { classifySearch } from '../server/src/modules/dossiers/dossier-search.rules.js';
import { generateQueueData } from './queues-data.js';
import { load, type Pace, type Stat } from './load.js';
import { startServer, type ServerProcess } from './server-process.js';

const PASSWORD = 'Bench-queues-2026';
type Officer = { username: string; userId: string; unitId: string; unitName: string; role: 'desk_officer' | 'specialist' | 'leader'; cookie?: string; terms?: Terms };
type Terms = { name: string; idNumber: string; phone: string; code: string };
type Scenario = { name: string; queue: Queue; q?: (t: Terms) => string };

const scenarios: Scenario[] = [
  { name: 'tab unit (default)', queue: 'unit' },
  { name: 'tab mine', queue: 'mine' },
  { name: 'tab online', queue: 'online' },
  { name: 'tab due_soon', queue: 'due_soon' },
  { name: 'tab overdue', queue: 'overdue' },
  { name: 'tab needs_apology', queue: 'needs_apology' },
  { name: 'tab supplement', queue: 'supplement' },
  { name: 'tab result_ready', queue: 'result_ready' },
  { name: 'tab all', queue: 'all' },
  { name: 'search: name without accents', queue: 'all', q: (t) => t.name },
  { name: 'search: CCCD', queue: 'all', q: (t) => t.idNumber },
  { name: 'search: phone', queue: 'all', q: (t) => t.phone },
  { name: 'search: code prefix', queue: 'all', q: (t) => t.code },
];

export type QueueBenchResult = { lines: string[] };

/** What the generator made, kept as the database's comment so a later run on the same database can describe it. */
type GeneratedMeta = { dossiers: number; provinces: string[]; loadSeconds: number; scopeSeconds: number; scopeRows: number; years?: number };

export async function benchQueues(o: { dossiers: number; requests: number; keep?: boolean; reuse?: string; years?: number; pace?: number; section?: string; log?: (m: string) => void }): Promise<string[]> {
  const log = o.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const dbName = o.reuse ?? `motcua_qbench_${Date.now()}`;
  if (!/^[a-z0-9_]+$/.test(dbName)) throw new Error(`bad database name ${dbName}`);
  const { admin, url: dbUrl } = await benchDatabase(dbName, !o.reuse);
  const db = createPool(dbUrl, 4);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-qbench-'));
  let server: ServerProcess | null = null;
  try {
    await migrate(db);
    const now = new Date();
    let gen: GeneratedMeta;
    if (o.reuse) {
      const comment = (await db.query<{ c: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = current_database()`)).rows[0]?.c;
      if (!comment) throw new Error(`${dbName} was not made by this benchmark (no description)`);
      gen = JSON.parse(comment) as GeneratedMeta;
      log(`reusing ${dbName}: ${gen.dossiers.toLocaleString('en')} dossiers`);
    } else {
      log(`generating ${o.dossiers.toLocaleString('en')} dossiers…`);
      const g = await generateQueueData(db, { dossiers: o.dossiers, provinces: 3, communes: 100, now, ...(o.years ? { years: o.years } : {}) }, log);
      gen = { dossiers: g.dossiers, provinces: g.provinces.map((p) => p.id), loadSeconds: g.loadSeconds, scopeSeconds: g.scopeSeconds, scopeRows: g.scopeRows, ...(o.years ? { years: o.years } : {}) };
      await db.query(`COMMENT ON DATABASE ${dbName} IS ${literal(JSON.stringify(gen))}`);
    }
    const run = Date.now().toString(36);
    const size = (await db.query<{ s: string }>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`)).rows[0]!.s;

    // Sixteen officers across the provinces: communes from the busiest to quiet ones, departments, the centre desk, a leader.
    const picks: { sql: string; role: Officer['role'] }[] = [];
    for (const [p, prov] of gen.provinces.entries()) {
      for (const i of p === 0 ? [0, 1, 4, 30, 90] : [0, 10, 60]) picks.push({ sql: `SELECT id, name FROM unit WHERE parent_id = '${prov}' AND kind = 'commune' ORDER BY code OFFSET ${i} LIMIT 1`, role: 'specialist' });
      if (p < 2) picks.push({ sql: `SELECT id, name FROM unit WHERE parent_id = '${prov}' AND kind = 'department' ORDER BY code LIMIT 1`, role: 'specialist' });
    }
    picks.push({ sql: `SELECT id, name FROM unit WHERE parent_id = '${gen.provinces[0]!}' AND kind = 'desk'`, role: 'desk_officer' });
    picks.push({ sql: `SELECT id, name FROM unit WHERE parent_id = '${gen.provinces[1]!}' AND kind = 'desk'`, role: 'desk_officer' });
    picks.push({ sql: `SELECT id, name FROM unit WHERE id = '${gen.provinces[2]!}'`, role: 'leader' });
    const hash = await hashPassword(PASSWORD);
    const officers: Officer[] = [];
    for (const [i, pick] of picks.slice(0, 16).entries()) {
      const u = (await db.query<{ id: string; name: string }>(pick.sql)).rows[0]!;
      const username = `bench.q${run}.${i}`;
      const { rows } = await db.query<{ id: string }>(`INSERT INTO staff_user (username, full_name, password_hash, home_unit_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, [username, `Cán bộ thử ${i}`, hash, u.id, now]);
      await db.query(`INSERT INTO role_assignment (user_id, role, unit_id) VALUES ($1, $2, $3)`, [rows[0]!.id, pick.role, u.id]);
      // "Mine": some open dossiers of the unit assigned to the officer.
      await db.query(`UPDATE dossier SET assignee_id = $1 WHERE id IN (SELECT dossier_id FROM dossier_scope WHERE unit_id = $2 AND status = 'processing' LIMIT 60)`, [rows[0]!.id, u.id]);
      // Search terms from a dossier of the unit: the name as typed without accents, the CCCD, the phone, a code prefix.
      const t = (
        await db.query<Terms>(
          `SELECT vn_fold(d.applicant->>'fullName') AS name, d.applicant->>'idNumber' AS "idNumber", d.applicant->>'phone' AS phone, left(d.code, length(d.code) - 4) AS code
             FROM dossier_scope s JOIN dossier d ON d.id = s.dossier_id WHERE s.unit_id = $1 AND d.code IS NOT NULL ORDER BY s.submitted_at DESC LIMIT 1 OFFSET 7`,
          [u.id],
        )
      ).rows[0]!;
      officers.push({ username, userId: rows[0]!.id, unitId: u.id, unitName: u.name, role: pick.role, terms: t });
    }
    await db.query('VACUUM ANALYZE dossier');
    await db.query('VACUUM ANALYZE dossier_scope');

    // The server in its own process, as in production: one Node.js process, its own pool (bench/server-process.ts).
    server = await startServer({ dbUrl, dataDir: work });
    const { base, compiled } = server;
    for (const off of officers) {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: off.username, password: PASSWORD }) });
      if (!res.ok) throw new Error(`login ${off.username}: ${res.status}`);
      off.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    }

    const rows: { s: Scenario; http: Stat; bare: Stat; pacedHttp: Stat | null; pacedBare: Stat | null }[] = [];
    // The working pace: officers read a page, then act on it; `pace` requests a second in all, at random (Poisson) times.
    const pace: Pace | null = o.pace ? { ratePerSecond: o.pace } : null;
    const pacedRequests = Math.min(o.requests, Math.round((o.pace ?? 0) * 10));
    for (const s of scenarios) {
      const pathOf = (off: Officer) => `/api/dossiers?queue=${s.queue}${s.q ? `&q=${encodeURIComponent(s.q(off.terms!))}` : ''}`;
      // Warm-up round (one request per officer), then the measured run.
      await load(`${s.name} warm-up`, base, (i) => ({ path: pathOf(officers[i % officers.length]!), headers: { cookie: officers[i % officers.length]!.cookie! } }), officers.length, 16);
      const http = await load(s.name, base, (i) => ({ path: pathOf(officers[i % officers.length]!), headers: { cookie: officers[i % officers.length]!.cookie! } }), o.requests, 16);
      const bare = pgbenchRun(dbUrl, work, s, officers, now, o.requests);
      const pacedHttp = pace ? await load(`${s.name} paced`, base, (i) => ({ path: pathOf(officers[i % officers.length]!), headers: { cookie: officers[i % officers.length]!.cookie! } }), pacedRequests, 16, pace) : null;
      const pacedBare = pace ? pgbenchRun(dbUrl, work, s, officers, now, pacedRequests, pace.ratePerSecond) : null;
      rows.push({ s, http, bare, pacedHttp, pacedBare });
      log(`  ${s.name}: HTTP p50 ${http.p50.toFixed(1)} p99 ${http.p99.toFixed(1)} · bare p50 ${bare.p50.toFixed(1)} p99 ${bare.p99.toFixed(1)}${pacedHttp && pacedBare ? ` · paced HTTP p50 ${pacedHttp.p50.toFixed(1)} p99 ${pacedHttp.p99.toFixed(1)} bare p50 ${pacedBare.p50.toFixed(1)} p99 ${pacedBare.p99.toFixed(1)}` : ''}`);
    }
    const peakRss = server.peakRss();

    // EXPLAIN of each hot statement for the busiest commune's officer.
    const off = officers[0]!;
    const explains: string[] = [];
    for (const s of scenarios) {
      const { text, values } = queueQuery(filterFor(s, off, now));
      const plan = (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${text}`, values)).rows.map((r) => r['QUERY PLAN']);
      explains.push(`#### ${s.name}`, '', '```', ...plan, '```', '');
    }
    const c = countQuery(filterFor(scenarios[0]!, off, now));
    const countPlan = (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${c.text}`, c.values)).rows.map((r) => r['QUERY PLAN']);
    explains.push('#### tab counts (every list and search)', '', '```', ...countPlan, '```', '');

    const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
    // The section of BENCHMARKS.md the figures go to, when not the default one (each database size has its own).
    const sectionArg = o.section && o.section !== 'queues' ? ` --section=${o.section}` : '';
    return [
      `## Work queues and search at ${gen.dossiers.toLocaleString('en')} dossiers${gen.years ? ` received evenly over ${gen.years} year${gen.years > 1 ? 's' : ''} (closed after 30 days)` : ''}`,
      '',
      `Command: \`npx tsx bench/queues.ts --dossiers=${gen.dossiers}${gen.years ? ` --years=${gen.years}` : ''}${sectionArg} --keep\`, then \`npx tsx bench/queues.ts --db=<kept database>${sectionArg}\` for the figures (also run by \`npm run bench\` with BENCH_QUEUE_DOSSIERS). ${gen.provinces.length} provinces × (100 communes with desk and office, 15 departments with 2 offices, a centre desk), 80 procedures each; ` +
        `database ${size}; generator ${gen.loadSeconds.toFixed(0)} s for the dossiers and their steps, ${gen.scopeSeconds.toFixed(0)} s for ${gen.scopeRows.toLocaleString('en')} scope rows and the counters (apart from the figures).`,
      `16 officers (${officers.map((x) => `${x.role} @ ${x.unitName}`).join(', ')}), 16 requests in flight, ${o.requests} requests per line after a warm-up; server in its own Node.js process (${compiled ? 'compiled dist/server/main.js' : 'TypeScript through tsx'}), load client in a worker thread of the bench process; bare = the same page and count statements with the values inlined, pgbench -c 16 -j 2, same PostgreSQL, same run. Load average of the shared machine at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}.`,
      '',
      '| what | HTTP req/s | HTTP p50 ms | HTTP p99 ms | bare tps | bare p50 ms | bare p99 ms | p50 HTTP / bare | p99 HTTP / bare |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map(({ s, http, bare }) => `| ${s.name} | ${http.rps.toFixed(0)} | ${http.p50.toFixed(1)} | ${http.p99.toFixed(1)} | ${bare.rps.toFixed(0)} | ${bare.p50.toFixed(1)} | ${bare.p99.toFixed(1)} | ${ratio(http.p50, bare.p50)} | ${ratio(http.p99, bare.p99)} |`),
      '',
      ...(pace
        ? [
            `At a working pace: the same 16 officers and lines, ${pace.ratePerSecond} requests a second in all (about ${(pace.ratePerSecond / 16).toFixed(1)} a second each) at random (Poisson) times, ${pacedRequests} requests per line, at most 16 in flight; each latency counted from the request's scheduled start, so waiting for a free slot counts. Bare: pgbench with the same statements at the same rate (\`-R ${pace.ratePerSecond}\`, latency from the scheduled start as well).`,
            '',
            '| what | HTTP p50 ms | HTTP p99 ms | bare p50 ms | bare p99 ms | p50 HTTP / bare | p99 HTTP / bare |',
            '|---|---:|---:|---:|---:|---:|---:|',
            ...rows.map(({ s, pacedHttp: h, pacedBare: b }) => (h && b ? `| ${s.name} | ${h.p50.toFixed(1)} | ${h.p99.toFixed(1)} | ${b.p50.toFixed(1)} | ${b.p99.toFixed(1)} | ${ratio(h.p50, b.p50)} | ${ratio(h.p99, b.p99)} |` : '')),
            '',
          ]
        : []),
      `Server RSS: peak ${Math.round(peakRss / 2 ** 20)} MiB through the runs (aim < 300 MB).`,
      '',
      `<details><summary>EXPLAIN ANALYZE of each statement (officer of the busiest commune, ${off.unitName})</summary>`,
      '',
      ...explains,
      '</details>',
      '',
    ];
  } finally {
    await server?.stop();
    await db.end();
    if (o.keep || o.reuse) log(`kept database ${dbName}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    await fs.rm(work, { recursive: true, force: true });
  }
}

function filterFor(s: Scenario, off: Officer, now: Date): QueueFilter {
  // The server's soon/apology instants come from the working calendar; a day and two days ahead are the same ranges in kind.
  return {
    queue: s.queue,
    actorId: off.userId,
    unitIds: [off.unitId],
    now,
    soonUntil: new Date(now.getTime() + 86_400_000),
    apologyBefore: new Date(now.getTime() + 2 * 86_400_000),
    search: s.q ? classifySearch(s.q(off.terms!)) : null,
    limit: 30,
  };
}

/** A SQL literal for a parameter value (uuid arrays, dates, numbers, text). */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (v instanceof Date) return `'${v.toISOString()}'`;
  if (Array.isArray(v)) return `'{${v.join(',')}}'`;
  if (typeof v === 'number') return String(v);
  return `'${String(v).replace(/'/g, "''")}'`;
}
const inline = (q: { text: string; values: unknown[] }) => q.text.replace(/\$(\d+)/g, (_, n: string) => literal(q.values[Number(n) - 1]));

/** The page and the counts of a scenario for each officer, bare through pgbench; latencies from its per-transaction log. */
function pgbenchRun(dbUrl: string, work: string, s: Scenario, officers: Officer[], now: Date, requests: number, ratePerSecond?: number): Stat {
  const dir = path.join(work, `pgb-${s.queue}-${s.q ? 'q' : 'tab'}-${Date.now()}`);
  execFileSync('mkdir', ['-p', dir]);
  const files = officers.map((off, i) => {
    const f = filterFor(s, off, now);
    const file = path.join(dir, `o${i}.sql`);
    const sql = `${inline(queueQuery(f)).replace(/\s+/g, ' ')};\n${inline(countQuery(f)).replace(/\s+/g, ' ')};\n`;
    execFileSync('sh', ['-c', `cat > '${file}'`], { input: sql });
    return file;
  });
  const perClient = Math.max(1, Math.ceil(requests / 16));
  // With -R the log's time is counted from each transaction's scheduled start (its lag included), as the HTTP client does.
  const rate = ratePerSecond ? ['-R', String(ratePerSecond)] : [];
  const out = execFileSync('pgbench', ['-n', '-c', '16', '-j', '2', '-t', String(perClient), ...rate, '-l', '--log-prefix', path.join(dir, 'log'), ...files.flatMap((f) => ['-f', f]), dbUrl], {
    encoding: 'utf8',
    env: { ...process.env, PGUSER: 'postgres' },
    cwd: dir,
  });
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? NaN);
  const lat: number[] = [];
  for (const name of execFileSync('ls', [dir], { encoding: 'utf8' }).split('\n').filter((n) => n.startsWith('log'))) {
    for (const line of execFileSync('cat', [path.join(dir, name)], { encoding: 'utf8' }).split('\n')) {
      const us = Number(line.split(' ')[2]);
      if (Number.isFinite(us) && line) lat.push(us / 1000);
    }
  }
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN;
  return { name: `bare ${s.name}`, requests: lat.length, rps: tps, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: lat[lat.length - 1] ?? NaN };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv.find((a) => a.startsWith('--dossiers='));
  const dossiers = Number(arg?.split('=')[1] ?? process.env.BENCH_QUEUE_DOSSIERS ?? 100_000);
  const requests = Number(process.env.BENCH_QUEUE_REQUESTS ?? 800);
  const reuse = process.argv.find((a) => a.startsWith('--db='))?.split('=')[1];
  const years = Number(process.argv.find((a) => a.startsWith('--years='))?.split('=')[1] ?? 0) || undefined;
  // `--section=NAME` writes the figures between <!-- NAME --> markers (e.g. one section per history length).
  const section = process.argv.find((a) => a.startsWith('--section='))?.split('=')[1] ?? 'queues';
  if (!/^[a-z0-9-]+$/.test(section)) throw new Error(`bad section ${section}`);
  // `--pace=N`: also each line at N requests a second in all (open loop), HTTP and bare (default 32: 16 officers × 2/s; 0: off).
  const pace = Number(process.argv.find((a) => a.startsWith('--pace='))?.split('=')[1] ?? 32);
  const lines = await benchQueues({ dossiers, requests, keep: process.argv.includes('--keep'), reuse, pace, section, ...(years ? { years } : {}) });
  await writeSection(section, [...lines, '']);
  process.stdout.write(lines.join('\n'));
}
