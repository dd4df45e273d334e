import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

/** PATCH /api/units/:id — corrects a misspelt name (a legal renaming is a reorganisation instead). */
export function correctUnitName(id: string, name: string): Promise<ResponseOf<'/api/units/{id}', 'patch'>> {
  return unwrap(api.PATCH('/api/units/{id}', { params: { path: { id } }, body: { name } }));
}
