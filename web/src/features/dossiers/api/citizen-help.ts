import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf } from '../../../lib/api-types.js';
import type { Dossier } from './get-dossier.js';

export type AssistedInput = BodyOf<'/api/dossiers/assisted', 'post'>;
export type DeclarationInput = BodyOf<'/api/procedures/{id}/declaration', 'post'>;

/** POST /api/dossiers/assisted — the officer submits online for the citizen: free, recorded as assisted, awaiting acceptance. */
export function submitAssisted(input: AssistedInput): Promise<Dossier> {
  return unwrap(api.POST('/api/dossiers/assisted', { body: input }));
}

/** POST /api/procedures/:id/declaration — the declaration prefilled from the CCCD data, as DOCX or PDF, to print and sign. */
export async function printDeclaration(procedureId: string, input: DeclarationInput): Promise<Blob> {
  return unwrap(api.POST('/api/procedures/{id}/declaration', { params: { path: { id: procedureId } }, body: input, parseAs: 'blob' })) as Promise<Blob>;
}
