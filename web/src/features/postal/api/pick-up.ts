import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf } from '../../../lib/api-types.js';
import type { Pickup } from './list-pickups.js';

export type PickUpInput = BodyOf<'/api/postal/pickups/{id}/pick-up', 'post'>;

/** POST /api/postal/pickups/:id/pick-up — documents checked, Phiếu gửi signed, fees collected with a receipt. */
export function pickUp(id: string, body: PickUpInput): Promise<Pickup> {
  return unwrap(api.POST('/api/postal/pickups/{id}/pick-up', { params: { path: { id } }, body }));
}
