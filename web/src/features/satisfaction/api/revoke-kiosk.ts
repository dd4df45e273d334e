import { api, unwrap } from '../../../lib/api-client.js';
import type { Kiosk } from './list-kiosks.js';

/** POST /api/satisfaction/kiosks/:id/revoke — the tablet's token stops working at once. */
export function revokeKiosk(id: string): Promise<Kiosk> {
  return unwrap(api.POST('/api/satisfaction/kiosks/{id}/revoke', { params: { path: { id } } }));
}
