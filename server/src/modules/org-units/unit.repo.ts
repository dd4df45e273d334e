import type { Queryable } from '../../platform/database.js';
import type { TUnit, TUnitKind } from './unit.contract.js';
import { unitClosed } from './unit.rules.js';

export type UnitRow = {
  id: string;
  code: string;
  name: string;
  kind: TUnitKind;
  parentId: string | null;
  path: string;
  depth: number;
  validFrom: string | null;
  validTo: string | null;
};

const cols = `id, code, name, kind, parent_id AS "parentId", path, depth, valid_from AS "validFrom", valid_to AS "validTo"`;

export async function getUnit(q: Queryable, id: string): Promise<UnitRow | null> {
  const { rows } = await q.query<UnitRow>(`SELECT ${cols} FROM unit WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function getUnitByCode(q: Queryable, code: string): Promise<UnitRow | null> {
  const { rows } = await q.query<UnitRow>(`SELECT ${cols} FROM unit WHERE code = $1`, [code]);
  return rows[0] ?? null;
}

export async function getUnits(q: Queryable, ids: string[]): Promise<UnitRow[]> {
  const { rows } = await q.query<UnitRow>(`SELECT ${cols} FROM unit WHERE id = ANY($1::uuid[])`, [ids]);
  return rows;
}

/** Inserts a unit below `parent` (or as a root); its path is the parent's path plus its own id. */
export async function insertUnit(
  q: Queryable,
  u: { code: string; name: string; kind: TUnitKind; parent: UnitRow | null; validFrom: string | null },
  now: Date,
): Promise<UnitRow> {
  const { rows } = await q.query<UnitRow>(
    `WITH id AS (SELECT gen_random_uuid() AS id)
     INSERT INTO unit (id, code, name, kind, parent_id, path, depth, valid_from, created_at)
     SELECT id.id, $1, $2, $3, $4, $5 || id.id || '/', $6, $7, $8 FROM id
     RETURNING ${cols}`,
    [u.code, u.name, u.kind, u.parent?.id ?? null, u.parent?.path ?? '/', (u.parent?.depth ?? -1) + 1, u.validFrom, now],
  );
  return rows[0]!;
}

export async function renameUnit(q: Queryable, id: string, name: string): Promise<void> {
  await q.query('UPDATE unit SET name = $2 WHERE id = $1', [id, name]);
}

/** Closes a unit and its still-open descendants on `lastDay`. */
export async function closeUnitSubtree(q: Queryable, unit: UnitRow, lastDay: string): Promise<void> {
  await q.query(`UPDATE unit SET valid_to = $2 WHERE path LIKE $1 || '%' AND (valid_to IS NULL OR valid_to > $2)`, [unit.path, lastDay]);
}

export async function insertSuccession(q: Queryable, predecessorId: string, successorId: string, effectiveOn: string, kind: string): Promise<void> {
  await q.query(
    `INSERT INTO unit_succession (predecessor_id, successor_id, effective_on, kind) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [predecessorId, successorId, effectiveOn, kind],
  );
}

/** Units within the given scope paths, optionally existing on a date, with their succession links. */
export async function listUnits(
  q: Queryable,
  f: { paths: string[] | null; on?: string; parentId?: string; kind?: TUnitKind },
  today: string,
): Promise<TUnit[]> {
  const { rows } = await q.query<Omit<TUnit, 'closed'>>(
    `SELECT u.id, u.code, u.name, u.kind, u.parent_id AS "parentId", u.depth,
            u.valid_from AS "validFrom", u.valid_to AS "validTo",
            coalesce((SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'kind', s.kind, 'effectiveOn', s.effective_on))
                        FROM unit_succession s JOIN unit p ON p.id = s.predecessor_id WHERE s.successor_id = u.id), '[]') AS predecessors,
            coalesce((SELECT json_agg(json_build_object('id', n.id, 'name', n.name, 'kind', s.kind, 'effectiveOn', s.effective_on))
                        FROM unit_succession s JOIN unit n ON n.id = s.successor_id WHERE s.predecessor_id = u.id), '[]') AS successors
       FROM unit u
      WHERE ($1::text[] IS NULL OR u.path LIKE ANY (SELECT p || '%' FROM unnest($1::text[]) p))
        AND ($2::date IS NULL OR ((u.valid_from IS NULL OR u.valid_from <= $2) AND (u.valid_to IS NULL OR u.valid_to >= $2)))
        AND ($3::uuid IS NULL OR u.parent_id = $3)
        AND ($4::text IS NULL OR u.kind = $4)
      ORDER BY u.path`,
    [f.paths, f.on ?? null, f.parentId ?? null, f.kind ?? null],
  );
  return rows.map((u) => ({ ...u, closed: unitClosed(u, today) }));
}

/** The information site nearest to a unit, at it or above it (commune, then province); null when none has one. */
export async function nearestSiteContacts(q: Queryable, unitId: string) {
  const { rows } = await q.query<{ name: string; address: string; phone: string; feedbackPhone: string; email: string; siteUrl: string }>(
    `SELECT s.title AS name, s.address, s.phone, s.feedback_phone AS "feedbackPhone", s.email, '/trang/' || s.slug AS "siteUrl"
       FROM unit t JOIN unit u ON t.path LIKE u.path || '%' JOIN portal_site s ON s.unit_id = u.id
      WHERE t.id = $1
      ORDER BY u.depth DESC LIMIT 1`,
    [unitId],
  );
  return rows[0] ?? null;
}
