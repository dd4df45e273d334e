import { createHash } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import type { AppConfig } from '../../../platform/config.js';
import { fileErrors, withStoredFiles, type FileStore, type StoredFile } from '../../../platform/storage.js';
import { citizenErrors } from '../citizen.errors.js';
import { addToStore, listStore, removeFromStore, type StoreRow } from '../citizen.repo.js';

/** Scans and photos accepted from citizens (recognised by content, platform/storage.ts), as at the desk. */
const accepted = ['application/pdf', 'image/jpeg', 'image/png'];
/** Size limit of one upload from the portal. */
export const CITIZEN_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Adds a digitised paper to the citizen's store (Kho quản lý dữ liệu điện tử, ND 45/2020 Điều 16): the type is
 * decided by the content (PDF, JPEG, PNG), the size is limited, the store has a quota (CITIZEN_QUOTA_MB); the same
 * content is stored once. A refused upload leaves no file behind.
 */
export async function uploadToStore(
  deps: { db: Db; clock: Clock; files: FileStore; config: Pick<AppConfig, 'citizenQuotaMb'> },
  citizenId: string,
  file: { content: Buffer; fileName: string; name: string },
): Promise<StoredFile> {
  if (file.content.length > CITIZEN_MAX_BYTES) throw fileErrors.tooLarge(CITIZEN_MAX_BYTES);
  const quotaBytes = deps.config.citizenQuotaMb * 1024 * 1024;
  return withStoredFiles(deps, async (tx, put) => {
    // One upload at a time per citizen, so two concurrent ones cannot both fit in the last free space.
    await tx.query('SELECT 1 FROM citizen_account WHERE id = $1 FOR UPDATE', [citizenId]);
    const { rows } = await tx.query<{ used: number; same: boolean }>(
      `SELECT coalesce(sum(s.size_bytes), 0)::bigint AS used, bool_or(s.sha256 = $2) AS same
         FROM citizen_document d JOIN stored_file s ON s.sha256 = d.sha256 WHERE d.citizen_id = $1`,
      [citizenId, createHash('sha256').update(file.content).digest('hex')],
    );
    const { used, same } = rows[0] ?? { used: 0, same: false };
    if (!same && used + file.content.length > quotaBytes) throw fileErrors.quotaExceeded(quotaBytes);
    const stored = await put(file.content, file.fileName, accepted);
    await addToStore(tx, citizenId, stored.sha256, file.name, deps.clock.now());
    return stored;
  });
}

export function listDocuments(deps: { db: Db }, citizenId: string): Promise<StoreRow[]> {
  return listStore(deps.db, citizenId);
}

/** A file of the citizen's own store, for download: anyone else's is refused as not found. */
export async function openStoredDocument(deps: { db: Db; files: FileStore }, citizenId: string, id: string): Promise<{ row: StoreRow; stream: ReadStream }> {
  const row = (await listStore(deps.db, citizenId)).find((d) => d.id === id);
  if (!row) throw citizenErrors.documentNotInStore();
  return { row, stream: deps.files.open(row.sha256) };
}

/**
 * Takes a document out of the citizen's store (and out of the quota). Only the store entry goes: a dossier that was
 * submitted with it keeps its own copy (dossier_file refers to the stored content, which stays), as the authority
 * received it. Anyone else's document is refused as not found.
 */
export async function deleteStoredDocument(deps: { db: Db }, citizenId: string, id: string): Promise<StoreRow[]> {
  if (!(await removeFromStore(deps.db, citizenId, id))) throw citizenErrors.documentNotInStore();
  return listStore(deps.db, citizenId);
}
