import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type AccountClaim = ResponseOf<'/api/citizen-accounts', 'get'>['items'][number];

/** GET /api/citizen-accounts — the portal accounts claiming a CCCD (contact details masked). */
export async function findAccountsByCard(idNumber: string): Promise<AccountClaim[]> {
  return (await unwrap(api.GET('/api/citizen-accounts', { params: { query: { idNumber } } }))).items;
}

/** POST /api/citizen-accounts/{id}/verify-id — the officer has checked the card at this desk. */
export async function verifyId(accountId: string, idNumber: string, unitId: string): Promise<void> {
  await unwrap(api.POST('/api/citizen-accounts/{id}/verify-id', { params: { path: { id: accountId } }, body: { idNumber, unitId } }));
}
