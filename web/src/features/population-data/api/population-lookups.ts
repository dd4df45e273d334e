import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type LookupRow = ResponseOf<'/api/population/lookups', 'get'>['items'][number];

/**
 * GET /api/population/lookups — the population-data look-up log of a unit and the units under it (who looked up which
 * CCCD, when, with which consent), newest first; `before` pages on.
 */
export function listLookups(query: { unitId: string; idNumber?: string; before?: string; limit?: number }): Promise<LookupRow[]> {
  return unwrap(api.GET('/api/population/lookups', { params: { query: { limit: 50, ...query } } })).then((r) => r.items);
}
