import type { JobDefinition } from '../../platform/jobs.js';
import { purgeRateLimits } from '../../platform/rate-limit.js';
import { deleteExpiredSessions } from './identity.repo.js';
import { purgeOtps } from './otp.repo.js';

export const identityJobs: JobDefinition[] = [
  {
    name: 'identity.purge-expired-sessions',
    cron: '17 * * * *',
    handler: async (ctx) => {
      const now = ctx.clock.now();
      await deleteExpiredSessions(ctx.db, now);
      // Rate-limit windows and attempt guards idle for 30 days (the longest memory of a tracking guard), spent codes.
      await purgeRateLimits(ctx.db, now, 30 * 24 * 3600);
      await purgeOtps(ctx.db, now);
    },
  },
];
