import type { paths } from '../../../../../web/src/lib/api-schema.js';
import { api, unwrap } from '../../../lib/api-client.js';

export type PickupTracking = paths['/api/postal/pickup-requests/track']['post']['responses'][200]['content']['application/json'];

/** POST /api/postal/pickup-requests/track — a pickup request by its confirmation code and the phone or 4 CCCD digits. */
export function trackPickup(code: string, secret: string): Promise<PickupTracking> {
  return unwrap(api.POST('/api/postal/pickup-requests/track', { body: { code, secret } }));
}
