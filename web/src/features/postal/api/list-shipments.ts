import { api, unwrap } from '../../../lib/api-client.js';
import type { QueryOf, ResponseOf } from '../../../lib/api-types.js';

export type Shipment = ResponseOf<'/api/postal/shipments', 'get'>[number];

/** GET /api/postal/shipments — results to deliver in the area (new ready results get their shipment first). */
export function listShipments(query: QueryOf<'/api/postal/shipments', 'get'> = {}): Promise<Shipment[]> {
  return unwrap(api.GET('/api/postal/shipments', { params: { query } }));
}
