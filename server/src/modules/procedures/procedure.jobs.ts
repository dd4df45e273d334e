import type { JobDefinition } from '../../platform/jobs.js';
import { withTransaction } from '../../platform/database.js';
import { vnDateOf } from '../working-calendar/vn-time.js';
import { applyVersionsInForce } from './procedure.repo.js';

/**
 * A version published for a later date takes the catalogue row on its date without anyone acting. The detail pages,
 * the desk's intake and online submission resolve the version in force at read time by the clock, so they switch on
 * the dot; the catalogue's listing columns (name, fee, online level…) are stored because the trigram search and the
 * filters run on them, so this job moves them — at 00:00 Vietnam time and each hour after, idempotently, so a missed
 * midnight (instance down, failover) is caught up.
 */
export const procedureJobs: JobDefinition[] = [
  {
    name: 'procedures.apply-versions-in-force',
    cron: '0 * * * *',
    handler: async (ctx) => {
      await withTransaction(ctx.db, (tx) => applyVersionsInForce(tx, vnDateOf(ctx.clock.now())));
    },
  },
];
