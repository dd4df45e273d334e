import { webhookMode } from './webhook.rules.js';
import type { JobDefinition } from '../../platform/jobs.js';
import { dispatchWebhooks } from './use-cases/dispatch-webhooks.js';
import { sealKeyOf } from './webhook.seal.js';
import { httpSender } from './webhook.sender.js';

export const WEBHOOK_DISPATCH_JOB = 'webhooks.dispatch';
const BATCH = 50;
const RUN_BUDGET_MS = 45_000;

export const webhookJobs: JobDefinition[] = [
  {
    // Every minute: due deliveries in ledger order per subscription and dossier; a subscriber's outage only delays.
    name: WEBHOOK_DISPATCH_JOB,
    cron: '* * * * *',
    handler: async (ctx) => {
      const send = httpSender(webhookMode(ctx.config));
      const sealKey = sealKeyOf(ctx.config.webhookSecretKey);
      // Elapsed time of this run (a budget, not a time that is written): the monotonic clock.
      const started = performance.now();
      for (;;) {
        const r = await dispatchWebhooks({ db: ctx.db, clock: ctx.clock, send, sealKey }, { limit: BATCH });
        if (r.claimed < BATCH || performance.now() - started > RUN_BUDGET_MS) break;
      }
    },
  },
];
