import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf } from '../../../lib/api-types.js';
import type { StaffUser } from './list-users.js';

export type UpdateUserInput = BodyOf<'/api/users/{id}', 'patch'>;

/** PATCH /api/users/:id — details, roles per unit, activation, unlocking, or a new password. */
export function updateUser(id: string, input: UpdateUserInput): Promise<StaffUser> {
  return unwrap(api.PATCH('/api/users/{id}', { params: { path: { id } }, body: input }));
}
