import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type SignersView = ResponseOf<'/api/units/{id}/signers', 'get'>;
export type SignerRow = SignersView['signers'][number];

/** GET /api/units/{id}/signers — who may sign the unit's letters, and who signs today. */
export function listSigners(unitId: string): Promise<SignersView> {
  return unwrap(api.GET('/api/units/{id}/signers', { params: { path: { id: unitId } } }));
}
