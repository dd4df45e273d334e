import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { appendPaymentEvent, lockExpiredPending, setStatus } from '../payment.repo.js';

/**
 * Closes pending payments past their expiry (each with its event). Safe with many instances: rows are taken with
 * SKIP LOCKED. An expired payment can still be settled by a late success from the gateway or the bank (the money moved).
 */
export async function expirePendingPayments(deps: { db: Db; clock: Clock }): Promise<number> {
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    const rows = await lockExpiredPending(tx, now);
    for (const r of rows) {
      await setStatus(tx, r.id, 'expired');
      await appendPaymentEvent(tx, { paymentId: r.id, at: now, kind: 'expired', fromStatus: 'pending', toStatus: 'expired' });
    }
    return rows.length;
  });
}
