import type { paths } from '../../../../../web/src/lib/api-schema.js';
import { api, unwrap } from '../../../lib/api-client.js';

export type PublicProcedure = paths['/api/catalog/procedures/{id}']['get']['responses'][200]['content']['application/json'];

/** GET /api/catalog/procedures/:id — a published (or abolished) procedure with its version in force. */
export function getCatalogProcedure(id: string): Promise<PublicProcedure> {
  return unwrap(api.GET('/api/catalog/procedures/{id}', { params: { path: { id } } }));
}

/** Template download (GET /api/catalog/files/:sha256). */
export function templateUrl(fileId: string): string {
  return `/api/catalog/files/${fileId}`;
}

/** The procedure's declaration left blank, rendered from its e-form (GET /api/catalog/procedures/:id/declaration). */
export function blankDeclarationUrl(procedureId: string, format: 'pdf' | 'docx'): string {
  return `/api/catalog/procedures/${procedureId}/declaration?format=${format}`;
}
