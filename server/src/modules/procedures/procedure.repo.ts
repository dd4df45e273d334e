import type { Queryable } from '../../platform/database.js';
import type { TOnlineLevel, TProcedureContent, TProcedureLevel } from './procedure.contract.js';
import { baseFeeVnd } from './fee.rules.js';
import { withFieldOrder, type ProcedureStatus, type VersionState } from './procedure.rules.js';

export type ProcedureRow = {
  id: string;
  ownerUnitId: string;
  ownerUnitName: string;
  ownerUnitPath: string;
  code: string;
  status: ProcedureStatus;
  name: string;
  field: string;
  level: TProcedureLevel;
  agency: string;
  onlineLevel: TOnlineLevel;
  currentVersionId: string | null;
  abolishedOn: string | null;
  abolishDecision: string | null;
  updatedAt: Date;
};

export type VersionRow = {
  id: string;
  procedureId: string;
  versionNo: number;
  state: VersionState;
  content: TProcedureContent;
  decisionNo: string | null;
  decisionDate: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  createdAt: Date;
  publishedAt: Date | null;
};

const procCols = `p.id, p.owner_unit_id AS "ownerUnitId", u.name AS "ownerUnitName", u.path AS "ownerUnitPath", p.code, p.status,
  p.name, p.field, p.level, p.agency, p.online_level AS "onlineLevel", p.current_version_id AS "currentVersionId",
  p.abolished_on AS "abolishedOn", p.abolish_decision AS "abolishDecision", p.updated_at AS "updatedAt"`;
const versionCols = `id, procedure_id AS "procedureId", version_no AS "versionNo", state, content, decision_no AS "decisionNo",
  decision_date AS "decisionDate", effective_from AS "effectiveFrom", effective_to AS "effectiveTo", created_at AS "createdAt",
  published_at AS "publishedAt"`;

export async function getProcedure(q: Queryable, id: string, forUpdate = false): Promise<ProcedureRow | null> {
  const { rows } = await q.query<ProcedureRow>(
    `SELECT ${procCols} FROM procedure p JOIN unit u ON u.id = p.owner_unit_id WHERE p.id = $1 ${forUpdate ? 'FOR UPDATE OF p' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function findProcedureByCode(q: Queryable, ownerUnitId: string, code: string): Promise<ProcedureRow | null> {
  const { rows } = await q.query<ProcedureRow>(
    `SELECT ${procCols} FROM procedure p JOIN unit u ON u.id = p.owner_unit_id WHERE p.owner_unit_id = $1 AND p.code = $2 FOR UPDATE OF p`,
    [ownerUnitId, code],
  );
  return rows[0] ?? null;
}

export async function listVersions(q: Queryable, procedureId: string): Promise<VersionRow[]> {
  const { rows } = await q.query<VersionRow>(`SELECT ${versionCols} FROM procedure_version WHERE procedure_id = $1 ORDER BY version_no DESC`, [
    procedureId,
  ]);
  return rows;
}

export async function getVersion(q: Queryable, id: string): Promise<VersionRow | null> {
  const { rows } = await q.query<VersionRow>(`SELECT ${versionCols} FROM procedure_version WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

function listing(c: TProcedureContent) {
  return [c.name, c.field, c.level, c.agency, c.onlineLevel, JSON.stringify(c.processingTime), baseFeeVnd(c.fees, c.onlineLevel), c.postalIntake, c.postalReturn];
}

export async function insertProcedure(q: Queryable, ownerUnitId: string, c: TProcedureContent, now: Date): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO procedure (owner_unit_id, code, status, name, field, level, agency, online_level, processing_time, fee_total_vnd, postal_intake, postal_return,
       created_at, updated_at)
     VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
    [ownerUnitId, c.code, ...listing(c), now],
  );
  return rows[0]!.id;
}

export async function insertDraftVersion(q: Queryable, procedureId: string, content: TProcedureContent, createdBy: string | null, now: Date): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO procedure_version (procedure_id, version_no, state, content, created_by, created_at)
     SELECT $1, coalesce(max(version_no), 0) + 1, 'draft', $2, $3, $4 FROM procedure_version WHERE procedure_id = $1
     RETURNING id`,
    [procedureId, JSON.stringify(withFieldOrder(content)), createdBy, now],
  );
  return rows[0]!.id;
}

export async function updateDraftContent(q: Queryable, versionId: string, content: TProcedureContent): Promise<void> {
  await q.query(`UPDATE procedure_version SET content = $2 WHERE id = $1 AND state = 'draft'`, [versionId, JSON.stringify(withFieldOrder(content))]);
}

/** Copies the listing columns of `content` onto the catalogue row. */
export async function updateListing(q: Queryable, procedureId: string, c: TProcedureContent, now: Date): Promise<void> {
  await q.query(
    `UPDATE procedure SET name = $2, field = $3, level = $4, agency = $5, online_level = $6, processing_time = $7, fee_total_vnd = $8,
            postal_intake = $9, postal_return = $10, updated_at = $11 WHERE id = $1`,
    [procedureId, ...listing(c), now],
  );
}

export async function markPublished(
  q: Queryable,
  procedureId: string,
  versionId: string,
  d: { decisionNo: string; decisionDate: string; effectiveFrom: string },
  now: Date,
  today: string,
): Promise<void> {
  await q.query(
    `UPDATE procedure_version SET state = 'superseded', effective_to = $2
      WHERE procedure_id = $1 AND state = 'published'`,
    [procedureId, d.effectiveFrom],
  );
  await q.query(
    `UPDATE procedure_version SET state = 'published', decision_no = $2, decision_date = $3, effective_from = $4, published_at = $5
      WHERE id = $1`,
    [versionId, d.decisionNo, d.decisionDate, d.effectiveFrom, now],
  );
  // The catalogue row (current_version_id and the listing columns) moves to the new version only once it is in force:
  // for a later date the daily job applyVersionsInForce moves it. A first publication takes it at once (there is no
  // earlier version to keep listing; readers see it as upcoming by its date).
  await q.query(
    `UPDATE procedure SET status = 'published', updated_at = $3,
            current_version_id = CASE WHEN status = 'draft' OR $4::date <= $5::date THEN $2::uuid ELSE current_version_id END
      WHERE id = $1`,
    [procedureId, versionId, now, d.effectiveFrom, today],
  );
}

/**
 * Moves each published procedure's catalogue row to the version in force on `today` (YYYY-MM-DD, Vietnam) when a
 * version published for a later date has reached it: current_version_id and the listing columns the catalogue lists,
 * searches and filters by. Idempotent; returns the procedures moved.
 */
export async function applyVersionsInForce(q: Queryable, today: string): Promise<string[]> {
  const { rows } = await q.query<{ id: string; content: TProcedureContent; versionId: string }>(
    `SELECT p.id, v.id AS "versionId", v.content
       FROM procedure p
       JOIN LATERAL (SELECT id, content FROM procedure_version
                      WHERE procedure_id = p.id AND state <> 'draft' AND effective_from <= $1::date
                        AND (effective_to IS NULL OR $1::date < effective_to)
                      ORDER BY version_no DESC LIMIT 1) v ON true
      WHERE p.status = 'published' AND p.current_version_id IS DISTINCT FROM v.id
      FOR UPDATE OF p`,
    [today],
  );
  for (const r of rows) {
    await setCurrentVersion(q, r.id, r.versionId);
    await q.query(
      `UPDATE procedure SET name = $2, field = $3, level = $4, agency = $5, online_level = $6, processing_time = $7, fee_total_vnd = $8,
              postal_intake = $9, postal_return = $10 WHERE id = $1`,
      [r.id, ...listing(r.content)],
    );
  }
  return rows.map((r) => r.id);
}

/** Removes the draft (a revision not published), leaving the published versions as they were. */
export async function deleteDraftVersion(q: Queryable, procedureId: string): Promise<void> {
  await q.query(`DELETE FROM procedure_version WHERE procedure_id = $1 AND state = 'draft'`, [procedureId]);
}

export async function setCurrentVersion(q: Queryable, procedureId: string, versionId: string): Promise<void> {
  await q.query(`UPDATE procedure SET current_version_id = $2 WHERE id = $1`, [procedureId, versionId]);
}

export async function markAbolished(q: Queryable, procedureId: string, abolishedOn: string, decision: string, now: Date): Promise<void> {
  await q.query(`UPDATE procedure SET status = 'abolished', abolished_on = $2, abolish_decision = $3, updated_at = $4 WHERE id = $1`, [
    procedureId,
    abolishedOn,
    decision,
    now,
  ]);
  await q.query(`UPDATE procedure_version SET effective_to = $2 WHERE procedure_id = $1 AND state = 'published'`, [procedureId, abolishedOn]);
  await q.query(`DELETE FROM procedure_version WHERE procedure_id = $1 AND state = 'draft'`, [procedureId]);
}

export type CatalogFilter = {
  q?: string;
  field?: string;
  level?: TProcedureLevel;
  agency?: string;
  onlineLevel?: TOnlineLevel;
  ownerUnitId?: string;
  code?: string;
  /** One row per procedure code (the first by owner name), with the number of owners publishing it. */
  distinct?: 'code';
  statuses: ProcedureStatus[];
  /** Only procedures owned under these unit paths; null = any. */
  paths: string[] | null;
  limit: number;
  offset: number;
};

export type CatalogRow = Pick<ProcedureRow, 'id' | 'code' | 'name' | 'field' | 'level' | 'agency' | 'onlineLevel' | 'status' | 'ownerUnitId' | 'ownerUnitName' | 'abolishedOn'> & {
  processingTime: TProcedureContent['processingTime'];
  feeTotalVnd: number;
  fees: TProcedureContent['fees'];
  postalIntake: boolean;
  postalReturn: boolean;
  publishedBy: number | null;
};

/**
 * Catalogue search. Every word of `q` must appear in the accent-folded text (so "ho ngheo" finds "hộ nghèo"),
 * served by the trigram index; results rank by similarity, then name.
 */
export async function searchCatalog(q: Queryable, f: CatalogFilter): Promise<CatalogRow[]> {
  const words = (f.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 10);
  // Two fixed statements: a plain list sorted by name, or a search that ranks by similarity. Keeping the word
  // filter out of the plain list matters: the planner cannot estimate it and picks a nested loop (BENCHMARKS.md).
  const searching = words.length > 0;
  // Each word is folded once (an init plan), not once per row.
  const wordFilter = searching
    ? `AND p.search_text LIKE ALL (coalesce((SELECT array_agg('%' || vn_fold(w) || '%') FROM unnest($3::text[]) w), '{}'::text[]))`
    : 'AND cardinality($3::text[]) = 0';
  // What the officer typed, as whole words of the name, ranks first ("giam ho" → "Đăng ký giám hộ" before "Công nhận
  // hộ nghèo…", whose long text also holds "giảm" and "hộ"): the whole phrase in the name, then how many of its words
  // are words of the name, then trigram similarity over the whole text.
  const nameWords = `(' ' || regexp_replace(vn_fold(p.name), '[^a-z0-9]+', ' ', 'g') || ' ')`;
  const nameRank = `ARRAY[(CASE WHEN ${nameWords} LIKE '% ' || regexp_replace(vn_fold($9), '[^a-z0-9]+', ' ', 'g') || ' %' THEN 1 ELSE 0 END)::bigint,
                    (SELECT count(*) FROM unnest($3::text[]) w WHERE ${nameWords} LIKE '% ' || vn_fold(w) || ' %')]`;
  const order = searching ? `${nameRank} DESC, similarity(p.search_text, vn_fold($9)) DESC, p.name, p.id` : 'p.name, p.id';
  const columns = `p.id, p.code, p.name, p.field, p.level, p.agency, p.online_level AS "onlineLevel", p.status,
            p.owner_unit_id AS "ownerUnitId", u.name AS "ownerUnitName", p.abolished_on AS "abolishedOn",
            p.processing_time AS "processingTime", p.fee_total_vnd AS "feeTotalVnd",
            coalesce((SELECT v.content->'fees' FROM procedure_version v WHERE v.id = p.current_version_id), '[]'::jsonb) AS fees,
            p.postal_intake AS "postalIntake", p.postal_return AS "postalReturn"`;
  const where = `WHERE p.status = ANY($1::text[])
        AND ($2::text[] IS NULL OR u.path LIKE ANY (SELECT x || '%' FROM unnest($2::text[]) x))
        ${wordFilter}
        AND ($4::text IS NULL OR p.field = $4)
        AND ($5::text IS NULL OR p.level = $5)
        AND ($6::text IS NULL OR p.agency = $6)
        AND ($7::text IS NULL OR p.online_level = $7)
        AND ($8::uuid IS NULL OR p.owner_unit_id = $8)
        AND ($12::text IS NULL OR p.code = $12)
        AND ($9::text IS NOT NULL) -- types $9 when the ORDER BY does not use it`;
  // Grouped by code: the window counts the owners before DISTINCT ON keeps one row per code (the first owner by name),
  // then the page is ordered as the plain listing is (rank by similarity, or name).
  const sql =
    f.distinct === 'code'
      ? `SELECT * FROM (
           SELECT DISTINCT ON (p.code) ${columns}, count(*) OVER (PARTITION BY p.code)::int AS "publishedBy",
                  ${searching ? 'similarity(p.search_text, vn_fold($9))' : '0::real'} AS rank,
                  ${searching ? nameRank : "'{}'::bigint[]"} AS name_rank
             FROM procedure p
             JOIN unit u ON u.id = p.owner_unit_id
            ${where}
            ORDER BY p.code, u.name, p.id) g
          ORDER BY g.name_rank DESC, g.rank DESC, g.name, g.id
          LIMIT $10 OFFSET $11`
      : `SELECT ${columns}, NULL::int AS "publishedBy"
           FROM procedure p
           JOIN unit u ON u.id = p.owner_unit_id
          ${where}
          ORDER BY ${order}
          LIMIT $10 OFFSET $11`;
  const { rows } = await q.query<CatalogRow & { rank?: number }>(sql, [
    f.statuses, f.paths, words, f.field ?? null, f.level ?? null, f.agency ?? null, f.onlineLevel ?? null, f.ownerUnitId ?? null, words.join(' '), f.limit, f.offset, f.code ?? null,
  ]);
  if (f.distinct === 'code') for (const r of rows as (CatalogRow & { rank?: number; name_rank?: unknown })[]) {
    delete r.rank;
    delete r.name_rank;
  }
  return rows;
}

/** Distinct values for the catalogue's filters. */
export async function catalogFacets(
  q: Queryable,
  statuses: ProcedureStatus[],
): Promise<{ fields: string[]; agencies: string[]; owners: { id: string; name: string }[] }> {
  const { rows } = await q.query<{ fields: string[] | null; agencies: string[] | null; owners: { id: string; name: string }[] | null }>(
    `SELECT array_agg(DISTINCT p.field ORDER BY p.field) AS fields, array_agg(DISTINCT p.agency ORDER BY p.agency) AS agencies,
            (SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name) FROM unit u
              WHERE u.id IN (SELECT owner_unit_id FROM procedure WHERE status = ANY($1::text[]))) AS owners
       FROM procedure p WHERE p.status = ANY($1::text[])`,
    [statuses],
  );
  return { fields: rows[0]?.fields ?? [], agencies: rows[0]?.agencies ?? [], owners: rows[0]?.owners ?? [] };
}

/**
 * True when a stored file is a template of a procedure visible with these statuses (so it may be downloaded): of a
 * published version (the one in force, or one announced for a later date, which the public page shows as upcoming).
 */
export async function isTemplateFile(q: Queryable, sha256: string, statuses: ProcedureStatus[]): Promise<boolean> {
  const { rows } = await q.query(
    `SELECT 1 FROM procedure p JOIN procedure_version v ON v.procedure_id = p.id
      WHERE p.status = ANY($2::text[]) AND (v.state <> 'draft' OR v.id = p.current_version_id OR $3)
        AND jsonb_path_exists(v.content, '$.**.fileId ? (@ == $sha)', jsonb_build_object('sha', $1::text))
      LIMIT 1`,
    [sha256, statuses, statuses.includes('draft')],
  );
  return rows.length > 0;
}
