import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf, ResponseOf } from '../../../lib/api-types.js';

export type ImportInput = BodyOf<'/api/procedures/import', 'post'>;
export type ImportResult = ResponseOf<'/api/procedures/import', 'post'>;

/** POST /api/procedures/import — all or nothing; entries become drafts (publishing stays a deliberate act). */
export function importProcedures(input: ImportInput): Promise<ImportResult> {
  return unwrap(api.POST('/api/procedures/import', { body: input }));
}
