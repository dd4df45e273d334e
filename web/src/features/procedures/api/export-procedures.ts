import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type ProcedureExport = ResponseOf<'/api/procedures/export', 'get'>;

/** GET /api/procedures/export — a unit's catalogue in the exchange format (mot-cua.procedures/v1). */
export function exportProcedures(ownerUnitId: string): Promise<ProcedureExport> {
  return unwrap(api.GET('/api/procedures/export', { params: { query: { ownerUnitId } } }));
}
