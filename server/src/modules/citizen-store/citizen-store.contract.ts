import { z } from 'zod';

export const ZStoreId = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/);

export const ZNationalStoreItem = z.object({
  storeId: z.string(),
  name: z.string(),
  issuer: z.string(),
  dossierCode: z.string().nullable(),
  issuedAt: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  /** DuocSoHoa. */
  digitised: z.boolean(),
  /** The local store item this document was already taken into. */
  takenDocumentId: z.string().nullable(),
});

/** One entry of the citizen's one list (kho.rules.ts): a local document, or one held only in the national store. */
export const ZKhoItem = z.object({
  key: z.string(),
  /** Which store holds it for use: `local` once taken (then `storeId`, `issuer` and the issue `date` say it came from the national store). */
  source: z.enum(['local', 'national']),
  /** The local store's id (download, delete, the submission's picker); null while it is only in the national store. */
  documentId: z.string().uuid().nullable(),
  /** Its id in the national store, when it is there too. */
  storeId: z.string().nullable(),
  name: z.string(),
  kind: z.enum(['upload', 'result']),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  dossierCode: z.string().nullable(),
  /** Who issued it (the national store's documents). */
  issuer: z.string().nullable(),
  /** Added to the local store, or issued (the national store's). */
  date: z.string(),
});
export const ZKho = z.object({ items: z.array(ZKhoItem), nationalStore: z.enum(['available', 'unverified', 'unavailable']) });

export const ZTakenDocument = z.object({ id: z.string().uuid(), sha256: z.string(), name: z.string() });

export const ZPushStatus = z.object({
  documentName: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  sentAt: z.date().nullable(),
  lastError: z.string().nullable(),
});

/** The simulator's wire protocol (what httpCitizenStore sends). */
export const ZSimPut = z.object({
  idNumber: z.string().regex(/^\d{12}$/),
  sourceKey: z.string().min(1).max(300),
  name: z.string().min(1).max(1000),
  issuer: z.string().min(1).max(500),
  dossierCode: z.string().max(100).nullable(),
  issuedAt: z.string().max(40),
  fileName: z.string().min(1).max(300),
  mediaType: z.string().min(1).max(100),
  content: z.string().max(30 * 1024 * 1024),
});
