import type { JobDefinition } from '../../platform/jobs.js';
import { deleteExpiredSessions } from './identity.repo.js';

export const identityJobs: JobDefinition[] = [
  {
    name: 'identity.purge-expired-sessions',
    cron: '17 * * * *',
    handler: async (ctx) => {
      await deleteExpiredSessions(ctx.db);
      await ctx.db.query(`DELETE FROM login_throttle WHERE window_start < now() - interval '1 day'`);
    },
  },
];
