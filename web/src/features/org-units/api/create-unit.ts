import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf, ResponseOf } from '../../../lib/api-types.js';

export type CreateUnitInput = BodyOf<'/api/units', 'post'>;
export type UnitRow = ResponseOf<'/api/units', 'post'>;

/** POST /api/units — a new unit under a parent (a province needs an administrator at the top level). */
export function createUnit(input: CreateUnitInput): Promise<UnitRow> {
  return unwrap(api.POST('/api/units', { body: input }));
}
