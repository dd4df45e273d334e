import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf } from '../../../lib/api-types.js';
import type { StaffUser } from './list-users.js';

export type CreateUserInput = BodyOf<'/api/users', 'post'>;

/** POST /api/users — a new officer account with roles per unit. */
export function createUser(input: CreateUserInput): Promise<StaffUser> {
  return unwrap(api.POST('/api/users', { body: input }));
}
