import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

/** A dossier's fee (phí, lệ phí), whether it is paid, and each payment with its event log. */
export type DossierPayments = ResponseOf<'/api/dossiers/{id}/payments', 'get'>;
export type Payment = DossierPayments['payments'][number];
export type PaymentMethod = Payment['method'];
export type PaymentStatus = Payment['status'];

/** GET /api/dossiers/:id/payments */
export function listDossierPayments(dossierId: string): Promise<DossierPayments> {
  return unwrap(api.GET('/api/dossiers/{id}/payments', { params: { path: { id: dossierId } } }));
}
