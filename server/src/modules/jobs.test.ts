import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { allJobs } from './jobs.js';

/**
 * Every scheduled job runs once against the real schema. A statement PostgreSQL cannot even plan (a parameter whose type
 * it cannot infer, a renamed column) fails here rather than silently every hour in production: the hourly purge of
 * sessions, rate-limit windows and one-time codes did so until 4 December 2026 (`timestamptz < interval`).
 */
describe('scheduled jobs', () => {
  let t: TestApp;
  const now = new Date('2026-12-04T03:00:00Z');
  beforeAll(async () => (t = await buildTestApp({ clock: { now: () => now } })));
  afterAll(() => t.close());

  it.each(allJobs.map((j) => [j.name, j] as const))('%s runs on the real schema', async (_name, job) => {
    await expect(job.handler(t.ctx, {})).resolves.toBeUndefined();
  });

  it('the hourly purge forgets rate-limit windows and guards idle for 30 days, and keeps recent ones', async () => {
    const day = 24 * 3600 * 1000;
    const old = new Date(now.getTime() - 31 * day);
    const recent = new Date(now.getTime() - 29 * day);
    await t.ctx.db.query(`INSERT INTO rate_limit_window (key, window_start, hits) VALUES ('old', $1, 1), ('recent', $2, 1)`, [old, recent]);
    await t.ctx.db.query(`INSERT INTO attempt_guard (key, failures, last_failure_at) VALUES ('old', 1, $1), ('recent', 1, $2)`, [old, recent]);
    await allJobs.find((j) => j.name === 'identity.purge-expired-sessions')!.handler(t.ctx, {});
    expect((await t.ctx.db.query<{ key: string }>(`SELECT key FROM rate_limit_window ORDER BY key`)).rows.map((r) => r.key)).toEqual(['recent']);
    expect((await t.ctx.db.query<{ key: string }>(`SELECT key FROM attempt_guard ORDER BY key`)).rows.map((r) => r.key)).toEqual(['recent']);
  });
});
