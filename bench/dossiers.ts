/**
 * Dossier benchmark (issue 12): intake, step transitions and public tracking over HTTP, each beside the baseline the
 * issue names, measured in the same run against the same PostgreSQL:
 * - intake against a bare same-rows server: a separate Node.js process (Fastify + pg, bench/bare-server.js) writing in
 *   ONE statement the rows a real intake writes — the same tables, the same number of rows per table, the same hot
 *   counter keys, as counted by the probe below from pg_stat_user_tables — into bare_* copies of those tables made
 *   without triggers and foreign keys (`LIKE … INCLUDING DEFAULTS INCLUDING INDEXES`, filled with the same rows);
 * - step transitions (forward) against the same server writing what a forward writes;
 * - public tracking against a bare one-row lookup by code.
 * The real server (compiled dist/server/main.js, bench/server-process.ts) and each bare server run in processes of
 * their own, one at a time; the load client in a worker thread of the bench process.
 *
 * `npx tsx bench/dossiers.ts` (a fresh database with the demo data), `npx tsx bench/dossiers.ts --dossiers=1000000
 * --keep` (a million generated dossiers of three other provinces around the demo ones, bench/queues-data.ts), then
 * `npx tsx bench/dossiers.ts --db=<kept database>` to measure again. Writes the section between <!-- dossiers -->
 * markers of BENCHMARKS.md (`--section=NAME` for another pair).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeSection } from './standalone.js';
import { vnDateOf } from '../server/src/modules/working-calendar/vn-time.js';
import { dossierDb } from './dossiers-data.js';
import { load, type Call, type Stat } from './load.js';
import { machineCpuTicks, postgresCpuSeconds, startServer, type ServerProcess } from './server-process.js';

/** The tables an intake or a forward writes, directly or through their triggers (the probe shows which). */
const written = [
  'applicant', 'dossier_code_counter', 'dossier', 'dossier_step', 'dossier_action', 'notification_outbox', 'national_sync_outbox', 'dossier_scope',
  'dossier_queue_count', 'report_counter', 'report_counter_below', 'report_open',
];

type Line = { what: string; real: Stat; realCpuMs: number; realPgMs: number; realStatements: number; realBusy: number; bare: Stat; bareCpuMs: number; barePgMs: number; bareStatements: number; bareBusy: number; realWaits?: Record<string, number>; bareWaits?: Record<string, number> };
type Counts = Record<string, { ins: number; upd: number }>;
type Pool = Awaited<ReturnType<typeof dossierDb>>['pool'];

export async function benchDossiers(o: { dossiers: number; requests: number; rounds?: number; reuse?: string; keep?: boolean; log?: (m: string) => void }): Promise<string[]> {
  const log = o.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  process.env.DEMO_PASSWORD ??= 'bench-password-2026';
  const loadStart = os.loadavg();
  const db = await dossierDb({ dossiers: o.dossiers, reuse: o.reuse, keep: o.keep, log });
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-dbench-'));
  let server: ServerProcess | null = null;
  try {
    await bareTables(db.pool, log);
    const ids = await demoIds(db.pool);
    const total = Number((await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM dossier`)).rows[0]!.n);
    // Behind the province's reverse proxy (TRUST_PROXY, as production runs), citizens look their dossiers up from many
    // addresses: each look-up comes from one of `citizens` addresses (X-Forwarded-For), a few per address, within the
    // default per-address budget (TRACKING_PER_MINUTE 30). From one address the look-ups would all wait on that
    // address's rate-limit row — a burst the limit exists to refuse, not the traffic of a province.
    const citizens = Math.max(100, Math.ceil((o.requests * 2 * (o.rounds ?? 2)) / 20));
    const fromCitizen = (i: number) => ({ 'x-forwarded-for': `10.${(i % citizens) >> 16}.${((i % citizens) >> 8) & 255}.${(i % citizens) & 255}` });
    const env = { TRUST_PROXY: '127.0.0.1', LOGIN_MAX_FAILURES: '100' };
    // Each request as the console sends it (RFC 7240 Prefer: return=minimal): a step transition asks for no answer (204,
    // the console reloads the dossier it shows), an intake for its receipt only (the code and the appointment it shows).
    const asConsole = { prefer: 'return=minimal' };
    const run = Date.now().toString(36);
    const intakeBody = (tag: string) => (i: number) => ({
      idempotencyKey: `bench-${run}-${tag}-${i}`,
      procedureId: ids.procedure,
      receivingUnitId: ids.desk,
      resolvingUnitId: ids.commune,
      applicant: { kind: 'citizen', idNumber: `0870900${String(i).padStart(5, '0')}`, fullName: `Nguyễn Văn ${i}`, phone: '0912345678' },
      documents: [{ name: 'Tờ khai đăng ký khai sinh', kind: 'original', count: 1 }],
      outcome: 'accept',
    });

    // Probe: what an intake, a forward and a tracking look-up write, per request, from pg_stat_user_tables (the server
    // stops between phases, so its connections report their counts). Also the warm-up of the real server.
    const probe = 20;
    const before = await tableCounts(db.pool);
    server = await startServer({ dbUrl: db.url, dataDir: work, env });
    let auth = await signIn(server.base);
    await load('probe intake', server.base, (i) => ({ path: '/api/dossiers', method: 'POST', headers: auth, body: intakeBody('probe')(i) }), probe, 4);
    await server.stop();
    server = null;
    const afterIntake = await tableCounts(db.pool);
    const probed = (await db.pool.query<{ id: string; code: string }>(`SELECT id, code FROM dossier WHERE idempotency_key LIKE $1 ORDER BY code`, [`%bench-${run}-probe-%`])).rows;
    server = await startServer({ dbUrl: db.url, dataDir: work, env });
    auth = await signIn(server.base);
    await load('probe forward', server.base, (i) => ({ path: `/api/dossiers/${probed[i]!.id}/actions`, method: 'POST', headers: auth, body: { action: 'forward' } }), probed.length, 4);
    await server.stop();
    server = null;
    const afterForward = await tableCounts(db.pool);
    const perIntake = perRequest(before, afterIntake, probe);
    const perForward = perRequest(afterIntake, afterForward, probed.length);

    // The bare server's rows, shaped like the probe's: the steps, scope units and counter keys of a probed dossier.
    const one = probed[0]!;
    const steps = (await db.pool.query<{ name: string; role: string; unitId: string }>(`SELECT name, role, unit_id AS "unitId" FROM dossier_step WHERE dossier_id = $1 ORDER BY step_index`, [one.id])).rows;
    const scopeUnits = (await db.pool.query<{ u: string }>(`SELECT unit_id AS u FROM dossier_scope WHERE dossier_id = $1 ORDER BY unit_id`, [one.id])).rows.map((r) => r.u);
    const ancestors = (await db.pool.query<{ unitId: string; unitPath: string }>(`SELECT unit_id AS "unitId", unit_path AS "unitPath" FROM report_ancestors($1)`, [ids.communePath])).rows;
    const bareConfig = {
      desk: { id: ids.desk, path: ids.deskPath },
      resolving: { id: ids.commune, path: ids.communePath },
      procedure: { id: ids.procedure, versionId: ids.version, name: ids.procedureName },
      day: vnDateOf(new Date()),
      codePrefix: `${one.code.slice(0, one.code.lastIndexOf('-'))}-B`,
      stepCount: steps.length,
      steps,
      actorId: ids.officer,
      notifications: Math.round(perIntake.notification_outbox?.ins ?? 0),
      scopeUnits,
      queueCounts: scopeUnits.map((u) => ({ unitId: u, tab: 'unit' })),
      ancestors,
      forward: { notifications: Math.round(perForward.notification_outbox?.ins ?? 0) },
    };

    // Statements each server sends to PostgreSQL (bench/count-queries.js in its process): round trips per request,
    // evidence that does not move with the machine's load.
    const counted = (name: string) => ({ nodeArgs: [`--import=${path.resolve('bench/count-queries.js')}`], file: path.join(work, `${name}.json`) });
    const statementsOf = async (p: ServerProcess, file: string): Promise<number> => {
      process.kill(p.pid, 'SIGUSR2');
      for (let i = 0; i < 50; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const text = await fs.readFile(file, 'utf8').catch(() => '');
        if (text) {
          await fs.rm(file);
          return (JSON.parse(text) as { total: number }).total;
        }
      }
      throw new Error(`no statement count in ${file}`);
    };
    // Warm-up, not measured, the same for the real and the bare server: each kind of request through its code paths
    // (V8 compiles the hot functions, each pool connection prepares its statements). Measured cold, a phase spends
    // its first thousand requests on that: public tracking was 706–785 req/s cold and 1,063–1,092 warm in one run.
    const warm = Math.max(100, Math.round(o.requests / 4));
    const fromWarm = (i: number) => ({ 'x-forwarded-for': `10.250.${(i >> 8) & 255}.${i & 255}` });
    const warmUp = async (p: ServerProcess, tag: string, intakeCall: (i: number) => Call, forwardCall: (id: string) => Call, lookupCall: (code: string, i: number) => Call, table: string) => {
      await load(`warm ${tag} intake`, p.base, intakeCall, warm, 8);
      const rows = (await db.pool.query<{ id: string; code: string }>(`SELECT id, code FROM ${table} WHERE idempotency_key LIKE $1 AND code IS NOT NULL`, [`%bench-${run}-${tag}-%`])).rows;
      await load(`warm ${tag} forward`, p.base, (i) => forwardCall(rows[i]!.id), rows.length, 8);
      await load(`warm ${tag} lookup`, p.base, (i) => lookupCall(rows[i % rows.length]!.code, i), warm * 2, 16);
    };
    const rounds: Line[][] = [];
    for (let r = 1; r <= (o.rounds ?? 2); r++) {
      log(`round ${r}`);
      const realCount = counted(`real-${r}`);
      // BENCH_CPU_PROF=<dir>: a CPU profile of the real server (node --cpu-prof), to see where its time goes.
      const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
      server = await startServer({ dbUrl: db.url, dataDir: work, env: { ...env, COUNT_QUERIES_FILE: realCount.file }, nodeArgs: [...realCount.nodeArgs, ...profile] });
      auth = await signIn(server.base);
      const real = server;
      // CPU seconds of the server and of PostgreSQL, the server's statements, and the machine's busy share, over one phase.
      const cpuOf = async <T>(p: ServerProcess, f: () => Promise<T>): Promise<[T, number, number, number, number]> => {
        const file = p === real ? realCount.file : bareCount.file;
        const q0 = await statementsOf(p, file);
        const [c0, g0, m0] = [await p.cpuSeconds(), await postgresCpuSeconds(), await machineCpuTicks()];
        const v = await f();
        const [c1, g1, m1] = [await p.cpuSeconds(), await postgresCpuSeconds(), await machineCpuTicks()];
        return [v, c1 - c0, (await statementsOf(p, file)) - q0, g1 - g0, (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total)];
      };
      const bareCount = counted(`bare-${r}`);
      await warmUp(
        real, `w${r}`,
        (i) => ({ path: '/api/dossiers', method: 'POST', headers: { ...auth, ...asConsole }, body: intakeBody(`w${r}`)(i) }),
        (id) => ({ path: `/api/dossiers/${id}/actions`, method: 'POST', headers: { ...auth, ...asConsole }, body: { action: 'forward' } }),
        (code, i) => ({ path: `/api/tracking?code=${code}&secret=0912345678`, headers: fromWarm(i) }),
        'dossier',
      );
      const [[intake, intakeCpu, intakeQ, intakePg, intakeBusy], intakeWaits] = await waitsDuring(db.pool, () => cpuOf(real, () => load('intake', real.base, (i) => ({ path: '/api/dossiers', method: 'POST', headers: { ...auth, ...asConsole }, body: intakeBody(`r${r}`)(i) }), o.requests, 8)));
      const made = (await db.pool.query<{ id: string; code: string }>(`SELECT id, code FROM dossier WHERE idempotency_key LIKE $1 ORDER BY code`, [`%bench-${run}-r${r}-%`])).rows;
      const [[forward, forwardCpu, forwardQ, forwardPg, forwardBusy], forwardWaits] = await waitsDuring(db.pool, () => cpuOf(real, () => load('forward', real.base, (i) => ({ path: `/api/dossiers/${made[i]!.id}/actions`, method: 'POST', headers: { ...auth, ...asConsole }, body: { action: 'forward' } }), made.length, 8)));
      const [tracking, trackingCpu, trackingQ, trackingPg, trackingBusy] = await cpuOf(real, () => load('tracking', real.base, (i) => ({ path: `/api/tracking?code=${made[i % made.length]!.code}&secret=0912345678`, headers: fromCitizen(i) }), o.requests * 2, 16));
      await real.stop();
      server = null;

      const bare = await startServer({ dbUrl: db.url, dataDir: work, script: 'bench/bare-server.js', env: { BARE_CONFIG: JSON.stringify(bareConfig), COUNT_QUERIES_FILE: bareCount.file }, nodeArgs: bareCount.nodeArgs });
      server = bare;
      const bareIds: string[] = [];
      await warmUp(
        bare, `wb${r}`,
        (i) => ({ path: '/intake', method: 'POST', body: intakeBody(`wb${r}`)(i) }),
        (id) => ({ path: `/forward/${id}`, method: 'POST', body: {} }),
        (_code, i) => ({ path: `/lookup?code=${made[i % made.length]!.code}`, headers: fromWarm(i) }),
        'bare_dossier',
      );
      const [[bareIntake, bareIntakeCpu, bareIntakeQ, bareIntakePg, bareIntakeBusy], bareIntakeWaits] = await waitsDuring(db.pool, () => cpuOf(bare, () => load('bare intake', bare.base, (i) => ({ path: '/intake', method: 'POST', body: intakeBody(`b${r}`)(i) }), o.requests, 8)));
      bareIds.push(...(await db.pool.query<{ id: string }>(`SELECT id FROM bare_dossier WHERE idempotency_key LIKE $1`, [`%bench-${run}-b${r}-%`])).rows.map((x) => x.id));
      const [[bareForward, bareForwardCpu, bareForwardQ, bareForwardPg, bareForwardBusy], bareForwardWaits] = await waitsDuring(db.pool, () => cpuOf(bare, () => load('bare forward', bare.base, (i) => ({ path: `/forward/${bareIds[i]!}`, method: 'POST', body: {} }), bareIds.length, 8)));
      const [bareLookup, bareLookupCpu, bareLookupQ, bareLookupPg, bareLookupBusy] = await cpuOf(bare, () => load('bare lookup', bare.base, (i) => ({ path: `/lookup?code=${made[i % made.length]!.code}`, headers: fromCitizen(i) }), o.requests * 2, 16));
      await bare.stop();
      server = null;
      const ms = (s: number, n: number) => (s * 1000) / n;
      rounds.push([
        { what: 'intake (POST /api/dossiers, accepted) / bare same-rows intake', real: intake, realCpuMs: ms(intakeCpu, intake.requests), realPgMs: ms(intakePg, intake.requests), realStatements: intakeQ / intake.requests, realBusy: intakeBusy, bare: bareIntake, bareCpuMs: ms(bareIntakeCpu, bareIntake.requests), barePgMs: ms(bareIntakePg, bareIntake.requests), bareStatements: bareIntakeQ / bareIntake.requests, bareBusy: bareIntakeBusy, realWaits: intakeWaits, bareWaits: bareIntakeWaits },
        { what: 'step transition (forward) / bare same-rows forward', real: forward, realCpuMs: ms(forwardCpu, forward.requests), realPgMs: ms(forwardPg, forward.requests), realStatements: forwardQ / forward.requests, realBusy: forwardBusy, bare: bareForward, bareCpuMs: ms(bareForwardCpu, bareForward.requests), barePgMs: ms(bareForwardPg, bareForward.requests), bareStatements: bareForwardQ / bareForward.requests, bareBusy: bareForwardBusy, realWaits: forwardWaits, bareWaits: bareForwardWaits },
        { what: 'public tracking (GET /api/tracking) / bare one-row lookup', real: tracking, realCpuMs: ms(trackingCpu, tracking.requests), realPgMs: ms(trackingPg, tracking.requests), realStatements: trackingQ / tracking.requests, realBusy: trackingBusy, bare: bareLookup, bareCpuMs: ms(bareLookupCpu, bareLookup.requests), barePgMs: ms(bareLookupPg, bareLookup.requests), bareStatements: bareLookupQ / bareLookup.requests, bareBusy: bareLookupBusy },
      ]);
      for (const l of rounds.at(-1)!) log(`  ${l.what}: ${l.real.rps.toFixed(0)} / ${l.bare.rps.toFixed(0)} req/s = ${(l.real.rps / l.bare.rps).toFixed(2)}`);
    }
    const loadEnd = os.loadavg();

    const rowsOf = (c: Counts) =>
      Object.entries(c)
        .map(([t, v]) => `${t} ${[v.ins ? `+${fmt(v.ins)}` : '', v.upd ? `~${fmt(v.upd)}` : ''].filter(Boolean).join(' ')}`)
        .join(', ');
    const sum = (c: Counts) => Object.values(c).reduce((s, v) => s + v.ins + v.upd, 0);
    const la = (x: number[]) => x.map((v) => v.toFixed(1)).join(' / ');
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    return [
      `### At ${total.toLocaleString('en')} dossiers${db.generated ? ` (${db.generated.toLocaleString('en')} generated in three other provinces around the demo data)` : ' (fresh database: the demo data only)'}`,
      '',
      `Command: \`npx tsx bench/dossiers.ts${db.generated ? ` --db=<database kept by --dossiers=${db.generated} --keep>` : ''}\`. Run ${new Date().toISOString()}; machine ${os.cpus().length} × ${cpu}, ` +
        `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}; load average (1 / 5 / 15 min) at start ${la(loadStart)}, at end ${la(loadEnd)} — the machine is shared with other sessions, so absolute figures move from run to run; each figure is taken in ${rounds.length} rounds and every round is shown.`,
      '',
      `What one request writes (probe of ${probe} requests, pg_stat_user_tables; + inserted, ~ updated rows per request):`,
      `- intake: ${fmt(sum(perIntake))} rows — ${rowsOf(perIntake)};`,
      `- forward: ${fmt(sum(perForward))} rows — ${rowsOf(perForward)}.`,
      '',
      `Each server is first warmed up, not measured, with ${warm} intakes, their forwards and ${2 * warm} look-ups (its code compiled, its connections' statements prepared). Then ${o.requests} intakes at one desk with 8 in flight, then a forward of each (8 in flight), both with \`Prefer: return=minimal\` as the console sends them (the intake answers the desk's receipt, the forward 204: no dossier view built), then ${o.requests * 2} tracking look-ups (16 in flight) from ${citizens} citizen addresses through a trusted proxy (X-Forwarded-For, TRUST_PROXY=127.0.0.1; the default budget of 30 look-ups a minute per address). ` +
        `Real server: compiled dist/server/main.js in its own process (pool of 10); bare servers: bench/bare-server.js in its own process (Fastify + pg, pool of 10), one statement per request into bare_* tables without triggers and foreign keys. Server CPU = user + system time of the server process over the run, per request; PostgreSQL CPU = the same for every PostgreSQL process of the machine (the database is local; nothing else should run); statements = what the server process sent to PostgreSQL per request (round trips, counted in the process by bench/count-queries.js); machine busy = the share of every core's time spent working over the phase (/proc/stat: the server, PostgreSQL and this load client together) — near 100 % the phase is bound by CPU, whatever its backends wait for.`,
      '',
      '| round | what | real req/s | real p50 ms | real p99 ms | real CPU ms/req | real PostgreSQL CPU ms/req | real statements/req | real machine busy | bare req/s | bare p50 ms | bare p99 ms | bare CPU ms/req | bare PostgreSQL CPU ms/req | bare statements/req | bare machine busy | real / bare (req/s) |',
      '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rounds.flatMap((ls, i) =>
        ls.map(
          (l) =>
            `| ${i + 1} | ${l.what} | ${l.real.rps.toFixed(0)} | ${l.real.p50.toFixed(1)} | ${l.real.p99.toFixed(1)} | ${l.realCpuMs.toFixed(2)} | ${l.realPgMs.toFixed(2)} | ${l.realStatements.toFixed(1)} | ${pct(l.realBusy)} | ${l.bare.rps.toFixed(0)} | ${l.bare.p50.toFixed(1)} | ${l.bare.p99.toFixed(1)} | ${l.bareCpuMs.toFixed(2)} | ${l.barePgMs.toFixed(2)} | ${l.bareStatements.toFixed(1)} | ${pct(l.bareBusy)} | **${(l.real.rps / l.bare.rps).toFixed(2)}** |`,
        ),
      ),
      '',
      'Where the PostgreSQL backends were during each phase (pg_stat_activity sampled every 20 ms; shares of the samples of active backends — CPU: working, Lock:transactionid / Lock:tuple: waiting for another request\'s row lock, LWLock:LockManager: for the shared lock table, IO:WALSync: for a commit\'s flush):',
      ...rounds.flatMap((ls, i) => ls.filter((l) => l.realWaits && l.bareWaits).map((l) => `- round ${i + 1}, ${l.what.split(' (')[0]}: real — ${waitShares(l.realWaits!)}; bare — ${waitShares(l.bareWaits!)}.`)),
      '',
    ];
  } finally {
    await server?.stop();
    await db.drop();
    await fs.rm(work, { recursive: true, force: true });
  }
}

/**
 * Where the phase's PostgreSQL backends were, sampled every 20 ms from pg_stat_activity: on CPU (no wait event), waiting
 * for another transaction's row lock (Lock:transactionid / Lock:tuple), for the lock manager, for the WAL flush of a
 * commit… A phase bound by a hot row shows its backends waiting on each other rather than working.
 */
async function waitsDuring<T>(db: Pool, f: () => Promise<T>): Promise<[T, Record<string, number>]> {
  const counts: Record<string, number> = {};
  let running = true;
  const sampler = (async () => {
    while (running) {
      const { rows } = await db.query<{ w: string }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w FROM pg_stat_activity
          WHERE datname = current_database() AND backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()`,
      );
      for (const { w } of rows) counts[w] = (counts[w] ?? 0) + 1;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    return [await f(), counts];
  } finally {
    running = false;
    await sampler;
  }
}

/** "57 % Lock:transactionid, 23 % CPU, …" (shares of the samples, the largest first; under 2 % left out). */
function waitShares(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) return 'no active backend sampled';
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .filter(([, n]) => n / total >= 0.02)
    .map(([w, n]) => `${Math.round((100 * n) / total)} % ${w}`)
    .join(', ');
}

const pct = (x: number) => `${Math.round(100 * x)} %`;
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

async function signIn(base: string): Promise<Record<string, string>> {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'motcua.anbinh', password: process.env.DEMO_PASSWORD }) });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const me = (await login.json()) as { csrfToken: string };
  return { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': me.csrfToken };
}

async function demoIds(db: Pool) {
  const units = (await db.query<{ code: string; id: string; path: string }>(`SELECT code, id, path FROM unit WHERE code IN ('000.01.71.H20', '000.00.71.H20')`)).rows;
  const desk = units.find((u) => u.code === '000.01.71.H20')!;
  const commune = units.find((u) => u.code === '000.00.71.H20')!;
  const p = (
    await db.query<{ id: string; version: string; name: string }>(
      `SELECT p.id, p.current_version_id AS version, p.name FROM procedure p JOIN unit u ON u.id = p.owner_unit_id WHERE u.code = '000.00.00.H20' AND p.code = '1.001193'`,
    )
  ).rows[0]!;
  const officer = (await db.query<{ id: string }>(`SELECT id FROM staff_user WHERE username = 'motcua.anbinh'`)).rows[0]!.id;
  return { desk: desk.id, deskPath: desk.path, commune: commune.id, communePath: commune.path, procedure: p.id, version: p.version, procedureName: p.name, officer };
}

/**
 * The bare copies of the written tables: the same columns, defaults and indexes (the upserts need their keys), no
 * triggers, no foreign keys, filled with the same rows once (so at a million dossiers the bare tables are as large).
 */
async function bareTables(db: Pool, log: (m: string) => void): Promise<void> {
  for (const t of written) {
    const exists = (await db.query(`SELECT 1 FROM pg_class WHERE relname = $1`, [`bare_${t}`])).rowCount;
    if (exists) {
      await restartIdentity(db, `bare_${t}`);
      continue;
    }
    log(`bare_${t}…`);
    await db.query(`CREATE TABLE bare_${t} (LIKE ${t} INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED)`);
    await db.query(`INSERT INTO bare_${t} OVERRIDING SYSTEM VALUE SELECT * FROM ${t}`);
    // Indexes after the copy (faster); LIKE … INCLUDING INDEXES would name them after the table the same way.
    const idx = (await db.query<{ def: string }>(`SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i WHERE i.indrelid = $1::regclass`, [t])).rows;
    for (const [n, { def }] of idx.entries()) {
      await db.query(def.replace(/^CREATE (UNIQUE )?INDEX \S+ ON (ONLY )?public\.\S+/, (_m, u: string | undefined) => `CREATE ${u ?? ''}INDEX bare_${t}_${n} ON public.bare_${t}`));
    }
    await restartIdentity(db, `bare_${t}`);
    await db.query(`ANALYZE bare_${t}`);
  }
}

/** Identity columns continue after the copied rows. */
async function restartIdentity(db: Pool, table: string): Promise<void> {
  const cols = (await db.query<{ c: string }>(`SELECT attname AS c FROM pg_attribute WHERE attrelid = $1::regclass AND attidentity <> ''`, [table])).rows;
  for (const { c } of cols) await db.query(`SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${c}) FROM ${table}), 0) + 1, false)`, [table, c]);
}

async function tableCounts(db: Pool): Promise<Counts> {
  // A new snapshot of the cumulative statistics each time (they are cached per transaction otherwise).
  await new Promise((r) => setTimeout(r, 500));
  const { rows } = await db.query<{ t: string; ins: string; upd: string }>(
    `SELECT coalesce(pp.relname, c.relname) AS t, sum(s.n_tup_ins) AS ins, sum(s.n_tup_upd) AS upd
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
       LEFT JOIN pg_inherits h ON h.inhrelid = c.oid LEFT JOIN pg_class pp ON pp.oid = h.inhparent
      WHERE c.relname NOT LIKE 'bare\\_%' GROUP BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.t, { ins: Number(r.ins), upd: Number(r.upd) }]));
}

function perRequest(a: Counts, b: Counts, n: number): Counts {
  const out: Counts = {};
  for (const [t, v] of Object.entries(b)) {
    const ins = (v.ins - (a[t]?.ins ?? 0)) / n;
    const upd = (v.upd - (a[t]?.upd ?? 0)) / n;
    // The desk's first intake of the day inserts its counter rows, the next ones update them: one row either way.
    // Below half a row per request: the sign-in of the probe (session, audit), not the request.
    if (ins + upd >= 0.5) out[t] = ins + upd <= 1.0001 && ins > 0 && upd > 0 ? { ins: 0, upd: 1 } : { ins, upd };
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const dossiers = Number(arg('dossiers') ?? 0);
  const requests = Number(arg('requests') ?? process.env.BENCH_DOSSIERS ?? 1000);
  const section = arg('section') ?? (arg('db') || dossiers ? 'dossiers-1m' : 'dossiers-fresh');
  if (!/^[a-z0-9-]+$/.test(section)) throw new Error(`bad section ${section}`);
  const lines = await benchDossiers({ dossiers, requests, reuse: arg('db'), keep: process.argv.includes('--keep'), rounds: Number(arg('rounds') ?? 2) });
  await writeSection(section, [...lines, '']);
  process.stdout.write(lines.join('\n'));
}
