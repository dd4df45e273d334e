import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf, ResponseOf } from '../../../lib/api-types.js';

export type PairInput = BodyOf<'/api/satisfaction/kiosks', 'post'>;
/** The new kiosk with its token: shown once, only its hash is kept. */
export type PairedKiosk = ResponseOf<'/api/satisfaction/kiosks', 'post'>;

/** POST /api/satisfaction/kiosks */
export function pairKiosk(input: PairInput): Promise<PairedKiosk> {
  return unwrap(api.POST('/api/satisfaction/kiosks', { body: input }));
}
