import type { paths } from '../../../../../web/src/lib/api-schema.js';
import { api, unwrap } from '../../../lib/api-client.js';
import { firstData, forgetFirstData } from '../../../lib/first-data.js';

export type Facets = paths['/api/catalog/facets']['get']['responses'][200]['content']['application/json'];

let cached: Promise<Facets> | null = null;

/** GET /api/catalog/facets — the fields and agencies to filter by (fetched once per visit). */
export function getFacets(): Promise<Facets> {
  const sent = firstData<Facets>('/api/catalog/facets');
  if (sent) forgetFirstData('/api/catalog/facets');
  cached ??= (sent ? Promise.resolve(sent) : unwrap(api.GET('/api/catalog/facets'))).catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}
