import type { paths } from '../../../lib/api-schema.js';

export type DossierForm = paths['/api/dossiers/{id}/forms/{form}']['get']['parameters']['path']['form'];

/** GET /api/dossiers/:id/forms/:form — an official form of the dossier as PDF (receipt, supplementation request, apology…), opened inline. */
export function dossierFormUrl(dossierId: string, form: DossierForm): string {
  return `/api/dossiers/${encodeURIComponent(dossierId)}/forms/${form}`;
}

/** GET /api/dossiers/:id/declaration — the declaration (tờ khai) with the applicant and the e-form answers, as PDF. */
export function dossierDeclarationUrl(dossierId: string): string {
  return `/api/dossiers/${encodeURIComponent(dossierId)}/declaration`;
}
