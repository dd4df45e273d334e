import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf } from '../../../lib/api-types.js';
import type { ProcedureDetail } from './get-procedure.js';

export type AbolishInput = BodyOf<'/api/procedures/{id}/abolish', 'post'>;

/** POST /api/procedures/:id/abolish — the procedure stays readable but accepts no dossier from `abolishedOn`. */
export function abolishProcedure(id: string, input: AbolishInput): Promise<ProcedureDetail> {
  return unwrap(api.POST('/api/procedures/{id}/abolish', { params: { path: { id } }, body: input }));
}
