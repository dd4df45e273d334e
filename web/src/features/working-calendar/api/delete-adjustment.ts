import { api, unwrap } from '../../../lib/api-client.js';

/** DELETE /api/calendar/adjustments/:id */
export async function deleteAdjustment(id: string): Promise<void> {
  await unwrap(api.DELETE('/api/calendar/adjustments/{id}', { params: { path: { id } } }));
}
