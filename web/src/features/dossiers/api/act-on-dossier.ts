import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf } from '../../../lib/api-types.js';

export type ActionInput = BodyOf<'/api/dossiers/{id}/actions', 'post'>;

/**
 * POST /api/dossiers/:id/actions — one step of the processing (forward, approve, apologise, return…). The page reloads
 * the dossier it shows afterwards, so it asks for no answer (`Prefer: return=minimal`, 204): the server does not build
 * a view nobody reads.
 */
export async function actOnDossier(id: string, input: ActionInput): Promise<void> {
  await unwrap(api.POST('/api/dossiers/{id}/actions', { params: { path: { id } }, body: input, headers: { prefer: 'return=minimal' } }));
}
