import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type IntakeProcedure = ResponseOf<'/api/procedures/{id}', 'get'>;

/** GET /api/procedures/:id — the version in force: its required documents, fees, e-form and steps prefill the intake. */
export function getProcedure(id: string): Promise<IntakeProcedure> {
  return unwrap(api.GET('/api/procedures/{id}', { params: { path: { id } } }));
}
