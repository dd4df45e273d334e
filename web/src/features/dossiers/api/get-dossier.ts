import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

/** A dossier with its steps, history, deadline state and the actions this officer may take now. */
export type Dossier = ResponseOf<'/api/dossiers/{id}', 'get'>;
export type DossierAction = Dossier['allowedActions'][number];
export type HistoryEntry = Dossier['history'][number];

/** GET /api/dossiers/:id */
export function getDossier(id: string): Promise<Dossier> {
  return unwrap(api.GET('/api/dossiers/{id}', { params: { path: { id } } }));
}
