import type { paths } from '../../../../../web/src/lib/api-schema.js';
import { api, unwrap } from '../../../lib/api-client.js';

export type DossierFee = paths['/api/payments/public/fee']['post']['responses'][200]['content']['application/json'];
export type StartedPayment = paths['/api/payments/public/start']['post']['responses'][200]['content']['application/json'];
export type PublicPayment = paths['/api/payments/public/{reference}']['get']['responses'][200]['content']['application/json'];
export type OnlineMethod = StartedPayment['method'];

/** POST /api/payments/public/fee — the dossier's fee and whether it is paid (tracking credentials). */
export function getDossierFee(code: string, secret: string): Promise<DossierFee> {
  return unwrap(api.POST('/api/payments/public/fee', { body: { code, secret } }));
}

/** POST /api/payments/public/start — opens a payment of the dossier's fee (the server decides the amount). */
export function startPayment(code: string, secret: string, method: OnlineMethod): Promise<StartedPayment> {
  return unwrap(api.POST('/api/payments/public/start', { body: { code, secret, method } }));
}

/** GET /api/payments/public/{reference}?t= — one payment, through its capability link. */
export function getPublicPayment(reference: string, token: string): Promise<PublicPayment> {
  return unwrap(api.GET('/api/payments/public/{reference}', { params: { path: { reference }, query: { t: token } } }));
}
