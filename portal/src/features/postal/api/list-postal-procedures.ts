import type { paths } from '../../../../../web/src/lib/api-schema.js';
import { api, unwrap } from '../../../lib/api-client.js';

export type PostalProcedure = paths['/api/postal/procedures']['get']['responses'][200]['content']['application/json']['items'][number];

/**
 * GET /api/postal/procedures — the published lists of procedures accepted (or not) by post (QĐ 45/2016 Điều 13), of the
 * citizen's province; without one, each procedure once.
 */
export async function listPostalProcedures(accepted: boolean, provinceId: string | null): Promise<PostalProcedure[]> {
  const query = { accepted: accepted ? ('true' as const) : ('false' as const), ...(provinceId ? { provinceId } : {}) };
  return (await unwrap(api.GET('/api/postal/procedures', { params: { query } }))).items;
}
