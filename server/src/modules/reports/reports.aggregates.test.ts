import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from '../../../test/factories.js';
import { DomainError } from '../../platform/errors.js';
import type { Actor } from '../identity/permissions.policy.js';
import { actOnDossier } from '../dossiers/use-cases/act-on-dossier.js';
import { receiveDossier } from '../dossiers/use-cases/receive-dossier.js';
import { allowedActions, type DossierStatus } from '../dossiers/dossier.rules.js';
import { openNow } from './reports.repo.js';
import { getPeriodReport } from './use-cases/get-period-report.js';
import { dateOfDayNumber, dayNumberOf, isoWeekday, vnDateOf } from '../working-calendar/vn-time.js';

/**
 * Property: after any sequence of intakes, actions (through the real use cases), clock moves and changes made by
 * other modules straight in SQL (postal and online channels, scans, online payments), the counters kept by the
 * triggers equal a recount from the dossiers, and "overdue now" equals a direct count.
 */
let t: TestApp;
let now = new Date('2026-11-02T01:30:00Z');
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let actor: Actor;
const procedures: string[] = [];
const dossiers: string[] = [];

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin', [{ role: 'admin', unit: tree.province }]);
  const roles = ['desk_officer', 'specialist', 'head', 'leader'] as const;
  const userId = await buildStaff(t.ctx.db, 'tatca', roles.map((role) => ({ role, unit: tree.province })));
  actor = { userId, username: 'tatca', fullName: 'Cán bộ thử', grants: roles.map((role) => ({ role, unitId: tree.province.id, unitPath: tree.province.path })) };
  const admin = await login(t.app, 'admin');
  for (const [i, content] of [
    buildProcedureContent(),
    buildProcedureContent({ code: '1.000894', name: 'Đăng ký kết hôn', onlineLevel: 'partial', processingTime: { amount: 3, unit: 'working_day' },
      // A fee charged per case: its dossiers are received with a fee (the intake records the procedure's rule).
      fees: [{ name: 'Lệ phí', amountVnd: 50_000 }],
      steps: [
        { name: 'Tiếp nhận', role: 'desk_officer', unitCode: null, workingDays: 0.5 },
        { name: 'Thẩm định', role: 'specialist', unitCode: null, workingDays: 2 },
        { name: 'Ký duyệt', role: 'leader', unitCode: null, workingDays: 0.5 },
      ] }),
  ].entries()) {
    const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content } });
    expect(res.statusCode, res.body).toBe(201);
    const pub = await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${res.json().id}/publish`, payload: { decisionNo: `${i + 1}/QĐ`, decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    expect(pub.statusCode, pub.body).toBeLessThan(300);
    procedures.push(res.json().id);
  }
  await t.ctx.db.query(`INSERT INTO stored_file (sha256, file_name, media_type, size_bytes, created_at) VALUES (repeat('a', 64), 'a.pdf', 'application/pdf', 1, now()), (repeat('b', 64), 'b.pdf', 'application/pdf', 1, now())`);
});
afterAll(() => t.close());

type Op =
  | { kind: 'intake'; proc: number; unit: number; delivery: 'desk' | 'post' | 'online'; accept: boolean }
  | { kind: 'act'; pick: number; choice: number }
  | { kind: 'wait'; minutes: number }
  | { kind: 'other'; pick: number; change: 'postal' | 'online' | 'scan' | 'result-file' | 'paid' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('intake' as const), proc: fc.nat(1), unit: fc.nat(1), delivery: fc.constantFrom('desk' as const, 'post' as const, 'online' as const), accept: fc.constantFrom(true, true, true, false) }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('act' as const), pick: fc.nat(), choice: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 4 * 24 * 60 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('other' as const), pick: fc.nat(), change: fc.constantFrom('postal' as const, 'online' as const, 'scan' as const, 'result-file' as const, 'paid' as const) }) },
);

let keySeq = 0;
async function run(op: Op): Promise<void> {
  const deps = { db: t.ctx.db, clock: { now: () => now }, config: t.ctx.config };
  try {
    switch (op.kind) {
      case 'intake': {
        const { id } = await receiveDossier(deps, actor, {
          idempotencyKey: `prop-${++keySeq}`,
          procedureId: procedures[op.proc]!,
          receivingUnitId: tree.deskA.id,
          resolvingUnitId: op.unit === 0 ? tree.communeA.id : tree.communeB.id,
          applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Nguyễn Văn An', birthDate: null, address: null, addressUnitId: null, phone: null, email: null },
          documents: [],
          eform: { hoTen: 'Bé' },
          outcome: op.accept ? 'accept' : 'incomplete',
          missing: op.accept ? [] : [{ name: 'Tờ khai', count: 1 }],
          reason: op.accept ? null : 'Thiếu tờ khai',
          resultDelivery: op.delivery,
        });
        dossiers.push(id);
        return;
      }
      case 'act': {
        if (dossiers.length === 0) return;
        const id = dossiers[op.pick % dossiers.length]!;
        const { rows } = await t.ctx.db.query<{ due: Date | null; status: DossierStatus; stepIndex: number; stepCount: number; supplementCount: number; apologyCount: number }>(
          `SELECT due_at AS due, status, step_index AS "stepIndex", step_count AS "stepCount", supplement_count AS "supplementCount", apology_count AS "apologyCount" FROM dossier WHERE id = $1`,
          [id],
        );
        const d = rows[0]!;
        // The actions the state machine offers now (desk intake cannot be replayed here).
        const offered = allowedActions({ ...d, maxApologies: 1 }).filter((a) => a !== 'accept' && a !== 'reject_intake');
        if (offered.length === 0) return;
        const due = d.due ?? now;
        await actOnDossier(deps, actor, id, {
          action: offered[op.choice % offered.length]!,
          note: 'Lý do thử',
          newDueAt: new Date(due.getTime() + 3 * 86_400_000).toISOString(),
          targetUnitId: tree.communeB.id,
        });
        return;
      }
      case 'wait':
        now = new Date(now.getTime() + op.minutes * 60_000);
        return;
      case 'other': {
        if (dossiers.length === 0) return;
        const id = dossiers[op.pick % dossiers.length]!;
        if (op.change === 'postal' || op.change === 'online') await t.ctx.db.query(`UPDATE dossier SET channel = $2 WHERE id = $1`, [id, op.change]);
        else if (op.change === 'paid') {
          await t.ctx.db.query(`SELECT report_bump(resolving_unit_id, procedure_id, received_at, 'paid_online', 1) FROM dossier WHERE id = $1 AND received_at IS NOT NULL`, [id]);
        } else {
          await t.ctx.db.query(`INSERT INTO dossier_file (dossier_id, sha256, document_name, kind, file_name, added_at) VALUES ($1, $2, 'Tờ khai', $3, 'to-khai.pdf', now()) ON CONFLICT DO NOTHING`, [
            id,
            (op.pick % 2 === 0 ? 'a' : 'b').repeat(64),
            op.change === 'scan' ? 'component' : 'result',
          ]);
        }
        return;
      }
    }
  } catch (err) {
    // Refused actions (not allowed now, apology out of its window…) change nothing; anything else is a failure.
    if (!(err instanceof DomainError)) throw err;
  }
}

const derived = ['received', 'received_desk', 'received_online', 'received_postal', 'received_full_eligible', 'received_online_full', 'received_with_fee', 'result_by_post', 'resolved', 'resolved_early', 'resolved_on_time', 'resolved_late', 'resolved_late_national', 'resolved_online', 'resolved_online_late', 'returned', 'returned_post', 'apologies', 'apologies_late', 'digitised', 'e_result'];

/** A recount written independently of the trigger's functions: plain GROUP BYs over the dossiers and their logs. */
const RECOUNT = `
WITH d AS (SELECT d.*, p.online_level = 'full' AS full_ok,
                  coalesce(d.finish_class, CASE WHEN d.due_at IS NULL OR d.finished_at <= d.due_at THEN 'on_time' ELSE 'late' END) AS cls
             FROM dossier d JOIN procedure p ON p.id = d.procedure_id WHERE d.received_at IS NOT NULL),
ev AS (
  SELECT resolving_unit_id u, procedure_id p, (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, 'received' AS m, count(*) n FROM d GROUP BY 1, 2, 3
  UNION ALL SELECT resolving_unit_id, procedure_id, (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'received_' || channel, count(*) FROM d GROUP BY 1, 2, 3, 4
  UNION ALL SELECT resolving_unit_id, procedure_id, (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'received_full_eligible', count(*) FROM d WHERE full_ok GROUP BY 1, 2, 3
  UNION ALL SELECT resolving_unit_id, procedure_id, (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'received_online_full', count(*) FROM d WHERE full_ok AND channel = 'online' AND result_delivery <> 'desk' GROUP BY 1, 2, 3
  UNION ALL SELECT resolving_unit_id, procedure_id, (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'received_with_fee', count(*) FROM d WHERE fee_vnd > 0 GROUP BY 1, 2, 3
  UNION ALL SELECT resolving_unit_id, procedure_id, (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'result_by_post', count(*) FROM d WHERE result_delivery = 'post' GROUP BY 1, 2, 3
  UNION ALL SELECT resolving_unit_id, procedure_id, (finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'resolved', count(*) FROM d WHERE finished_at IS NOT NULL GROUP BY 1, 2, 3
  UNION ALL SELECT resolving_unit_id, procedure_id, (finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'resolved_' || cls, count(*) FROM d WHERE finished_at IS NOT NULL GROUP BY 1, 2, 3, 4
  UNION ALL SELECT resolving_unit_id, procedure_id, (finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'resolved_late_national', count(*) FROM d WHERE finished_at IS NOT NULL AND (cls = 'late' OR supplement_count > 1) GROUP BY 1, 2, 3
  UNION ALL SELECT resolving_unit_id, procedure_id, (finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'resolved_online', count(*) FROM d WHERE finished_at IS NOT NULL AND channel = 'online' GROUP BY 1, 2, 3
  UNION ALL SELECT resolving_unit_id, procedure_id, (finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'resolved_online_late', count(*) FROM d WHERE finished_at IS NOT NULL AND channel = 'online' AND cls = 'late' GROUP BY 1, 2, 3
  UNION ALL SELECT resolving_unit_id, procedure_id, (returned_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'returned', count(*) FROM d WHERE returned_at IS NOT NULL GROUP BY 1, 2, 3
  UNION ALL SELECT resolving_unit_id, procedure_id, (returned_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'returned_post', count(*) FROM d WHERE returned_at IS NOT NULL AND result_delivery = 'post' GROUP BY 1, 2, 3
  UNION ALL SELECT x.resolving_unit_id, x.procedure_id, (a.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'apologies', count(*) FROM dossier_action a JOIN dossier x ON x.id = a.dossier_id WHERE a.action = 'apologise' GROUP BY 1, 2, 3
  UNION ALL SELECT x.resolving_unit_id, x.procedure_id, (a.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'apologies_late', count(*) FROM dossier_action a JOIN dossier x ON x.id = a.dossier_id WHERE a.action = 'apologise' AND (a.data->>'late')::boolean GROUP BY 1, 2, 3
  UNION ALL SELECT resolving_unit_id, procedure_id, (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'digitised', count(*) FROM d WHERE EXISTS (SELECT 1 FROM dossier_file f WHERE f.dossier_id = d.id AND f.kind = 'component') GROUP BY 1, 2, 3
  UNION ALL SELECT resolving_unit_id, procedure_id, (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'e_result', count(*) FROM d WHERE EXISTS (SELECT 1 FROM dossier_file f WHERE f.dossier_id = d.id AND f.kind = 'result') GROUP BY 1, 2, 3
)
SELECT u || '|' || p || '|' || day || '|' || m AS k, n::int FROM ev WHERE n > 0`;

async function countersAsMap(grain: 'd' | 'w' | 'm' | 'D' | 'W' | 'M'): Promise<Map<string, number>> {
  const { rows } = await t.ctx.db.query<Record<string, unknown>>(`SELECT * FROM report_counter WHERE grain = $1`, [grain]);
  const out = new Map<string, number>();
  for (const r of rows) {
    const bucket = String(r.bucket);
    for (const m of [...derived, 'paid_online']) {
      const n = Number(r[m]);
      if (n !== 0) out.set(`${String(r.unit_id)}|${String(r.procedure_id)}|${bucket}|${m}`, n);
    }
  }
  return out;
}

/** The per-procedure rows summed over procedures (the nil uuid of the D and M rows). */
function allProcedures(rows: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, n] of rows) {
    const [u, , d, m] = k.split('|') as [string, string, string, string];
    const key = `${u}|00000000-0000-0000-0000-000000000000|${d}|${m}`;
    out.set(key, (out.get(key) ?? 0) + n);
  }
  return out;
}

/** The day rows summed by week part: the Monday of the day's ISO week, or the 1st when the week began the month before. */
function byWeek(day: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, n] of day) {
    const [u, p, d, m] = k.split('|') as [string, string, string, string];
    const dn = dayNumberOf(d);
    const monday = dateOfDayNumber(dn - (isoWeekday(dn) - 1));
    const bucket = monday.slice(0, 7) === d.slice(0, 7) ? monday : `${d.slice(0, 7)}-01`;
    const key = `${u}|${p}|${bucket}|${m}`;
    out.set(key, (out.get(key) ?? 0) + n);
  }
  return out;
}

function byMonth(day: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, n] of day) {
    const [u, p, d, m] = k.split('|') as [string, string, string, string];
    const key = `${u}|${p}|${d.slice(0, 7)}-01|${m}`;
    out.set(key, (out.get(key) ?? 0) + n);
  }
  return out;
}

async function check(): Promise<void> {
  const recount = new Map((await t.ctx.db.query<{ k: string; n: number }>(RECOUNT)).rows.map((r) => [r.k, r.n]));
  const days = await countersAsMap('d');
  const derivedDays = new Map([...days].filter(([k]) => !k.endsWith('|paid_online')));
  expect(derivedDays).toEqual(recount);
  expect(await countersAsMap('m')).toEqual(byMonth(days));
  expect(await countersAsMap('D')).toEqual(allProcedures(days));
  expect(await countersAsMap('M')).toEqual(byMonth(allProcedures(days)));
  expect(await countersAsMap('w')).toEqual(byWeek(days));
  expect(await countersAsMap('W')).toEqual(byWeek(allProcedures(days)));

  const open = await t.ctx.db.query<{ k: string; n: number }>(
    `SELECT unit_id || '|' || procedure_id || '|' || due_hour AS k, n::int AS n FROM report_open WHERE n <> 0 ORDER BY 1`,
  );
  const naiveOpen = await t.ctx.db.query<{ k: string; n: number }>(
    `SELECT resolving_unit_id || '|' || procedure_id || '|' ||
            (CASE WHEN status = 'supplement_requested' OR due_at IS NULL THEN 'infinity'::timestamptz ELSE date_trunc('hour', due_at, 'UTC') END) AS k,
            count(*)::int AS n
       FROM dossier WHERE status IN ('received', 'processing', 'interagency', 'supplement_requested') GROUP BY 1 ORDER BY 1`,
  );
  expect(open.rows).toEqual(naiveOpen.rows);
  const live = (await openNow(t.ctx.db, tree.province.path, now, 'none')).get('') ?? { total: 0, overdue: 0 };
  const naive = await t.ctx.db.query<{ total: number; overdue: number }>(
    `SELECT count(*)::int AS total, (count(*) FILTER (WHERE status <> 'supplement_requested' AND due_at < $2))::int AS overdue
       FROM dossier WHERE status IN ('received', 'processing', 'interagency', 'supplement_requested') AND resolving_path LIKE $1 || '%'`,
    [tree.province.path, now],
  );
  expect(live).toEqual(naive.rows[0]);
  // The stock equals the flows: everything received minus everything resolved (what Biểu 06 column 11 relies on).
  const flows = await t.ctx.db.query<{ n: number }>(`SELECT (sum(received) - sum(resolved))::int AS n FROM report_counter WHERE grain = 'M'`);
  expect(flows.rows[0]!.n ?? 0).toBe(live.total);
}

describe('report counters', () => {
  it('equal a recount from the dossiers after random sequences of operations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 40 }), async (ops) => {
        for (const op of ops) await run(op);
        await check();
      }),
      { numRuns: 25 },
    );
    // The sequences did reach the interesting states.
    const { rows } = await t.ctx.db.query<{ status: string }>(`SELECT DISTINCT status FROM dossier`);
    expect(rows.length).toBeGreaterThanOrEqual(4);
  }, 240_000);

  it('follow a change of status alone (open, paused for a supplement, back): the trigger compares what the counters read', async () => {
    await run({ kind: 'intake', proc: 0, unit: 0, delivery: 'desk', accept: true });
    const id = dossiers.at(-1)!;
    const { rows } = await t.ctx.db.query<{ status: string; due: Date | null }>(`SELECT status, due_at AS due FROM dossier WHERE id = $1`, [id]);
    expect(rows[0]).toEqual({ status: 'received', due: expect.any(Date) });
    // Raw row changes (not the ledger's): the counters must follow any change of the row, whatever wrote it.
    for (const status of ['processing', 'supplement_requested', 'interagency', 'received']) {
      await t.ctx.db.query(`UPDATE dossier SET status = $2 WHERE id = $1`, [id, status]);
      await check();
    }
  });

  it('report_recount() rebuilds the same counters and keeps the ones fed by other modules', async () => {
    const before = [await countersAsMap('d'), await countersAsMap('w'), await countersAsMap('m'), await countersAsMap('D'), await countersAsMap('W'), await countersAsMap('M')];
    await t.ctx.db.query(`UPDATE report_counter SET received = received + 7, resolved_late = 3`);
    await t.ctx.db.query(`DELETE FROM report_open`);
    await t.ctx.db.query(`SELECT report_recount()`);
    expect([await countersAsMap('d'), await countersAsMap('w'), await countersAsMap('m'), await countersAsMap('D'), await countersAsMap('W'), await countersAsMap('M')]).toEqual(before);
    await check();
  });

  it('Biểu 06 by procedure over a range equals a recount from the dossier ledger, column by column', async () => {
    const today = vnDateOf(now);
    const start = '2026-11-03'; // not a month's first day: the report reads day rows, then month rows, then day rows
    const mid = dateOfDayNumber(Math.floor((dayNumberOf(start) + dayNumberOf(today)) / 2));
    for (const [from, to] of [[start, today], [mid, today], [start, mid]] as const) {
      const report = await getPeriodReport(t.ctx, actor, { unitId: tree.province.id, from, to, by: 'procedure' });
      const live = to >= today;
      // Straight from the dossiers: VN days, received in the range, open before it, finished in it, open at its end.
      const { rows } = await t.ctx.db.query<{ name: string; total: number; online: number; desk_postal: number; carried: number; resolved: number; early: number; on_time: number; late: number; open: number; overdue: number }>(
        `WITH d AS (SELECT d.*, (d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS rday, (d.finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS fday,
                           coalesce(d.finish_class, CASE WHEN d.due_at IS NULL OR d.finished_at <= d.due_at THEN 'on_time' ELSE 'late' END) AS cls
                      FROM dossier d WHERE d.received_at IS NOT NULL AND d.resolving_path LIKE $3 || '%')
         SELECT p.name,
                (count(*) FILTER (WHERE rday BETWEEN $1 AND $2) + count(*) FILTER (WHERE rday < $1 AND (fday IS NULL OR fday >= $1)))::int AS total,
                count(*) FILTER (WHERE rday BETWEEN $1 AND $2 AND d.channel = 'online')::int AS online,
                count(*) FILTER (WHERE rday BETWEEN $1 AND $2 AND d.channel IN ('desk', 'postal'))::int AS desk_postal,
                count(*) FILTER (WHERE rday < $1 AND (fday IS NULL OR fday >= $1))::int AS carried,
                count(*) FILTER (WHERE fday BETWEEN $1 AND $2)::int AS resolved,
                count(*) FILTER (WHERE fday BETWEEN $1 AND $2 AND cls = 'early')::int AS early,
                count(*) FILTER (WHERE fday BETWEEN $1 AND $2 AND cls = 'on_time')::int AS on_time,
                count(*) FILTER (WHERE fday BETWEEN $1 AND $2 AND cls = 'late')::int AS late,
                count(*) FILTER (WHERE rday <= $2 AND (fday IS NULL OR fday > $2))::int AS open,
                count(*) FILTER (WHERE fday IS NULL AND d.status <> 'supplement_requested' AND d.due_at < $4)::int AS overdue
           FROM d JOIN procedure p ON p.id = d.procedure_id GROUP BY p.name ORDER BY p.name`,
        [from, to, tree.province.path, now],
      );
      const expected = rows
        .filter((r) => r.total > 0)
        .map((r) => ({
          label: r.name,
          values: { total: r.total, online: r.online, deskPostal: r.desk_postal, carriedOver: r.carried, resolved: r.resolved, early: r.early, onTime: r.on_time, late: r.late, open: r.open,
            openOnTime: live ? r.open - r.overdue : null, openOverdue: live ? r.overdue : null },
        }));
      const shown = report.rows.map((r) => ({ label: r.label, values: r.values })).sort((a, b) => a.label.localeCompare(b.label));
      expect(shown, `${from}…${to}`).toEqual(expected.sort((a, b) => a.label.localeCompare(b.label)));
      expect(report.total.total, `${from}…${to}`).toBe(rows.reduce((n, r) => n + r.total, 0));
    }
    expect((await t.ctx.db.query(`SELECT count(*)::int AS n FROM dossier WHERE finished_at IS NOT NULL`)).rows[0].n).toBeGreaterThan(0);
  });

  it('report_bump refuses an unknown metric', async () => {
    await expect(t.ctx.db.query(`SELECT report_bump($1, $2, now(), 'received; DROP TABLE dossier', 1)`, [tree.communeA.id, procedures[0]])).rejects.toThrow(/unknown metric/);
  });
});
