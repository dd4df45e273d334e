import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf } from '../../../lib/api-types.js';
import type { SignersView } from './list-signers.js';

export type SignerInput = BodyOf<'/api/units/{id}/signers', 'post'>;

/** POST /api/units/{id}/signers (new) or PUT …/{signerId} (change) — a head or an authorised deputy, from when to when. */
export function saveSigner(unitId: string, signerId: string | null, body: SignerInput): Promise<SignersView> {
  return signerId
    ? unwrap(api.PUT('/api/units/{id}/signers/{signerId}', { params: { path: { id: unitId, signerId } }, body }))
    : unwrap(api.POST('/api/units/{id}/signers', { params: { path: { id: unitId } }, body }));
}

/** DELETE /api/units/{id}/signers/{signerId} — removes an entry made by mistake. */
export function removeSigner(unitId: string, signerId: string): Promise<SignersView> {
  return unwrap(api.DELETE('/api/units/{id}/signers/{signerId}', { params: { path: { id: unitId, signerId } } }));
}
