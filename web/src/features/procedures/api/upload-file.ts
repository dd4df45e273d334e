import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type StoredFile = ResponseOf<'/api/files', 'post'>;

/** POST /api/files (multipart field "file") — stores a template; procedures refer to it by its sha256. */
export function uploadFile(file: File): Promise<StoredFile> {
  const form = new FormData();
  form.append('file', file, file.name);
  return unwrap(api.POST('/api/files', { body: form as never, bodySerializer: (body: unknown) => body as FormData }));
}

/** Where staff (and, once published, the public) download a stored template. */
export function fileUrl(sha256: string): string {
  return `/api/catalog/files/${sha256}`;
}
