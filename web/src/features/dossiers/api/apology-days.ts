import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type AppointmentDay = ResponseOf<'/api/dossiers/{id}/apology-days', 'get'>[number];

/** GET /api/dossiers/:id/apology-days — the working days and hours an apology letter's new appointment may take. */
export function getApologyDays(id: string): Promise<AppointmentDay[]> {
  return unwrap(api.GET('/api/dossiers/{id}/apology-days', { params: { path: { id } } }));
}
