import type { JobDefinition } from '../../platform/jobs.js';
import { dateOfDayNumber, vnDayNumber } from '../working-calendar/vn-time.js';
import { pruneCounters } from './portal-reading.repo.js';
import { runSchedule } from './use-cases/write-article.js';

export const infoPortalJobs: JobDefinition[] = [
  // Scheduled publishing and unpublishing, at the clock's now (once per minute whatever the number of instances).
  { name: 'info-portal.schedule', cron: '* * * * *', handler: async (ctx) => void (await runSchedule(ctx)) },
  // Yesterday's visitors stay for "online now" across midnight; older hashes and their salt are deleted.
  { name: 'info-portal.prune-visits', cron: '5 0 * * *', handler: async (ctx) => pruneCounters(ctx.db, dateOfDayNumber(vnDayNumber(ctx.clock.now()) - 1)) },
];
