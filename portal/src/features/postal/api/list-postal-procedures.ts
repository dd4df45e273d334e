import type { paths } from '../../../../../web/src/lib/api-schema.js';
import { api, unwrap } from '../../../lib/api-client.js';

export type PostalProcedure = paths['/api/postal/procedures']['get']['responses'][200]['content']['application/json']['items'][number];

/** GET /api/postal/procedures — the published lists of procedures accepted (or not) by post (QĐ 45/2016 Điều 13). */
export async function listPostalProcedures(accepted: boolean): Promise<PostalProcedure[]> {
  return (await unwrap(api.GET('/api/postal/procedures', { params: { query: { accepted: accepted ? 'true' : 'false' } } }))).items;
}
