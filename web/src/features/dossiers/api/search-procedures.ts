import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type ProcedureOption = ResponseOf<'/api/dossiers/receivable-procedures', 'get'>['items'][number];

/**
 * GET /api/dossiers/receivable-procedures — the published procedures of the desk's province, which this desk may
 * receive (accent-insensitive search).
 */
export async function searchProcedures(receivingUnitId: string, q: string): Promise<ProcedureOption[]> {
  const page = await unwrap(api.GET('/api/dossiers/receivable-procedures', { params: { query: { receivingUnitId, q: q.trim() || undefined, limit: 30 } } }));
  return page.items;
}
