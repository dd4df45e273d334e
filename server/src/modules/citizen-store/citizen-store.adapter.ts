import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { AppConfig } from '../../platform/config.js';
import type { Queryable } from '../../platform/database.js';
import { citizenStoreErrors } from './citizen-store.errors.js';

/**
 * The citizen's electronic data store on the national portal (Kho quản lý dữ liệu điện tử của tổ chức, cá nhân,
 * ND 45/2020 Điều 16) behind one interface (DESIGN.md §3 integrations). Documents are keyed by the holder's CCCD.
 * `put` is idempotent on `sourceKey` (ours: dossier + file + document name): a retry after a lost answer returns the
 * id the store gave the first time and stores nothing twice. The wire protocol (JSON over HTTPS with a bearer token) is
 * the simulator's; the real store's field names are not verified (vn-legal-2026.md §3.2), so only the URL and token
 * are configuration.
 */
export type StoreDocumentMeta = {
  storeId: string;
  name: string;
  issuer: string;
  dossierCode: string | null;
  issuedAt: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  /** DuocSoHoa: an electronic (digitised or born-digital) document. */
  digitised: true;
};
export type StorePut = {
  idNumber: string;
  sourceKey: string;
  name: string;
  issuer: string;
  dossierCode: string | null;
  issuedAt: string;
  fileName: string;
  mediaType: string;
  content: Buffer;
};
export type CitizenStore = {
  put(doc: StorePut): Promise<{ storeId: string }>;
  list(idNumber: string): Promise<StoreDocumentMeta[]>;
  get(idNumber: string, storeId: string): Promise<{ meta: StoreDocumentMeta; content: Buffer } | null>;
};

type SimRow = Omit<StoreDocumentMeta, 'digitised' | 'issuedAt'> & { issuedAt: Date };
const metaColumns = `store_id AS "storeId", name, issuer, dossier_code AS "dossierCode", issued_at AS "issuedAt", file_name AS "fileName",
  media_type AS "mediaType", octet_length(content) AS "sizeBytes"`;
const toMeta = (r: SimRow): StoreDocumentMeta => ({ ...r, issuedAt: new Date(r.issuedAt).toISOString(), sizeBytes: Number(r.sizeBytes), digitised: true });

/** The simulator's store (citizen_store_sim_document): what the national store keeps on its side. Demo and tests only. */
export function simulatorCitizenStore(db: Queryable, clock: Clock): CitizenStore {
  return {
    async put(doc) {
      const storeId = `KHO-${randomBytes(8).toString('hex').toUpperCase()}`;
      const { rows } = await db.query<{ storeId: string }>(
        `INSERT INTO citizen_store_sim_document (store_id, id_number, source_key, name, issuer, dossier_code, issued_at, received_at, file_name, media_type, content)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (source_key) DO UPDATE SET source_key = EXCLUDED.source_key RETURNING store_id AS "storeId"`,
        [storeId, doc.idNumber, doc.sourceKey, doc.name, doc.issuer, doc.dossierCode, doc.issuedAt, clock.now(), doc.fileName, doc.mediaType, doc.content],
      );
      return { storeId: rows[0]!.storeId };
    },
    async list(idNumber) {
      const { rows } = await db.query<SimRow>(`SELECT ${metaColumns} FROM citizen_store_sim_document WHERE id_number = $1 ORDER BY received_at DESC, store_id`, [idNumber]);
      return rows.map(toMeta);
    },
    async get(idNumber, storeId) {
      const { rows } = await db.query<SimRow & { content: Buffer }>(`SELECT ${metaColumns}, content FROM citizen_store_sim_document WHERE id_number = $1 AND store_id = $2`, [idNumber, storeId]);
      const r = rows[0];
      if (!r) return null;
      const { content, ...meta } = r;
      return { meta: toMeta(meta), content };
    },
  };
}

/** A store speaking the simulator's protocol over HTTP: POST {url}/documents, GET {url}/holders/{cccd}/documents[/{id}]. */
export function httpCitizenStore(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch): CitizenStore {
  const url = baseUrl.replace(/\/$/, '');
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const call = (path: string, init: RequestInit = {}) => fetchImpl(`${url}${path}`, { headers, signal: AbortSignal.timeout(15_000), ...init }).catch(() => null);
  return {
    async put(doc) {
      const res = await call('/documents', { method: 'POST', body: JSON.stringify({ ...doc, content: doc.content.toString('base64') }) });
      if (!res?.ok) throw citizenStoreErrors.unavailable();
      const body = (await res.json()) as { storeId?: unknown };
      if (typeof body.storeId !== 'string') throw citizenStoreErrors.unavailable();
      return { storeId: body.storeId };
    },
    async list(idNumber) {
      const res = await call(`/holders/${encodeURIComponent(idNumber)}/documents`);
      if (!res?.ok) throw citizenStoreErrors.unavailable();
      return ((await res.json()) as { items: StoreDocumentMeta[] }).items;
    },
    async get(idNumber, storeId) {
      const res = await call(`/holders/${encodeURIComponent(idNumber)}/documents/${encodeURIComponent(storeId)}`);
      if (res?.status === 404) return null;
      if (!res?.ok) throw citizenStoreErrors.unavailable();
      const body = (await res.json()) as StoreDocumentMeta & { content: string };
      const { content, ...meta } = body;
      return { meta, content: Buffer.from(content, 'base64') };
    },
  };
}

/** Constant-time comparison of a presented bearer token with the configured one. */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (!presented || !expected) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** True when the local simulator is the store (demo mode, simulator on, no real store configured). */
export const citizenStoreSimulatorActive = (config: Pick<AppConfig, 'mode' | 'citizenStoreSimulator' | 'citizenStoreUrl'>) =>
  config.mode === 'demo' && config.citizenStoreSimulator && !config.citizenStoreUrl;

/** The store in use: a configured API, else the simulator in the demo, else none (every call refused as unavailable). */
export function citizenStoreFor(deps: { db: Queryable; clock: Clock; config: Pick<AppConfig, 'mode' | 'citizenStoreSimulator' | 'citizenStoreUrl' | 'citizenStoreToken'> }): CitizenStore {
  if (deps.config.citizenStoreUrl) return httpCitizenStore(deps.config.citizenStoreUrl, deps.config.citizenStoreToken);
  if (citizenStoreSimulatorActive(deps.config)) return simulatorCitizenStore(deps.db, deps.clock);
  const refuse = () => Promise.reject(citizenStoreErrors.unavailable());
  return { put: refuse, list: refuse, get: refuse };
}
