import type { JobDefinition } from '../../platform/jobs.js';

export const citizenJobs: JobDefinition[] = [
  {
    // Expired portal sessions and abandoned OIDC sign-ins are removed hourly (the tables hold only live ones).
    name: 'citizens.purge-expired-sessions',
    cron: '23 * * * *',
    handler: async (ctx) => {
      const now = ctx.clock.now();
      await ctx.db.query(`DELETE FROM citizen_session WHERE expires_at < $1`, [now]);
      await ctx.db.query(`DELETE FROM citizen_oidc_login WHERE expires_at < $1`, [now]);
    },
  },
];
