import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type YearView = ResponseOf<'/api/calendar/years/{year}', 'get'>;
export type Adjustment = YearView['adjustments'][number];

/** GET /api/calendar/years/:year — days off (holidays, nghỉ bù, adjustments), make-up days, sessions; per unit if given. */
export function getCalendarYear(year: number, unitId?: string): Promise<YearView> {
  return unwrap(api.GET('/api/calendar/years/{year}', { params: { path: { year }, query: unitId ? { unitId } : {} } }));
}
