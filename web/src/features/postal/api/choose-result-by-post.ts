import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf } from '../../../lib/api-types.js';

/** POST /api/postal/result-by-post — the citizen asks (at the desk or by phone) for the result by post, by dossier code. */
export function chooseResultByPost(body: BodyOf<'/api/postal/result-by-post', 'post'>): Promise<{ dossierId: string }> {
  return unwrap(api.POST('/api/postal/result-by-post', { body }));
}
