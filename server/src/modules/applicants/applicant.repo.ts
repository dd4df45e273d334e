import type { Queryable } from '../../platform/database.js';

export type ApplicantFacts = {
  fullName: string;
  birthDate: string | null;
  gender: 'male' | 'female' | null;
  address: string | null;
  addressUnitId: string | null;
  phone: string | null;
  email: string | null;
};

/**
 * The applicant as given on the newest dossier received or resolved inside one of `provincePaths` (by the identity
 * number index of dossier), with the ids of the dossiers read (for the access log).
 */
export async function latestDossierApplicant(q: Queryable, idNumber: string, provincePaths: string[]): Promise<(ApplicantFacts & { dossierId: string; submittedAt: Date }) | null> {
  const { rows } = await q.query<ApplicantFacts & { dossierId: string; submittedAt: Date }>(
    `SELECT d.id AS "dossierId", d.submitted_at AS "submittedAt", d.applicant->>'fullName' AS "fullName",
            nullif(d.applicant->>'birthDate', '') AS "birthDate", NULL AS gender, d.applicant->>'address' AS address,
            nullif(d.applicant->>'addressUnitId', '')::uuid AS "addressUnitId", d.applicant->>'phone' AS phone, d.applicant->>'email' AS email
       FROM dossier d
      WHERE (d.applicant->>'idNumber') = $1 AND d.applicant->>'kind' = 'citizen'
        AND (d.receiving_path LIKE ANY ($2::text[]) OR d.resolving_path LIKE ANY ($2::text[]))
      ORDER BY d.submitted_at DESC LIMIT 1`,
    [idNumber, provincePaths.map((p) => `${p}%`)],
  );
  return rows[0] ?? null;
}

/**
 * A citizen account whose number was proven (VNeID or checked at a desk) and which belongs to the province: its
 * address is there or its card was checked at one of its desks. Unproven claims are never shown (anyone may type
 * any number at registration).
 */
export async function verifiedAccountApplicant(q: Queryable, idNumber: string, provincePaths: string[]): Promise<ApplicantFacts | null> {
  const { rows } = await q.query<ApplicantFacts>(
    `SELECT c.full_name AS "fullName", to_char(c.birth_date, 'YYYY-MM-DD') AS "birthDate", c.gender, c.address, c.address_unit_id AS "addressUnitId",
            c.phone, c.email
       FROM citizen_account c
       LEFT JOIN unit au ON au.id = c.address_unit_id
       LEFT JOIN unit vu ON vu.id = c.id_verified_unit_id
      WHERE c.id_number = $1 AND c.id_verified_at IS NOT NULL
        AND (au.path LIKE ANY ($2::text[]) OR vu.path LIKE ANY ($2::text[]))
      LIMIT 1`,
    [idNumber, provincePaths.map((p) => `${p}%`)],
  );
  return rows[0] ?? null;
}
