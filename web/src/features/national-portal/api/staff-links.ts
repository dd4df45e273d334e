import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type StaffLink = ResponseOf<'/api/national-sso/staff-links', 'get'>['items'][number];

/** GET /api/national-sso/staff-links — officers in the administrator's scope linked to a national portal identity. */
export function listStaffLinks(): Promise<StaffLink[]> {
  return unwrap(api.GET('/api/national-sso/staff-links')).then((r) => r.items);
}

/** POST /api/national-sso/staff-links — links an officer to their national portal identity (`sub`) (409 when the officer is already linked: revoke first). */
export function linkStaff(userId: string, subject: string): Promise<unknown> {
  return unwrap(api.POST('/api/national-sso/staff-links', { body: { userId, subject } }));
}

/** DELETE /api/national-sso/staff-links/{userId} — that national identity no longer opens the console. */
export function revokeStaffLink(userId: string): Promise<unknown> {
  return unwrap(api.DELETE('/api/national-sso/staff-links/{userId}', { params: { path: { userId } } }));
}
