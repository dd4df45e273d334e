import type { JobDefinition } from '../../platform/jobs.js';
import { jsonLineLog, type Log } from '../../platform/log.js';
import { vnDateOf } from '../working-calendar/vn-time.js';
import { warnsNow } from './national-portal.rules.js';
import { nationalPortalOf } from './national-portal.service.js';
import { dispatchNationalSync, type SyncReport } from './use-cases/dispatch-sync.js';
import { pullNationalDossiers } from './use-cases/pull-national-dossiers.js';
import { reconcileDay } from './use-cases/reconcile.js';
import { dispatchNationalAnswers, ingestNationalQuestions } from './use-cases/sync-questions.js';

export const NATIONAL_SYNC_JOB = 'national-portal.sync';
export const NATIONAL_RECONCILE_JOB = 'national-portal.reconcile';
export const NATIONAL_PULL_JOB = 'national-portal.pull';
export const NATIONAL_QUESTIONS_JOB = 'national-portal.questions';
const BATCH = 50;

let lastWarningAt: number | null = null;
let failedSinceWarning = 0;

/**
 * A failed batch is a warning in the log (an outage must not be silent), at most one per SYNC_WARNING_EVERY_MS with the
 * number of batches that failed since the last warning. Exported for the test, which passes its own log.
 */
export function warnFailedBatch(r: SyncReport, now: Date, log: Log = jsonLineLog()): void {
  if (r.failed === 0) return;
  failedSinceWarning++;
  if (!warnsNow(lastWarningAt, now.getTime())) return;
  log.warn(
    { job: NATIONAL_SYNC_JOB, failed: r.failed, sent: r.sent, failedBatches: failedSinceWarning, lastError: r.lastError },
    'Cổng DVCQG không nhận hồ sơ đồng bộ, sẽ thử lại / national portal sync batch failed, retrying',
  );
  lastWarningAt = now.getTime();
  failedSinceWarning = 0;
}
const RUN_BUDGET_MS = 45_000;

export const nationalPortalJobs: JobDefinition[] = [
  {
    // Every minute: the outbox in ledger order; an outage only makes rows wait for their next attempt.
    name: NATIONAL_SYNC_JOB,
    cron: '* * * * *',
    handler: async (ctx) => {
      const portal = nationalPortalOf(ctx);
      if (!portal) return;
      // Elapsed time of this run (a budget, not a time that is written): the monotonic clock.
      const started = performance.now();
      for (;;) {
        const r = await dispatchNationalSync({ db: ctx.db, clock: ctx.clock, portal, config: ctx.config }, BATCH);
        warnFailedBatch(r, ctx.clock.now());
        if (r.dossiers < BATCH || performance.now() - started > RUN_BUDGET_MS) break;
      }
    },
  },
  {
    // Every hour at :20, the day's dossiers compared with the national copy; in the first run after midnight (Vietnam
    // time) yesterday's too, for its late events. The console's "Đối soát ngay" runs the same comparison on demand.
    name: NATIONAL_RECONCILE_JOB,
    cron: '20 * * * *',
    handler: async (ctx) => {
      const portal = nationalPortalOf(ctx);
      if (!portal) return;
      const now = ctx.clock.now();
      const today = vnDateOf(now);
      const days = vnDateOf(new Date(now.getTime() - 3600_000)) === today ? [today] : [vnDateOf(new Date(now.getTime() - 86_400_000)), today];
      for (const day of days) await reconcileDay({ db: ctx.db, clock: ctx.clock, portal, config: ctx.config }, day);
    },
  },
  {
    // Every five minutes, besides the push: the dossiers submitted on the portal since the last cursor (a lost push).
    name: NATIONAL_PULL_JOB,
    cron: '*/5 * * * *',
    handler: async (ctx) => {
      const portal = nationalPortalOf(ctx);
      if (!portal) return;
      await pullNationalDossiers({ db: ctx.db, clock: ctx.clock, files: ctx.files, portal, config: ctx.config });
    },
  },
  {
    // Every five minutes: new questions of the portal's Q&A into the feedback register, then published answers back.
    name: NATIONAL_QUESTIONS_JOB,
    cron: '*/5 * * * *',
    handler: async (ctx) => {
      const portal = nationalPortalOf(ctx);
      if (!portal) return;
      await ingestNationalQuestions({ db: ctx.db, clock: ctx.clock, portal, provinceCode: ctx.config.nationalPortalAgencyCode });
      await dispatchNationalAnswers({ db: ctx.db, clock: ctx.clock, portal });
    },
  },
];
