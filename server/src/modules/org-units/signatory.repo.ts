import type { Queryable } from '../../platform/database.js';
import type { Signatory } from './signatory.rules.js';

/** The unit's signatory as set by the administrator, or null. */
export async function getSignatory(q: Queryable, unitId: string): Promise<Signatory | null> {
  const { rows } = await q.query<Signatory>(
    `SELECT full_name AS "fullName", head_title AS "headTitle", deputy_title AS "deputyTitle" FROM unit_signatory WHERE unit_id = $1`,
    [unitId],
  );
  return rows[0] ?? null;
}

export async function putSignatory(q: Queryable, unitId: string, s: Signatory, at: Date, by: string): Promise<void> {
  await q.query(
    `INSERT INTO unit_signatory (unit_id, full_name, head_title, deputy_title, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (unit_id) DO UPDATE SET full_name = EXCLUDED.full_name, head_title = EXCLUDED.head_title, deputy_title = EXCLUDED.deputy_title,
       updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [unitId, s.fullName, s.headTitle, s.deputyTitle, at, by],
  );
}
