import type { JobDefinition } from '../../platform/jobs.js';
import { expirePendingPayments } from './use-cases/expire-payments.js';

/** Every 5 minutes: pending online payments past their expiry become expired. */
export const paymentJobs: JobDefinition[] = [
  {
    name: 'payments.expire-pending',
    cron: '*/5 * * * *',
    handler: async (ctx) => {
      await expirePendingPayments(ctx);
    },
  },
];
