import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf, ResponseOf } from '../../../lib/api-types.js';

export type ProcedureDetail = ResponseOf<'/api/procedures/{id}', 'get'>;
export type ProcedureContent = BodyOf<'/api/procedures/{id}/draft', 'put'>;

/** GET /api/procedures/:id — the version shown, all versions, the draft's id and the actions allowed now. */
export function getProcedure(id: string): Promise<ProcedureDetail> {
  return unwrap(api.GET('/api/procedures/{id}', { params: { path: { id } } }));
}
