import type { Queryable } from '../../platform/database.js';
import type { LocalDocument } from '../citizen-store/kho.rules.js';
import type { Identifier } from './citizen.rules.js';
import type { TDraftData, TProfile } from './citizen.contract.js';

const profileSql = `SELECT c.id, c.id_number AS "idNumber", c.full_name AS "fullName", to_char(c.birth_date, 'YYYY-MM-DD') AS "birthDate", c.gender,
       c.address, c.address_unit_id AS "addressUnitId", u.name AS "addressUnitName", c.phone, c.email, c.oidc_subject IS NOT NULL AS verified,
       c.id_verified_at IS NOT NULL AS "idVerified", c.id_verified_via AS "idVerifiedVia"
  FROM citizen_account c LEFT JOIN unit u ON u.id = c.address_unit_id`;

export async function getProfile(q: Queryable, id: string): Promise<TProfile | null> {
  const { rows } = await q.query<TProfile>(`${profileSql} WHERE c.id = $1`, [id]);
  return rows[0] ?? null;
}

export type LoginRow = { id: string; fullName: string; passwordHash: string | null; failedLogins: number; lockedUntil: Date | null };

/** The account signing in by e-mail or phone, locked for the transaction (lockout counters). */
export async function findForLogin(q: Queryable, id: Identifier): Promise<LoginRow | null> {
  const { rows } = await q.query<LoginRow>(
    `SELECT id, full_name AS "fullName", password_hash AS "passwordHash", failed_logins AS "failedLogins", locked_until AS "lockedUntil"
       FROM citizen_account WHERE ${id.kind === 'email' ? 'email' : 'phone'} = $1 FOR UPDATE`,
    [id.value],
  );
  return rows[0] ?? null;
}

/** Writes the account's consecutive failures and until when it waits (the row is locked by findForLogin). */
export async function setFailures(q: Queryable, id: string, failures: number, lockedUntil: Date | null): Promise<void> {
  await q.query(`UPDATE citizen_account SET failed_logins = $2, locked_until = coalesce($3, locked_until) WHERE id = $1`, [id, failures, lockedUntil]);
}

export async function recordSuccess(q: Queryable, id: string): Promise<void> {
  await q.query(`UPDATE citizen_account SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [id]);
}

export async function insertPasswordAccount(
  q: Queryable,
  a: { identifier: Identifier; passwordHash: string; fullName: string; idNumber: string; birthDate: string; gender: 'male' | 'female' | null },
  now: Date,
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO citizen_account (email, phone, password_hash, full_name, id_number, birth_date, gender, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
    [a.identifier.kind === 'email' ? a.identifier.value : null, a.identifier.kind === 'phone' ? a.identifier.value : null, a.passwordHash, a.fullName, a.idNumber, a.birthDate, a.gender, now],
  );
  return rows[0]!.id;
}

export async function updateProfile(q: Queryable, id: string, set: Record<string, unknown>, now: Date): Promise<void> {
  const cols = Object.keys(set);
  if (cols.length === 0) return;
  await q.query(`UPDATE citizen_account SET ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')}, updated_at = $2 WHERE id = $1`, [id, now, ...cols.map((c) => set[c])]);
}

export async function saveOidcLogin(q: Queryable, s: { state: string; codeVerifier: string; nonce: string; returnTo: string }, now: Date): Promise<void> {
  await q.query(
    `WITH gone AS (DELETE FROM citizen_oidc_login WHERE expires_at < $5)
     INSERT INTO citizen_oidc_login (state, code_verifier, nonce, return_to, expires_at) VALUES ($1, $2, $3, $4, $5::timestamptz + interval '10 minutes')`,
    [s.state, s.codeVerifier, s.nonce, s.returnTo, now],
  );
}

/** Takes the sign-in started with this state (once: a replayed callback finds nothing). */
export async function takeOidcLogin(q: Queryable, state: string, now: Date): Promise<{ codeVerifier: string; nonce: string; returnTo: string } | null> {
  const { rows } = await q.query<{ codeVerifier: string; nonce: string; returnTo: string }>(
    `DELETE FROM citizen_oidc_login WHERE state = $1 AND expires_at > $2 RETURNING code_verifier AS "codeVerifier", nonce, return_to AS "returnTo"`,
    [state, now],
  );
  return rows[0] ?? null;
}

export async function getDraft(q: Queryable, citizenId: string, procedureId: string): Promise<{ data: TDraftData; updatedAt: Date } | null> {
  const { rows } = await q.query<{ data: TDraftData; updatedAt: Date }>(
    `SELECT data, updated_at AS "updatedAt" FROM citizen_draft WHERE citizen_id = $1 AND procedure_id = $2`,
    [citizenId, procedureId],
  );
  return rows[0] ?? null;
}

export async function saveDraft(q: Queryable, citizenId: string, procedureId: string, data: TDraftData, now: Date): Promise<Date> {
  const { rows } = await q.query<{ updatedAt: Date }>(
    `INSERT INTO citizen_draft (citizen_id, procedure_id, data, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (citizen_id, procedure_id) DO UPDATE SET data = EXCLUDED.data, updated_at = EXCLUDED.updated_at RETURNING updated_at AS "updatedAt"`,
    [citizenId, procedureId, JSON.stringify(data), now],
  );
  return rows[0]!.updatedAt;
}

/** A row of the citizen's own store, provenance always read (null for uploads and our own results). */
export type StoreRow = Required<LocalDocument>;

export async function listStore(q: Queryable, citizenId: string): Promise<StoreRow[]> {
  const { rows } = await q.query<StoreRow>(
    `SELECT c.id, c.sha256, c.name, c.kind, s.file_name AS "fileName", s.media_type AS "mediaType", s.size_bytes::int AS "sizeBytes", coalesce(d.code, c.store_dossier_code) AS "dossierCode", c.added_at AS "addedAt",
            c.national_store_id AS "storeId", c.store_issuer AS issuer, c.store_issued_at AS "issuedAt"
       FROM citizen_document c JOIN stored_file s ON s.sha256 = c.sha256 LEFT JOIN dossier d ON d.id = c.dossier_id
      WHERE c.citizen_id = $1 ORDER BY c.added_at DESC, c.id`,
    [citizenId],
  );
  return rows;
}

export async function addToStore(q: Queryable, citizenId: string, sha256: string, name: string, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO citizen_document (citizen_id, sha256, name, kind, added_at) VALUES ($1, $2, $3, 'upload', $4)
     ON CONFLICT (citizen_id, sha256) DO UPDATE SET name = EXCLUDED.name`,
    [citizenId, sha256, name, now],
  );
}

/** Removes one entry of the citizen's own store; false when it is not theirs (or gone). */
export async function removeFromStore(q: Queryable, citizenId: string, id: string): Promise<boolean> {
  const { rowCount } = await q.query(`DELETE FROM citizen_document WHERE id = $1 AND citizen_id = $2`, [id, citizenId]);
  return (rowCount ?? 0) > 0;
}

/** The files of the citizen's store among `sha256s` (to check that picked documents are theirs). */
export async function ownedFiles(q: Queryable, citizenId: string, sha256s: string[]): Promise<Set<string>> {
  const { rows } = await q.query<{ sha256: string }>(`SELECT sha256 FROM citizen_document WHERE citizen_id = $1 AND sha256 = ANY($2::text[])`, [citizenId, sha256s]);
  return new Set(rows.map((r) => r.sha256));
}

/**
 * Delivers a dossier's result files into its citizen's document store, when the result goes online and is ready
 * (ND 45/2020 Điều 14 and 16: electronic results are kept in the store for reuse). Idempotent.
 */
export async function deliverResultsToStore(q: Queryable, dossierId: string, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO citizen_document (citizen_id, sha256, name, kind, dossier_id, added_at)
     SELECT d.citizen_id, f.sha256, f.document_name, 'result', d.id, $2
       FROM dossier d JOIN dossier_file f ON f.dossier_id = d.id AND f.kind = 'result'
      WHERE d.id = $1 AND d.citizen_id IS NOT NULL AND d.result_delivery = 'online' AND d.status IN ('result_ready', 'returned')
     ON CONFLICT (citizen_id, sha256) DO UPDATE SET kind = 'result', dossier_id = EXCLUDED.dossier_id, name = EXCLUDED.name`,
    [dossierId, now],
  );
}
