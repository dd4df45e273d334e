import { api, unwrap } from '../../../lib/api-client.js';
import type { QueryOf, ResponseOf } from '../../../lib/api-types.js';

export type StaffUser = ResponseOf<'/api/users', 'get'>['items'][number];
export type UserPage = ResponseOf<'/api/users', 'get'>;

/** GET /api/users — officers in the administrator's scope, keyset-paginated (`after` = previous `next`). */
export function listUsers(query: QueryOf<'/api/users', 'get'>): Promise<UserPage> {
  return unwrap(api.GET('/api/users', { params: { query } }));
}
