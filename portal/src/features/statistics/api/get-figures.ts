import type { paths } from '../../../../../web/src/lib/api-schema.js';
import { api, unwrap } from '../../../lib/api-client.js';

type Op = paths['/api/info-portal/figures']['get'];
export type Figures = Op['responses'][200]['content']['application/json'];
export type FigurePeriod = NonNullable<NonNullable<Op['parameters']['query']>['period']>;

/** GET /api/info-portal/figures — the counters of a province or commune (none: every unit), for a period. */
export function getFigures(unitId: string | null, period: FigurePeriod): Promise<Figures> {
  return unwrap(api.GET('/api/info-portal/figures', { params: { query: unitId ? { unitId, period } : { period } } }));
}
