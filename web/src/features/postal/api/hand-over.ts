import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf } from '../../../lib/api-types.js';
import type { Pickup } from './list-pickups.js';

/** POST /api/postal/pickups/:id/hand-over — the desk signs the Biên bản giao nhận; the dossier is received (channel postal). */
export function handOver(id: string, body: BodyOf<'/api/postal/pickups/{id}/hand-over', 'post'>): Promise<Pickup> {
  return unwrap(api.POST('/api/postal/pickups/{id}/hand-over', { params: { path: { id } }, body }));
}
