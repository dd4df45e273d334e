import type { Queryable } from '../../platform/database.js';

/** A portal account as the desk sees it when checking a citizen's card: contact details masked. */
export type AccountClaim = {
  id: string;
  fullName: string;
  birthDate: string | null;
  gender: 'male' | 'female' | null;
  idNumber: string;
  phone: string | null;
  email: string | null;
  createdAt: Date;
  idVerifiedAt: Date | null;
  idVerifiedVia: 'oidc' | 'desk' | null;
};

/** The accounts claiming (or holding, verified) one CCCD number. */
export async function accountsClaiming(q: Queryable, idNumber: string): Promise<AccountClaim[]> {
  const { rows } = await q.query<AccountClaim>(
    `SELECT id, full_name AS "fullName", to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", gender, id_number AS "idNumber",
            CASE WHEN phone IS NULL THEN NULL ELSE left(phone, 3) || '****' || right(phone, 3) END AS phone,
            CASE WHEN email IS NULL THEN NULL ELSE left(email, 1) || '***' || substring(email from position('@' in email)) END AS email,
            created_at AS "createdAt", id_verified_at AS "idVerifiedAt", id_verified_via AS "idVerifiedVia"
       FROM citizen_account WHERE id_number = $1 ORDER BY id_verified_at NULLS LAST, created_at LIMIT 20`,
    [idNumber],
  );
  return rows;
}

export async function lockAccountIdentity(q: Queryable, id: string): Promise<{ idNumber: string | null; fullName: string; idVerifiedAt: Date | null } | null> {
  const { rows } = await q.query<{ idNumber: string | null; fullName: string; idVerifiedAt: Date | null }>(
    `SELECT id_number AS "idNumber", full_name AS "fullName", id_verified_at AS "idVerifiedAt" FROM citizen_account WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

export async function verifiedHolderOf(q: Queryable, idNumber: string): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>(`SELECT id FROM citizen_account WHERE id_number = $1 AND id_verified_at IS NOT NULL`, [idNumber]);
  return rows[0]?.id ?? null;
}

export async function markIdentityVerifiedAtDesk(q: Queryable, id: string, v: { at: Date; by: string; unitId: string }): Promise<void> {
  await q.query(
    `UPDATE citizen_account SET id_verified_at = $2, id_verified_via = 'desk', id_verified_by = $3, id_verified_unit_id = $4, updated_at = $2 WHERE id = $1`,
    [id, v.at, v.by, v.unitId],
  );
}
