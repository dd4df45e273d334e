import type { Queryable } from '../../platform/database.js';
import type { Identifier } from './citizen.rules.js';

/** The account signing in with a password under this e-mail or phone (accounts of VNeID only have no password). */
export async function findPasswordAccount(q: Queryable, id: Identifier): Promise<{ id: string; fullName: string } | null> {
  const { rows } = await q.query<{ id: string; fullName: string }>(
    `SELECT id, full_name AS "fullName" FROM citizen_account WHERE ${id.kind === 'email' ? 'email' : 'phone'} = $1 AND password_hash IS NOT NULL`,
    [id.value],
  );
  return rows[0] ?? null;
}

/** Whether any account already signs in with this e-mail or phone. */
export async function identifierTaken(q: Queryable, id: Identifier): Promise<boolean> {
  const { rows } = await q.query(`SELECT 1 FROM citizen_account WHERE ${id.kind === 'email' ? 'email' : 'phone'} = $1`, [id.value]);
  return rows.length > 0;
}

/** Sets a new password: the sign-in throttle is lifted and every open session ends (whoever held the old password is out). */
export async function replacePassword(q: Queryable, id: string, passwordHash: string, now: Date): Promise<void> {
  await q.query(`UPDATE citizen_account SET password_hash = $2, failed_logins = 0, locked_until = NULL, updated_at = $3 WHERE id = $1`, [id, passwordHash, now]);
  await q.query(`DELETE FROM citizen_session WHERE citizen_id = $1`, [id]);
}
