import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type PostalProcedure = ResponseOf<'/api/postal/procedures', 'get'>['items'][number];

/** GET /api/postal/procedures — the published procedures accepted by post. */
export async function listPostalProcedures(): Promise<PostalProcedure[]> {
  return (await unwrap(api.GET('/api/postal/procedures', { params: { query: { accepted: 'true' } } }))).items;
}
