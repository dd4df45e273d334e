import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf } from '../../../lib/api-types.js';
import type { ProcedureDetail } from './get-procedure.js';

export type PublishInput = BodyOf<'/api/procedures/{id}/publish', 'post'>;

/** POST /api/procedures/:id/publish — the draft becomes the version in force under a publishing decision. */
export function publishProcedure(id: string, input: PublishInput): Promise<ProcedureDetail> {
  return unwrap(api.POST('/api/procedures/{id}/publish', { params: { path: { id } }, body: input }));
}
