import type { paths } from '../../../../../web/src/lib/api-schema.js';
import { api, unwrap } from '../../../lib/api-client.js';

type Op = paths['/api/catalog/procedures']['get'];
export type CatalogQuery = NonNullable<Op['parameters']['query']>;
export type CatalogPage = Op['responses'][200]['content']['application/json'];
export type CatalogItem = CatalogPage['items'][number];

/** GET /api/catalog/procedures — published procedures; the text search ignores accents ("ho ngheo" finds "hộ nghèo"). */
export function searchCatalog(query: CatalogQuery): Promise<CatalogPage> {
  return unwrap(api.GET('/api/catalog/procedures', { params: { query } }));
}
