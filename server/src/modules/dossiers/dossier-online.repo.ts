import type { Queryable } from '../../platform/database.js';

/** What acceptance of an online dossier needs to know, read under the dossier's row lock. */
export type OnlineIntakeRow = {
  id: string;
  channel: string;
  status: string;
  procedureVersionId: string;
  procedureName: string;
  receivingUnitId: string;
  receivingUnitCode: string;
  receivingUnitName: string;
  receivingPath: string;
  resolvingUnitId: string;
  resolvingPath: string;
  applicant: { fullName: string; email: string | null; phone: string | null };
  scopeUnitIds: string[];
};

export async function lockOnlineDossier(q: Queryable, id: string): Promise<OnlineIntakeRow | null> {
  const { rows } = await q.query<OnlineIntakeRow>(
    `SELECT d.id, d.channel, d.status, d.procedure_version_id AS "procedureVersionId", d.procedure_name AS "procedureName",
            d.receiving_unit_id AS "receivingUnitId", u.code AS "receivingUnitCode", u.name AS "receivingUnitName", d.receiving_path AS "receivingPath",
            d.resolving_unit_id AS "resolvingUnitId", d.resolving_path AS "resolvingPath", d.applicant,
            ARRAY(SELECT sc.unit_id FROM dossier_scope sc WHERE sc.dossier_id = d.id) AS "scopeUnitIds"
       FROM dossier d JOIN unit u ON u.id = d.receiving_unit_id WHERE d.id = $1 FOR UPDATE OF d`,
    [id],
  );
  return rows[0] ?? null;
}
