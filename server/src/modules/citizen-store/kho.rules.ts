import type { StoreDocumentMeta } from './citizen-store.adapter.js';

/** A document of the citizen's own store on our portal (citizen_document). */
export type LocalDocument = {
  id: string;
  sha256: string;
  name: string;
  kind: 'upload' | 'result';
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  dossierCode: string | null;
  addedAt: Date;
  /** Set when the document was taken from the national store: its store id, issuer and issue date. */
  storeId?: string | null;
  issuer?: string | null;
  issuedAt?: Date | null;
};

/**
 * One entry of the citizen's "Kho dữ liệu": a document of the local store (`documentId`: downloadable, deletable, offered
 * by the submission's picker) or one held only in the national store (`storeId` without `documentId`: to be taken
 * before it is used). `storeId` on a local entry says it is also in the national store.
 */
export type KhoItem = {
  key: string;
  source: 'local' | 'national';
  documentId: string | null;
  storeId: string | null;
  name: string;
  kind: 'upload' | 'result';
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  dossierCode: string | null;
  issuer: string | null;
  date: string;
};

/**
 * The citizen's one list: the local store and the national store (ND 45/2020 Điều 16), each document once. A national
 * document already taken into the local store (`takenInto`) or pushed there by us from a result the local store holds
 * too (`pushedSha256`: same content) is the local entry, marked with its store id; the others are listed as the
 * national store's. Newest first.
 */
export function mergeKho(
  local: LocalDocument[],
  national: (StoreDocumentMeta & { takenDocumentId: string | null })[],
  pushedSha256: ReadonlyMap<string, string>,
): KhoItem[] {
  const localBySha = new Map(local.map((d) => [d.sha256, d.id]));
  const localIds = new Set(local.map((d) => d.id));
  const storeIdOf = new Map<string, string>();
  const nationalOnly: KhoItem[] = [];
  for (const n of national) {
    const sha = pushedSha256.get(n.storeId);
    const localId = n.takenDocumentId ?? (sha ? localBySha.get(sha) : undefined) ?? null;
    if (localId && localIds.has(localId)) {
      if (!storeIdOf.has(localId)) storeIdOf.set(localId, n.storeId);
      continue;
    }
    nationalOnly.push({
      key: `national:${n.storeId}`,
      source: 'national',
      documentId: null,
      storeId: n.storeId,
      name: n.name,
      kind: n.dossierCode ? 'result' : 'upload',
      fileName: n.fileName,
      mediaType: n.mediaType,
      sizeBytes: n.sizeBytes,
      dossierCode: n.dossierCode,
      issuer: n.issuer,
      date: n.issuedAt,
    });
  }
  const locals: KhoItem[] = local.map((d) => ({
    key: `local:${d.id}`,
    source: 'local',
    documentId: d.id,
    // A copy taken from the national store stays marked as its, with its issuer and issue date, even when the store is
    // not reachable right now.
    storeId: storeIdOf.get(d.id) ?? d.storeId ?? null,
    name: d.name,
    kind: d.kind,
    fileName: d.fileName,
    mediaType: d.mediaType,
    sizeBytes: d.sizeBytes,
    dossierCode: d.dossierCode,
    issuer: d.issuer ?? null,
    date: new Date(d.issuedAt ?? d.addedAt).toISOString(),
  }));
  return [...locals, ...nationalOnly].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.key.localeCompare(b.key)));
}
