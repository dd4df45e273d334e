import { api, unwrap } from '../../../lib/api-client.js';
import type { ProcedureContent, ProcedureDetail } from './get-procedure.js';

/** PUT /api/procedures/:id/draft — replaces the draft version's content. */
export function updateDraft(id: string, content: ProcedureContent): Promise<ProcedureDetail> {
  return unwrap(api.PUT('/api/procedures/{id}/draft', { params: { path: { id } }, body: content }));
}
