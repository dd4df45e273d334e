import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type SyncCounts = ResponseOf<'/api/national-portal/sync', 'get'>;
export type SyncDifference = ResponseOf<'/api/national-portal/differences', 'get'>['items'][number];

/** GET /api/national-portal/sync — dossiers synced / waiting / failing in the officer's scope (QĐ 766 indicator 1.4). */
export function getSyncCounts(): Promise<SyncCounts> {
  return unwrap(api.GET('/api/national-portal/sync'));
}

/** GET /api/national-portal/differences — what the reconciliation found different on the national portal. */
export function listDifferences(): Promise<SyncDifference[]> {
  return unwrap(api.GET('/api/national-portal/differences', { params: { query: {} } })).then((r) => r.items);
}

/** POST /api/national-portal/differences/{id}/resend — the whole dossier goes to the national portal again. */
export function resendDifference(id: string): Promise<unknown> {
  return unwrap(api.POST('/api/national-portal/differences/{id}/resend', { params: { path: { id } } }));
}

export type ReconcileReport = ResponseOf<'/api/national-portal/reconcile', 'post'>;

/** POST /api/national-portal/reconcile — "Đối soát ngay": today's dossiers of the officer's units compared at once. */
export function reconcileNow(): Promise<ReconcileReport> {
  return unwrap(api.POST('/api/national-portal/reconcile', { body: {} }));
}
