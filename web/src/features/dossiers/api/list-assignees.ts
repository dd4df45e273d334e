import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type Assignee = ResponseOf<'/api/dossiers/{id}/assignees', 'get'>[number];

/** GET /api/dossiers/:id/assignees — the officers the head may give the current step to. */
export function listAssignees(id: string): Promise<Assignee[]> {
  return unwrap(api.GET('/api/dossiers/{id}/assignees', { params: { path: { id } } }));
}
