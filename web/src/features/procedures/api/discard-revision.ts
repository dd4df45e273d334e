import { api, unwrap } from '../../../lib/api-client.js';
import type { ProcedureDetail } from './get-procedure.js';

/** DELETE /api/procedures/:id/draft — drops a revision not yet published (the undo of startRevision). */
export function discardRevision(id: string): Promise<ProcedureDetail> {
  return unwrap(api.DELETE('/api/procedures/{id}/draft', { params: { path: { id } } }));
}
