import { api, unwrap } from '../../../lib/api-client.js';
import type { QueryOf, ResponseOf } from '../../../lib/api-types.js';

export type Transfer = ResponseOf<'/api/payments/transfers', 'get'>['items'][number];
export type TransferQuery = QueryOf<'/api/payments/transfers', 'get'>;
export type TransferFilter = NonNullable<TransferQuery['status']>;

/** GET /api/payments/transfers — imported transfers in the officer's scope (default: those an officer must look at). */
export function listTransfers(query: TransferQuery): Promise<Transfer[]> {
  return unwrap(api.GET('/api/payments/transfers', { params: { query } })).then((r) => r.items);
}
