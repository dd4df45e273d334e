import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf } from '../../../lib/api-types.js';
import type { Shipment } from './list-shipments.js';

export type ShipmentEventInput = BodyOf<'/api/postal/shipments/{id}/events', 'post'>;

/** POST /api/postal/shipments/:id/events — result taken at the desk, delivered, failed, or returned to the desk. */
export function recordShipmentEvent(id: string, body: ShipmentEventInput): Promise<Shipment> {
  return unwrap(api.POST('/api/postal/shipments/{id}/events', { params: { path: { id } }, body }));
}
