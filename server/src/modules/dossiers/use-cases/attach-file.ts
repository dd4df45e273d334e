import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { withStoredFiles, type FileStore, type StoredFile } from '../../../platform/storage.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { dossierErrors } from '../dossier.errors.js';
import { canAct, canRead } from '../dossier.policy.js';
import { recordEvent } from '../dossier.ledger.js';
import { listSteps, lockDossier, numberResultDocuments } from '../dossier.repo.js';
import { isClosed } from '../dossier.rules.js';

/**
 * Attaches a scan to a dossier (PDF, JPEG or PNG, recognised by content; size-limited by the store): a component at
 * intake, or the result at the last step. The desk or whoever holds the current step may attach; closed dossiers are frozen.
 */
export async function attachFile(
  deps: { db: Db; clock: Clock; files: FileStore },
  actor: Actor,
  dossierId: string,
  file: { content: Buffer; fileName: string; documentName: string; kind: 'component' | 'result'; documentNumber?: string | null },
): Promise<StoredFile> {
  return withStoredFiles(deps, async (tx, put) => {
    const d = await lockDossier(tx, dossierId);
    if (!d) throw dossierErrors.notFound();
    const steps = await listSteps(tx, dossierId);
    const step = steps[d.stepIndex];
    const scope = { receivingPath: d.receivingPath, resolvingPath: d.resolvingPath, step: step ? { role: step.role, unitPath: step.unitPath } : null };
    // A dossier the officer may not even read answers as a wrong id would (404): a 403 would confirm it exists.
    if (!canRead(actor, d)) throw dossierErrors.notFound();
    if (!(canAct(actor, 'return_result', scope) || canAct(actor, 'forward', scope) || canAct(actor, 'approve', scope))) throw commonErrors.forbidden('dossiers.attach');
    if (isClosed(d.status)) throw dossierErrors.actionNotAllowed(d.status, 'forward', []);
    const stored = await put(file.content, file.fileName, ['application/pdf', 'image/jpeg', 'image/png']);
    const now = deps.clock.now();
    // The same scan attached again for the same document changes nothing but its name.
    // A result's number (số, ký hiệu: MaGiayToKetQua) as the officer entered it; none for a component.
    const number = file.kind === 'result' ? file.documentNumber?.trim() || null : null;
    await tx.query(
      `INSERT INTO dossier_file (dossier_id, sha256, document_name, kind, added_by, added_at, file_name, document_number) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (dossier_id, sha256, kind, document_name) DO UPDATE SET file_name = EXCLUDED.file_name,
         document_number = coalesce(EXCLUDED.document_number, dossier_file.document_number)`,
      [dossierId, stored.sha256, file.documentName, file.kind, actor.userId, now, file.fileName, number],
    );
    // A result attached after the approval gets its number now, as those approved with it did.
    if (file.kind === 'result' && d.status === 'result_ready') await numberResultDocuments(tx, dossierId);
    await recordEvent(tx, dossierId, { at: now, actorId: actor.userId, actorName: actor.fullName, note: file.documentName, event: { type: 'attach_file', sha256: stored.sha256, kind: file.kind } });
    return { ...stored, fileName: file.fileName };
  });
}

export async function listFiles(deps: { db: Db }, dossierId: string) {
  // digitised (DuocSoHoa): every file here is an electronic copy; fromNationalStore (DuocLayTuKhoDMQG): taken from the citizen's store.
  const { rows } = await deps.db.query<{ sha256: string; documentName: string; kind: string; fileName: string; documentNumber: string | null; mediaType: string; sizeBytes: number; addedAt: Date; digitised: boolean; fromNationalStore: boolean }>(
    `SELECT f.sha256, f.document_name AS "documentName", f.kind, f.file_name AS "fileName", f.document_number AS "documentNumber", s.media_type AS "mediaType", s.size_bytes AS "sizeBytes", f.added_at AS "addedAt",
            true AS digitised, f.national_store_id IS NOT NULL AS "fromNationalStore"
       FROM dossier_file f JOIN stored_file s ON s.sha256 = f.sha256 WHERE f.dossier_id = $1 ORDER BY f.added_at, f.document_name`,
    [dossierId],
  );
  return rows;
}
