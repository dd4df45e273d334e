import { api, unwrap } from '../../../lib/api-client.js';
import type { ProcedureDetail } from './get-procedure.js';

/** POST /api/procedures/:id/revisions — a new draft copied from the version in force. */
export function startRevision(id: string): Promise<ProcedureDetail> {
  return unwrap(api.POST('/api/procedures/{id}/revisions', { params: { path: { id } } }));
}
