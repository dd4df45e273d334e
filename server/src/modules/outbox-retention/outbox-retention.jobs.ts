import type { JobDefinition } from '../../platform/jobs.js';
import { jsonLineLog } from '../../platform/log.js';
import { pruneOutboxes } from './prune-outboxes.js';

export const OUTBOX_PRUNE_JOB = 'outbox.prune';

export const outboxRetentionJobs: JobDefinition[] = [
  {
    // Every night at 02:30 Vietnam time, outside office hours: delivered rows older than OUTBOX_RETENTION_DAYS.
    name: OUTBOX_PRUNE_JOB,
    cron: '30 2 * * *',
    handler: async (ctx) => {
      const report = await pruneOutboxes({ db: ctx.db, clock: ctx.clock }, { retentionDays: ctx.config.outboxRetentionDays });
      jsonLineLog().info({ job: OUTBOX_PRUNE_JOB, retentionDays: ctx.config.outboxRetentionDays, ...report }, 'đã dọn hộp thư đi / outboxes pruned');
    },
  },
];
