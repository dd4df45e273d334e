import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf } from '../../../lib/api-types.js';
import type { DossierPayments } from './list-dossier-payments.js';

export type CashInput = BodyOf<'/api/dossiers/{id}/payments/cash', 'post'>;

/** POST /api/dossiers/:id/payments/cash — the fee received in cash at the desk; the receipt is numbered at once. */
export function recordCash(dossierId: string, input: CashInput): Promise<DossierPayments> {
  return unwrap(api.POST('/api/dossiers/{id}/payments/cash', { params: { path: { id: dossierId } }, body: input }));
}
