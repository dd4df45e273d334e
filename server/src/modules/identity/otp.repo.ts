import type { Queryable } from '../../platform/database.js';
import type { OtpChannel, OtpPurpose } from './otp.rules.js';

export type OtpRow = { id: string; salt: string; codeHash: string; payload: unknown; attempts: number; expiresAt: Date };

/** Stores a new code for (purpose, subject); earlier unused codes of the same pair stop working. */
export async function insertOtp(
  q: Queryable,
  o: { purpose: OtpPurpose; subject: string; channel: OtpChannel; salt: string; codeHash: string; payload: unknown; now: Date; expiresAt: Date },
): Promise<void> {
  await q.query(`UPDATE one_time_code SET used_at = $3 WHERE purpose = $1 AND subject = $2 AND used_at IS NULL`, [o.purpose, o.subject, o.now]);
  await q.query(
    `INSERT INTO one_time_code (purpose, subject, channel, salt, code_hash, payload, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [o.purpose, o.subject, o.channel, o.salt, o.codeHash, o.payload === undefined ? null : JSON.stringify(o.payload), o.now, o.expiresAt],
  );
}

/** The live code of (purpose, subject), locked for the transaction: unused and unexpired at `now`. */
export async function lockLiveOtp(q: Queryable, purpose: OtpPurpose, subject: string, now: Date): Promise<OtpRow | null> {
  const { rows } = await q.query<OtpRow>(
    `SELECT id, salt, code_hash AS "codeHash", payload, attempts, expires_at AS "expiresAt" FROM one_time_code
      WHERE purpose = $1 AND subject = $2 AND used_at IS NULL AND expires_at > $3 ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
    [purpose, subject, now],
  );
  return rows[0] ?? null;
}

export async function countOtpWrongTry(q: Queryable, id: string): Promise<number> {
  const { rows } = await q.query<{ attempts: number }>(`UPDATE one_time_code SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts`, [id]);
  return rows[0]?.attempts ?? 0;
}

export async function markOtpUsed(q: Queryable, id: string, now: Date): Promise<void> {
  await q.query(`UPDATE one_time_code SET used_at = $2 WHERE id = $1`, [id, now]);
}

/** Removes codes that ended more than a day ago (nothing reads them any more). */
export async function purgeOtps(q: Queryable, now: Date): Promise<void> {
  await q.query(`DELETE FROM one_time_code WHERE expires_at < $1::timestamptz - interval '1 day'`, [now]);
}
