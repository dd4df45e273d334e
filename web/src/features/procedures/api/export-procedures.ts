import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type ProcedureExport = ResponseOf<'/api/procedures/export', 'get'>;

/** GET /api/procedures/export — a unit's catalogue in the exchange format (mot-cua.procedures/v1). */
export function exportProcedures(ownerUnitId: string): Promise<ProcedureExport> {
  return unwrap(api.GET('/api/procedures/export', { params: { query: { ownerUnitId } } }));
}

/** GET /api/procedures/export/xlsx — the same catalogue as an Excel workbook in the import template's layout (a download link). */
export function exportXlsxUrl(ownerUnitId: string): string {
  return `/api/procedures/export/xlsx?ownerUnitId=${encodeURIComponent(ownerUnitId)}`;
}
