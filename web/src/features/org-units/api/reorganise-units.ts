import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf, ResponseOf } from '../../../lib/api-types.js';

export type ReorganiseInput = BodyOf<'/api/units/reorganisations', 'post'>;

/** POST /api/units/reorganisations — merge, rename, split or transfer: predecessors close, the successor takes over. */
export function reorganiseUnits(input: ReorganiseInput): Promise<ResponseOf<'/api/units/reorganisations', 'post'>> {
  return unwrap(api.POST('/api/units/reorganisations', { body: input }));
}
