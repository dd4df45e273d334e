import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf, ResponseOf } from '../../../lib/api-types.js';

export type ImportInput = BodyOf<'/api/procedures/import', 'post'>;
export type ImportResult = ResponseOf<'/api/procedures/import', 'post'>;

/** POST /api/procedures/import — all or nothing; entries become drafts (publishing stays a deliberate act). */
export function importProcedures(input: ImportInput): Promise<ImportResult> {
  return unwrap(api.POST('/api/procedures/import', { body: input }));
}

/** POST /api/procedures/import/xlsx (multipart field "file") — an Excel workbook following the template; all or nothing. */
export function importProceduresXlsx(ownerUnitId: string, file: File): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return unwrap(
    api.POST('/api/procedures/import/xlsx', { params: { query: { ownerUnitId } }, body: form as never, bodySerializer: (body: unknown) => body as FormData }),
  );
}

/** GET /api/procedures/import/template — the empty workbook with the Vietnamese column headers (a download link). */
export const importTemplateUrl = '/api/procedures/import/template';
