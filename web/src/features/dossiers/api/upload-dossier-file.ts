import { api, unwrap } from '../../../lib/api-client.js';
import type { DossierFile } from './list-dossier-files.js';

export type FileKind = 'component' | 'result';

/**
 * POST /api/dossiers/:id/files (multipart: file, documentName, kind, documentNumber) — a PDF/JPEG/PNG scan; answers every
 * file of the dossier. `documentNumber`: a result's số, ký hiệu (null: numbered at the approval).
 */
export function uploadDossierFile(id: string, file: File, documentName: string, kind: FileKind, documentNumber: string | null = null): Promise<DossierFile[]> {
  const form = new FormData();
  // The fields come before the file: the server reads them from the file part.
  form.append('documentName', documentName);
  form.append('kind', kind);
  if (documentNumber) form.append('documentNumber', documentNumber);
  form.append('file', file, file.name);
  return unwrap(
    api.POST('/api/dossiers/{id}/files', { params: { path: { id } }, body: form as never, bodySerializer: (body: unknown) => body as FormData }),
  ) as Promise<DossierFile[]>;
}
