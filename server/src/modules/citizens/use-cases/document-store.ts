import type { ReadStream } from 'node:fs';
import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { fileErrors, type FileStore, type StoredFile } from '../../../platform/storage.js';
import { commonErrors } from '../../../platform/errors.js';
import { citizenErrors } from '../citizen.errors.js';
import { addToStore, listStore, type StoreRow } from '../citizen.repo.js';

/** Scans and photos accepted from citizens (recognised by content, platform/storage.ts), as at the desk. */
const accepted = ['application/pdf', 'image/jpeg', 'image/png'];
/** Size limit of one upload from the portal. */
export const CITIZEN_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Adds a digitised paper to the citizen's store (Kho quản lý dữ liệu điện tử, ND 45/2020 Điều 16): the type is
 * decided by the content (PDF, JPEG, PNG), the size is limited; the same content is stored once.
 */
export async function uploadToStore(deps: { db: Db; clock: Clock; files: FileStore }, citizenId: string, file: { content: Buffer; fileName: string; name: string }): Promise<StoredFile> {
  if (file.content.length > CITIZEN_MAX_BYTES) throw fileErrors.tooLarge(CITIZEN_MAX_BYTES);
  return withTransaction(deps.db, async (tx) => {
    const stored = await deps.files.put(tx, file.content, file.fileName);
    if (!accepted.includes(stored.mediaType)) throw commonErrors.validation({ reason: 'Chỉ nhận bản quét PDF, JPEG, PNG' });
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
