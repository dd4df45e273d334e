import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type DossierFile = ResponseOf<'/api/dossiers/{id}/files', 'get'>[number];

/** GET /api/dossiers/:id/files — the scans (components and results) attached to a dossier. */
export function listDossierFiles(id: string): Promise<DossierFile[]> {
  return unwrap(api.GET('/api/dossiers/{id}/files', { params: { path: { id } } }));
}
