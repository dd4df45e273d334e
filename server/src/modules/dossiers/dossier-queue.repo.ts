import { prepared, statement, type Queryable } from '../../platform/database.js';
import type { DossierSearch } from './dossier-search.rules.js';

export const queues = ['mine', 'unit', 'online', 'due_soon', 'overdue', 'needs_apology', 'supplement', 'result_ready', 'all'] as const;
export type Queue = (typeof queues)[number];
export type CountedQueue = Exclude<Queue, 'all'>;

/** Counts that are not kept in counters are counted at read time up to this bound and shown as "99+" beyond it. */
export const COUNT_BOUND = 100;

export type QueueFilter = {
  queue: Queue;
  actorId: string;
  /** Units where the officer holds `dossiers.read` (none inside another): matched against dossier_scope. */
  unitIds: string[];
  now: Date;
  /** Up to this instant a due time is "due soon" (`dueSoonUntil`, dossier-deadline.rules.ts). */
  soonUntil: Date;
  /** Instant two working days ahead: a dossier due before it and without an apology needs one now, while it still can. */
  apologyBefore: Date;
  search?: DossierSearch | null;
  procedureId?: string;
  status?: string;
  channel?: string;
  from?: string;
  to?: string;
  /** The sort key of the last row of the previous page (keyset paging; its shape depends on the search). */
  after?: string[];
  limit: number;
};

export type QueueRow = {
  id: string;
  code: string | null;
  /** The dossier's code on the national portal (MaHoSo) when it is not ours: submitted there (QĐ 31/2021 Điều 30). */
  nationalCode: string | null;
  procedureName: string;
  applicantName: string;
  status: string;
  channel: string;
  stepName: string | null;
  submittedAt: Date;
  dueAt: Date | null;
  /** The due time already missed when its apology letter was issued: still overdue (`dossierDeadlineState`). */
  lateSince: Date | null;
  finishClass: string | null;
  /** The reason the dossier was sent back to its current step, while it is there (highlighted in the queue). */
  sentBack: { note: string | null; by: string } | null;
  /** Ready for the desk to return: result ready, or at the desk's own return step (`atDeskReturnStep`). */
  awaitingReturn: boolean;
};

export type QueuePage = { rows: QueueRow[]; next: string[] | null };

/**
 * The officer's units as rows `u(id)`. One unit (most officers) as a one-row VALUES, so that the plan PostgreSQL keeps
 * for the prepared statement (a generic plan) knows it reads one index range, as the plan for the value would; an
 * array parameter's unnest is assumed to give ten.
 */
const unitRows = (units: string, count: number) => (count === 1 ? `(VALUES ((${units})[1])) AS u(id)` : `unnest(${units}) AS u(id)`);

/**
 * A row limit written into the text rather than passed as a parameter: a generic plan would assume a tenth of the
 * rows for `LIMIT $n` and keep planning each call instead. Page sizes are few (the route allows 1–100).
 */
function literalLimit(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`limit ${n}`);
  return String(n);
}

/** Parameters numbered as they are added. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown, type: string): string {
    this.values.push(v);
    return `$${this.values.length}::${type}`;
  }
}

const escapeLike = (t: string) => t.replace(/[\\%_]/g, '\\$&');

/** dossier_awaiting_return (migration 20261209070000) on dossier `d` and its current step `st`. */
const AWAITING_RETURN = `(d.status = 'result_ready' OR (d.status = 'processing' AND st.role = 'desk_officer' AND d.step_index = d.step_count - 1 AND d.step_count > 1))`;
const OPEN = `IN ('received', 'processing', 'interagency')`;
const CLOSED = `('returned', 'withdrawn', 'stopped', 'refused', 'not_accepted')`;

/**
 * The condition of each tab on a row of dossier_scope (alias `s`) or of dossier (alias `d`). On dossier_scope the text
 * is exactly the predicate of a partial index (migration 20261203130000), so each tab reads one index range per unit.
 */
function tabCondition(queue: Exclude<Queue, 'mine'>, a: 's' | 'd', f: QueueFilter, p: Params): string {
  const online = a === 's' ? 's.online_waiting' : 'dossier_online_waiting(d.status, d.supplemented_at)';
  // The instant the dossier is late from: the due time it had already missed when its apology letter was issued (it
  // stays late, `lateBeforeLetter`), or else its due time (dossier_scope.late_at, migration 20261211200000).
  const lateAt = a === 's' ? 's.late_at' : 'coalesce(d.late_since, d.due_at)';
  switch (queue) {
    case 'all':
      return 'true';
    case 'unit':
      return `${a}.status IN ('received', 'processing', 'interagency', 'supplement_requested', 'result_ready')`;
    // Online dossiers waiting for the desk: submitted and not yet accepted, or supplemented online (ND 61/2018 Điều 17 k2).
    case 'online':
      return online;
    case 'supplement':
      return `${a}.status = 'supplement_requested'`;
    // Waiting for the desk to return: a result ready, or the dossier at the desk's own return step (`atDeskReturnStep`);
    // on dossier the current step is joined as `st`.
    case 'result_ready':
      return a === 's' ? 's.awaiting_return' : AWAITING_RETURN;
    case 'due_soon':
      return `${a}.status ${OPEN} AND ${lateAt} >= ${p.add(f.now, 'timestamptz')} AND ${lateAt} <= ${p.add(f.soonUntil, 'timestamptz')}`;
    // Past its due time, or re-appointed by a letter issued after it (ND 61/2018 Điều 19 k9): in "Quá hạn" until finished.
    case 'overdue':
      return `${a}.status ${OPEN} AND ${lateAt} < ${p.add(f.now, 'timestamptz')}`;
    // Will be (or is) late and has no apology letter yet (ND 61/2018 Điều 19 k9); without a letter the instant it is
    // late from is its due time.
    case 'needs_apology':
      return `${a}.status ${OPEN} AND ${a}.apology_count = 0 AND ${lateAt} < ${p.add(f.apologyBefore, 'timestamptz')}`;
  }
}

/** The list filters (status, procedure, channel, received between two Vietnamese dates) on alias `s` or `d`. */
function filterConditions(a: 's' | 'd', f: QueueFilter, p: Params): string[] {
  const c: string[] = [];
  if (f.status) c.push(`${a}.status = ${p.add(f.status, 'text')}`);
  if (f.procedureId) c.push(`${a}.procedure_id = ${p.add(f.procedureId, 'uuid')}`);
  if (f.channel) c.push(`${a}.channel = ${p.add(f.channel, 'text')}`);
  if (f.from) c.push(`${a}.submitted_at >= (${p.add(f.from, 'date')})::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`);
  if (f.to) c.push(`${a}.submitted_at < (${p.add(f.to, 'date')} + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`);
  return c;
}

/**
 * The columns of a row. `sentBack`: the latest send-back to the current step while the dossier is still there (the
 * step restarted at it), a subquery in the select list, so PostgreSQL evaluates it for the rows of the page only (after
 * the limit) and the page's index plan is unchanged; one statement per page instead of a second round trip.
 */
const columns = `d.id, d.code, (SELECT nullif(n.ma_ho_so, d.code) FROM national_dossier n WHERE n.dossier_id = d.id) AS "nationalCode", d.procedure_name AS "procedureName", d.applicant->>'fullName' AS "applicantName", d.status, d.channel,
  st.name AS "stepName",
  ${AWAITING_RETURN} AS "awaitingReturn",
  d.submitted_at AS "submittedAt", d.due_at AS "dueAt", d.late_since AS "lateSince", d.finish_class AS "finishClass",
  (SELECT json_build_object('note', a.note, 'by', a.actor_name) FROM dossier_action a
    WHERE a.dossier_id = d.id AND a.action = 'send_back' AND a.step_index = d.step_index AND a.at >= st.started_at
    ORDER BY a.id DESC LIMIT 1) AS "sentBack"`;

type KeyedRow = QueueRow & { k1: string; k2: string; k3: string | null };

/**
 * One statement per page, shaped so the officer's scope is an index condition:
 * - a tab: for each of the officer's units, the first rows of that unit's range in the tab's partial index of
 *   dossier_scope (newest first), merged;
 * - a name search: the same, on the (unit, folded name) index;
 * - a code or number search: the code / identity / phone index of dossier, then the scope's primary key per match.
 * Keyset paging throughout: `after` is the last row's sort key; no OFFSET, nothing counted.
 */
export function queueQuery(f: QueueFilter): { text: string; values: unknown[]; generic: boolean } {
  const p = new Params();
  const limit = literalLimit(f.limit);
  const units = p.add(f.unitIds, 'uuid[]');
  const inScope = `EXISTS (SELECT 1 FROM dossier_scope sc WHERE sc.dossier_id = d.id AND sc.unit_id = ANY (${units}))`;
  const join = `LEFT JOIN dossier_step st ON st.dossier_id = d.id AND st.step_index = d.step_index`;
  const s = f.search;

  if (s?.kind === 'code' || s?.kind === 'number' || f.queue === 'mine') {
    const c: string[] = [inScope, ...filterConditions('d', f, p)];
    if (f.queue === 'mine') c.push(`d.assignee_id = ${p.add(f.actorId, 'uuid')}`);
    else c.push(tabCondition(f.queue, 'd', f, p));
    if (s?.kind === 'code') {
      // Codes sort by unit, then date and number: newest first within a prefix, straight from the index.
      c.push(`d.code LIKE ${p.add(escapeLike(s.prefix) + '%', 'text')}`);
      if (f.after) c.push(`d.code < ${p.add(f.after[0], 'text')}`);
      return {
        text: `SELECT ${columns}, d.code AS k1, d.id::text AS k2, NULL AS k3 FROM dossier d ${join} WHERE ${c.join(' AND ')} ORDER BY d.code DESC LIMIT ${limit}`,
        values: p.values,
        // The prefix's range in the code index is known only from the value: planned for each search.
        generic: false,
      };
    }
    if (s?.kind === 'number') {
      const v = p.add(s.value, 'text');
      c.push(`((d.applicant->>'idNumber') IN (${v}, ${p.add(s.alternative, 'text')}) OR vn_phone(d.applicant->>'phone') = vn_phone(${p.add(s.phone, 'text')}))`);
    } else if (s?.kind === 'name') {
      c.push(`vn_fold(d.applicant->>'fullName') LIKE vn_fold(${p.add(escapeLike(s.prefix), 'text')}) || '%'`);
    }
    if (f.after) c.push(`(d.submitted_at, d.id) < (${p.add(f.after[0], 'timestamptz')}, ${p.add(f.after[1], 'uuid')})`);
    return {
      text: `SELECT ${columns}, d.submitted_at::text AS k1, d.id::text AS k2, NULL AS k3 FROM dossier d ${join}
              WHERE ${c.join(' AND ')} ORDER BY d.submitted_at DESC, d.id DESC LIMIT ${limit}`,
      values: p.values,
      generic: s?.kind !== 'name',
    };
  }

  // Tabs and name searches: one ordered index range per unit of the officer, the first `limit` of each, merged.
  const c: string[] = [`s.unit_id = u.id`, tabCondition(f.queue, 's', f, p), ...filterConditions('s', f, p)];
  let order: string;
  let keys: string;
  if (s?.kind === 'name') {
    // Folded like the stored name; `vn_fold` of the typed text, then a prefix range on the (unit, name) index.
    const prefix = `vn_fold(${p.add(escapeLike(s.prefix), 'text')}) COLLATE "C"`;
    c.push(`s.name_fold LIKE ${prefix} || '%'`);
    if (f.after) {
      const n = p.add(f.after[0], 'text');
      c.push(`s.name_fold >= ${n} COLLATE "C" AND (s.name_fold > ${n} COLLATE "C" OR (s.submitted_at, s.dossier_id) < (${p.add(f.after[1], 'timestamptz')}, ${p.add(f.after[2], 'uuid')}))`);
    }
    order = 'name_fold, submitted_at DESC, dossier_id DESC';
    keys = `m.name_fold AS k1, m.submitted_at::text AS k2, m.dossier_id::text AS k3`;
  } else {
    if (f.after) c.push(`(s.submitted_at, s.dossier_id) < (${p.add(f.after[0], 'timestamptz')}, ${p.add(f.after[1], 'uuid')})`);
    order = 'submitted_at DESC, dossier_id DESC';
    keys = `m.submitted_at::text AS k1, m.dossier_id::text AS k2, NULL AS k3`;
  }
  // Only the columns of the chosen index, so each unit's range is read by an index-only scan.
  const cols = s?.kind === 'name' ? 'dossier_id, submitted_at, name_fold' : 'dossier_id, submitted_at';
  const text = `WITH m AS MATERIALIZED (
       SELECT DISTINCT ${cols.split(', ').map((c) => `x.${c}`).join(', ')} FROM ${unitRows(units, f.unitIds.length)}
        CROSS JOIN LATERAL (SELECT ${cols.split(', ').map((c) => `s.${c}`).join(', ')} FROM dossier_scope s
                             WHERE ${c.join(' AND ')} ORDER BY s.${order.replaceAll(', ', ', s.')} LIMIT ${limit}) x
        ORDER BY ${order.split(', ').map((o) => `x.${o}`).join(', ')} LIMIT ${limit})
     SELECT ${columns}, ${keys} FROM m JOIN dossier d ON d.id = m.dossier_id ${join}
      ORDER BY ${order.split(', ').map((o) => `m.${o}`).join(', ')}`;
  // A name's range in the (unit, folded name) index is known only from the value: planned for each search.
  return { text, values: p.values, generic: s?.kind !== 'name' };
}

/** A work queue or a search page, with the sort key of its last row when another page may follow. */
export async function listQueue(q: Queryable, f: QueueFilter): Promise<QueuePage> {
  if (f.unitIds.length === 0) return { rows: [], next: null };
  const { text, values, generic } = queueQuery(f);
  const { rows } = await q.query<KeyedRow>(generic ? prepared(statement(text), values) : { text, values });
  const last = rows[rows.length - 1];
  const next = rows.length === f.limit && last ? [last.k1, last.k2, ...(last.k3 === null ? [] : [last.k3])] : null;
  return { rows: rows.map(({ k1: _1, k2: _2, k3: _3, ...r }) => r), next };
}

export type QueueCounts = { counts: Record<CountedQueue, number>; bounded: CountedQueue[] };

/**
 * How many dossiers each tab holds for this officer, without counting dossiers: the status tabs come from the
 * counters kept by the triggers (exact) when the officer reads at one unit; the time-dependent tabs (due soon, overdue,
 * needs an apology), "mine", and every tab of an officer of several units are counted up to COUNT_BOUND through the
 * tab's index and reported as bounded.
 */
export async function countQueues(q: Queryable, f: CountFilter): Promise<QueueCounts> {
  const zero: Record<CountedQueue, number> = { mine: 0, unit: 0, online: 0, due_soon: 0, overdue: 0, needs_apology: 0, supplement: 0, result_ready: 0 };
  if (f.unitIds.length === 0) return { counts: zero, bounded: [] };
  const { text, values, bounded, exact } = countQuery(f);
  const { rows } = await q.query<Record<string, number> & { counters?: Record<string, number> }>(prepared(statement(text), values));
  const r = rows[0]!;
  const counts = { ...zero };
  for (const t of bounded) counts[t] = Math.min(COUNT_BOUND, Number(r[t] ?? 0));
  for (const t of exact) counts[t] = Number(r.counters?.[t] ?? 0);
  return { counts, bounded };
}

type CountFilter = Pick<QueueFilter, 'unitIds' | 'actorId' | 'now' | 'soonUntil' | 'apologyBefore'>;

/** The one statement behind countQueues (also run bare by the benchmark). */
export function countQuery(f: CountFilter): { text: string; values: unknown[]; bounded: CountedQueue[]; exact: CountedQueue[] } {
  const full: QueueFilter = { ...f, queue: 'all', limit: COUNT_BOUND };
  const p = new Params();
  const units = p.add(f.unitIds, 'uuid[]');
  const bound = literalLimit(COUNT_BOUND);
  const single = f.unitIds.length === 1;
  const boundedTabs: Exclude<CountedQueue, 'mine'>[] = single ? ['due_soon', 'overdue', 'needs_apology'] : ['unit', 'online', 'supplement', 'result_ready', 'due_soon', 'overdue', 'needs_apology'];
  const boundedSql = boundedTabs.map(
    (t) => `(SELECT count(DISTINCT x.dossier_id)::int FROM ${unitRows(units, f.unitIds.length)}
              CROSS JOIN LATERAL (SELECT s.dossier_id FROM dossier_scope s WHERE s.unit_id = u.id AND ${tabCondition(t, 's', full, p)} LIMIT ${bound}) x) AS ${t}`,
  );
  const mine = `(SELECT count(*)::int FROM (SELECT 1 FROM dossier d WHERE d.assignee_id = ${p.add(f.actorId, 'uuid')} AND d.status NOT IN ${CLOSED}
       AND EXISTS (SELECT 1 FROM dossier_scope sc WHERE sc.dossier_id = d.id AND sc.unit_id = ANY (${units})) LIMIT ${bound}) x) AS mine`;
  const counters = single ? `, (SELECT coalesce(json_object_agg(tab, n), '{}') FROM dossier_queue_count WHERE unit_id = (${units})[1]) AS counters` : '';
  return {
    text: `SELECT ${[mine, ...boundedSql].join(', ')}${counters}`,
    values: p.values,
    bounded: ['mine', ...boundedTabs],
    exact: single ? ['unit', 'online', 'supplement', 'result_ready'] : [],
  };
}
