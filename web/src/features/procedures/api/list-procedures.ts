import { api, unwrap } from '../../../lib/api-client.js';
import type { QueryOf, ResponseOf } from '../../../lib/api-types.js';

export type CatalogItem = ResponseOf<'/api/procedures', 'get'>['items'][number];
export type ProcedureQuery = QueryOf<'/api/procedures', 'get'>;

/** GET /api/procedures — the staff catalogue (drafts included) within the officer's units. */
export function listProcedures(query: ProcedureQuery): Promise<ResponseOf<'/api/procedures', 'get'>> {
  return unwrap(api.GET('/api/procedures', { params: { query } }));
}
