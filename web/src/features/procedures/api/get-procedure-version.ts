import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type ProcedureVersion = ResponseOf<'/api/procedures/{id}/versions/{versionId}', 'get'>;

/** GET /api/procedures/:id/versions/:versionId — one version's content (the draft being edited, or an old one). */
export function getProcedureVersion(id: string, versionId: string): Promise<ProcedureVersion> {
  return unwrap(api.GET('/api/procedures/{id}/versions/{versionId}', { params: { path: { id, versionId } } }));
}
