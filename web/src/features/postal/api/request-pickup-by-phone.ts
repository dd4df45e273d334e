import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf, ResponseOf } from '../../../lib/api-types.js';

export type PickupRequestInput = BodyOf<'/api/postal/pickups', 'post'>;

/** POST /api/postal/pickups — the desk records a citizen's phone call asking for a pickup at home. */
export function requestPickupByPhone(body: PickupRequestInput): Promise<ResponseOf<'/api/postal/pickups', 'post'>> {
  return unwrap(api.POST('/api/postal/pickups', { body }));
}
