import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database.js';
import { pruneBatch, pruneStatements, type OutboxName } from './outbox-retention.repo.js';
import { PRUNE_BATCH, retentionCutoff } from './outbox-retention.rules.js';

export type PruneReport = Record<OutboxName, number>;

/**
 * Deletes every outbox's delivered rows older than `retentionDays` (by the injected clock), batch by batch, and
 * says how many went from each. Undelivered rows stay whatever their age.
 */
export async function pruneOutboxes(deps: { db: Db; clock: Clock }, opts: { retentionDays: number; batch?: number }): Promise<PruneReport> {
  const cutoff = retentionCutoff(deps.clock.now(), opts.retentionDays);
  const batch = opts.batch ?? PRUNE_BATCH;
  const report = {} as PruneReport;
  for (const outbox of Object.keys(pruneStatements) as OutboxName[]) {
    report[outbox] = 0;
    for (;;) {
      const n = await pruneBatch(deps.db, outbox, cutoff, batch);
      report[outbox] += n;
      if (n < batch) break;
    }
  }
  return report;
}
