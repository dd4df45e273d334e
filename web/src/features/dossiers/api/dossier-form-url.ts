import type { paths } from '../../../lib/api-schema.js';

export type DossierForm = paths['/api/dossiers/{id}/forms/{form}']['get']['parameters']['path']['form'];

/** GET /api/dossiers/:id/forms/:form — an official form of the dossier as PDF (receipt, supplementation request, apology…), opened inline. */
export function dossierFormUrl(dossierId: string, form: DossierForm): string {
  return `/api/dossiers/${encodeURIComponent(dossierId)}/forms/${form}`;
}
