import type { AppContext } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/jobs.js';
import { dateOfDayNumber, dayNumberOf, vnDateOf, vnInstant } from '../working-calendar/vn-time.js';
import { takeOpenSnapshot } from './reports.repo.js';
import { dailyCron } from './reports.rules.js';
import { produceDailyReports } from './use-cases/produce-daily-reports.js';

/**
 * Stores the open stock at the end of yesterday (Vietnam time): the on-time / overdue split of columns 12–13 of
 * Biểu 06 for periods that ended in the past. Overdue is judged at midnight; changes made between midnight and the
 * run (a few minutes, outside working hours) are the only source of error, and the totals never depend on it.
 */
export async function snapshotOpenStock(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<{ day: string; rows: number }> {
  const today = vnDateOf(ctx.clock.now());
  const day = dateOfDayNumber(dayNumberOf(today) - 1);
  const rows = await takeOpenSnapshot(ctx.db, day, vnInstant(today));
  return { day, rows };
}

export const reportJobs: JobDefinition[] = [
  {
    name: 'reports.daily',
    cron: (config) => dailyCron(config.reportDailyAt),
    handler: async (ctx) => {
      await produceDailyReports(ctx);
    },
  },
  {
    name: 'reports.snapshot-open',
    cron: '1 0 * * *',
    handler: async (ctx) => {
      await snapshotOpenStock(ctx);
    },
  },
];
