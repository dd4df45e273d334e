import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf, ResponseOf } from '../../../lib/api-types.js';

export type ReconcileInput = BodyOf<'/api/payments/reconciliation', 'post'>;
export type ReconcileReport = ResponseOf<'/api/payments/reconciliation', 'post'>;
export type ReconcileLine = ReconcileReport['lines'][number];
export type LineMatch = ReconcileLine['match'];

/** POST /api/payments/reconciliation — imports a bank statement (CSV or JSON lines) and settles the VietQR payments it names. */
export function reconcileStatement(input: ReconcileInput): Promise<ReconcileReport> {
  return unwrap(api.POST('/api/payments/reconciliation', { body: input }));
}
