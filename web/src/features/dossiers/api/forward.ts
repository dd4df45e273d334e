import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type ForwardCandidates = ResponseOf<'/api/dossiers/{id}/forward-candidates', 'get'>;

/** GET /api/dossiers/:id/forward-candidates — the next step, its unit and the officers who may receive the dossier. */
export function forwardCandidates(id: string): Promise<ForwardCandidates> {
  return unwrap(api.GET('/api/dossiers/{id}/forward-candidates', { params: { path: { id } } }));
}

/** POST /api/dossiers/:id/undo-forward — takes back the officer's own forward while it is safe (the page reloads after: no answer asked). */
export async function undoForward(id: string): Promise<void> {
  await unwrap(api.POST('/api/dossiers/{id}/undo-forward', { params: { path: { id } }, headers: { prefer: 'return=minimal' } }));
}
