import type { JobDefinition } from '../../platform/jobs.js';
import { deleteExpiredSessions } from './identity.repo.js';

export const identityJobs: JobDefinition[] = [
  {
    name: 'identity.purge-expired-sessions',
    cron: '17 * * * *',
    handler: async (ctx) => {
      const now = ctx.clock.now();
      await deleteExpiredSessions(ctx.db, now);
      await ctx.db.query(`DELETE FROM login_throttle WHERE window_start < $1::timestamptz - interval '1 day'`, [now]);
    },
  },
];
