import { api, unwrap } from '../../../lib/api-client.js';
import type { QueryOf, ResponseOf } from '../../../lib/api-types.js';

export type Summary = ResponseOf<'/api/satisfaction/summary', 'get'>;
export type SummaryQuery = QueryOf<'/api/satisfaction/summary', 'get'>;
export type IndicatorRow = Summary['indicators'][number];
export type OfficerRow = Summary['officers'][number];

/** GET /api/satisfaction/summary — ratings of a unit's subtree over a period (Thông tư 01/2018/TT-VPCP Điều 15). */
export function getSummary(query: SummaryQuery): Promise<Summary> {
  return unwrap(api.GET('/api/satisfaction/summary', { params: { query } }));
}
