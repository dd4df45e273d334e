import type { paths } from '../../../../../web/src/lib/api-schema.js';
import { api, unwrap } from '../../../lib/api-client.js';

export type PickupRequest = NonNullable<paths['/api/postal/pickup-requests']['post']['requestBody']>['content']['application/json'];
export type PickupConfirmation = paths['/api/postal/pickup-requests']['post']['responses'][201]['content']['application/json'];

/** POST /api/postal/pickup-requests — ask the post to fetch a dossier at home; answers the confirmation code. */
export function requestPickup(body: PickupRequest): Promise<PickupConfirmation> {
  return unwrap(api.POST('/api/postal/pickup-requests', { body }));
}
