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

/**
 * The account of an electronic identity: found by its subject, else the account whose CCCD was proven at a desk (the
 * same person, who registered with a password first), else created. Name, birth date, gender and CCCD follow the
 * identity provider, the authority for them, and the CCCD it gives is proven. An account that merely typed the same
 * number at registration is never taken over: its claim stays an unverified claim.
 */
export async function upsertOidcAccount(
  q: Queryable,
  p: { subject: string; fullName: string; birthDate: string | null; gender: 'male' | 'female' | null; idNumber: string | null },
  now: Date,
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `WITH found AS (
       SELECT id FROM citizen_account WHERE oidc_subject = $1
       UNION ALL SELECT id FROM citizen_account WHERE $5::text IS NOT NULL AND id_number = $5 AND id_verified_at IS NOT NULL AND oidc_subject IS NULL
       LIMIT 1),
     upd AS (
       UPDATE citizen_account c SET oidc_subject = $1, full_name = $2, birth_date = coalesce($3::date, c.birth_date), gender = coalesce($4, c.gender),
              id_number = coalesce($5, c.id_number),
              id_verified_at = CASE WHEN $5::text IS NOT NULL AND (c.id_verified_at IS NULL OR c.id_number IS DISTINCT FROM $5) THEN $6 ELSE c.id_verified_at END,
              id_verified_via = CASE WHEN $5::text IS NOT NULL AND (c.id_verified_at IS NULL OR c.id_number IS DISTINCT FROM $5) THEN 'oidc' ELSE c.id_verified_via END,
              id_verified_by = CASE WHEN $5::text IS NOT NULL AND (c.id_verified_at IS NULL OR c.id_number IS DISTINCT FROM $5) THEN NULL ELSE c.id_verified_by END,
              id_verified_unit_id = CASE WHEN $5::text IS NOT NULL AND (c.id_verified_at IS NULL OR c.id_number IS DISTINCT FROM $5) THEN NULL ELSE c.id_verified_unit_id END,
              updated_at = $6
        WHERE c.id = (SELECT id FROM found) RETURNING c.id),
     ins AS (
       INSERT INTO citizen_account (oidc_subject, full_name, birth_date, gender, id_number, id_verified_at, id_verified_via, created_at, updated_at)
       SELECT $1, $2, $3::date, $4, $5, CASE WHEN $5::text IS NULL THEN NULL ELSE $6::timestamptz END, CASE WHEN $5::text IS NULL THEN NULL ELSE 'oidc' END, $6, $6
        WHERE NOT EXISTS (SELECT 1 FROM found) RETURNING id)
     SELECT id FROM upd UNION ALL SELECT id FROM ins`,
    [p.subject, p.fullName, p.birthDate, p.gender, p.idNumber, now],
  );
  return rows[0]!.id;
}

/**
 * SQL condition "dossier `alias` is the citizen's (`param`, a citizen_account id)": filed under their account, or filed
 * for them elsewhere (at a desk, on the national portal) under the CCCD the account has **proven** (VNeID, the national
 * portal's sign-in, a desk officer checking the card). A number the account only typed opens nothing: anyone can type
 * someone else's. Every citizen read path of a dossier uses this one rule (list, detail, files, notices, ratings,
 * payments, declarations, views log).
 */
export function citizenOwnsDossierSql(alias: string, param: string): string {
  // Bare OR (as a WHERE condition it can use both the citizen_id and the CCCD index); NULL reads as "not theirs".
  return `(${alias}.citizen_id = ${param}::uuid OR (${alias}.applicant->>'idNumber') = (SELECT o.id_number FROM citizen_account o WHERE o.id = ${param}::uuid AND o.id_verified_at IS NOT NULL))`;
}

/** The same rule as a selected true/false (a dossier filed without an account, for a number nobody proved, is nobody's). */
export function citizenOwnsDossierFlagSql(alias: string, param: string): string {
  return `coalesce(${citizenOwnsDossierSql(alias, param)}, false)`;
}

/** Whether the dossier exists (null: no such dossier) and is the citizen's by the rule above. */
export async function citizenOwnsDossier(q: Queryable, citizenId: string, dossierId: string): Promise<boolean | null> {
  const { rows } = await q.query<{ owned: boolean }>(`SELECT ${citizenOwnsDossierFlagSql('d', '$1')} AS owned FROM dossier d WHERE d.id = $2`, [citizenId, dossierId]);
  return rows[0] ? rows[0].owned : null;
}

/**
 * SQL: the outbox row `n` about dossier `d` was sent to the citizen (`citizenParam` their account id) — to the dossier's
 * or the account's e-mail, or (SMS, Zalo) to the dossier's or the account's phone, compared on the last nine digits so
 * 0901… and +84901… are one number. Messages about the dossier to others (the post office's SMS, the dispatch mail to
 * the postal unit) are not the citizen's and are never shown as theirs.
 */
export function sentToCitizenSql(n: string, d: string, citizenParam: string): string {
  const digits = (x: string) => `right(regexp_replace(${x}, '\\D', '', 'g'), 9)`;
  return `(CASE WHEN ${n}.channel = 'email'
               THEN lower(${n}.recipient) IN (lower(${d}.applicant->>'email'), (SELECT lower(ca.email) FROM citizen_account ca WHERE ca.id = ${citizenParam}))
               ELSE ${digits(`${n}.recipient`)} IN (${digits(`${d}.applicant->>'phone'`)}, (SELECT ${digits('ca.phone')} FROM citizen_account ca WHERE ca.id = ${citizenParam}))
          END)`;
}
