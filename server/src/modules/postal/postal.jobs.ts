import type { JobDefinition } from '../../platform/jobs.js';
import { createDueShipments } from './use-cases/create-shipments.js';

export const postalJobs: JobDefinition[] = [
  {
    // Results ready to go back by post get their shipment, tracking code and notifications (create-shipments.ts).
    name: 'postal.create-shipments',
    cron: '* * * * *',
    handler: async (ctx) => {
      await createDueShipments(ctx);
    },
  },
];
