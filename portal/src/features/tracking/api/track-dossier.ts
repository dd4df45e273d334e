import type { paths } from '../../../../../web/src/lib/api-schema.js';
import { api, unwrap } from '../../../lib/api-client.js';

export type Tracking = paths['/api/tracking']['get']['responses'][200]['content']['application/json'];

/** GET /api/tracking — a dossier's status by its code plus the applicant's phone or the last 4 digits of the CCCD. */
export function trackDossier(code: string, secret: string): Promise<Tracking> {
  return unwrap(api.GET('/api/tracking', { params: { query: { code, secret } } }));
}
