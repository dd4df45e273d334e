import type { Queryable } from '../../platform/database.js';
import type { Signer } from './signatory.rules.js';

const COLUMNS = `id, kind, full_name AS "fullName", title, head_title AS "headTitle", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
  to_char(valid_to, 'YYYY-MM-DD') AS "validTo"`;

/**
 * SQL for a JSON array of the signers of the unit `unitIdSql` names (the rows `listSigners` reads, in its order), for a
 * statement that reads them along with something else (the dossier screen: one round trip, issue 12).
 */
export function signersJsonSql(unitIdSql: string): string {
  return `(SELECT coalesce(json_agg(x ORDER BY x."validFrom" DESC, x.kind, x."fullName"), '[]') FROM (SELECT ${COLUMNS} FROM unit_signer WHERE unit_id = ${unitIdSql}) x)`;
}

/** Everyone who may sign for the unit, past and future, latest start first. */
export async function listSigners(q: Queryable, unitId: string): Promise<Signer[]> {
  const { rows } = await q.query<Signer>(`SELECT ${COLUMNS} FROM unit_signer WHERE unit_id = $1 ORDER BY valid_from DESC, kind, full_name`, [unitId]);
  return rows;
}

export async function getSigner(q: Queryable, unitId: string, id: string): Promise<Signer | null> {
  const { rows } = await q.query<Signer>(`SELECT ${COLUMNS} FROM unit_signer WHERE unit_id = $1 AND id = $2`, [unitId, id]);
  return rows[0] ?? null;
}

export async function putSigner(q: Queryable, unitId: string, s: Signer, at: Date, by: string): Promise<void> {
  await q.query(
    `INSERT INTO unit_signer (id, unit_id, kind, full_name, title, head_title, valid_from, valid_to, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, full_name = EXCLUDED.full_name, title = EXCLUDED.title, head_title = EXCLUDED.head_title,
       valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [s.id, unitId, s.kind, s.fullName, s.title, s.headTitle, s.validFrom, s.validTo, at, by],
  );
}

export async function deleteSigner(q: Queryable, unitId: string, id: string): Promise<void> {
  await q.query(`DELETE FROM unit_signer WHERE unit_id = $1 AND id = $2`, [unitId, id]);
}
