import { api, unwrap } from '../../../lib/api-client.js';
import type { Pickup } from './list-pickups.js';

/** POST /api/postal/pickups/:id/cancel — the order is dropped before the hand-over. */
export function cancelPickup(id: string, reason: string): Promise<Pickup> {
  return unwrap(api.POST('/api/postal/pickups/{id}/cancel', { params: { path: { id } }, body: { reason } }));
}
