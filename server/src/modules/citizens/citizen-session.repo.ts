import type { Queryable } from '../../platform/database.js';

/** A signed-in citizen, as the auth hook resolves it from the `mc_citizen` cookie. */
export type CitizenSession = { citizenId: string; fullName: string; idNumber: string | null; csrfToken: string; via: 'oidc' | 'password' };

export async function findCitizenSession(q: Queryable, tokenHash: string, now: Date): Promise<CitizenSession | null> {
  const { rows } = await q.query<CitizenSession>(
    `SELECT s.citizen_id AS "citizenId", c.full_name AS "fullName", c.id_number AS "idNumber", s.csrf_token AS "csrfToken", s.via
       FROM citizen_session s JOIN citizen_account c ON c.id = s.citizen_id
      WHERE s.token_hash = $1 AND s.expires_at > $2`,
    [tokenHash, now],
  );
  return rows[0] ?? null;
}

export async function insertCitizenSession(
  q: Queryable,
  s: { tokenHash: string; citizenId: string; csrfToken: string; via: 'oidc' | 'password'; ttlHours: number; ip: string; userAgent: string | null; now: Date },
): Promise<void> {
  await q.query(
    `INSERT INTO citizen_session (token_hash, citizen_id, csrf_token, via, created_at, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, $8, $8::timestamptz + make_interval(hours => $5), $6, $7)`,
    [s.tokenHash, s.citizenId, s.csrfToken, s.via, s.ttlHours, s.ip, s.userAgent, s.now],
  );
}

export async function deleteCitizenSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query('DELETE FROM citizen_session WHERE token_hash = $1', [tokenHash]);
}
