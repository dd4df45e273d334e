import type { Queryable } from '../../platform/database.js';
import type { TAdjustment, TCreateAdjustmentInput } from './calendar.contract.js';

const cols = `a.id, a.day, a.kind, a.name, a.unit_id AS "unitId", u.name AS "unitName", a.sessions`;

/** Adjustments between two dates that apply to a unit: the global ones and those of the unit or its ancestors. */
export async function listAdjustments(q: Queryable, f: { from: string; to: string; unitPath: string | null }): Promise<TAdjustment[]> {
  const { rows } = await q.query<TAdjustment>(
    `SELECT ${cols} FROM calendar_adjustment a LEFT JOIN unit u ON u.id = a.unit_id
      WHERE a.day BETWEEN $1 AND $2
        AND (a.unit_id IS NULL OR ($3::text IS NOT NULL AND $3 LIKE u.path || '%'))
      ORDER BY a.day, a.created_at`,
    [f.from, f.to, f.unitPath],
  );
  return rows;
}

export async function getAdjustment(q: Queryable, id: string): Promise<(TAdjustment & { unitPath: string | null }) | null> {
  const { rows } = await q.query<TAdjustment & { unitPath: string | null }>(
    `SELECT ${cols}, u.path AS "unitPath" FROM calendar_adjustment a LEFT JOIN unit u ON u.id = a.unit_id WHERE a.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function insertAdjustment(q: Queryable, a: TCreateAdjustmentInput, now: Date): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO calendar_adjustment (day, kind, name, unit_id, sessions, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [a.day, a.kind, a.name, a.unitId, a.sessions ? JSON.stringify(a.sessions) : null, now],
  );
  return rows[0]!.id;
}

export async function deleteAdjustment(q: Queryable, id: string): Promise<void> {
  await q.query('DELETE FROM calendar_adjustment WHERE id = $1', [id]);
}
