import type { Queryable } from '../../platform/database.js';
import { CLAIM_LEASE_MINUTES, afterFailedAttempt } from '../notifications/notification.rules.js';

export type PushRow = {
  id: string;
  dossierId: string;
  sha256: string;
  documentName: string;
  idNumber: string;
  attempts: number;
  dossierCode: string | null;
  issuer: string;
  issuedAt: Date;
  fileName: string;
  mediaType: string;
};

/**
 * Claims up to `limit` due pushes (FOR UPDATE SKIP LOCKED: any number of instances, each row to one of them): each
 * gets attempts + 1 and a lease, so a crashed pusher's rows become due again when the lease ends.
 */
export async function claimDuePushes(q: Queryable, now: Date, limit: number): Promise<PushRow[]> {
  const { rows } = await q.query<PushRow>(
    `WITH due AS (
       SELECT id FROM citizen_store_push WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
     UPDATE citizen_store_push p SET attempts = p.attempts + 1, next_attempt_at = $1::timestamptz + make_interval(mins => $3)
       FROM due, dossier d, unit u, stored_file s
      WHERE p.id = due.id AND d.id = p.dossier_id AND u.id = d.resolving_unit_id AND s.sha256 = p.sha256
     RETURNING p.id::text, p.dossier_id AS "dossierId", p.sha256, p.document_name AS "documentName", p.id_number AS "idNumber", p.attempts,
       d.code AS "dossierCode", u.name AS issuer, coalesce(d.finished_at, p.created_at) AS "issuedAt", s.file_name AS "fileName", s.media_type AS "mediaType"`,
    [now, limit, CLAIM_LEASE_MINUTES],
  );
  return rows;
}

/** Records a delivery, if the claim still holds (attempts unchanged). */
export async function markPushSent(q: Queryable, row: PushRow, storeId: string, now: Date): Promise<boolean> {
  const r = await q.query(`UPDATE citizen_store_push SET status = 'sent', sent_at = $3, national_store_id = $4, last_error = NULL WHERE id = $1 AND attempts = $2 AND status = 'pending'`, [
    row.id,
    row.attempts,
    now,
    storeId,
  ]);
  return r.rowCount === 1;
}

/** Records a failed attempt with the outbox's backoff (1, 5, 30 … minutes; failed after the 8th). */
export async function markPushFailed(q: Queryable, row: PushRow, error: string, now: Date): Promise<'retry' | 'failed' | 'stale'> {
  const next = afterFailedAttempt(row.attempts, now);
  const r = await q.query(
    `UPDATE citizen_store_push SET status = $3, next_attempt_at = coalesce($4, next_attempt_at), last_error = $5 WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
    [row.id, row.attempts, next.status, next.status === 'pending' ? next.nextAttemptAt : null, error.slice(0, 1000)],
  );
  if (r.rowCount !== 1) return 'stale';
  return next.status === 'pending' ? 'retry' : 'failed';
}

export type PushStatus = { documentName: string; status: 'pending' | 'sent' | 'failed'; attempts: number; sentAt: Date | null; lastError: string | null };

/** Where each result of a dossier stands on its way to the citizen's store (for the officer's dossier page). */
export async function pushStatusOf(q: Queryable, dossierId: string): Promise<PushStatus[]> {
  const { rows } = await q.query<PushStatus>(
    `SELECT document_name AS "documentName", status, attempts, sent_at AS "sentAt", last_error AS "lastError" FROM citizen_store_push WHERE dossier_id = $1 ORDER BY id`,
    [dossierId],
  );
  return rows;
}
