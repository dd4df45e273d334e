import type { Queryable } from '../../platform/database.js';
import { dateOfDayNumber, dayNumberOf } from '../working-calendar/vn-time.js';
import { counterMetrics, planRange, zeroCounters, type CounterMetric, type Counters } from './reports.rules.js';

/**
 * Reads of the report counters (migration 20261126100000). Nothing here counts dossiers, except the exact remainder
 * of the current hour for "overdue now" (an index range on dossier.due_at of at most one hour).
 */

/** How rows are grouped: by the unit's direct children (roll-up of each child's subtree), by procedure, or by bucket. */
export type GroupBy = 'child' | 'unit' | 'procedure' | 'day' | 'month' | 'none';

function groupExpr(by: GroupBy, depth: number, alias = ''): string {
  const p = alias ? `${alias}.` : '';
  switch (by) {
    case 'child':
      // Segment depth+2 of "/a/b/c/" is the child's id; '' for rows of the unit itself.
      return `split_part(${p}unit_path, '/', ${depth + 2})`;
    case 'procedure':
      return `${p}procedure_id::text`;
    case 'unit':
      return `${p}unit_id::text`;
    case 'day':
      return `${p}bucket::text`;
    case 'month':
      return `to_char(${p}bucket, 'YYYY-MM')`;
    case 'none':
      return `''`;
  }
}

/** Per-procedure rows (d, w, m) only when grouping by procedure; else the all-procedure totals (D, W, M), far fewer rows. */
function grains(by: GroupBy): { day: string; week: string; month: string } {
  return by === 'procedure' ? { day: 'd', week: 'w', month: 'm' } : { day: 'D', week: 'W', month: 'M' };
}

/**
 * How a read may compose a range: with the week rows (default), or days and months only; from each unit's own rows
 * plus its below rows (default), or from the own rows of every unit of the subtree (the benchmark's "before").
 */
export type ReadOptions = { weeks?: boolean; below?: boolean };

/**
 * The counter rows that make up the subtree of the unit at $1 (its path), as a FROM item of `metrics`. A subtree is
 * the unit's own rows plus its below rows (the sums of every unit under it, migration 20261210200000): procedures ×
 * buckets rows whatever the subtree's size. By child, each direct child's own and below rows and the unit's own rows
 * (key ''); by unit, the own rows of every unit of the subtree, which is what is asked.
 */
function subtreeRows(by: GroupBy, depth: number, metrics: readonly CounterMetric[], opts: ReadOptions): string {
  const cols = `grain, bucket, unit_id, unit_path, procedure_id, ${metrics.join(', ')}`;
  if (by === 'unit' || opts.below === false) return `(SELECT ${cols} FROM report_counter WHERE unit_path LIKE $1 || '%')`;
  // Everything (path '' or '/', the national figures) is the subtree of every root unit.
  const self = depth === 0 ? null : `split_part($1, '/', ${depth + 1})::uuid`;
  if (by === 'child' || self === null) {
    const children = `SELECT id, path FROM unit WHERE parent_id ${self === null ? 'IS NULL' : `= ${self}`}`;
    return `(SELECT ${cols} FROM report_counter WHERE unit_path = ANY(ARRAY(SELECT $1::text UNION ALL SELECT path FROM (${children}) c))
      UNION ALL SELECT ${cols} FROM report_counter_below WHERE unit_id = ANY(ARRAY(SELECT id FROM (${children}) c)))`;
  }
  return `(SELECT ${cols} FROM report_counter WHERE unit_path = $1 UNION ALL SELECT ${cols} FROM report_counter_below WHERE unit_id = ${self})`;
}

function sumsOf(metrics: readonly CounterMetric[]): string {
  return metrics.map((m) => `sum(${m})::bigint AS ${m}`).join(', ');
}

function toCounters(row: Record<string, unknown>): Counters {
  const c = zeroCounters();
  for (const m of counterMetrics) c[m] = Number(row[m] ?? 0);
  return c;
}

export function depthOf(path: string): number {
  return path.split('/').filter(Boolean).length;
}

/** Sums of the counters of a unit subtree over a day range, grouped; only `metrics` are read (the others stay 0). */
export async function sumCounters(
  q: Queryable, path: string, from: string, to: string, by: GroupBy, metrics: readonly CounterMetric[] = counterMetrics, opts: ReadOptions = {},
): Promise<Map<string, Counters>> {
  const plan = planRange(from, to, opts);
  const sums = sumsOf(metrics);
  const depth = depthOf(path);
  const key = groupExpr(by, depth);
  const g = grains(by);
  const rows = subtreeRows(by, depth, metrics, opts);
  const conds: string[] = [];
  const params: unknown[] = [path];
  if (by === 'day') {
    // By day needs day rows throughout.
    params.push(from, to);
    conds.push(`(grain = '${g.day}' AND bucket BETWEEN $2 AND $3)`);
  } else {
    if (plan.monthFrom && plan.monthTo) {
      params.push(plan.monthFrom, plan.monthTo);
      conds.push(`(grain = '${g.month}' AND bucket >= $${params.length - 1} AND bucket < $${params.length})`);
    }
    for (const [grain, ranges] of [[g.week, plan.weekRanges], [g.day, plan.dayRanges]] as const) {
      for (const [a, b] of ranges) {
        params.push(a, b);
        conds.push(`(grain = '${grain}' AND bucket BETWEEN $${params.length - 1} AND $${params.length})`);
      }
    }
  }
  if (conds.length === 0) return new Map();
  // One branch per bucket range, each an index range on (grain, unit, bucket).
  const sql = `SELECT ${key} AS k, ${sums} FROM (${conds.map((c) => `SELECT * FROM ${rows} r WHERE ${c}`).join(' UNION ALL ')}) r GROUP BY 1`;
  const { rows: out } = await q.query<Record<string, unknown> & { k: string }>(sql, params);
  return new Map(out.map((r) => [r.k, toCounters(r)]));
}

/** The first month with any counter, or null on an empty database (from the month-total partition's bucket index). */
export async function firstBucket(q: Queryable): Promise<string | null> {
  const { rows } = await q.query<{ b: string | null }>(`SELECT min(bucket) AS b FROM report_counter WHERE grain = 'M'`);
  return rows[0]?.b ?? null;
}

/**
 * Dossiers open before `day` (Từ kỳ trước): everything received before it minus everything resolved before it, from
 * the month rows before its month and the week parts and days of its month before it.
 */
export async function openBefore(q: Queryable, path: string, day: string, by: GroupBy, opts: ReadOptions = {}): Promise<Map<string, number>> {
  const month = `${day.slice(0, 7)}-01`;
  const key = groupExpr(by, depthOf(path));
  const g = grains(by);
  const params: unknown[] = [path, month];
  const conds = [`(grain = '${g.month}' AND bucket < $2)`];
  if (day > month) {
    const plan = planRange(month, dateOfDayNumber(dayNumberOf(day) - 1), opts);
    for (const [grain, ranges] of [[g.week, plan.weekRanges], [g.day, plan.dayRanges]] as const) {
      for (const [a, b] of ranges) {
        params.push(a, b);
        conds.push(`(grain = '${grain}' AND bucket BETWEEN $${params.length - 1} AND $${params.length})`);
      }
    }
  }
  const source = subtreeRows(by, depthOf(path), ['received', 'resolved'], opts);
  const { rows } = await q.query<{ k: string; n: number }>(
    `SELECT ${key} AS k, (sum(received) - sum(resolved))::bigint AS n FROM (${conds.map((c) => `SELECT * FROM ${source} r WHERE ${c}`).join(' UNION ALL ')}) r
      GROUP BY 1`,
    params,
  );
  return new Map(rows.map((r) => [r.k, Number(r.n)]));
}

/**
 * Open dossiers now and how many are overdue at `now`: due-hour buckets that ended before `now`, plus the dossiers due
 * earlier in the current hour read from the due-time index. Paused dossiers (supplementation) are never overdue.
 */
export async function openNow(q: Queryable, path: string, now: Date, by: GroupBy): Promise<Map<string, { total: number; overdue: number }>> {
  const depth = depthOf(path);
  const [buckets, remainder, lateLetters] = await Promise.all([
    q.query<{ k: string; total: number; overdue: number }>(
      `SELECT ${groupExpr(by, depth)} AS k, sum(n)::bigint AS total,
              coalesce(sum(n) FILTER (WHERE due_hour + interval '1 hour' <= $2), 0)::bigint AS overdue
         FROM report_open WHERE unit_path LIKE $1 || '%' GROUP BY 1`,
      [path, now],
    ),
    q.query<{ k: string; n: number }>(
      `SELECT ${groupExpr(by, depth).replace('unit_path', 'resolving_path').replace('unit_id', 'resolving_unit_id')} AS k, count(*)::bigint AS n FROM dossier
        WHERE status IN ('received', 'processing', 'interagency') AND due_at >= date_trunc('hour', $2::timestamptz, 'UTC') AND due_at < $2
          AND resolving_path LIKE $1 || '%' GROUP BY 1`,
      [path, now],
    ),
    // Re-appointed by a letter issued after the due time had passed: still overdue (`late_since`, kept by the ledger: `lateBeforeLetter`), though its
    // new appointment is ahead.
    q.query<{ k: string; n: number }>(
      `SELECT ${groupExpr(by, depth).replace('unit_path', 'resolving_path').replace('unit_id', 'resolving_unit_id')} AS k, count(*)::bigint AS n FROM dossier
        WHERE status IN ('received', 'processing', 'interagency') AND due_at >= $2 AND late_since IS NOT NULL
          AND resolving_path LIKE $1 || '%' GROUP BY 1`,
      [path, now],
    ),
  ]);
  const out = new Map(buckets.rows.map((r) => [r.k, { total: Number(r.total), overdue: Number(r.overdue) }]));
  for (const r of [...remainder.rows, ...lateLetters.rows]) {
    const e = out.get(r.k) ?? { total: 0, overdue: 0 };
    e.overdue += Number(r.n);
    out.set(r.k, e);
  }
  return out;
}

/** The end-of-day split of open dossiers, or an empty map when no snapshot was taken that day. */
export async function openSnapshot(q: Queryable, path: string, day: string, by: GroupBy): Promise<Map<string, { total: number; overdue: number }> | null> {
  const { rows } = await q.query<{ k: string; total: number; overdue: number }>(
    `SELECT ${groupExpr(by, depthOf(path))} AS k, sum(open_total)::bigint AS total, sum(open_overdue)::bigint AS overdue
       FROM report_open_snapshot WHERE day = $2 AND unit_path LIKE $1 || '%' GROUP BY 1`,
    [path, day],
  );
  if (rows.length === 0) {
    const { rows: anyDay } = await q.query(`SELECT 1 FROM report_open_snapshot WHERE day = $1 LIMIT 1`, [day]);
    if (anyDay.length === 0) return null;
  }
  return new Map(rows.map((r) => [r.k, { total: Number(r.total), overdue: Number(r.overdue) }]));
}

/** Stores the open stock as it stands at `at` (the end of `day`) for every unit and procedure; idempotent per day. */
export async function takeOpenSnapshot(q: Queryable, day: string, at: Date): Promise<number> {
  await q.query(`DELETE FROM report_open_snapshot WHERE day = $1`, [day]);
  const { rowCount } = await q.query(
    `INSERT INTO report_open_snapshot (day, unit_id, unit_path, procedure_id, open_total, open_overdue)
     SELECT $1, unit_id, min(unit_path), procedure_id, sum(n), coalesce(sum(n) FILTER (WHERE due_hour + interval '1 hour' <= $2), 0)
            + (SELECT count(*) FROM dossier d WHERE d.resolving_unit_id = o.unit_id AND d.procedure_id = o.procedure_id
                  AND d.status IN ('received', 'processing', 'interagency') AND d.due_at >= date_trunc('hour', $2::timestamptz, 'UTC') AND d.due_at < $2)
            + (SELECT count(*) FROM dossier d WHERE d.resolving_unit_id = o.unit_id AND d.procedure_id = o.procedure_id
                  AND d.status IN ('received', 'processing', 'interagency') AND d.due_at >= $2 AND d.late_since IS NOT NULL)
       FROM report_open o GROUP BY unit_id, procedure_id HAVING sum(n) > 0`,
    [day, at],
  );
  return rowCount ?? 0;
}

export type UnitNode = { id: string; name: string; kind: string; path: string; depth: number; validTo: string | null; hasChildren: boolean; parentId: string | null };

const unitCols = `id, name, kind, path, depth, valid_to AS "validTo", parent_id AS "parentId",
  EXISTS (SELECT 1 FROM unit c WHERE c.parent_id = unit.id) AS "hasChildren"`;

/** A unit and its direct children (closed ones included: their dossiers stay theirs). */
export async function unitWithChildren(q: Queryable, unitId: string): Promise<{ unit: UnitNode; children: UnitNode[] } | null> {
  const { rows } = await q.query<UnitNode>(`SELECT ${unitCols} FROM unit WHERE id = $1 OR parent_id = $1 ORDER BY name`, [unitId]);
  const unit = rows.find((r) => r.id === unitId);
  if (!unit) return null;
  return { unit, children: rows.filter((r) => r.parentId === unitId) };
}

/** A unit's whole subtree, ordered as a tree (by path). */
export async function subtree(q: Queryable, path: string): Promise<UnitNode[]> {
  const { rows } = await q.query<UnitNode>(`SELECT ${unitCols} FROM unit WHERE path LIKE $1 || '%' ORDER BY path`, [path]);
  return rows;
}

export async function unitNames(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  const { rows } = await q.query<{ id: string; name: string }>(`SELECT id, name FROM unit WHERE id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function procedureNames(q: Queryable, ids: string[]): Promise<Map<string, { name: string; field: string }>> {
  if (ids.length === 0) return new Map();
  const { rows } = await q.query<{ id: string; name: string; field: string }>(`SELECT id, name, field FROM procedure WHERE id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((r) => [r.id, { name: r.name, field: r.field }]));
}

export type TargetRow = { unitId: string; year: number; indicator: string; targetPct: number };

export async function listTargets(q: Queryable, unitIds: string[], year: number): Promise<TargetRow[]> {
  const { rows } = await q.query<TargetRow>(
    `SELECT unit_id AS "unitId", year, indicator, target_pct AS "targetPct" FROM report_target WHERE unit_id = ANY($1::uuid[]) AND year = $2`,
    [unitIds, year],
  );
  return rows;
}

export async function upsertTarget(q: Queryable, t: TargetRow, setBy: string, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO report_target (unit_id, year, indicator, target_pct, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (unit_id, year, indicator) DO UPDATE SET target_pct = EXCLUDED.target_pct, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
    [t.unitId, t.year, t.indicator, t.targetPct, setBy, at],
  );
}

export type DailyRow = { id: string; unitId: string; unitName: string; day: string; producedAt: Date; data: unknown };

export async function saveDaily(q: Queryable, unitId: string, day: string, producedAt: Date, data: unknown): Promise<{ id: string; created: boolean }> {
  const { rows } = await q.query<{ id: string; created: boolean }>(
    `INSERT INTO report_daily (unit_id, day, produced_at, data) VALUES ($1, $2, $3, $4)
     ON CONFLICT (unit_id, day) DO UPDATE SET produced_at = EXCLUDED.produced_at, data = EXCLUDED.data
     RETURNING id, (xmax = 0) AS created`,
    [unitId, day, producedAt, JSON.stringify(data)],
  );
  return rows[0]!;
}

export async function listDaily(q: Queryable, paths: string[], limit: number): Promise<Omit<DailyRow, 'data'>[]> {
  const { rows } = await q.query<Omit<DailyRow, 'data'>>(
    `SELECT r.id, r.unit_id AS "unitId", u.name AS "unitName", r.day, r.produced_at AS "producedAt"
       FROM report_daily r JOIN unit u ON u.id = r.unit_id WHERE u.path LIKE ANY($1::text[])
      ORDER BY r.day DESC, u.path LIMIT $2`,
    [paths.map((p) => `${p}%`), limit],
  );
  return rows;
}

export async function getDaily(q: Queryable, id: string): Promise<(DailyRow & { unitPath: string }) | null> {
  const { rows } = await q.query<DailyRow & { unitPath: string }>(
    `SELECT r.id, r.unit_id AS "unitId", u.name AS "unitName", u.path AS "unitPath", r.day, r.produced_at AS "producedAt", r.data
       FROM report_daily r JOIN unit u ON u.id = r.unit_id WHERE r.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/**
 * Units that get a daily report and whom it goes to: every top-level unit (province), and every unit where someone
 * holds the office role (inspector: văn phòng tổng hợp) or leads it (leader: a ward's chairman has the ward's own report,
 * issue 15) — those officers with an e-mail are the recipients.
 */
export async function dailyReportTargets(q: Queryable): Promise<{ unitId: string; recipients: { name: string; email: string }[] }[]> {
  const { rows } = await q.query<{ unitId: string; recipients: { name: string; email: string }[] }>(
    `SELECT u.id AS "unitId",
            coalesce((SELECT json_agg(json_build_object('name', s.full_name, 'email', s.email) ORDER BY s.username)
                        FROM role_assignment r JOIN staff_user s ON s.id = r.user_id
                       WHERE r.unit_id = u.id AND r.role IN ('inspector', 'leader') AND s.active AND s.email IS NOT NULL), '[]') AS recipients
       FROM unit u
      WHERE u.valid_to IS NULL AND (u.parent_id IS NULL OR EXISTS (SELECT 1 FROM role_assignment r WHERE r.unit_id = u.id AND r.role IN ('inspector', 'leader')))
      ORDER BY u.path`,
  );
  return rows;
}
