import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf } from '../../../lib/api-types.js';
import type { ProcedureDetail } from './get-procedure.js';

/** POST /api/procedures — a new procedure as a draft in the owner unit's catalogue. */
export function createProcedure(input: BodyOf<'/api/procedures', 'post'>): Promise<ProcedureDetail> {
  return unwrap(api.POST('/api/procedures', { body: input }));
}
