import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type ProcedureOption = ResponseOf<'/api/catalog/procedures', 'get'>['items'][number];

/**
 * GET /api/catalog/procedures — published procedures for the intake picker (accent-insensitive search). The public
 * catalogue is used because the staff one lists only procedures owned under the officer's own units, and a desk
 * receives the province's procedures too.
 */
export async function searchProcedures(q: string): Promise<ProcedureOption[]> {
  const page = await unwrap(api.GET('/api/catalog/procedures', { params: { query: { q: q.trim() || undefined, limit: 30 } } }));
  return page.items;
}
