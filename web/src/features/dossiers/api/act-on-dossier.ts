import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf } from '../../../lib/api-types.js';
import type { Dossier } from './get-dossier.js';

export type ActionInput = BodyOf<'/api/dossiers/{id}/actions', 'post'>;

/** POST /api/dossiers/:id/actions — one step of the processing (forward, approve, apologise, return…); answers the updated dossier. */
export function actOnDossier(id: string, input: ActionInput): Promise<Dossier> {
  return unwrap(api.POST('/api/dossiers/{id}/actions', { params: { path: { id } }, body: input }));
}
