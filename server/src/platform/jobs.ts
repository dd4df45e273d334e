import PgBoss from 'pg-boss';
import type { AppContext } from './context.js';

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

export async function startJobs(ctx: AppContext, url: string, jobs: JobDefinition[], log: (m: string, e?: unknown) => void): Promise<JobRunner> {
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', application_name: 'mot-cua-jobs', max: 4 });
  boss.on('error', (e) => log('pg-boss error', e));
  const lock = await ctx.db.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [JOBS_SETUP_LOCK]);
    await boss.start();
    for (const job of jobs) {
      await boss.createQueue(job.name);
      const cron = typeof job.cron === 'function' ? job.cron(ctx.config) : job.cron;
      if (cron) await boss.schedule(job.name, cron, {}, { tz: 'Asia/Ho_Chi_Minh' });
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [JOBS_SETUP_LOCK]).catch(() => {});
    lock.release();
  }
  for (const job of jobs) {
    await boss.work(job.name, async (batch) => {
      for (const j of batch) await job.handler(ctx, j.data);
    });
  }
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}
