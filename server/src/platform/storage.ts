import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { createReadStream, type ReadStream } from 'node:fs';
import path from 'node:path';
import type { Clock } from './clock.js';
import { withTransaction, type Db, type Queryable, type Tx } from './database.js';
import { DomainError } from './errors.js';

export type StoredFile = { sha256: string; fileName: string; mediaType: string; sizeBytes: number };

/** Kinds of content accepted, recognised by their first bytes rather than by the name the client sent. */
const signatures: { mediaType: string; test: (b: Buffer) => boolean }[] = [
  { mediaType: 'application/pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { mediaType: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mediaType: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  // DOCX / XLSX are ZIP containers; DOC / XLS are OLE compound files.
  { mediaType: 'application/zip', test: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) },
  { mediaType: 'application/x-ole-storage', test: (b) => b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) },
];

const officeTypes: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.doc': 'application/msword',
  '.xls': 'application/vnd.ms-excel',
};

export const fileErrors = {
  unsupported: () =>
    new DomainError('FILE.UNSUPPORTED', 'unsupported', 'Tệp không đúng định dạng cho phép (PDF, JPEG, PNG, DOC, DOCX, XLS, XLSX).', 'Unsupported file type.'),
  tooLarge: (maxBytes: number) =>
    new DomainError('FILE.TOO_LARGE', 'too_large', `Tệp vượt quá dung lượng cho phép (${Math.round(maxBytes / 1048576)} MB).`, 'File too large.'),
  notFound: () => new DomainError('FILE.NOT_FOUND', 'not_found', 'Không tìm thấy tệp.', 'File not found.'),
  scansOnly: () => new DomainError('FILE.SCANS_ONLY', 'unsupported', 'Chỉ nhận bản quét PDF, JPEG, PNG.', 'Only PDF, JPEG and PNG scans are accepted.'),
  quotaExceeded: (quotaBytes: number) =>
    new DomainError('FILE.QUOTA_EXCEEDED', 'too_large', `Kho giấy tờ đã đầy (tối đa ${Math.round(quotaBytes / 1048576)} MB); hãy xóa bớt giấy tờ cũ.`, 'The document store is full.'),
};

/** Determines the media type from content; DOCX/XLSX/DOC/XLS are told apart by their container and extension. */
export function sniffMediaType(content: Buffer, fileName: string): string | null {
  const found = signatures.find((s) => s.test(content))?.mediaType;
  if (!found) return null;
  const ext = path.extname(fileName).toLowerCase();
  if (found === 'application/zip') return ext === '.docx' || ext === '.xlsx' ? officeTypes[ext]! : null;
  if (found === 'application/x-ole-storage') return ext === '.doc' || ext === '.xls' ? officeTypes[ext]! : null;
  return found;
}

export type FileStore = {
  /**
   * Stores content and its row in `q`'s transaction. With `accept`, content of another type is refused before anything
   * is written. Holds a per-content advisory lock until `q`'s transaction ends (see discardIfUnreferenced).
   */
  put(q: Queryable, content: Buffer, fileName: string, accept?: readonly string[]): Promise<StoredFile>;
  stat(q: Queryable, sha256: string): Promise<StoredFile | null>;
  open(sha256: string): ReadStream;
  /** Removes the file of `sha256` unless a committed row refers to it: what a refused upload wrote is not kept. */
  discardIfUnreferenced(db: Db, sha256: string): Promise<void>;
};

/** The same lock key for the same content, so a discard waits for the transaction of a concurrent put of it. */
const lockKey = (sha256: string) => `motcua:file:${sha256}`;

/**
 * Runs `fn` in one transaction with a `put` bound to it; when the transaction fails (a refused upload, a quota, any
 * error), the files it wrote and nothing else refers to are removed from disk.
 */
export async function withStoredFiles<T>(
  deps: { db: Db; files: FileStore },
  fn: (tx: Tx, put: (content: Buffer, fileName: string, accept?: readonly string[]) => Promise<StoredFile>) => Promise<T>,
): Promise<T> {
  const written: string[] = [];
  try {
    return await withTransaction(deps.db, (tx) =>
      fn(tx, async (content, fileName, accept) => {
        const stored = await deps.files.put(tx, content, fileName, accept);
        written.push(stored.sha256);
        return stored;
      }),
    );
  } catch (err) {
    for (const sha of written) await deps.files.discardIfUnreferenced(deps.db, sha).catch(() => {});
    throw err;
  }
}

/** Files stored content-addressed on local disk (`<dir>/ab/cdef…`); identical content is stored once. */
export function diskFileStore(dir: string, clock: Clock, maxBytes = 20 * 1024 * 1024): FileStore {
  const where = (sha: string) => path.join(dir, sha.slice(0, 2), sha.slice(2));
  return {
    async put(q, content, fileName, accept) {
      if (content.length > maxBytes) throw fileErrors.tooLarge(maxBytes);
      const mediaType = sniffMediaType(content, fileName);
      if (!mediaType) throw fileErrors.unsupported();
      if (accept && !accept.includes(mediaType)) throw fileErrors.scansOnly();
      const sha256 = createHash('sha256').update(content).digest('hex');
      await q.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey(sha256)]);
      const target = where(sha256);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      await fs.writeFile(tmp, content);
      await fs.rename(tmp, target);
      const safeName = [...path.basename(fileName)].map((ch) => (ch.charCodeAt(0) < 32 || ch === '"' || ch === '\\' ? '_' : ch)).join('').slice(0, 200) || 'tep';
      await q.query(
        `INSERT INTO stored_file (sha256, file_name, media_type, size_bytes, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (sha256) DO NOTHING`,
        [sha256, safeName, mediaType, content.length, clock.now()],
      );
      return { sha256, fileName: safeName, mediaType, sizeBytes: content.length };
    },
    async stat(q, sha256) {
      const { rows } = await q.query<StoredFile>(
        `SELECT sha256, file_name AS "fileName", media_type AS "mediaType", size_bytes AS "sizeBytes" FROM stored_file WHERE sha256 = $1`,
        [sha256],
      );
      return rows[0] ?? null;
    },
    open(sha256) {
      return createReadStream(where(sha256));
    },
    async discardIfUnreferenced(db, sha256) {
      await withTransaction(db, async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey(sha256)]);
        const { rows } = await tx.query('SELECT 1 FROM stored_file WHERE sha256 = $1', [sha256]);
        if (rows.length === 0) await fs.rm(where(sha256), { force: true });
      });
    },
  };
}
