import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResultRow } from 'pg';
import { createPool, type Db } from '../server/src/platform/database.js';
import { retryOnConnectionLoss } from '../server/src/platform/database-hosts.js';
import { checkLedger } from '../server/src/modules/dossiers/use-cases/check-ledger.js';
import { readClusterEnv } from '../server/test/cluster-env.js';

/**
 * The database cell of DESIGN.md §7 for real: scripts/cluster/start.sh starts etcd, three PostgreSQL 15 nodes under
 * Patroni (synchronous replication) and two app instances behind haproxy on loopback ports. Desk officers receive and
 * forward dossiers concurrently through haproxy while the primary's postmaster is killed with -9, then a replica's, then
 * the network to the new primary is cut; afterwards every acknowledged dossier exists once, codes are unique and
 * gap-free per desk and day, the dossier rows equal the fold of their action logs, the report counters equal a recount,
 * and the schedules ran once per tick. The failover figures (death → first successful write, failed requests) are
 * printed for BENCHMARKS.md.
 *
 * The network cut is emulated by freezing the node with SIGSTOP — its Patroni and every PostgreSQL process of it —
 * rather than by an iptables rule (no iptables in this environment): from everyone else's side the node goes silent
 * without closing a connection, which is what a cut cable or a partition looks like, except that the frozen machine's
 * kernel still acknowledges TCP (so only the apps' query timeout, not a keepalive, can free their connections).
 * The apps run with DATABASE_QUERY_TIMEOUT_MS=5000 here (QUERY_TIMEOUT_MS).
 */
const PG_BIN = '/usr/lib/postgresql/15/bin';
const needed = ['/usr/bin/patroni', '/usr/bin/etcd', '/usr/sbin/haproxy', `${PG_BIN}/postgres`];
const missing = needed.filter((p) => !existsSync(p));
if (missing.length) {
  console.warn(`[cluster-failover] BỎ QUA / SKIPPED: thiếu ${missing.join(', ')} — apt-get install patroni etcd-server haproxy pgbouncer postgresql-15 (.ci/run does it).`);
}

const PASSWORD = 'Chuyen-doi-du-phong-2026';
const root = path.resolve(import.meta.dirname, '..');
const clusterDir = path.join(os.tmpdir(), `motcua-failover-${process.pid}`);
/** The apps' DATABASE_QUERY_TIMEOUT_MS here: what frees their connections to a node gone silent (the network cut). */
const QUERY_TIMEOUT_MS = 5_000;
/** HostLocator's probe timeout (server/src/platform/database-hosts.ts): how long a search waits for a silent node. */
const PROBE_TIMEOUT_MS = 2_000;
/** Patroni's request to each other member before it takes the leader key (ha.py fetch_node_status: 2 s, no retry). */
const PATRONI_MEMBER_CHECK_MS = 2_000;
/**
 * A margin for two shared cores busy with other suites: the promotion itself (a checkpoint, the new timeline) and the
 * apps' first requests on the new primary are slow then (BENCHMARKS.md "Failover and read replicas", load 14–16).
 */
const LOADED_MACHINE_MS = 10_000;
let env: Record<string, string> = {};
let db: Db;
let base = '';
const startedAt = new Date();

function run(cmd: string, extraEnv: Record<string, string>, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, { env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'], cwd: root });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} exited ${code}:\n${out.slice(-3000)}`));
    });
  });
}

/**
 * The first of `count` consecutive loopback ports that are all free now, below Linux's ephemeral range (32768–60999 by
 * default): a port in that range can be taken at any moment as the local end of an outgoing connection (the apps' own
 * to the nodes, the browsers of the suite), and then a node of the cell cannot listen on it.
 */
async function freePortBlock(count: number): Promise<number> {
  const bindable = (port: number) =>
    new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
  for (let i = 0; i < 200; i++) {
    const first = 20_000 + ((process.pid + i) % 200) * count;
    let ok = true;
    for (let p = first; p < first + count && ok; p++) ok = await bindable(p);
    if (ok) return first;
  }
  throw new Error(`no ${count} free ports between 20000 and 32767`);
}

/** HH:MM in Vietnam time `minutes` from now: when the daily report is scheduled for this run. */
function vnClockIn(minutes: number): string {
  const t = new Date(Date.now() + minutes * 60_000 + 7 * 3600_000);
  return `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
}
const dailyAt = vnClockIn(4);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Member = { name: string; role: string; state: string };
async function clusterMembers(): Promise<Member[]> {
  for (const port of env.REST_PORTS!.split(',')) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/cluster`, { signal: AbortSignal.timeout(2000) });
      return ((await res.json()) as { members: Member[] }).members;
    } catch {
      // a dead or frozen node: ask another
    }
  }
  return [];
}

/** The node Patroni names leader now (asked of every node in turn: one may be dead or frozen). */
async function leader(): Promise<string> {
  const l = (await clusterMembers()).find((m) => m.role === 'leader');
  if (!l) throw new Error('no leader');
  return l.name;
}

/** A running standby, the synchronous one when there is one. */
async function standby(role: 'sync_standby' | 'replica'): Promise<string> {
  const members = (await clusterMembers()).filter((m) => ['running', 'streaming'].includes(m.state));
  const m = members.find((x) => x.role === role) ?? members.find((x) => x.role !== 'leader');
  if (!m) throw new Error(`no ${role}`);
  return m.name;
}

/** Patroni's timings as the cell runs with them (its dynamic configuration in etcd, through any node's REST API). */
async function patroniTimings(): Promise<{ ttl: number; loop_wait: number; retry_timeout: number }> {
  for (const port of env.REST_PORTS!.split(',')) {
    try {
      return (await (await fetch(`http://127.0.0.1:${port}/config`, { signal: AbortSignal.timeout(2000) })).json()) as { ttl: number; loop_wait: number; retry_timeout: number };
    } catch {
      // ask another node
    }
  }
  throw new Error('no Patroni answered /config');
}

/**
 * How long after the primary goes silent writes may take to resume, from the cell's own settings: its leader key
 * expires after `ttl`; a standby sees that at its next loop (`loop_wait`), asks the other members whether it is the
 * healthiest (the silent one answers nothing: PATRONI_MEMBER_CHECK_MS) and promotes itself, its calls to etcd and
 * PostgreSQL bounded by `retry_timeout`. Meanwhile the apps' connections to the silent node end at their query
 * timeout (the two clocks start together at the cut: only the longer counts), and the search that then finds the new
 * primary waits at most one probe timeout for the silent node. A crash (kill -9) is noticed sooner, within
 * `loop_wait`, so the same bound holds for it (the issue's 15 s target for a crash is asserted on its own).
 */
async function failoverBoundMs(): Promise<number> {
  const t = await patroniTimings();
  const manager = (t.ttl + t.loop_wait + t.retry_timeout) * 1000 + PATRONI_MEMBER_CHECK_MS;
  return Math.max(manager, QUERY_TIMEOUT_MS) + PROBE_TIMEOUT_MS + LOADED_MACHINE_MS;
}

/** Sends `sig` to `pid`; false when that process no longer exists (ESRCH). */
function signal(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}

/**
 * A node's postmaster at this moment: the pid in its data directory's postmaster.pid, if that process still runs
 * PostgreSQL on that directory. Read at the moment of a fault, never earlier: Patroni restarts PostgreSQL (a new pid)
 * after a crash, and a killed postmaster leaves its postmaster.pid behind.
 */
function postmasterOf(name: string): number | null {
  const data = path.join(clusterDir, name, 'data');
  try {
    const pid = Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(data) ? pid : null;
  } catch {
    return null;
  }
}

/** kill -9 of a node's postmaster as it is now; if it ended between the reading and the signal, read it again. */
async function killPostmaster(name: string): Promise<number> {
  const deadline = performance.now() + 10_000;
  for (;;) {
    const pid = postmasterOf(name);
    if (pid !== null && signal(pid, 'SIGKILL')) return pid;
    if (performance.now() > deadline) throw new Error(`${name}: no postmaster to kill`);
    await sleep(100);
  }
}

/** The fields of /proc/<pid>/stat after the command: parent and session. */
function procStat(pid: number): { ppid: number; session: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), session: Number(f[3]) };
  } catch {
    return null;
  }
}

/**
 * Every process of a node now: its Patroni (the session scripts/cluster/start.sh began for it) and its PostgreSQL
 * (Patroni starts the postmaster in a session of its own; the backends are its children).
 */
function nodeProcesses(name: string): number[] {
  const launcher = Number(readFileSync(path.join(clusterDir, 'pids', `${name}.pid`), 'utf8'));
  const postmaster = postmasterOf(name);
  const sessions = new Set([launcher, ...(postmaster !== null ? [procStat(postmaster)?.session ?? launcher] : [])]);
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      const st = procStat(pid);
      return st !== null && (sessions.has(st.session) || st.ppid === postmaster || pid === postmaster);
    });
}

/** Processes stopped by the test and not yet continued: continued in a `finally` and, whatever happens, in afterAll. */
const frozen = new Set<number>();

/**
 * Freezes a node (SIGSTOP) as its processes are at this moment. Backends come and go all the time (the apps' pools,
 * their probes): one that ended between the listing and the signal is skipped, one forked meanwhile is caught by the
 * next listing; done when a listing finds nothing left running. The postmaster goes first, so it forks no more.
 */
function freezeNode(name: string): number {
  let struck = 0;
  for (let pass = 0; pass < 50; pass++) {
    const postmaster = postmasterOf(name);
    const running = nodeProcesses(name).filter((pid) => !frozen.has(pid)).sort((a, b) => Number(b === postmaster) - Number(a === postmaster));
    if (running.length === 0) {
      if (postmaster === null || !frozen.has(postmaster)) throw new Error(`${name}: its postmaster was not frozen`);
      return struck;
    }
    for (const pid of running) if (signal(pid, 'SIGSTOP')) frozen.add(pid);
    struck ||= performance.now();
  }
  throw new Error(`${name}: processes kept appearing while freezing it`);
}

/** Continues every frozen process (one that ended meanwhile is simply gone). */
function thawAll(): void {
  for (const pid of frozen) signal(pid, 'SIGCONT');
  frozen.clear();
}

/**
 * Waits until every member is back: one leader, the others streaming standbys (the node thawed after the network cut
 * demoted and rewound). Until then the thawed node still believes it is the primary for a moment and answers
 * `pg_is_in_recovery() = false` with its old data: a check reading there would miss what the new primary has.
 */
async function settled(ms = 120_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    const members = await clusterMembers();
    if (members.length === 3 && members.filter((m) => m.role === 'leader').length === 1 && members.every((m) => m.role === 'leader' || ['running', 'streaming'].includes(m.state))) return;
    await sleep(1000);
  }
  throw new Error(`the cell did not settle: ${JSON.stringify(await clusterMembers())}`);
}

/** Waits until a synchronous standby streams again (after the earlier kills), so that a new primary can be elected. */
async function syncStandbyReady(ms = 120_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    const members = await clusterMembers();
    if (members.some((m) => m.role === 'sync_standby' && ['running', 'streaming'].includes(m.state)) && members.some((m) => m.role === 'leader')) return;
    await sleep(1000);
  }
  throw new Error('no synchronous standby');
}

type Session = { cookie: string; 'x-csrf-token': string; 'content-type': string };
async function signIn(username: string): Promise<Session> {
  for (let i = 0; ; i++) {
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    if (res.status === 200) {
      const me = (await res.json()) as { csrfToken: string };
      return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
    }
    if (i > 20) throw new Error(`login ${username}: ${res.status}`);
    await sleep(500);
  }
}

/** One request: when it started and ended (monotonic ms), its HTTP status (0: no answer) and whether it was acknowledged. */
type Outcome = { started: number; at: number; ok: boolean; status: number; kind: 'intake' | 'forward' };
type Load = { acknowledged: Map<string, { id: string; code: string }>; forwarded: Set<string>; outcomes: Outcome[] };

/**
 * Desk officers at work: each worker receives a dossier (retrying with the same idempotency key until it is
 * acknowledged, as the console does) and forwards it to processing. Runs until `until()` says stop. An intake must be
 * acknowledged within `ackWindowMs` of its first attempt (loadAcrossFault: one failover, plus the query timeout an
 * attempt begun on the old primary just before the cut waits, plus one round of the search for the new primary).
 */
async function deskLoad(tag: string, workers: number, session: Session, ids: { desk: string; resolving: string; procedure: string }, until: () => boolean, ackWindowMs: number): Promise<Load> {
  const load: Load = { acknowledged: new Map(), forwarded: new Set(), outcomes: [] };
  let n = 0;
  const call = async (url: string, body: unknown, timeoutMs: number): Promise<{ res: Response | null; error: string; started: number }> => {
    const started = performance.now();
    try {
      return { res: await fetch(`${base}${url}`, { method: 'POST', headers: session, body: JSON.stringify(body), signal: AbortSignal.timeout(Math.ceil(timeoutMs)) }), error: '', started };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      return { res: null, error: `${e.name}: ${e.cause?.code ?? e.message}`, started };
    }
  };
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (!until()) {
        // One number per intake: its retries must send the same body (a changed one under the key is refused, 422).
        const i = n++;
        const key = `${tag}-${i}`;
        const deadline = performance.now() + ackWindowMs;
        const answers: string[] = [];
        let dossier: { id: string; code: string } | null = null;
        while (!dossier && performance.now() < deadline) {
          const { res, error, started } = await call('/api/dossiers', {
            idempotencyKey: key,
            procedureId: ids.procedure,
            receivingUnitId: ids.desk,
            resolvingUnitId: ids.resolving,
            applicant: { kind: 'citizen', idNumber: `0870900${String(i % 100000).padStart(5, '0')}`, fullName: `Công dân ${key}` },
            outcome: 'accept',
          }, Math.max(1_000, deadline - performance.now()));
          const ok = res?.status === 201;
          load.outcomes.push({ started, at: performance.now(), ok, status: res?.status ?? 0, kind: 'intake' });
          if (ok) dossier = (await res.json()) as { id: string; code: string };
          else {
            const text = res ? (await res.text()).slice(0, 200) : error;
            answers.push(`${Math.round(performance.now() - started)} ms: ${res?.status ?? 0} ${text}`);
            if (res && res.status < 500 && res.status !== 429) throw new Error(`intake ${key}: ${res.status} ${text}`);
            await sleep(300);
          }
        }
        if (!dossier) throw new Error(`intake ${key} not acknowledged within ${ackWindowMs} ms; its answers:\n${answers.join('\n')}`);
        load.acknowledged.set(key, dossier);
        const { res: fwd, started } = await call(`/api/dossiers/${dossier.id}/actions`, { action: 'forward' }, 45_000);
        load.outcomes.push({ started, at: performance.now(), ok: fwd?.status === 200, status: fwd?.status ?? 0, kind: 'forward' });
        if (fwd?.status === 200) load.forwarded.add(dossier.id);
      }
    }),
  );
  return load;
}

/** How long haproxy saw no app instance up (it answers 503 at once then), polled from its statistics page. */
function watchApps(): { stop(): number } {
  let downSince: number | null = null;
  let downMs = 0;
  let stopped = false;
  const poll = async () => {
    while (!stopped) {
      try {
        const csv = await (await fetch(`${env.HAPROXY_STATS_URL}/;csv`, { signal: AbortSignal.timeout(1000) })).text();
        const up = csv.split('\n').filter((l) => l.startsWith('apps,app')).some((l) => l.split(',')[17]?.startsWith('UP'));
        const now = performance.now();
        if (!up && downSince === null) downSince = now;
        if (up && downSince !== null) {
          downMs += now - downSince;
          downSince = null;
        }
      } catch {
        // haproxy busy: look again
      }
      await sleep(250);
    }
  };
  void poll();
  return {
    stop() {
      stopped = true;
      return Math.round(downMs + (downSince === null ? 0 : performance.now() - downSince));
    },
  };
}

/** When each fault was injected (wall clock, to compare with the schedules' ticks). */
const faultTimes: string[] = [];

/** Faults with `fault()` after `beforeMs` of load, keeps the load for `afterMs` more; returns the load and the figures. */
async function loadAcrossFault(tag: string, session: Session, ids: { desk: string; resolving: string; procedure: string }, fault: () => Promise<number>, beforeMs = 8_000, afterMs = 25_000) {
  const bound = await failoverBoundMs();
  let faultAt = Infinity;
  let stopAt = Infinity;
  const apps = watchApps();
  faultTimes.push(`${tag} ${new Date(Date.now() + beforeMs).toISOString()}`);
  const running = deskLoad(tag, 4, session, ids, () => performance.now() > stopAt, bound + QUERY_TIMEOUT_MS + PROBE_TIMEOUT_MS);
  // A worker that fails before the fault is reported when the load is awaited below, not as an unhandled rejection.
  running.catch(() => {});
  try {
    await sleep(beforeMs);
    // The moment the signal struck, not when the search for its target began (that takes a while on a loaded machine).
    faultAt = performance.now();
    faultAt = await fault();
  } catch (err) {
    // The workers stop, and are awaited, before the test fails: none outlives it.
    stopAt = performance.now();
    await running.catch(() => {});
    apps.stop();
    throw err;
  }
  stopAt = faultAt + afterMs;
  let load: Load;
  let appsDownMs: number;
  try {
    load = await running;
  } finally {
    appsDownMs = apps.stop();
  }
  // The first write that began after the fault and was acknowledged (one begun before may have reached the old node).
  const firstWrite = load.outcomes.filter((o) => o.ok && o.started > faultAt).sort((a, b) => a.at - b.at)[0];
  const failed = load.outcomes.filter((o) => !o.ok && o.at > faultAt);
  const figures = {
    firstWriteAfterMs: firstWrite ? Math.round(firstWrite.at - faultAt) : null,
    /** Requests that ended in an error after the fault (each intake was retried by the worker with the same key). */
    failedRequests: failed.length,
    failedByStatus: Object.fromEntries([...new Set(failed.map((o) => o.status))].map((s) => [s, failed.filter((o) => o.status === s).length])),
    requests: load.outcomes.length,
    acknowledged: load.acknowledged.size,
    forwarded: load.forwarded.size,
    boundMs: bound,
    appsDownMs,
    load: os.loadavg()[0]!.toFixed(1),
  };
  console.log(`[cluster-failover] ${tag}: ${JSON.stringify(figures)}`);
  return { load, figures, bound };
}

const ids = { desk: '', resolving: '', procedure: '' };
const loads: Load[] = [];

/** The checks' reads (idempotent), retried when their connection was one a failover ended: a demoted node closes them. */
const read = <R extends QueryResultRow>(sql: string, params?: unknown[]) => retryOnConnectionLoss(() => db.query<R>(sql, params), 5);

describe.skipIf(missing.length > 0)('a cell of three PostgreSQL nodes under Patroni, two app instances behind haproxy', () => {
  beforeAll(async () => {
    await run(path.join(root, 'scripts/cluster/start.sh'), {
      CLUSTER_DIR: clusterDir,
      CLUSTER_BASE_PORT: String(await freePortBlock(50)),
      CLUSTER_APPS: '2',
      CLUSTER_APP_ENV: `DEMO_PASSWORD=${PASSWORD} REPORT_DAILY_AT=${dailyAt} LOG_LEVEL=warn OTP_LOG_CODES=false DATABASE_QUERY_TIMEOUT_MS=${QUERY_TIMEOUT_MS}`,
    }, 400_000);
    env = readClusterEnv(clusterDir);
    base = env.HAPROXY_HTTP_URL!;
    db = createPool(env.MIGRATION_DATABASE_URL!, 3);
    const units = Object.fromEntries((await db.query<{ code: string; id: string }>(`SELECT code, id FROM unit WHERE code IN ('000.01.71.H20', '000.00.71.H20')`)).rows.map((r) => [r.code, r.id]));
    ids.desk = units['000.01.71.H20']!;
    ids.resolving = units['000.00.71.H20']!;
    ids.procedure = (await db.query<{ id: string }>(`SELECT p.id FROM procedure p JOIN unit u ON u.id = p.owner_unit_id WHERE u.code = '000.00.00.H20' AND p.code = '1.001193'`)).rows[0]!.id;
  }, 420_000);

  afterAll(async () => {
    thawAll();
    await db?.end().catch(() => {});
    await run(path.join(root, 'scripts/cluster/stop.sh'), { CLUSTER_DIR: clusterDir }, 120_000).catch((e: unknown) => console.error(e));
  }, 150_000);

  it('a kill -9 of the primary postmaster: writes resume on the new primary within 15 s, nothing acknowledged is lost', async () => {
    const session = await signIn('motcua.anbinh');
    let before = '';
    const { load, figures } = await loadAcrossFault('primary', session, ids, async () => {
      before = await leader();
      await killPostmaster(before);
      return performance.now();
    });
    loads.push(load);
    expect(await leader()).not.toBe(before);
    expect(figures.firstWriteAfterMs).not.toBeNull();
    // The target for a crash.
    expect(figures.firstWriteAfterMs!).toBeLessThan(15_000);
    expect(load.acknowledged.size).toBeGreaterThan(10);
  }, 240_000);

  it('a kill -9 of the synchronous standby: writes go on', async () => {
    const session = await signIn('motcua.anbinh');
    const { load, figures } = await loadAcrossFault('standby', session, ids, async () => {
      await killPostmaster(await standby('sync_standby'));
      return performance.now();
    }, 5_000, 15_000);
    loads.push(load);
    expect(figures.firstWriteAfterMs!).toBeLessThan(15_000);
  }, 240_000);

  it('the network to the primary cut (the node frozen): writes resume on a new primary, nothing waits forever', async () => {
    await syncStandbyReady();
    const session = await signIn('motcua.anbinh');
    let before = '';
    try {
      const { load, figures, bound } = await loadAcrossFault('network-cut', session, ids, async () => {
        before = await leader();
        const struck = freezeNode(before);
        console.log(`[cluster-failover] froze ${before}: ${frozen.size} processes`);
        return struck;
      }, 5_000, 30_000);
      loads.push(load);
      expect(await leader()).not.toBe(before);
      // Bounded by Patroni's ttl and the apps' query timeout (failoverBoundMs), not by TCP's own minutes.
      expect(figures.firstWriteAfterMs).not.toBeNull();
      expect(figures.firstWriteAfterMs!).toBeLessThan(bound);
      // haproxy kept the apps in rotation (scripts/cluster/start.sh checks /healthz): checking the database instead, it
      // took every instance out for the whole failover and answered 503 at once (11 s of them in a loaded run).
      expect(figures.appsDownMs).toBeLessThan(2_000);
    } finally {
      thawAll();
    }
  }, 300_000);

  it('afterwards: every acknowledged dossier once, codes gap-free per desk and day, rows = fold(log), counters = recount', async () => {
    // Read the primary Patroni elected, once the old one has rejoined as a standby: a new pool, so no connection (nor
    // its host lookup) is left from before the faults.
    await settled();
    await db.end();
    db = createPool(env.MIGRATION_DATABASE_URL!, 3);
    const acknowledged = loads.flatMap((l) => [...l.acknowledged.values()]);
    // Each node's view (to tell a stale read from a lost write if the counts below differ).
    for (const port of env.PG_PORTS!.split(',')) {
      const node = createPool(`postgres://postgres:${env.SUPER_PASSWORD}@127.0.0.1:${port}/motcua`, 1);
      const view = await node
        .query<{ standby: boolean; timeline: number; present: number }>(`SELECT pg_is_in_recovery() AS standby, (SELECT timeline_id FROM pg_control_checkpoint()) AS timeline, (SELECT count(*)::int FROM dossier WHERE id = ANY($1::uuid[])) AS present`, [acknowledged.map((d) => d.id)])
        .then((r) => r.rows[0], (e: unknown) => String(e));
      console.log(`[cluster-failover] node at ${port}: ${JSON.stringify(view)} of ${acknowledged.length} acknowledged; members ${JSON.stringify(await clusterMembers())}`);
      await node.end();
    }
    const { rows } = await read<{ id: string; code: string; n: number }>(
      `SELECT id, code, count(*) OVER (PARTITION BY code)::int AS n FROM dossier WHERE id = ANY($1::uuid[])`,
      [acknowledged.map((d) => d.id)],
    );
    expect(rows).toHaveLength(acknowledged.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const byId = new Map(rows.map((r) => [r.id, r.code]));
    for (const d of acknowledged) expect(byId.get(d.id)).toBe(d.code);
    // Every test dossier has its key; none was created twice by a retried request.
    const keys = await read<{ n: number; k: number }>(`SELECT count(*)::int AS n, count(DISTINCT idempotency_key)::int AS k FROM dossier WHERE idempotency_key ~ ':(primary|standby|network-cut)-'`);
    expect(keys.rows[0]!.n).toBe(keys.rows[0]!.k);
    expect(keys.rows[0]!.n).toBe(acknowledged.length);

    // Codes: unique, and numbered 1..N without a gap per receiving desk and day.
    const gaps = await read<{ unit: string; day: string; n: number; max: number; distinct: number }>(
      `SELECT receiving_unit_id AS unit, (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS day, count(*)::int AS n,
              max(substring(code from '(\\d+)$')::int) AS max, count(DISTINCT code)::int AS distinct
         FROM dossier WHERE code IS NOT NULL GROUP BY 1, 2`,
    );
    for (const g of gaps.rows) expect({ ...g, max: g.n, distinct: g.n }).toEqual(g);

    // The action log: each acknowledged forward recorded exactly once, and every row equals the fold of its log.
    const forwards = await read<{ id: string; n: number }>(
      `SELECT dossier_id AS id, count(*)::int AS n FROM dossier_action WHERE action = 'forward' AND dossier_id = ANY($1::uuid[]) GROUP BY 1`,
      [acknowledged.map((d) => d.id)],
    );
    const forwardCount = new Map(forwards.rows.map((r) => [r.id, r.n]));
    for (const l of loads) for (const id of l.forwarded) expect(forwardCount.get(id)).toBe(1);
    expect(Math.max(0, ...forwardCount.values())).toBeLessThanOrEqual(1);
    const ledger = await retryOnConnectionLoss(() => checkLedger({ db, clock: { now: () => new Date() } }, { rebuild: false }), 5);
    expect(ledger.differing).toEqual([]);
    expect(ledger.unreadable).toEqual([]);

    // Report counters kept by triggers in the same transactions equal a recount from the dossiers.
    const counters = await read<{ k: string; counted: number; recount: number }>(
      `WITH c AS (SELECT unit_id, procedure_id, bucket, received::int AS n FROM report_counter WHERE grain = 'd' AND received <> 0),
            r AS (SELECT resolving_unit_id AS unit_id, procedure_id, (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS bucket, count(*)::int AS n
                    FROM dossier WHERE received_at IS NOT NULL GROUP BY 1, 2, 3)
       SELECT coalesce(c.unit_id, r.unit_id) || '|' || coalesce(c.bucket, r.bucket) AS k, coalesce(c.n, 0) AS counted, coalesce(r.n, 0) AS recount
         FROM c FULL JOIN r ON c.unit_id = r.unit_id AND c.procedure_id = r.procedure_id AND c.bucket = r.bucket
        WHERE coalesce(c.n, 0) <> coalesce(r.n, 0)`,
    );
    expect(counters.rows).toEqual([]);
  }, 120_000);

  it('the schedules ran once per tick across instances and failovers; the daily report exactly once', async () => {
    // Wait for the daily report's tick (REPORT_DAILY_AT was set a few minutes after the start) and its completion.
    const deadline = performance.now() + 240_000;
    let daily: { finished: Date | null }[] = [];
    while (performance.now() < deadline) {
      daily = (await read<{ finished: Date | null }>(`SELECT finished_at AS finished FROM job_tick WHERE name = 'reports.daily'`)).rows;
      if (daily.some((j) => j.finished)) break;
      await sleep(3000);
    }
    expect(daily).toHaveLength(1);
    expect(daily[0]!.finished).not.toBeNull();
    const names = ['notifications.dispatch', 'postal.create-shipments', 'info-portal.schedule', 'dossiers.mark-overdue', 'payments.expire-pending', 'reports.daily'];
    // Every job of a schedule names its tick, and each tick has exactly one job: the one its job_tick row records.
    const jobs = await read<{ name: string; tick: string; n: number; recorded: number }>(
      `WITH j AS (SELECT id, name, data->>'tick' AS tick FROM pgboss.job WHERE name = ANY($1) AND created_on >= $2
                  UNION ALL SELECT id, name, data->>'tick' FROM pgboss.archive WHERE name = ANY($1) AND created_on >= $2)
       SELECT j.name, j.tick, count(*)::int AS n, count(t.job_id)::int AS recorded
         FROM j LEFT JOIN job_tick t ON t.name = j.name AND t.tick = j.tick::timestamptz AND t.job_id = j.id
        GROUP BY 1, 2`,
      [names, startedAt],
    );
    expect(jobs.rows.length).toBeGreaterThan(0);
    expect(jobs.rows.filter((r) => r.tick === null || r.n !== 1 || r.recorded !== 1)).toEqual([]);
    expect(jobs.rows.filter((r) => r.name === 'reports.daily')).toHaveLength(1);
    // No minute lost across the failovers: the every-minute schedule has every minute from its first tick to its last.
    const minutes = (await read<{ tick: Date }>(`SELECT tick FROM job_tick WHERE name = 'notifications.dispatch' ORDER BY tick`)).rows.map((r) => r.tick.getTime());
    expect(minutes.length).toBeGreaterThanOrEqual(3);
    const gaps = minutes.flatMap((t, i) => (i > 0 && t - minutes[i - 1]! !== 60_000 ? [`${new Date(minutes[i - 1]!).toISOString()} → ${new Date(t).toISOString()}`] : []));
    expect(gaps, `faults at ${faultTimes.join(', ')}`).toEqual([]);
    // Every job that ran marked its tick finished (none is still pending long after its tick).
    const unfinished = await read<{ name: string; tick: Date }>(`SELECT name, tick FROM job_tick WHERE finished_at IS NULL AND tick < $1 AND name = ANY($2)`, [new Date(Date.now() - 120_000), names]);
    expect(unfinished.rows).toEqual([]);
  }, 300_000);
});
