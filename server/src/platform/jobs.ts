import PgBoss from 'pg-boss';
import type { AppContext } from './context.js';
import { APP_ROLE, type Db } from './database.js';
import { poolSettings } from './database-hosts.js';

/**
 * A background job owned by a module. Jobs run on pg-boss, a PostgreSQL queue: a scheduled job runs once per
 * tick however many instances are up, and a job enqueued inside a business transaction commits with it.
 */
export type JobDefinition = {
  name: string;
  /** Cron expression in Vietnam time, for scheduled jobs (or one derived from the configuration). */
  cron?: string | ((config: AppContext['config']) => string);
  handler: (ctx: AppContext, data: unknown) => Promise<void>;
};

export type JobRunner = { boss: PgBoss; stop(): Promise<void> };

// Any constant: serialises the queue set-up of instances starting together (pg-boss's own schema creation and
// queue creation deadlock when two processes run them at the same moment — seen in e2e/multi-instance.spec.ts).
const JOBS_SETUP_LOCK = 746_118_2027;
/** pg-boss's internal queue that turns each cron tick into a job (timekeeper.js, QUEUES.SEND_IT). */
const CRON_QUEUE = '__pgboss__send-it';

/**
 * Installs pg-boss's schema and the queues as the database owner (pg-boss creates a table per queue), then lets the
 * application role use them: rows and functions only, like the rest of the schema.
 */
export async function prepareJobs(owner: Db, ownerUrl: string, jobs: JobDefinition[]): Promise<void> {
  const boss = new PgBoss({ ...poolSettings(ownerUrl, { max: 2 }), schema: 'pgboss', application_name: 'mot-cua-setup', supervise: false, schedule: false });
  boss.on('error', () => {});
  const lock = await owner.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [JOBS_SETUP_LOCK]);
    await boss.start();
    for (const job of jobs) await boss.createQueue(job.name);
    // pg-boss's cron runs through this queue of its own, which its timekeeper creates at start and silently skips when
    // it may not (the application role has row rights only): without it no schedule would ever fire.
    await boss.createQueue(CRON_QUEUE);
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

/**
 * Starts the workers and schedules on the application's connection. Everything that changes pg-boss's schema (its
 * tables, one per queue) was done by prepareJobs as the owner on a direct connection, so nothing here holds a session
 * lock or session state: it works through pgbouncer in transaction mode, and pg-boss's pool follows the primary
 * across a failover like the application's (database-hosts.ts). A schedule is an upsert, safe from any instance.
 */
export async function startJobs(ctx: AppContext, url: string, jobs: JobDefinition[], log: (m: string, e?: unknown) => void): Promise<JobRunner> {
  const boss = new PgBoss({ ...poolSettings(url, { max: 4 }), schema: 'pgboss', application_name: 'mot-cua-jobs', migrate: false });
  boss.on('error', (e) => log('pg-boss error', e));
  await boss.start();
  for (const job of jobs) {
    if (!(await boss.getQueue(job.name))) throw new Error(`Hàng đợi ${job.name} chưa được tạo (prepareJobs) / queue missing: run prepareJobs as the owner first`);
    const cron = typeof job.cron === 'function' ? job.cron(ctx.config) : job.cron;
    if (cron) await boss.schedule(job.name, cron, {}, { tz: 'Asia/Ho_Chi_Minh' });
  }
  for (const job of jobs) {
    await boss.work(job.name, async (batch) => {
      for (const j of batch) await job.handler(ctx, j.data);
    });
  }
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}
