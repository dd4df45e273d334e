import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/database.js';
import { freshDatabase } from '../../../test/db.js';
import { buildUnitTree } from '../../../test/factories.js';
import { dateOfDayNumber, dayNumberOf, instantOfDay } from '../working-calendar/vn-time.js';
import { openBefore, sumCounters, type GroupBy } from './reports.repo.js';
import type { CounterMetric } from './reports.rules.js';

/**
 * Property (issue 12, migration 20261210200000): after random dossier events written straight to the table (intakes at
 * every level of the tree, finishes, returns, corrections, transfers to another unit, deletions, apologies bumped in),
 * every below row equals the sum of the own rows of the units under its unit, and a subtree read from a unit's own +
 * below rows equals the read over every unit of the subtree and a recount from the dossiers — at the province and at
 * a commune with units under it and over every root (the national figures), per procedure, per child and in total, and for the stock carried over.
 */
let db: Db;
let drop: () => Promise<void>;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
const procedures: { id: string; versionId: string }[] = [];
let applicantId = '';
const apologies: { path: string; procedure: string; day: string }[] = [];

const SPAN_START = dayNumberOf('2026-01-20');
const SPAN_DAYS = 90;
const metrics = ['received', 'received_online', 'resolved', 'resolved_early', 'resolved_late', 'returned', 'apologies'] as const satisfies readonly CounterMetric[];

beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
  tree = await buildUnitTree(db);
  for (const g of [1, 2]) {
    const { rows } = await db.query<{ id: string; version_id: string }>(
      `WITH p AS (
         INSERT INTO procedure (owner_unit_id, code, status, name, field, level, agency, online_level, processing_time, fee_total_vnd, postal_intake,
           postal_return, created_at, updated_at)
         VALUES ($1, 'T.' || $2::int, 'published', 'Thủ tục cây ' || $2::int, 'Lĩnh vực', 'commune', 'Cơ quan thử', 'partial',
                 '{"amount": 3, "unit": "working_day"}', 0, true, true, now(), now()) RETURNING id),
       v AS (INSERT INTO procedure_version (procedure_id, version_no, state, content, effective_from, published_at, created_at)
             SELECT id, 1, 'published', '{}', '2025-01-01', now(), now() FROM p RETURNING id, procedure_id)
       SELECT procedure_id AS id, id AS version_id FROM v`,
      [tree.province.id, g],
    );
    procedures.push({ id: rows[0]!.id, versionId: rows[0]!.version_id });
  }
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO applicant (kind, id_number, full_name, created_at, updated_at) VALUES ('citizen', '087090002222', 'Người nộp cây', now(), now()) RETURNING id`,
  );
  applicantId = rows[0]!.id;
});
afterAll(() => drop());

type Op =
  | { kind: 'intake'; unit: number; proc: number; day: number; minute: number; online: boolean }
  | { kind: 'finish'; pick: number; afterMinutes: number; cls: 'early' | 'on_time' | 'late' }
  | { kind: 'return'; pick: number; afterMinutes: number }
  | { kind: 'transfer'; pick: number; unit: number }
  | { kind: 'redate'; pick: number; day: number; proc: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'apology'; unit: number; proc: number; day: number };

// Every level: the province itself, its communes, the units under commune A, and a unit of another province.
const units = () => [tree.province, tree.communeA, tree.communeB, tree.deskA, tree.officeA, tree.otherProvince];
const unitArb = fc.nat(5); // the six units above
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('intake' as const), unit: unitArb, proc: fc.nat(1), day: fc.nat(SPAN_DAYS - 1), minute: fc.nat(24 * 60 - 1), online: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('finish' as const), pick: fc.nat(), afterMinutes: fc.nat(20 * 24 * 60), cls: fc.constantFrom('early' as const, 'on_time' as const, 'late' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('return' as const), pick: fc.nat(), afterMinutes: fc.nat(5 * 24 * 60) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('transfer' as const), pick: fc.nat(), unit: unitArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('redate' as const), pick: fc.nat(), day: fc.nat(SPAN_DAYS - 1), proc: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('apology' as const), unit: unitArb, proc: fc.nat(1), day: fc.nat(SPAN_DAYS - 1) }) },
);

const instant = (day: number, minute: number) => instantOfDay(SPAN_START + day, minute * 60_000);
let codeSeq = 0;

async function pick(n: number, where: string): Promise<{ id: string; received_at: Date; finished_at: Date | null } | null> {
  const { rows } = await db.query<{ id: string; received_at: Date; finished_at: Date | null }>(`SELECT id, received_at, finished_at FROM dossier WHERE ${where} ORDER BY code`);
  return rows.length ? rows[n % rows.length]! : null;
}

async function run(op: Op): Promise<void> {
  switch (op.kind) {
    case 'intake': {
      const u = units()[op.unit]!;
      const p = procedures[op.proc]!;
      const at = instant(op.day, op.minute);
      await db.query(
        `INSERT INTO dossier (code, procedure_id, procedure_version_id, procedure_name, rule_set, receiving_unit_id, receiving_path, resolving_unit_id,
           resolving_path, applicant_id, applicant, channel, status, national_status, step_count, submitted_at, received_at, counting_from, due_at,
           result_delivery, created_at, updated_at)
         VALUES ($1, $2, $3, 'Thủ tục cây', 'nd118-2025', $4, $5, $4, $5, $6, '{"kind": "citizen", "fullName": "Người nộp cây", "idNumber": "087090002222"}',
                 $7, 'processing', 3, 3, $8, $8, $8, $8::timestamptz + interval '3 days', 'desk', $8, $8)`,
        [`T-${String(++codeSeq).padStart(6, '0')}`, p.id, p.versionId, u.id, u.path, applicantId, op.online ? 'online' : 'desk', at],
      );
      return;
    }
    case 'finish': {
      const d = await pick(op.pick, 'finished_at IS NULL');
      if (d) await db.query(`UPDATE dossier SET status = 'result_ready', finished_at = $2, finish_class = $3 WHERE id = $1`, [d.id, new Date(d.received_at.getTime() + op.afterMinutes * 60_000), op.cls]);
      return;
    }
    case 'return': {
      const d = await pick(op.pick, 'finished_at IS NOT NULL AND returned_at IS NULL');
      if (d) await db.query(`UPDATE dossier SET status = 'returned', returned_at = $2 WHERE id = $1`, [d.id, new Date(d.finished_at!.getTime() + op.afterMinutes * 60_000)]);
      return;
    }
    case 'transfer': {
      // Another resolving unit (inter-agency transfer): the whole contribution leaves the old unit's ancestors.
      const d = await pick(op.pick, 'true');
      const u = units()[op.unit]!;
      if (d) await db.query(`UPDATE dossier SET resolving_unit_id = $2, resolving_path = $3 WHERE id = $1`, [d.id, u.id, u.path]);
      return;
    }
    case 'redate': {
      const d = await pick(op.pick, 'finished_at IS NULL');
      if (d) await db.query(`UPDATE dossier SET received_at = $2, submitted_at = $2, procedure_id = $3, procedure_version_id = $4 WHERE id = $1`, [d.id, instant(op.day, 600), procedures[op.proc]!.id, procedures[op.proc]!.versionId]);
      return;
    }
    case 'delete': {
      const d = await pick(op.pick, 'true');
      if (d) await db.query(`DELETE FROM dossier WHERE id = $1`, [d.id]);
      return;
    }
    case 'apology': {
      const u = units()[op.unit]!;
      await db.query(`SELECT report_bump($1, $2, $3, 'apologies', 1)`, [u.id, procedures[op.proc]!.id, instant(op.day, 15 * 60)]);
      apologies.push({ path: u.path, procedure: procedures[op.proc]!.id, day: dateOfDayNumber(SPAN_START + op.day) });
      return;
    }
  }
}

const allMetrics = `received, received_desk, received_online, received_postal, received_full_eligible, received_online_full, received_with_fee,
  result_by_post, resolved, resolved_early, resolved_on_time, resolved_late, resolved_late_national, resolved_online, resolved_online_late,
  returned, returned_post, apologies, apologies_late, digitised, e_result, paid_online, satisfaction_sum, satisfaction_count, satisfied_count`;
const nonZeroRow = allMetrics.split(',').map((m) => `${m.trim()} <> 0`).join(' OR ');

/** Below rows that differ from the sum of the own rows of the units under their unit (joined by the unit table's paths), both ways. */
async function belowMismatches(): Promise<number> {
  const names = allMetrics.split(',').map((m) => m.trim());
  const { rows } = await db.query<{ n: number }>(
    `WITH expected AS (
       SELECT r.grain, r.bucket, u.id AS unit_id, r.procedure_id, ${names.map((m) => `sum(r.${m}) AS ${m}`).join(', ')}
         FROM unit u JOIN report_counter r ON r.unit_path LIKE u.path || '%' AND r.unit_id <> u.id
        GROUP BY 1, 2, 3, 4),
     e AS (SELECT * FROM expected WHERE ${nonZeroRow}),
     kept AS (SELECT grain, bucket, unit_id, procedure_id, ${allMetrics} FROM report_counter_below WHERE ${nonZeroRow})
     SELECT ((SELECT count(*) FROM (SELECT * FROM e EXCEPT SELECT * FROM kept) a) + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM e) b))::int AS n`,
  );
  return rows[0]!.n;
}

type Sums = Map<string, Record<string, number>>;

function add(out: Sums, key: string, metric: string, n: number): void {
  const row = out.get(key) ?? Object.fromEntries(metrics.map((m) => [m, 0]));
  row[metric] = (row[metric] ?? 0) + n;
  out.set(key, row);
}

/** The key of a row of the subtree at `root`: its procedure, the child of `root` its unit is in ('' for root itself), or ''. */
function keyOf(root: string, by: GroupBy, unitPath: string, procedureId: string): string {
  if (by === 'procedure') return procedureId;
  if (by === 'child') return unitPath.slice(root.length).replace(/^\//, '').split('/')[0] ?? '';
  return '';
}

/** A recount from the dossiers of the subtree at `root` (Vietnam days of receipt, finish and return) and the apologies bumped in. */
async function fromDossiers(root: string, by: GroupBy, from: string, to: string): Promise<Sums> {
  const { rows } = await db.query<{ path: string; procedure: string; rday: string; fday: string | null; tday: string | null; channel: string; finish_class: string | null }>(
    `SELECT resolving_path AS path, procedure_id AS procedure, to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS rday,
            to_char(finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS fday, to_char(returned_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS tday,
            channel, finish_class FROM dossier`,
  );
  const out: Sums = new Map();
  const within = (d: string | null) => d !== null && d >= from && d <= to;
  for (const d of rows.filter((r) => r.path.startsWith(root))) {
    const k = keyOf(root, by, d.path, d.procedure);
    if (within(d.rday)) {
      add(out, k, 'received', 1);
      if (d.channel === 'online') add(out, k, 'received_online', 1);
    }
    if (within(d.fday)) {
      add(out, k, 'resolved', 1);
      if (d.finish_class === 'early') add(out, k, 'resolved_early', 1);
      if (d.finish_class === 'late') add(out, k, 'resolved_late', 1);
    }
    if (within(d.tday)) add(out, k, 'returned', 1);
  }
  for (const a of apologies) if (a.path.startsWith(root) && within(a.day)) add(out, keyOf(root, by, a.path, a.procedure), 'apologies', 1);
  return out;
}

function nonZero(s: Sums): Sums {
  return new Map([...s].filter(([, r]) => Object.values(r).some((n) => n !== 0)).sort(([a], [b]) => a.localeCompare(b)));
}

async function read(root: string, by: GroupBy, from: string, to: string, below: boolean): Promise<Sums> {
  const m = await sumCounters(db, root, from, to, by, metrics, { below });
  return new Map([...m].map(([k, c]) => [k, Object.fromEntries(metrics.map((x) => [x, c[x]]))]));
}

const rangeArb = fc.tuple(fc.integer({ min: -5, max: SPAN_DAYS + 5 }), fc.nat(SPAN_DAYS)).map(([a, len]) => [dateOfDayNumber(SPAN_START + a), dateOfDayNumber(SPAN_START + a + len)] as const);

describe('report counters below each unit', () => {
  it('equal the sum of the own rows under the unit, and a read from them equals the subtree read and a recount', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 25 }), fc.array(rangeArb, { minLength: 2, maxLength: 4 }), async (ops, ranges) => {
        for (const op of ops) await run(op);
        expect(await belowMismatches()).toBe(0);
        // The province, a commune with units under it, and everything (the national figures read with the path '').
        for (const root of [tree.province.path, tree.communeA.path, '']) {
          for (const [from, to] of ranges) {
            for (const by of ['procedure', 'child', 'none'] as const) {
              const fast = nonZero(await read(root, by, from, to, true));
              expect(fast, `${by} ${from}…${to} below rows against every unit of the subtree`).toEqual(nonZero(await read(root, by, from, to, false)));
              expect(fast, `${by} ${from}…${to} against the dossiers`).toEqual(nonZero(await fromDossiers(root, by, from, to)));
            }
            const carried = await openBefore(db, root, from, 'procedure');
            expect(carried, `carried into ${from}`).toEqual(await openBefore(db, root, from, 'procedure', { below: false }));
            const { rows } = await db.query<{ k: string; n: number }>(
              `SELECT procedure_id::text AS k, count(*)::int AS n FROM dossier
                WHERE resolving_path LIKE $2 || '%' AND (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < $1
                  AND (finished_at IS NULL OR (finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= $1) GROUP BY 1`,
              [from, root],
            );
            expect(new Map([...carried].filter(([, n]) => n !== 0)), `carried into ${from} against the dossiers`).toEqual(new Map(rows.map((r) => [r.k, r.n])));
          }
        }
      }),
      { numRuns: 15 },
    );
    // The runs reached rows below the province through a commune (two ancestors) and transfers that netted out.
    const { rows } = await db.query<{ n: number }>(`SELECT count(DISTINCT unit_id)::int AS n FROM report_counter_below WHERE received <> 0`);
    expect(rows[0]!.n).toBe(2);
  }, 300_000);

  it('report_recount() rebuilds the below rows from the recounted own rows', async () => {
    const derived = `SELECT grain, bucket, unit_id, procedure_id, received, received_online, resolved, resolved_early, resolved_late, returned FROM report_counter_below
      WHERE received <> 0 OR resolved <> 0 OR returned <> 0 ORDER BY grain, unit_id, bucket, procedure_id`;
    const before = await db.query(derived);
    expect(before.rows.length).toBeGreaterThan(0);
    await db.query(`UPDATE report_counter_below SET received = received + 3 WHERE grain = 'm'`);
    await db.query(`SELECT report_recount()`);
    expect((await db.query(derived)).rows).toEqual(before.rows);
    expect(await belowMismatches()).toBe(0);
  });

  it("the migration's backfill builds the same below rows from a database already holding own rows", async () => {
    const migration = readFileSync(new URL('../../../db/migrations/20261210200000-report-ancestor-rows.sql', import.meta.url), 'utf8');
    const backfill = migration.slice(migration.lastIndexOf('SELECT report_rebuild_below();'));
    const all = `SELECT * FROM report_counter_below WHERE ${nonZeroRow} ORDER BY grain, unit_id, bucket, procedure_id`;
    const kept = await db.query(all);
    expect(kept.rows.length).toBeGreaterThan(0);
    await db.query(`DELETE FROM report_counter_below`);
    await db.query(backfill);
    expect((await db.query(all)).rows).toEqual(kept.rows);
  });
});
