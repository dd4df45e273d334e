import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf, ResponseOf } from '../../../lib/api-types.js';

export type WorkingHoursView = ResponseOf<'/api/calendar/working-hours', 'get'>;
export type SetWorkingHoursInput = BodyOf<'/api/calendar/working-hours', 'put'>;

/** GET /api/calendar/working-hours — the office hours of the unit's province, by the date they apply from. */
export function getWorkingHours(unitId: string): Promise<WorkingHoursView> {
  return unwrap(api.GET('/api/calendar/working-hours', { params: { query: { unitId } } }));
}

/** PUT /api/calendar/working-hours — the province's hours from a date (today or later). */
export function setWorkingHours(input: SetWorkingHoursInput): Promise<WorkingHoursView> {
  return unwrap(api.PUT('/api/calendar/working-hours', { body: input }));
}

/** DELETE /api/calendar/working-hours/:id — hours set by mistake, while no day or dossier deadline uses them yet. */
export async function deleteWorkingHours(id: string): Promise<void> {
  await unwrap(api.DELETE('/api/calendar/working-hours/{id}', { params: { path: { id } } }));
}
