import os from 'node:os';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { Clock } from './clock.js';
import type { AppContext } from './context.js';
import { APP_ROLE, withTransaction, type Db, type Queryable } from './database.js';
import { isConnectionLoss, poolSettings, type DatabaseTimeouts } from './database-hosts.js';
import { latestTick, parseCron, type CronSchedule } from './schedule.rules.js';

/**
 * A background job owned by a module. Jobs run on pg-boss, a PostgreSQL queue; a scheduled job runs once per tick
 * however many instances are up and across a database failover (the tick's key in job_tick, below), and a job
 * enqueued inside a business transaction commits with it.
 */
export type JobDefinition = {
  name: string;
  /** Cron expression in Vietnam time, for scheduled jobs (or one derived from the configuration). */
  cron?: string | ((config: AppContext['config']) => string);
  handler: (ctx: AppContext, data: unknown) => Promise<void>;
};

export type JobRunner = { boss: PgBoss; scheduler: TickScheduler; stop(): Promise<void> };

// Any constant: serialises the queue set-up of instances starting together (pg-boss's own schema creation and
// queue creation deadlock when two processes run them at the same moment — seen in e2e/multi-instance.spec.ts).
const JOBS_SETUP_LOCK = 746_118_2027;

/**
 * Installs pg-boss's schema and the queues as the database owner (pg-boss creates a table per queue), then lets the
 * application role use them: rows and functions only, like the rest of the schema. Schedules left in pg-boss's own
 * table by earlier versions are removed: its cron no longer runs here (see TickScheduler for why).
 */
export async function prepareJobs(owner: Db, ownerUrl: string, jobs: JobDefinition[]): Promise<void> {
  const boss = new PgBoss({ ...poolSettings(ownerUrl, { max: 2 }), schema: 'pgboss', application_name: 'mot-cua-setup', supervise: false, schedule: false });
  boss.on('error', () => {});
  const lock = await owner.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [JOBS_SETUP_LOCK]);
    await boss.start();
    for (const job of jobs) await boss.createQueue(job.name);
    for (const old of await boss.getSchedules()) await boss.unschedule(old.name);
    await boss.stop({ graceful: false, wait: true });
    await lock.query(`GRANT USAGE ON SCHEMA pgboss TO ${APP_ROLE};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${APP_ROLE};
      GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA pgboss TO ${APP_ROLE};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO ${APP_ROLE};
      ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [JOBS_SETUP_LOCK]).catch(() => {});
    lock.release();
  }
}

/** The data of a scheduled job: which tick it runs for (ISO instant). */
export type TickData = { tick: string };
export type ScheduledJob = { name: string; cron: CronSchedule };

/** The scheduled jobs of `jobs` with their cron read (throws at start on an invalid expression). */
export function scheduledJobs(jobs: JobDefinition[], config: AppContext['config']): ScheduledJob[] {
  return jobs.flatMap((job) => {
    const cron = typeof job.cron === 'function' ? job.cron(config) : job.cron;
    return cron ? [{ name: job.name, cron: parseCron(cron) }] : [];
  });
}

/** A pg-boss Db on a transaction's client: what pg-boss inserts then commits or rolls back with it. */
function bossOn(tx: Queryable): PgBoss.Db {
  return { executeSql: (text, values) => tx.query(text, values) };
}

/**
 * Claims the due ticks and enqueues their jobs in one transaction: a (name, tick) row in job_tick, whose primary key
 * lets only one claim per tick commit, and the pg-boss job, which exists if and only if the claim committed. Returns
 * the ticks this call claimed (an empty list when another instance, or an earlier attempt of this one whose answer was
 * lost, already had them).
 */
export async function claimTicks(deps: { db: Db; clock: Clock; boss: PgBoss }, due: { name: string; tick: Date }[], instance: string): Promise<{ name: string; tick: Date; jobId: string }[]> {
  if (due.length === 0) return [];
  return withTransaction(deps.db, async (tx) => {
    const { rows } = await tx.query<{ name: string; tick: Date; job_id: string }>(
      `INSERT INTO job_tick (name, tick, job_id, claimed_at, claimed_by)
       SELECT name, tick, job_id, $4, $5 FROM unnest($1::text[], $2::timestamptz[], $3::uuid[]) AS t(name, tick, job_id)
       ON CONFLICT (name, tick) DO NOTHING
       RETURNING name, tick, job_id`,
      [due.map((d) => d.name), due.map((d) => d.tick), due.map(() => randomUUID()), deps.clock.now(), instance],
    );
    if (rows.length) {
      await deps.boss.insert(
        // Retried with backoff (2, 4, 8, 16, 32 s): a run that failed because the primary was being replaced runs again
        // on the new one instead of exhausting its retries within the failover.
        rows.map((r) => ({ id: r.job_id, name: r.name, data: { tick: r.tick.toISOString() } satisfies TickData, retryLimit: 5, retryDelay: 2, retryBackoff: true })),
        { db: bossOn(tx) },
      );
    }
    return rows.map((r) => ({ name: r.name, tick: r.tick, jobId: r.job_id }));
  });
}

/**
 * Fires each schedule once per tick across instances and failovers. pg-boss's cron (its "timekeeper") is not used:
 * it deduplicates by the minute in which its insert reaches the database rather than by the tick, so a check that
 * waited through a failover lands in the next minute's slot and fires the same tick again; and its second hop (an
 * internal job that inserts the real job) is retried when the answer to a committed insert is lost with the dying
 * primary, inserting the real job twice within seconds. Here every instance checks its clock every `everyMs`; a tick
 * is named by its cron instant, so instances whose clocks differ, or one that notices late, claim the same key, and
 * the claim and the job commit together (claimTicks). A claim that failed with the connection is tried again at the
 * next check while the tick is within `windowMs`.
 */
export class TickScheduler {
  private readonly known = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastPruned = -Infinity;

  constructor(
    private readonly deps: { db: Db; clock: Clock; boss: PgBoss },
    private readonly schedules: ScheduledJob[],
    private readonly options: { instance: string; everyMs: number; windowMs: number; keepDays: number; log: (m: string, e?: unknown) => void },
  ) {}

  start(): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), this.options.everyMs);
    this.timer.unref();
  }

  /** One look at the clock: claims every schedule's latest tick not yet seen claimed. Never throws. */
  check(): Promise<void> {
    this.running ??= this.checkOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async checkOnce(): Promise<void> {
    const now = this.deps.clock.now();
    const due = this.schedules.flatMap((s) => {
      const tick = latestTick(s.cron, now, this.options.windowMs);
      return tick && this.known.get(s.name) !== tick.getTime() ? [{ name: s.name, tick }] : [];
    });
    try {
      await claimTicks(this.deps, due, this.options.instance);
      // Claimed here or elsewhere: either way this tick is done for this instance.
      for (const d of due) this.known.set(d.name, d.tick.getTime());
      await this.prune(now);
    } catch (err) {
      this.options.log('lịch chạy nền: chưa nhận được lượt, thử lại ở lần kiểm tra sau / schedule check failed, retried at the next check', err);
    }
  }

  /** Ticks older than `keepDays` are forgotten, once an hour (monotonic: how often, not what time it is). */
  private async prune(now: Date): Promise<void> {
    if (performance.now() - this.lastPruned < 3600_000) return;
    this.lastPruned = performance.now();
    await this.deps.db.query(`DELETE FROM job_tick WHERE claimed_at < $1`, [new Date(now.getTime() - this.options.keepDays * 86_400_000)]);
  }
}

export type JobsOptions = { instance?: string; everyMs?: number; windowMs?: number; timeouts?: DatabaseTimeouts; pollingIntervalSeconds?: number };

/** Runs `fn` again (up to four times, 0.5–1.5 s apart) when it failed because the connection was lost. */
async function onConnectionLossRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= 4 || !isConnectionLoss(e)) throw e;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

type Settle = (...args: unknown[]) => Promise<unknown>;
let completionGuarded = false;

/**
 * pg-boss 10 does not await the `complete` / `fail` it sends after a handler (manager.js, work → onFetch): when a
 * failover cuts the connection at that moment the rejection is unhandled, and Node.js stops the process. Both are made
 * to log instead; the job, never marked, comes back as a retry, and a tick already finished is not run again.
 */
function guardPgBossCompletion(log: (m: string, e?: unknown) => void): void {
  if (completionGuarded) return;
  completionGuarded = true;
  const manager = (createRequire(import.meta.url)('pg-boss/src/manager.js') as { prototype: Record<'complete' | 'fail', Settle> }).prototype;
  for (const method of ['complete', 'fail'] as const) {
    const original = manager[method];
    manager[method] = function (this: unknown, ...args: unknown[]) {
      return original.apply(this, args).catch((e: unknown) => {
        log(`pg-boss ${method} not recorded (the job will be retried)`, e);
        return undefined;
      });
    };
  }
}

/**
 * Starts the workers and the schedules on the application's connection. Everything that changes pg-boss's schema (its
 * tables, one per queue) was done by prepareJobs as the owner on a direct connection, so nothing here holds a session
 * lock or session state: it works through pgbouncer in transaction mode, and pg-boss's pool follows the primary
 * across a failover like the application's (database-hosts.ts).
 */
export async function startJobs(ctx: AppContext, url: string, jobs: JobDefinition[], log: (m: string, e?: unknown) => void, options: JobsOptions = {}): Promise<JobRunner> {
  guardPgBossCompletion(log);
  const schedules = scheduledJobs(jobs, ctx.config);
  const boss = new PgBoss({
    ...poolSettings(url, { max: 4 }, options.timeouts),
    schema: 'pgboss',
    application_name: 'mot-cua-jobs',
    migrate: false,
    schedule: false,
    ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
  });
  boss.on('error', (e) => log('pg-boss error', e));
  await boss.start();
  for (const job of jobs) {
    if (!(await boss.getQueue(job.name))) throw new Error(`Hàng đợi ${job.name} chưa được tạo (prepareJobs) / queue missing: run prepareJobs as the owner first`);
  }
  for (const job of jobs) {
    await boss.work(job.name, async (batch) => {
      for (const j of batch) {
        const tick = (j.data as Partial<TickData> | null)?.tick;
        // A run whose completion pg-boss never heard of (its connection cut by a failover) comes back as a retry:
        // a tick already marked finished is not run again. A connection lost on the way (failover) is retried here,
        // on the pool's next connection, step by step: a handler that finished is not run again for a lost mark.
        if (typeof tick === 'string') {
          const done = await onConnectionLossRetry(() => ctx.db.query(`SELECT 1 FROM job_tick WHERE name = $1 AND tick = $2 AND finished_at IS NOT NULL`, [job.name, tick]));
          if (done.rows.length > 0) continue;
        }
        await onConnectionLossRetry(() => job.handler(ctx, j.data));
        if (typeof tick === 'string') {
          await onConnectionLossRetry(() => ctx.db.query(`UPDATE job_tick SET finished_at = $3 WHERE name = $1 AND tick = $2`, [job.name, tick, ctx.clock.now()]));
        }
      }
    });
  }
  const scheduler = new TickScheduler({ db: ctx.db, clock: ctx.clock, boss }, schedules, {
    instance: options.instance ?? `${os.hostname()}:${process.pid}`,
    everyMs: options.everyMs ?? 5_000,
    // Ticks missed during a failover (seconds) or a restart are still fired; a scan need not catch up an hour.
    windowMs: options.windowMs ?? 5 * 60_000,
    keepDays: 30,
    log,
  });
  scheduler.start();
  return {
    boss,
    scheduler,
    stop: async () => {
      await scheduler.stop();
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
