import { api, unwrap } from '../../../lib/api-client.js';

/** GET /api/units — the open one-stop desks a pickup can go to. */
export async function listDesks(): Promise<{ id: string; name: string }[]> {
  const units = await unwrap(api.GET('/api/units', { params: { query: {} } }));
  return units.filter((u) => u.kind === 'desk' && !u.validTo).map((u) => ({ id: u.id, name: u.name }));
}
