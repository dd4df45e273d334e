import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateQueueData, type QueueProvince } from '../../../../bench/queues-data.js';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildStaff } from '../../../test/factories.js';
import type { UnitRow } from '../org-units/unit.repo.js';
import { prepared, statement } from '../../platform/database.js';
import { countQuery, queueQuery, type Queue, type QueueFilter } from './dossier-queue.repo.js';
import { classifySearch } from './dossier-search.rules.js';

/**
 * Work queues on a generated province-sized sample (bench/queues-data.ts, 16,000 dossiers in 2 provinces): who sees
 * what (dossier_scope), the plans of the hot queries, and the counters kept by the triggers.
 */
const NOW = new Date('2026-12-03T03:00:00Z');
let t: TestApp;
let provinces: QueueProvince[];
let commune: UnitRow, otherCommune: UnitRow, department: UnitRow, centre: UnitRow;
let communeOfficer: Session, otherCommuneOfficer: Session, departmentOfficer: Session, centreOfficer: Session;
let communeOfficerId: string;

const unitBy = async (sql: string, params: unknown[]) => (await t.ctx.db.query<UnitRow>(`SELECT id, code, name, kind, parent_id AS "parentId", path, depth FROM unit WHERE ${sql} LIMIT 1`, params)).rows[0]!;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => NOW } });
  ({ provinces } = await generateQueueData(t.ctx.db, { dossiers: 16_000, provinces: 2, communes: 16, now: NOW, tag: 'T' }));
  const p = provinces[0]!;
  // The busiest commune (index 0), a quiet one, the busiest department, the province's centre desk.
  commune = await unitBy(`parent_id = $1 AND kind = 'commune' ORDER BY code`, [p.id]);
  otherCommune = await unitBy(`parent_id = $1 AND kind = 'commune' ORDER BY code DESC`, [p.id]);
  department = await unitBy(`parent_id = $1 AND kind = 'department' ORDER BY code`, [p.id]);
  centre = await unitBy(`parent_id = $1 AND kind = 'desk'`, [p.id]);
  communeOfficerId = await buildStaff(t.ctx.db, 'q.xa', [{ role: 'specialist', unit: commune }]);
  await buildStaff(t.ctx.db, 'q.xa.khac', [{ role: 'desk_officer', unit: otherCommune }]);
  await buildStaff(t.ctx.db, 'q.so', [{ role: 'specialist', unit: department }]);
  await buildStaff(t.ctx.db, 'q.trungtam', [{ role: 'desk_officer', unit: centre }]);
  [communeOfficer, otherCommuneOfficer, departmentOfficer, centreOfficer] = (await Promise.all(['q.xa', 'q.xa.khac', 'q.so', 'q.trungtam'].map((u) => login(t.app, u)))) as [Session, Session, Session, Session];
  await t.ctx.db.query(`UPDATE dossier SET assignee_id = $1 WHERE id IN (SELECT id FROM dossier WHERE resolving_unit_id = $2 AND status = 'processing' LIMIT 40)`, [communeOfficerId, commune.id]);
  await t.ctx.db.query('ANALYZE');
}, 240_000);
afterAll(async () => t?.close());

type Item = { id: string; code: string | null; applicantName: string; status: string; submittedAt: string };
const list = async (s: Session, query: string) => {
  const res = await injectAs(t.app, s, { method: 'GET', url: `/api/dossiers?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; next: string | null; counts: Record<string, number>; boundedCounts: string[]; countBound: number };
};

describe('who sees a dossier', () => {
  it('a dossier resolved by a department of the province is seen by its department and the receiving desk, not by the communes', async () => {
    const { rows } = await t.ctx.db.query<{ id: string }>(
      `SELECT id FROM dossier WHERE resolving_unit_id = $1 AND receiving_unit_id = $2 AND status = 'processing' ORDER BY submitted_at DESC LIMIT 1`,
      [department.id, centre.id],
    );
    const id = rows[0]!.id;
    expect((await injectAs(t.app, departmentOfficer, { method: 'GET', url: `/api/dossiers/${id}` })).statusCode).toBe(200);
    expect((await injectAs(t.app, centreOfficer, { method: 'GET', url: `/api/dossiers/${id}` })).statusCode).toBe(200);
    // Outside one's sight a dossier does not exist (404, as an unknown id), so its existence does not leak.
    expect((await injectAs(t.app, communeOfficer, { method: 'GET', url: `/api/dossiers/${id}` })).statusCode).toBe(404);
    expect((await injectAs(t.app, otherCommuneOfficer, { method: 'GET', url: `/api/dossiers/${id}` })).statusCode).toBe(404);
    // Lists and searches ask the same rows.
    const code = (await t.ctx.db.query<{ code: string }>(`SELECT code FROM dossier WHERE id = $1`, [id])).rows[0]!.code;
    expect((await list(departmentOfficer, `queue=all&q=${encodeURIComponent(code)}`)).items.map((i) => i.id)).toEqual([id]);
    expect((await list(communeOfficer, `queue=all&q=${encodeURIComponent(code)}`)).items).toEqual([]);
    expect((await list(centreOfficer, `queue=all&q=${encodeURIComponent(code)}`)).items.map((i) => i.id)).toEqual([id]);
  });

  it("a commune officer's queue holds exactly the commune's dossiers, newest first, paged by keyset without gaps or repeats", async () => {
    const expected = (
      await t.ctx.db.query<{ id: string }>(
        `SELECT id FROM dossier WHERE (resolving_unit_id = $1 OR receiving_path LIKE $2 || '%')
            AND status IN ('received', 'processing', 'interagency', 'supplement_requested', 'result_ready')
          ORDER BY submitted_at DESC, id DESC`,
        [commune.id, commune.path],
      )
    ).rows.map((r) => r.id);
    expect(expected.length).toBeGreaterThan(60);
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page = await list(communeOfficer, `queue=unit&limit=50${next ? `&before=${next}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      next = page.next;
    } while (next);
    expect(seen).toEqual(expected);
    const first = await list(communeOfficer, 'queue=unit');
    expect(first.counts.unit).toBe(expected.length);
    expect(first.boundedCounts).not.toContain('unit');
  });

  it('searches by accent-free name prefix, CCCD, phone and code prefix, each within scope', async () => {
    const { rows } = await t.ctx.db.query<{ id: string; name: string; id_number: string; phone: string; code: string }>(
      `SELECT id, applicant->>'fullName' AS name, applicant->>'idNumber' AS id_number, applicant->>'phone' AS phone, code FROM dossier
        WHERE resolving_unit_id = $1 AND code IS NOT NULL ORDER BY submitted_at DESC LIMIT 1`,
      [commune.id],
    );
    const d = rows[0]!;
    const fold = (x: string) => x.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    const folded = fold(d.name);
    const byName = await list(communeOfficer, `queue=all&limit=100&q=${encodeURIComponent(folded)}`);
    expect(byName.items.map((i) => i.id)).toContain(d.id);
    expect(byName.items.every((i) => fold(i.applicantName).startsWith(folded))).toBe(true);
    expect((await list(communeOfficer, `queue=all&q=${d.id_number}`)).items.map((i) => i.id)).toContain(d.id);
    expect((await list(communeOfficer, `queue=all&q=${encodeURIComponent('+84 ' + d.phone.slice(1))}`)).items.map((i) => i.id)).toContain(d.id);
    const byCode = await list(communeOfficer, `queue=all&q=${encodeURIComponent(d.code.slice(0, -3).toLowerCase())}`);
    expect(byCode.items.map((i) => i.id)).toContain(d.id);
    expect(byCode.items.every((i) => i.code!.startsWith(d.code.slice(0, -3)))).toBe(true);
    expect((await list(otherCommuneOfficer, `queue=all&q=${d.id_number}`)).items.map((i) => i.id)).not.toContain(d.id);
  });

  it("finds an organisation by its dependent unit's tax code typed with or without the dash, whichever form it was stored in", async () => {
    const { rows } = await t.ctx.db.query<{ id: string }>(
      `SELECT id FROM dossier WHERE resolving_unit_id = $1 AND code IS NOT NULL ORDER BY submitted_at DESC LIMIT 2`,
      [commune.id],
    );
    const [stored, legacy] = rows.map((r) => r.id) as [string, string];
    // As intake stores it now (applicant-id.rules.ts), and as a dossier received before that kept what was typed.
    const org = (idNumber: string) => JSON.stringify({ kind: 'organization', idNumber, fullName: 'Công ty TNHH Sen Hồng - Chi nhánh Cao Lãnh' });
    await t.ctx.db.query(`UPDATE dossier SET applicant = applicant || $2::jsonb WHERE id = $1`, [stored, org('0100109106-001')]);
    await t.ctx.db.query(`UPDATE dossier SET applicant = applicant || $2::jsonb WHERE id = $1`, [legacy, org('0100109106001')]);
    for (const typed of ['0100109106-001', '0100109106001', '0100 109 106 001']) {
      const found = (await list(communeOfficer, `queue=all&q=${encodeURIComponent(typed)}`)).items.map((i) => i.id);
      expect(found.sort(), typed).toEqual([stored, legacy].sort());
    }
    // Its landline, stored in the national form, typed in the international one.
    await t.ctx.db.query(`UPDATE dossier SET applicant = applicant || '{"phone": "02838123456"}'::jsonb WHERE id = $1`, [stored]);
    expect((await list(communeOfficer, `queue=all&q=${encodeURIComponent('+84 28 3812 3456')}`)).items.map((i) => i.id)).toEqual([stored]);
    // The parent company's own code is another applicant.
    expect((await list(communeOfficer, `queue=all&q=0100109106`)).items).toEqual([]);
    expect((await list(otherCommuneOfficer, `queue=all&q=0100109106001`)).items).toEqual([]);
  });

  it('shows the bounded counts as bounded and the counter counts exactly; refuses a forged cursor; anonymous gets nothing', async () => {
    const page = await list(departmentOfficer, 'queue=overdue');
    expect(page.boundedCounts).toEqual(expect.arrayContaining(['mine', 'due_soon', 'overdue', 'needs_apology']));
    expect(page.counts.overdue).toBeLessThanOrEqual(page.countBound);
    const mine = await list(communeOfficer, 'queue=mine');
    expect(mine.items).toHaveLength(30);
    expect(mine.counts.mine).toBe(40);
    expect((await injectAs(t.app, communeOfficer, { method: 'GET', url: '/api/dossiers?before=bm90LWpzb24' })).statusCode).toBe(400);
    expect((await injectAs(t.app, null, { method: 'GET', url: '/api/dossiers' })).statusCode).toBe(401);
  });
});

describe('plans of the hot queries', () => {
  const filter = (queue: Queue, q?: string): QueueFilter => ({
    queue,
    actorId: communeOfficerId,
    unitIds: [commune.id],
    now: NOW,
    soonUntil: new Date(NOW.getTime() + 86_400_000),
    apologyBefore: new Date(NOW.getTime() + 2 * 86_400_000),
    search: q ? classifySearch(q) : null,
    limit: 30,
  });
  type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };
  const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
  const plan = async (f: QueueFilter) => {
    const { text, values } = queueQuery(f);
    const { rows } = await t.ctx.db.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${text}`, values);
    const all = nodes(rows[0]!['QUERY PLAN'][0]!.Plan);
    return {
      seqScans: all.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] !== undefined && n['Relation Name'].startsWith('dossier')).map((n) => n['Relation Name']),
      indexes: [...new Set(all.map((n) => n['Index Name']).filter((x): x is string => !!x))].sort(),
    };
  };

  it.each([
    ['unit', undefined, 'dossier_scope_unit_idx'],
    ['all', undefined, 'dossier_scope_all_idx'],
    ['online', undefined, 'dossier_scope_online_idx'],
    ['supplement', undefined, 'dossier_scope_supplement_idx'],
    ['result_ready', undefined, 'dossier_scope_result_idx'],
    ['overdue', undefined, /^dossier_scope_open_(idx|due_idx)$/],
    ['due_soon', undefined, /^dossier_scope_open_(idx|due_idx)$/],
    ['needs_apology', undefined, /^dossier_scope_open_(idx|due_idx)$/],
    ['all', 'nguyen van', 'dossier_scope_name_idx'],
    // The unique index serves the prefix too where the database collation is C; the text_pattern_ops one elsewhere.
    ['all', '000.00.001.T01', /^dossier_code_(prefix_idx|key)$/],
    ['all', '001212345678', 'dossier_id_number_idx'],
    ['mine', undefined, 'dossier_assignee_idx'],
  ] as const)('%s %s reads %s, with no sequential scan of the dossier tables', async (queue, q, index) => {
    const p = await plan(filter(queue, q));
    expect(p.seqScans).toEqual([]);
    expect(p.indexes.some((i) => (typeof index === 'string' ? i === index : index.test(i))), p.indexes.join()).toBe(true);
    expect(p).toMatchSnapshot();
  });
});

describe('plans PostgreSQL keeps for the prepared statements', () => {
  // The tabs, "mine", number searches and the counts are named statements (planned once per connection, database.ts
  // `prepared`): the plan kept for any value (a generic plan) must read the same indexes as the plan for the value.
  const filter = (queue: Queue, q?: string, unitIds = [commune.id]): QueueFilter => ({
    queue, actorId: communeOfficerId, unitIds, now: NOW, soonUntil: new Date(NOW.getTime() + 86_400_000),
    apologyBefore: new Date(NOW.getTime() + 2 * 86_400_000), search: q ? classifySearch(q) : null, limit: 30,
  });
  type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };
  const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
  const genericPlan = async (st: { text: string; values: unknown[] }) => {
    const c = await t.ctx.db.connect();
    try {
      await c.query(`SET plan_cache_mode = force_generic_plan`);
      const { name } = prepared(statement(st.text), st.values);
      await c.query(prepared(statement(st.text), st.values));
      // EXECUTE takes its arguments as literals (typed by the statement's parameters).
      const args = st.values.map((v) => c.escapeLiteral(v instanceof Date ? v.toISOString() : Array.isArray(v) ? `{${v.join(',')}}` : String(v))).join(', ');
      const { rows } = await c.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) EXECUTE ${name!}(${args})`);
      const all = nodes(rows[0]!['QUERY PLAN'][0]!.Plan);
      return {
        seqScans: all.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name']?.startsWith('dossier')).map((n) => n['Relation Name']),
        indexes: [...new Set(all.map((n) => n['Index Name']).filter((x): x is string => !!x))],
      };
    } finally {
      // The session's plan_cache_mode goes with the connection.
      c.release(true);
    }
  };

  it.each([
    ['unit', undefined, 'dossier_scope_unit_idx'],
    ['all', undefined, 'dossier_scope_all_idx'],
    ['online', undefined, 'dossier_scope_online_idx'],
    ['supplement', undefined, 'dossier_scope_supplement_idx'],
    ['result_ready', undefined, 'dossier_scope_result_idx'],
    ['overdue', undefined, /^dossier_scope_open_(idx|due_idx)$/],
    ['due_soon', undefined, /^dossier_scope_open_(idx|due_idx)$/],
    ['needs_apology', undefined, /^dossier_scope_open_(idx|due_idx)$/],
    ['all', '001212345678', 'dossier_id_number_idx'],
    ['mine', undefined, 'dossier_assignee_idx'],
  ] as const)('%s %s: the generic plan reads %s, with no sequential scan', async (queue, q, index) => {
    const st = queueQuery(filter(queue, q));
    expect(st.generic).toBe(true);
    const p = await genericPlan(st);
    expect(p.seqScans).toEqual([]);
    expect(p.indexes.some((i) => (typeof index === 'string' ? i === index : index.test(i))), p.indexes.join()).toBe(true);
  });

  it('the counts: the generic plan reads the tabs\' indexes and the counters, with no sequential scan, for one unit and for several', async () => {
    for (const unitIds of [[commune.id], [commune.id, department.id]]) {
      const p = await genericPlan(countQuery(filter('unit', undefined, unitIds)));
      expect(p.seqScans).toEqual([]);
      expect(p.indexes, p.indexes.join()).toContain('dossier_assignee_idx');
      // The bounded open tabs read either open index: both are partial on the open statuses and lead with the unit.
      expect(p.indexes.some((i) => /^dossier_scope_open_(idx|due_idx)$/.test(i)), p.indexes.join()).toBe(true);
    }
  });

  it('a name or code search is planned for its value each time (a generic plan cannot use the prefix range)', () => {
    expect(queueQuery(filter('all', 'nguyen van')).generic).toBe(false);
    expect(queueQuery(filter('all', '000.00.001.T01')).generic).toBe(false);
    expect(queueQuery(filter('mine', 'nguyen van')).generic).toBe(false);
  });
});

describe('counters kept by the triggers', () => {
  it('equal a recount after changes made by any statement', { timeout: 180_000 }, async () => {
    const db = t.ctx.db;
    // Status changes, supplementation online, a transfer to another unit, a deletion: the triggers follow each.
    await db.query(`UPDATE dossier SET status = 'result_ready' WHERE id IN (SELECT id FROM dossier WHERE status = 'processing' ORDER BY id LIMIT 50)`);
    await db.query(`UPDATE dossier SET supplemented_at = $1 WHERE id IN (SELECT id FROM dossier WHERE status = 'supplement_requested' AND supplemented_at IS NULL ORDER BY id LIMIT 20)`, [NOW]);
    await db.query(`UPDATE dossier SET status = 'returned' WHERE id IN (SELECT id FROM dossier WHERE status = 'result_ready' ORDER BY id DESC LIMIT 30)`);
    await db.query(
      `UPDATE dossier SET status = 'interagency', interagency_unit_id = $1, interagency_path = $2 WHERE id IN (SELECT id FROM dossier WHERE status = 'processing' AND resolving_unit_id = $3 LIMIT 5)`,
      [otherCommune.id, otherCommune.path, commune.id],
    );
    await db.query(`UPDATE dossier_step SET unit_id = $1 WHERE step_index = 2 AND dossier_id IN (SELECT id FROM dossier WHERE status = 'received' ORDER BY id LIMIT 5)`, [department.id]);
    const expected = async () =>
      (
        await db.query(
          `SELECT d.id AS dossier_id, u AS unit_id, d.status FROM dossier d, unnest(dossier_member_units(d)) u ORDER BY 1, 2`,
        )
      ).rows;
    expect((await db.query(`SELECT dossier_id, unit_id, status FROM dossier_scope ORDER BY 1, 2`)).rows).toEqual(await expected());
    // Waiting for the desk's return: a result ready, or at the desk's own last step (moved there by a statement).
    await db.query(
      `UPDATE dossier d SET step_index = d.step_count - 1 FROM dossier_step st
        WHERE d.id IN (SELECT id FROM dossier WHERE status = 'processing' AND step_count > 1 ORDER BY id LIMIT 40)
          AND st.dossier_id = d.id AND st.step_index = d.step_count - 1`,
    );
    await db.query(`UPDATE dossier_step SET role = 'desk_officer' WHERE (dossier_id, step_index) IN (SELECT id, step_index FROM dossier WHERE status = 'processing' AND step_count > 1 AND step_index = step_count - 1 ORDER BY id LIMIT 20)`);
    const rule = `SELECT d.id FROM dossier d JOIN dossier_step st ON st.dossier_id = d.id AND st.step_index = d.step_index
                   WHERE d.status = 'result_ready' OR (d.status = 'processing' AND st.role = 'desk_officer' AND d.step_count > 1 AND d.step_index = d.step_count - 1) ORDER BY 1`;
    const waiting = (await db.query<{ id: string }>(rule)).rows.map((r) => r.id);
    expect(waiting.length).toBeGreaterThan(20);
    expect((await db.query<{ id: string }>(`SELECT DISTINCT dossier_id AS id FROM dossier_scope WHERE awaiting_return ORDER BY 1`)).rows.map((r) => r.id)).toEqual(waiting);
    const recount = `SELECT s.unit_id, t AS tab, count(*)::int AS n FROM dossier_scope s, unnest(dossier_queue_tabs(s.status, s.online_waiting, s.awaiting_return)) t GROUP BY 1, 2 ORDER BY 1, 2`;
    const counts = `SELECT unit_id, tab, n::int FROM dossier_queue_count WHERE n <> 0 ORDER BY 1, 2`;
    expect((await db.query(counts)).rows).toEqual((await db.query(recount)).rows);
    // What the triggers kept, one dossier at a time through dossier_member_units, equals the set-based rebuild (the same
    // membership rule written as joins over every dossier), run in a transaction that is rolled back.
    const scopeRows = `SELECT dossier_id, unit_id, status, online_waiting, awaiting_return, due_at, late_at FROM dossier_scope ORDER BY 1, 2`;
    const kept = { rows: (await db.query(scopeRows)).rows, counts: (await db.query(counts)).rows };
    const client = await db.connect();
    let rebuilt: typeof kept;
    try {
      await client.query('BEGIN');
      await client.query(`SELECT dossier_scope_rebuild()`);
      rebuilt = { rows: (await client.query(scopeRows)).rows, counts: (await client.query(counts)).rows };
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
    expect(kept.rows.length).toBeGreaterThan(16_000);
    expect(rebuilt).toEqual(kept);
    // The partner commune now sees the transferred dossiers.
    const moved = await list(otherCommuneOfficer, 'queue=unit&status=interagency');
    expect(moved.items.length).toBeGreaterThanOrEqual(5);
  });
});
