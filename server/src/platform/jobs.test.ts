import os from 'node:os';
import path from 'node:path';
import PgBoss from 'pg-boss';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/db.js';
import { loadConfig } from './config.js';
import type { Clock } from './clock.js';
import type { AppContext } from './context.js';
import { createPool, type Db } from './database.js';
import { prepareJobs, startJobs, type JobDefinition, type JobRunner } from './jobs.js';
import { diskFileStore } from './storage.js';

/**
 * Schedules fire once per tick across instances and across a database failover (issue 19). In the cluster test two
 * app instances once fired `info-portal.schedule` twice within a minute after the primary was killed. Cause: pg-boss's
 * cron reaches the real job through an internal job (`__pgboss__send-it`) whose handler inserts it; when the answer to
 * that committed insert is lost with the dying primary (the synchronous standby already has it), pg-boss fails the
 * internal job and retries it, inserting the real job a second time. The first test reproduces that with pg-boss's own
 * cron and a lost answer; the others show the tick keys (job_tick) of TickScheduler firing once under the same fault,
 * with two runners whose clocks differ, and after every connection was cut.
 */
let fresh: Awaited<ReturnType<typeof freshDatabase>>;
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  fresh = await freshDatabase();
});
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!().catch(() => {});
});
afterAll(async () => {
  await fresh?.drop();
});

const lostAnswer = () => Object.assign(new Error('Connection terminated unexpectedly'), { code: undefined });

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = performance.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || performance.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const countJobs = async (db: Db, name: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1`, [name])).rows[0]!.n;

describe("pg-boss's own cron (what ran before)", () => {
  it('fires one tick twice when the answer to its committed insert is lost in a failover', async () => {
    const name = 'test.every-minute-pgboss';
    await prepareJobs(fresh.db, fresh.url, [{ name, handler: async () => {} }]);
    const pool = createPool(fresh.url, 4);
    cleanup.push(() => pool.end());
    let faulted = false;
    // pg-boss's queries go through this executor: the first insert of the real job commits, then its answer is lost.
    const db: PgBoss.Db = {
      executeSql: async (text, values) => {
        const result = await pool.query(text, values);
        const inserting = /json_to_recordset/.test(text) && typeof values?.[0] === 'string' && (JSON.parse(values[0]) as { name: string }[]).some((j) => j.name === name);
        if (inserting && !faulted) {
          faulted = true;
          throw lostAnswer();
        }
        return result;
      },
    };
    const boss = new PgBoss({ db, schema: 'pgboss', migrate: false, supervise: false, cronWorkerIntervalSeconds: 1, cronMonitorIntervalSeconds: 1 });
    boss.on('error', () => {});
    await boss.start();
    cleanup.push(() => boss.stop({ graceful: false, wait: true }));
    await boss.schedule(name, '* * * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
    // Ticks and real jobs read in one statement: a tick at the next minute may come while the test runs (CI once saw
    // three jobs from two ticks), so the duplicate shows as more real jobs than ticks, never as a fixed count.
    const read = async () =>
      (
        await fresh.db.query<{ jobs: number; ticks: number }>(
          `SELECT count(*) FILTER (WHERE name = $1)::int AS jobs, count(*) FILTER (WHERE name = '__pgboss__send-it')::int AS ticks
             FROM pgboss.job WHERE name IN ($1, '__pgboss__send-it')`,
          [name],
        )
      ).rows[0]!;
    const seen = await waitFor(read, (v) => v.jobs > v.ticks);
    expect(faulted).toBe(true);
    // The internal job was retried after the lost answer and inserted the real job again: one tick, two real jobs.
    expect(seen.ticks).toBeGreaterThanOrEqual(1);
    expect(seen.jobs).toBe(seen.ticks + 1);
  }, 30_000);
});

describe('TickScheduler: one job per tick', () => {
  const vn = (s: string) => new Date(`${s}+07:00`);
  const handled: { runner: string; name: string; data: unknown }[] = [];
  const jobs = (runner: string): JobDefinition[] => [
    { name: 'test.every-minute', cron: '* * * * *', handler: async (_ctx, data) => void handled.push({ runner, name: 'test.every-minute', data }) },
    { name: 'test.daily', cron: '0 16 * * *', handler: async (_ctx, data) => void handled.push({ runner, name: 'test.daily', data }) },
  ];

  /** A pool whose next COMMIT, once armed, is applied by the server but its answer never arrives (a failover's lost ack). */
  function withLostCommit(pool: Db): { db: Db; arm: () => void; fired: () => boolean } {
    let armed = false;
    let fired = false;
    const db = new Proxy(pool, {
      get(target, prop) {
        const own = Reflect.get(target, prop) as unknown;
        // pool.query and the rest run on the real pool; only a transaction's client (pool.connect()) is wrapped.
        if (prop !== 'connect') return typeof own === 'function' ? (own as (...a: unknown[]) => unknown).bind(target) : own;
        return async () => {
          const client = await target.connect();
          return new Proxy(client, {
            get(c, p, r) {
              if (p !== 'query') return Reflect.get(c, p, r) as unknown;
              return async (text: unknown, values?: unknown[]) => {
                const result = await c.query(text as string, values);
                if (armed && text === 'COMMIT') {
                  armed = false;
                  fired = true;
                  throw lostAnswer();
                }
                return result;
              };
            },
          });
        };
      },
    });
    return { db, arm: () => void (armed = true), fired: () => fired };
  }

  async function runner(id: string, clock: Clock, db: Db): Promise<JobRunner> {
    const dataDir = path.join(os.tmpdir(), `motcua-jobs-${process.pid}`);
    const config = loadConfig({ DATA_DIR: dataDir, JOBS: 'true', SEED_DEMO: 'false' });
    const ctx: AppContext = { config, db, clock, files: diskFileStore(path.join(dataDir, 'files'), clock) };
    // The interval is long: the test calls check() itself at the moments it chooses (start() checks once).
    const r = await startJobs(ctx, fresh.url, jobs(id), () => {}, { instance: id, everyMs: 3_600_000, pollingIntervalSeconds: 0.5 });
    cleanup.push(() => r.stop());
    return r;
  }

  it('two runners with different clocks, a lost commit answer and every connection cut: each tick once', async () => {
    await prepareJobs(fresh.db, fresh.url, jobs('setup'));
    // Runner A's clock is right; runner B's runs 40 s ahead (another machine). Both see 16:00 Vietnam time first.
    let nowMs = vn('2026-12-03T16:00:03').getTime();
    const clockA: Clock = { now: () => new Date(nowMs) };
    const clockB: Clock = { now: () => new Date(nowMs + 40_000) };
    const poolA = createPool(fresh.url, 3);
    const poolB = createPool(fresh.url, 3);
    cleanup.push(() => poolA.end(), () => poolB.end());
    const faultyA = withLostCommit(poolA);
    faultyA.arm();
    const a = await runner('A', clockA, faultyA.db);
    await a.scheduler.check(); // the check begun at start
    expect(faultyA.fired()).toBe(true); // A's first claim committed, but A saw the connection die
    const b = await runner('B', clockB, poolB);
    await a.scheduler.check(); // A tries again: the tick is already taken (by itself)
    await Promise.all([a.scheduler.check(), b.scheduler.check()]);

    // Every connection of both runners cut (a failover), then the next minute seen by both at once, several times.
    await fresh.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name LIKE 'mot-cua%'`);
    nowMs = vn('2026-12-03T16:01:01').getTime();
    for (let i = 0; i < 3; i++) await Promise.all([a.scheduler.check(), b.scheduler.check()]);
    // Nobody looked during 16:02 (an outage): the missed minute folds into the next one. The daily tick is still
    // within the window, and not fired again.
    nowMs = vn('2026-12-03T16:03:10').getTime();
    await Promise.all([a.scheduler.check(), b.scheduler.check()]);

    const ticks = await fresh.db.query<{ name: string; tick: Date; claimed_by: string }>(`SELECT name, tick, claimed_by FROM job_tick ORDER BY name, tick`);
    expect(ticks.rows.map((t) => [t.name, t.tick.toISOString()])).toEqual([
      ['test.daily', vn('2026-12-03T16:00:00').toISOString()],
      ['test.every-minute', vn('2026-12-03T16:00:00').toISOString()],
      ['test.every-minute', vn('2026-12-03T16:01:00').toISOString()],
      ['test.every-minute', vn('2026-12-03T16:03:00').toISOString()],
    ]);
    expect(ticks.rows[0]!.claimed_by).toBe('A');

    // One pg-boss job per tick, each run once, by whichever runner fetched it.
    const done = await waitFor(
      () => fresh.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM job_tick WHERE finished_at IS NOT NULL`).then((r) => r.rows[0]!.n),
      (n) => n >= 4,
    );
    expect(done).toBe(4);
    expect(await countJobs(fresh.db, 'test.every-minute')).toBe(3);
    expect(await countJobs(fresh.db, 'test.daily')).toBe(1);
    const byTick = handled.map((h) => `${h.name}@${(h.data as { tick: string }).tick}`);
    expect(byTick).toHaveLength(4);
    expect(new Set(byTick).size).toBe(4);
  }, 30_000);
});
