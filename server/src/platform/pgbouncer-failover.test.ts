import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { freshDatabase } from '../../test/db.js';
import { buildUnit, buildStaff } from '../../test/factories.js';
import { login, type Session } from '../../test/app.js';
import { freePort } from '../../test/process.js';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import type { AppContext } from './context.js';
import { createPool, usePreparedStatements, type Db } from './database.js';
import { isConnectionLoss } from './database-hosts.js';
import { diskFileStore } from './storage.js';

/**
 * The real app through a real pgbouncer (Debian's, transaction mode) in front of the test PostgreSQL: the server
 * connections behind the pooler are killed (what a primary's crash does to them), pgbouncer itself is killed and
 * started again, and pgbouncer is pointed at a node that is gone. Reads must come through as 200s, or as a 503 that
 * says when to come back — never a 500.
 */
const PGBOUNCER = '/usr/sbin/pgbouncer';
const haveBouncer = existsSync(PGBOUNCER);

type Bouncer = { port: number; start: () => Promise<void>; kill: () => Promise<void> };

async function bouncer(dir: string, name: string, target: { host: string; port: number; user: string; password: string }): Promise<Bouncer> {
  const port = await freePort();
  const ini = path.join(dir, `${name}.ini`);
  await fs.writeFile(
    ini,
    [
      '[databases]',
      `* = host=${target.host} port=${target.port} user=${target.user}${target.password ? ` password=${target.password}` : ''}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'auth_type = any',
      'pool_mode = transaction',
      'unix_socket_dir =',
      `logfile = ${path.join(dir, `${name}.log`)}`,
      'ignore_startup_parameters = extra_float_digits,application_name,statement_timeout',
      'server_reset_query =',
      // The failover settings scripts/cluster/start.sh uses (docs/CLUSTER.md "pgbouncer").
      'server_connect_timeout = 3',
      'server_login_retry = 1',
      'query_wait_timeout = 10',
      '',
    ].join('\n'),
  );
  await fs.chmod(dir, 0o777);
  await fs.chmod(ini, 0o644);
  let child: ChildProcess | null = null;
  // pgbouncer refuses to run as root.
  const argv = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', PGBOUNCER, ini]] as const : [PGBOUNCER, [ini]] as const;
  const start = async () => {
    child = spawn(argv[0], [...argv[1]], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      const c = new pg.Client({ connectionString: `postgres://x@127.0.0.1:${port}/pgbouncer`, connectionTimeoutMillis: 500 });
      try {
        await c.connect();
        await c.end();
        return;
      } catch {
        await c.end().catch(() => {});
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`pgbouncer ${name} did not start (see ${dir})`);
  };
  const kill = async () => {
    const c = child as ChildProcess | null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    // runuser forwards the signal to pgbouncer; kill -9 of runuser would leave pgbouncer running.
    c.kill(argv[0] === 'runuser' ? 'SIGTERM' : 'SIGKILL');
    await exited;
  };
  await start();
  return { port, start, kill };
}

describe.skipIf(!haveBouncer)('the app through pgbouncer (transaction mode) across a failover', () => {
  let dir = '';
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  let live: Bouncer;
  let dead: Bouncer;
  let app: FastifyInstance;
  let deadApp: FastifyInstance;
  let officer: Session;
  const pools: Db[] = [];

  async function appOver(db: Db): Promise<FastifyInstance> {
    const dataDir = await fs.mkdtemp(path.join(dir, 'data-'));
    const config = loadConfig({ DATA_DIR: dataDir, JOBS: 'false', SEED_DEMO: 'false', DATABASE_PREPARED_STATEMENTS: 'false' });
    const ctx: AppContext = { config, db, clock: systemClock, files: diskFileStore(path.join(dataDir, 'files'), systemClock) };
    const built = await buildApp(ctx, { webDir: path.join(dataDir, 'no-web') });
    await built.ready();
    return built;
  }

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-bouncer-'));
    fresh = await freshDatabase();
    const unit = await buildUnit(fresh.db);
    await buildStaff(fresh.db, 'bouncer.officer', [{ role: 'desk_officer', unit }]);
    const u = new URL(fresh.url);
    const target = { host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
    live = await bouncer(dir, 'live', target);
    // A node that is gone: nothing listens on its port.
    dead = await bouncer(dir, 'dead', { ...target, port: await freePort() });
    // pgbouncer 1.18 does not carry named prepared statements across its server connections.
    usePreparedStatements(false);
    const db = createPool(`postgres://app@127.0.0.1:${live.port}${u.pathname}`, 4, { connectMs: 2_000, queryMs: 10_000 });
    const deadDb = createPool(`postgres://app@127.0.0.1:${dead.port}${u.pathname}`, 2, { connectMs: 2_000, queryMs: 10_000 });
    pools.push(db, deadDb);
    app = await appOver(db);
    deadApp = await appOver(deadDb);
    officer = await login(app, 'bouncer.officer');
  }, 60_000);

  afterAll(async () => {
    usePreparedStatements(true);
    await app?.close();
    await deadApp?.close();
    for (const p of pools) await p.end().catch(() => {});
    await live?.kill();
    await dead?.kill();
    await fresh?.drop();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  /** Closes every server connection pgbouncer holds to the database, as a primary's crash does. */
  async function crashServerConnections(): Promise<number> {
    const admin = new pg.Client({ connectionString: fresh.url });
    await admin.connect();
    const { rowCount } = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    await admin.end();
    return rowCount ?? 0;
  }

  const me = () => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: officer.cookie } });
  const facets = () => app.inject({ method: 'GET', url: '/api/catalog/facets' });

  it('the fault is real: a query on a pooled connection right after the crash fails with a connection loss', async () => {
    const direct = pools[0]!;
    await Promise.all([0, 1, 2].map(() => direct.query('SELECT pg_sleep(0.05)')));
    expect(await crashServerConnections()).toBeGreaterThan(0);
    const err = await direct.query('SELECT 1').then(() => null, (e: unknown) => e);
    // pgbouncer may already have replaced the server connection: then the query simply works.
    if (err) expect(isConnectionLoss(err)).toBe(true);
  });

  it('reads (session look-up included) answer 200 while the server connections behind pgbouncer are killed again and again', async () => {
    const statuses: number[] = [];
    let stop = false;
    const load = (async () => {
      while (!stop) {
        const answers = await Promise.all([me(), facets(), me(), facets()]);
        statuses.push(...answers.map((a) => a.statusCode));
      }
    })();
    let killed = 0;
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 150));
      killed += await crashServerConnections();
    }
    stop = true;
    await load;
    expect(killed).toBeGreaterThan(0);
    expect(statuses.length).toBeGreaterThan(8);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  }, 60_000);

  it('pgbouncer itself dies and comes back 1.5 s later: reads wait for it instead of failing', async () => {
    expect((await me()).statusCode).toBe(200);
    await live.kill();
    const during = Promise.all([me(), facets(), me()]);
    await new Promise((r) => setTimeout(r, 1_500));
    await live.start();
    expect((await during).map((a) => a.statusCode)).toEqual([200, 200, 200]);
  }, 60_000);

  it('behind a pgbouncer whose node stays gone: 503 COMMON.DATABASE_UNAVAILABLE, Retry-After 5, a Vietnamese message', async () => {
    const res = await deadApp.inject({ method: 'GET', url: '/api/catalog/facets' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toMatchObject({ code: 'COMMON.DATABASE_UNAVAILABLE' });
    expect(res.json().message).toMatch(/cơ sở dữ liệu/);
    // A write is not run again, and says the same (the officer reloads to see whether it went through).
    const write = await deadApp.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bouncer.officer', password: 'x' } });
    expect(write.statusCode).toBe(503);
  }, 60_000);
});
