import type { Queryable } from '../../platform/database.js';
import { dossierStatuses, isClosed } from '../dossiers/dossier.rules.js';

/** The statuses in which a dossier's handling is over (returned, withdrawn, refused…): the ledger's own list. */
const closedStatuses = dossierStatuses.filter(isClosed);

/**
 * One batch of each outbox's delivered rows older than `cutoff`, at most `limit`; returns how many went. Children go
 * by ON DELETE CASCADE (migration 20261206050001). The statuses named here are the delivered ones; nothing pending,
 * failed or given up is ever touched.
 */
export const pruneStatements = {
  /** E-mails, SMS and Zalo messages sent (or confirmed delivered) before the cutoff, unless a fallback message names them. */
  notifications: `
    DELETE FROM notification_outbox WHERE id IN (
      SELECT o.id FROM notification_outbox o
       WHERE o.status IN ('sent', 'delivered') AND o.sent_at < $1
         AND NOT EXISTS (SELECT 1 FROM notification_outbox f WHERE f.fallback_of = o.id)
       LIMIT $2)`,
  /** Webhook deliveries answered 2xx before the cutoff, unless a replay still in the log points at them. */
  webhooks: `
    DELETE FROM webhook_delivery WHERE id IN (
      SELECT w.id FROM webhook_delivery w
       WHERE w.status = 'delivered' AND w.delivered_at < $1
         AND NOT EXISTS (SELECT 1 FROM webhook_delivery r WHERE r.replay_of = w.id)
       LIMIT $2)`,
  /**
   * The national portal sync: a resync ("Gửi lại") reads the dossier's history from the ledger, not from these rows;
   * still, only the rows of a dossier that is closed, has nothing waiting and no open difference go, and its newest row
   * always stays (what was last delivered, for support).
   */
  nationalSync: `
    DELETE FROM national_sync_outbox WHERE id IN (
      SELECT o.id FROM national_sync_outbox o JOIN dossier d ON d.id = o.dossier_id
       WHERE o.status IN ('sent', 'skipped') AND o.sent_at < $1
         AND d.status = ANY($3::text[])
         AND EXISTS (SELECT 1 FROM national_sync_outbox n WHERE n.dossier_id = o.dossier_id AND n.id > o.id)
         AND NOT EXISTS (SELECT 1 FROM national_sync_outbox p WHERE p.dossier_id = o.dossier_id AND (p.status = 'pending' OR p.sent_at >= $1))
         AND NOT EXISTS (SELECT 1 FROM national_sync_difference x WHERE x.dossier_id = o.dossier_id AND x.resolved_at IS NULL)
       LIMIT $2)`,
  /** Answers the national portal took before the cutoff. */
  nationalAnswers: `
    DELETE FROM national_answer_outbox WHERE id IN (
      SELECT a.id FROM national_answer_outbox a WHERE a.status = 'sent' AND a.sent_at < $1 LIMIT $2)`,
} as const;

export type OutboxName = keyof typeof pruneStatements;

export async function pruneBatch(q: Queryable, outbox: OutboxName, cutoff: Date, limit: number): Promise<number> {
  const { rowCount } = await q.query(pruneStatements[outbox], outbox === 'nationalSync' ? [cutoff, limit, closedStatuses] : [cutoff, limit]);
  return rowCount ?? 0;
}
