import type { Queryable } from '../../platform/database.js';
import type { TAdjustment, TCreateAdjustmentInput, TSetWorkingHoursInput, TWorkingHours } from './calendar.contract.js';
import type { WorkingHours } from './calendar.rules.js';

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

/**
 * SQL for the office hours that apply to the unit whose path is `pathSql` (a SQL expression): the rows of its province,
 * as a JSON array of `WorkingHours` — embedded by loaders that read a dossier and its calendar in one statement.
 */
export function workingHoursJsonSql(pathSql: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('from', h.effective_from, 'sessions', json_build_array(
              json_build_object('start', h.morning_start, 'end', h.morning_end), json_build_object('start', h.afternoon_start, 'end', h.afternoon_end)))
            ORDER BY h.effective_from), '[]')
      FROM working_hours h JOIN unit hu ON hu.id = h.unit_id WHERE ${pathSql} LIKE hu.path || '%')`;
}

/** The office hours that apply to a unit (its province's rows); none for the whole system (`unitPath` null). */
export async function listWorkingHours(q: Queryable, unitPath: string | null): Promise<WorkingHours[]> {
  if (unitPath === null) return [];
  const { rows } = await q.query<{ hours: WorkingHours[] }>(`SELECT ${workingHoursJsonSql('$1::text')} AS hours`, [unitPath]);
  return rows[0]!.hours;
}

/** A province's rows for the administrator's screen, latest first. */
export async function listProvinceWorkingHours(q: Queryable, unitId: string): Promise<TWorkingHours[]> {
  const { rows } = await q.query<TWorkingHours>(
    `SELECT h.id, h.unit_id AS "unitId", to_char(h.effective_from, 'YYYY-MM-DD') AS "effectiveFrom", h.morning_start AS "morningStart",
            h.morning_end AS "morningEnd", h.afternoon_start AS "afternoonStart", h.afternoon_end AS "afternoonEnd", h.set_at AS "setAt",
            s.full_name AS "setByName"
       FROM working_hours h LEFT JOIN staff_user s ON s.id = h.set_by WHERE h.unit_id = $1 ORDER BY h.effective_from DESC`,
    [unitId],
  );
  return rows;
}

/** Sets the hours from a date; a row of the same date is replaced (the caller audits before and after). */
export async function upsertWorkingHours(q: Queryable, h: TSetWorkingHoursInput, by: string, at: Date): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO working_hours (unit_id, effective_from, morning_start, morning_end, afternoon_start, afternoon_end, set_by, set_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (unit_id, effective_from) DO UPDATE SET morning_start = EXCLUDED.morning_start, morning_end = EXCLUDED.morning_end,
       afternoon_start = EXCLUDED.afternoon_start, afternoon_end = EXCLUDED.afternoon_end, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
     RETURNING id`,
    [h.unitId, h.effectiveFrom, h.morningStart, h.morningEnd, h.afternoonStart, h.afternoonEnd, by, at],
  );
  return rows[0]!.id;
}

/** One row of office hours with its province's path (for the permission check and the audit). */
export async function getWorkingHoursRow(q: Queryable, id: string): Promise<(TWorkingHours & { provincePath: string }) | null> {
  const { rows } = await q.query<TWorkingHours & { provincePath: string }>(
    `SELECT h.id, h.unit_id AS "unitId", to_char(h.effective_from, 'YYYY-MM-DD') AS "effectiveFrom", h.morning_start AS "morningStart",
            h.morning_end AS "morningEnd", h.afternoon_start AS "afternoonStart", h.afternoon_end AS "afternoonEnd", h.set_at AS "setAt",
            NULL AS "setByName", u.path AS "provincePath"
       FROM working_hours h JOIN unit u ON u.id = h.unit_id WHERE h.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/**
 * Whether a dossier of the province has a deadline counted with these hours: received once the row existed, and due
 * on or after the day the hours start (its working time was counted through days under them).
 */
export async function workingHoursInUse(q: Queryable, row: { provincePath: string; effectiveFrom: string; setAt: Date }): Promise<boolean> {
  const { rows } = await q.query<{ used: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM dossier d
                     WHERE (d.resolving_path LIKE $1 || '%' OR d.receiving_path LIKE $1 || '%')
                       AND d.received_at >= $2 AND d.due_at >= ($3::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')) AS used`,
    [row.provincePath, row.setAt, row.effectiveFrom],
  );
  return rows[0]!.used;
}

export async function deleteWorkingHours(q: Queryable, id: string): Promise<void> {
  await q.query('DELETE FROM working_hours WHERE id = $1', [id]);
}
