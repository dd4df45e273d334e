import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

/** A rating tablet paired with a unit (thiết bị đánh giá tại Bộ phận Một cửa). */
export type Kiosk = ResponseOf<'/api/satisfaction/kiosks', 'get'>['items'][number];

/** GET /api/satisfaction/kiosks — the kiosks of the units where the officer receives dossiers, revoked ones included. */
export function listKiosks(): Promise<Kiosk[]> {
  return unwrap(api.GET('/api/satisfaction/kiosks')).then((r) => r.items);
}
