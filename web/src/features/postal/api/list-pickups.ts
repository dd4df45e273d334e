import { api, unwrap } from '../../../lib/api-client.js';
import type { QueryOf, ResponseOf } from '../../../lib/api-types.js';

export type Pickup = ResponseOf<'/api/postal/pickups', 'get'>[number];

/** GET /api/postal/pickups — pickup orders of the postal worker's area or of the officer's desk. */
export function listPickups(query: QueryOf<'/api/postal/pickups', 'get'> = {}): Promise<Pickup[]> {
  return unwrap(api.GET('/api/postal/pickups', { params: { query } }));
}
