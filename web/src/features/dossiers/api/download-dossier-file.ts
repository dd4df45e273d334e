/** GET /api/dossiers/:id/files/:sha256 — where a scan opens (inline, for officers who may read the dossier). */
export function dossierFileUrl(dossierId: string, sha256: string): string {
  return `/api/dossiers/${encodeURIComponent(dossierId)}/files/${sha256}`;
}
