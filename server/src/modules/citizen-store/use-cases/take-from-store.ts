import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { withStoredFiles, type FileStore } from '../../../platform/storage.js';
import type { CitizenStore, StoreDocumentMeta } from '../citizen-store.adapter.js';
import { citizenStoreErrors } from '../citizen-store.errors.js';

/** Scans accepted into a dossier, as from an upload. */
const accepted = ['application/pdf', 'image/jpeg', 'image/png'];

/**
 * The citizen's CCCD, only once proven (VNeID or the card checked at a desk): an unproven number is a claim, and opening
 * the store of a claimed number would hand one person's documents to another.
 */
async function verifiedIdNumber(db: Db, citizenId: string): Promise<string> {
  const { rows } = await db.query<{ idNumber: string | null; verified: boolean }>(
    `SELECT id_number AS "idNumber", id_verified_at IS NOT NULL AS verified FROM citizen_account WHERE id = $1`,
    [citizenId],
  );
  const r = rows[0];
  if (!r?.idNumber || !r.verified) throw citizenStoreErrors.idNotVerified();
  return r.idNumber;
}

export type NationalStoreItem = StoreDocumentMeta & { takenDocumentId: string | null };

/** The documents of the citizen's national store, each with the local store item it was already taken into, if any. */
export async function listNationalStore(deps: { db: Db; store: CitizenStore }, citizenId: string): Promise<NationalStoreItem[]> {
  const idNumber = await verifiedIdNumber(deps.db, citizenId);
  const items = await deps.store.list(idNumber);
  const { rows } = await deps.db.query<{ id: string; nationalStoreId: string }>(
    `SELECT id, national_store_id AS "nationalStoreId" FROM citizen_document WHERE citizen_id = $1 AND national_store_id = ANY($2::text[])`,
    [citizenId, items.map((i) => i.storeId)],
  );
  const taken = new Map(rows.map((r) => [r.nationalStoreId, r.id]));
  return items.map((i) => ({ ...i, takenDocumentId: taken.get(i.storeId) ?? null }));
}

/**
 * "Lấy từ kho dữ liệu": copies a document of the citizen's national store into the local document store, marked with
 * its store id, so that a dossier picking it records the component as taken from the store (DuocLayTuKhoDMQG) instead
 * of uploaded (ND 45/2020 Điều 16; Nghị định 224/2026 Điều 15 k1d: the citizen does not supply again what the state
 * holds). Only the holder's own store is read (by the proven CCCD); the same document taken twice is one item.
 */
export async function takeFromNationalStore(
  deps: { db: Db; clock: Clock; files: FileStore; store: CitizenStore },
  citizenId: string,
  storeId: string,
): Promise<{ id: string; sha256: string; name: string }> {
  const idNumber = await verifiedIdNumber(deps.db, citizenId);
  const doc = await deps.store.get(idNumber, storeId);
  if (!doc) throw citizenStoreErrors.documentNotFound();
  return withStoredFiles(deps, async (tx, put) => {
    const stored = await put(doc.content, doc.meta.fileName, accepted);
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO citizen_document (citizen_id, sha256, name, kind, added_at, national_store_id, store_issuer, store_issued_at, store_dossier_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (citizen_id, sha256) DO UPDATE SET national_store_id = EXCLUDED.national_store_id, store_issuer = EXCLUDED.store_issuer,
         store_issued_at = EXCLUDED.store_issued_at, store_dossier_code = EXCLUDED.store_dossier_code RETURNING id`,
      // The provenance travels with the copy: who issued it, when, for which dossier (shown by the Kho page).
      [citizenId, stored.sha256, doc.meta.name, doc.meta.dossierCode ? 'result' : 'upload', deps.clock.now(), storeId, doc.meta.issuer, doc.meta.issuedAt, doc.meta.dossierCode],
    );
    return { id: rows[0]!.id, sha256: stored.sha256, name: doc.meta.name };
  });
}
