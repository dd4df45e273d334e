import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/database.js';
import { freshDatabase } from '../../../test/db.js';
import { buildUnitTree } from '../../../test/factories.js';
import { dateOfDayNumber, dayNumberOf, instantOfDay, isoWeekday } from '../working-calendar/vn-time.js';
import { openBefore, sumCounters, type GroupBy } from './reports.repo.js';
import { planRange, type CounterMetric } from './reports.rules.js';

/**
 * Property (issue 12, migration 20261209050000): for random dossier events written straight to the table (the
 * triggers keep the counters) and random day ranges, the range composed from day + week-part + month rows equals the
 * sum of the day rows alone and a recount from the dossiers themselves — per procedure, per child unit and in total,
 * and for the stock carried over into the range.
 */
let db: Db;
let drop: () => Promise<void>;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
const procedures: { id: string; versionId: string }[] = [];
let applicantId = '';
/** Apology letters bumped in, kept here because they are not derived from the dossier rows. */
const apologies: { unit: string; procedure: string; day: string }[] = [];

const SPAN_START = dayNumberOf('2025-12-20');
const SPAN_DAYS = 140; // crosses a year end, a 28-day February and several ISO weeks split by a month end
const metrics = ['received', 'received_online', 'received_postal', 'resolved', 'resolved_early', 'resolved_late', 'returned', 'apologies'] as const satisfies readonly CounterMetric[];

beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
  tree = await buildUnitTree(db);
  for (const g of [1, 2, 3]) {
    const { rows } = await db.query<{ id: string; version_id: string }>(
      `WITH p AS (
         INSERT INTO procedure (owner_unit_id, code, status, name, field, level, agency, online_level, processing_time, fee_total_vnd, postal_intake,
           postal_return, created_at, updated_at)
         VALUES ($1, 'G.' || $2::int, 'published', 'Thủ tục thử ' || $2::int, 'Lĩnh vực', 'commune', 'Cơ quan thử', CASE WHEN $2::int = 3 THEN 'full' ELSE 'partial' END,
                 '{"amount": 3, "unit": "working_day"}', 0, true, true, now(), now()) RETURNING id),
       v AS (INSERT INTO procedure_version (procedure_id, version_no, state, content, effective_from, published_at, created_at)
             SELECT id, 1, 'published', '{}', '2025-01-01', now(), now() FROM p RETURNING id, procedure_id)
       SELECT procedure_id AS id, id AS version_id FROM v`,
      [tree.province.id, g],
    );
    procedures.push({ id: rows[0]!.id, versionId: rows[0]!.version_id });
  }
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO applicant (kind, id_number, full_name, created_at, updated_at) VALUES ('citizen', '087090001111', 'Người nộp thử', now(), now()) RETURNING id`,
  );
  applicantId = rows[0]!.id;
});
afterAll(() => drop());

type Op =
  | { kind: 'intake'; unit: number; proc: number; day: number; minute: number; channel: 'desk' | 'online' | 'postal' }
  | { kind: 'finish'; pick: number; afterMinutes: number; cls: 'early' | 'on_time' | 'late' }
  | { kind: 'return'; pick: number; afterMinutes: number }
  | { kind: 'redate'; pick: number; day: number; proc: number }
  | { kind: 'apology'; unit: number; proc: number; day: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('intake' as const), unit: fc.nat(2), proc: fc.nat(2), day: fc.nat(SPAN_DAYS - 1), minute: fc.nat(24 * 60 - 1), channel: fc.constantFrom('desk' as const, 'online' as const, 'postal' as const) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('finish' as const), pick: fc.nat(), afterMinutes: fc.nat(30 * 24 * 60), cls: fc.constantFrom('early' as const, 'on_time' as const, 'late' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('return' as const), pick: fc.nat(), afterMinutes: fc.nat(10 * 24 * 60) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('redate' as const), pick: fc.nat(), day: fc.nat(SPAN_DAYS - 1), proc: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('apology' as const), unit: fc.nat(2), proc: fc.nat(2), day: fc.nat(SPAN_DAYS - 1) }) },
);

const units = () => [tree.communeA, tree.communeB, tree.officeA];
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
         VALUES ($1, $2, $3, 'Thủ tục thử', 'nd118-2025', $4, $5, $4, $5, $6, '{"kind": "citizen", "fullName": "Người nộp thử", "idNumber": "087090001111"}',
                 $7, 'processing', 3, 3, $8, $8, $8, $8::timestamptz + interval '3 days', 'desk', $8, $8)`,
        [`G-${String(++codeSeq).padStart(6, '0')}`, p.id, p.versionId, u.id, u.path, applicantId, op.channel, at],
      );
      return;
    }
    case 'finish': {
      const d = await pick(op.pick, 'finished_at IS NULL');
      if (!d) return;
      await db.query(`UPDATE dossier SET status = 'result_ready', finished_at = $2, finish_class = $3 WHERE id = $1`, [d.id, new Date(d.received_at.getTime() + op.afterMinutes * 60_000), op.cls]);
      return;
    }
    case 'return': {
      const d = await pick(op.pick, `finished_at IS NOT NULL AND returned_at IS NULL`);
      if (!d) return;
      await db.query(`UPDATE dossier SET status = 'returned', returned_at = $2 WHERE id = $1`, [d.id, new Date(d.finished_at!.getTime() + op.afterMinutes * 60_000)]);
      return;
    }
    case 'redate': {
      // A correction of the receipt day and procedure: the old contribution leaves every grain, the new one enters.
      const d = await pick(op.pick, 'finished_at IS NULL');
      if (!d) return;
      const at = instant(op.day, 9 * 60);
      await db.query(`UPDATE dossier SET received_at = $2, submitted_at = $2, procedure_id = $3, procedure_version_id = $4 WHERE id = $1`, [d.id, at, procedures[op.proc]!.id, procedures[op.proc]!.versionId]);
      return;
    }
    case 'apology': {
      const u = units()[op.unit]!;
      await db.query(`SELECT report_bump($1, $2, $3, 'apologies', 1)`, [u.id, procedures[op.proc]!.id, instant(op.day, 15 * 60)]);
      apologies.push({ unit: u.id, procedure: procedures[op.proc]!.id, day: dateOfDayNumber(SPAN_START + op.day) });
      return;
    }
  }
}

/** The key a grouping gives a row: its procedure, the child of the province it belongs to, or '' for the total. */
function keyOf(by: GroupBy, unitId: string, procedureId: string): string {
  if (by === 'procedure') return procedureId;
  if (by === 'child') return unitId === tree.officeA.id ? tree.communeA.id : unitId;
  return '';
}

type Sums = Map<string, Record<string, number>>;

function add(out: Sums, key: string, metric: string, n: number): void {
  const row = out.get(key) ?? Object.fromEntries(metrics.map((m) => [m, 0]));
  row[metric] = (row[metric] ?? 0) + n;
  out.set(key, row);
}

/** The day rows alone (grain d), summed over [from, to] by the grouping. */
async function fromDayRows(by: GroupBy, from: string, to: string): Promise<Sums> {
  const { rows } = await db.query<Record<string, string>>(
    `SELECT unit_id, procedure_id, ${metrics.map((m) => `sum(${m})::int AS ${m}`).join(', ')} FROM report_counter
      WHERE grain = 'd' AND bucket BETWEEN $1 AND $2 GROUP BY 1, 2`,
    [from, to],
  );
  const out: Sums = new Map();
  for (const r of rows) for (const m of metrics) add(out, keyOf(by, r.unit_id!, r.procedure_id!), m, Number(r[m]));
  return out;
}

/** A recount from the dossiers (Vietnam days of receipt, finish and return) and the apologies bumped in. */
async function fromDossiers(by: GroupBy, from: string, to: string): Promise<Sums> {
  const { rows } = await db.query<{ unit: string; procedure: string; rday: string; fday: string | null; tday: string | null; channel: string; finish_class: string | null }>(
    `SELECT resolving_unit_id AS unit, procedure_id AS procedure, to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS rday,
            to_char(finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS fday, to_char(returned_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS tday,
            channel, finish_class FROM dossier`,
  );
  const out: Sums = new Map();
  const within = (d: string | null) => d !== null && d >= from && d <= to;
  for (const d of rows) {
    const k = keyOf(by, d.unit, d.procedure);
    if (within(d.rday)) {
      add(out, k, 'received', 1);
      if (d.channel === 'online') add(out, k, 'received_online', 1);
      if (d.channel === 'postal') add(out, k, 'received_postal', 1);
    }
    if (within(d.fday)) {
      add(out, k, 'resolved', 1);
      if (d.finish_class === 'early') add(out, k, 'resolved_early', 1);
      if (d.finish_class === 'late') add(out, k, 'resolved_late', 1);
    }
    if (within(d.tday)) add(out, k, 'returned', 1);
  }
  for (const a of apologies) if (within(a.day)) add(out, keyOf(by, a.unit, a.procedure), 'apologies', 1);
  return out;
}

/** Drops the all-zero groups so that "no row" and "a row of zeros" compare equal. */
function nonZero(s: Map<string, Record<string, number>>): Map<string, Record<string, number>> {
  return new Map([...s].filter(([, r]) => Object.values(r).some((n) => n !== 0)).sort(([a], [b]) => a.localeCompare(b)));
}

async function composed(by: GroupBy, from: string, to: string): Promise<Sums> {
  const m = await sumCounters(db, tree.province.path, from, to, by, metrics);
  return new Map([...m].map(([k, c]) => [k, Object.fromEntries(metrics.map((x) => [x, c[x]]))]));
}

const rangeArb = fc.tuple(fc.integer({ min: -10, max: SPAN_DAYS + 10 }), fc.nat(SPAN_DAYS)).map(([a, len]) => [dateOfDayNumber(SPAN_START + a), dateOfDayNumber(SPAN_START + a + len)] as const);

describe('report counters by week part', () => {
  it('a range read as days + week parts + months equals the day rows and a recount from the dossiers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 30 }), fc.array(rangeArb, { minLength: 3, maxLength: 6 }), async (ops, ranges) => {
        for (const op of ops) await run(op);
        for (const [from, to] of ranges) {
          for (const by of ['procedure', 'child', 'none'] as const) {
            const days = nonZero(await fromDayRows(by, from, to));
            expect(nonZero(await composed(by, from, to)), `${by} ${from}…${to}`).toEqual(days);
            expect(days, `${by} ${from}…${to} against the dossiers`).toEqual(nonZero(await fromDossiers(by, from, to)));
          }
          // Carried over into the range (Từ kỳ trước), forwards through month, week-part and day rows.
          const carried = await openBefore(db, tree.province.path, from, 'procedure');
          const { rows } = await db.query<{ k: string; n: number }>(
            `SELECT procedure_id::text AS k, count(*)::int AS n FROM dossier
              WHERE (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < $1
                AND (finished_at IS NULL OR (finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= $1) GROUP BY 1`,
            [from],
          );
          const expected = new Map(rows.map((r) => [r.k, r.n]));
          expect(new Map([...carried].filter(([, n]) => n !== 0)), `carried into ${from}`).toEqual(expected);
        }
      }),
      { numRuns: 20 },
    );
    // The runs reached week rows that a month end cuts (a week part starting on the 1st that is not a Monday).
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM report_counter WHERE grain = 'w' AND extract(day FROM bucket) = 1 AND extract(isodow FROM bucket) <> 1`);
    expect(rows[0]!.n).toBeGreaterThan(0);
  }, 240_000);

  it('keeps the week rows equal to the sum of their days, per procedure and in total, after report_recount()', async () => {
    const weekOfDays = async (day: 'd' | 'D', week: 'w' | 'W') => {
      const { rows } = await db.query<{ diff: number }>(
        `SELECT count(*)::int AS diff FROM (
           SELECT report_bucket($2, bucket) AS b, unit_id, procedure_id, sum(received) AS received, sum(resolved) AS resolved, sum(returned) AS returned, sum(apologies) AS apologies
             FROM report_counter WHERE grain = $1 GROUP BY 1, 2, 3
           EXCEPT
           SELECT bucket, unit_id, procedure_id, received, resolved, returned, apologies FROM report_counter WHERE grain = $2) x`,
        [day, week],
      );
      return rows[0]!.diff;
    };
    expect(await weekOfDays('d', 'w')).toBe(0);
    expect(await weekOfDays('D', 'W')).toBe(0);
    // Apologies here were bumped without an action in the log, so the recount (which counts them from the log) drops them.
    const derivedWeeks = `SELECT grain, bucket, unit_id, procedure_id, received, received_online, resolved, resolved_early, resolved_late, returned FROM report_counter
      WHERE grain IN ('w', 'W') AND (received <> 0 OR resolved <> 0 OR returned <> 0) ORDER BY grain, unit_id, procedure_id, bucket`;
    const before = await db.query(derivedWeeks);
    expect(before.rows.length).toBeGreaterThan(0);
    await db.query(`UPDATE report_counter SET received = received + 5 WHERE grain = 'w'`);
    await db.query(`SELECT report_recount()`);
    const after = await db.query(derivedWeeks);
    expect(after.rows).toEqual(before.rows);
  });

  it("the migration's backfill builds the same week rows from a database already holding day rows", async () => {
    // The statement the migration ran on existing data (on an empty test template it had nothing to read).
    const migration = readFileSync(new URL('../../../db/migrations/20261209050000-report-week-grain.sql', import.meta.url), 'utf8');
    const backfill = migration.slice(migration.indexOf('-- The week rows of what is already counted'), migration.indexOf('ANALYZE report_counter_week'));
    const weeks = `SELECT * FROM report_counter WHERE grain IN ('w', 'W') ORDER BY grain, unit_id, procedure_id, bucket`;
    const kept = await db.query(weeks);
    expect(kept.rows.length).toBeGreaterThan(0);
    await db.query(`DELETE FROM report_counter WHERE grain IN ('w', 'W')`);
    await db.query(backfill);
    expect((await db.query(weeks)).rows).toEqual(kept.rows);
  });
});

describe('planRange with week parts', () => {
  it('reads 15/07–20/10 as 7 days, 5 week parts and 2 months', () => {
    expect(planRange('2026-07-15', '2026-10-20')).toEqual({
      monthFrom: '2026-08-01',
      monthTo: '2026-10-01',
      weekRanges: [['2026-07-20', '2026-07-31'], ['2026-10-01', '2026-10-18']],
      dayRanges: [['2026-07-15', '2026-07-19'], ['2026-10-19', '2026-10-20']],
    });
    expect(planRange('2026-07-15', '2026-10-20', { weeks: false })).toEqual({
      monthFrom: '2026-08-01', monthTo: '2026-10-01', weekRanges: [], dayRanges: [['2026-07-15', '2026-07-31'], ['2026-10-01', '2026-10-20']],
    });
    // No whole month, across a month end: each side cut on its own.
    expect(planRange('2026-01-20', '2026-02-10')).toEqual({
      monthFrom: null, monthTo: null, weekRanges: [['2026-01-26', '2026-01-31'], ['2026-02-01', '2026-02-08']], dayRanges: [['2026-01-20', '2026-01-25'], ['2026-02-09', '2026-02-10']],
    });
    expect(planRange('2026-02-03', '2026-02-05')).toEqual({ monthFrom: null, monthTo: null, weekRanges: [], dayRanges: [['2026-02-03', '2026-02-05']] });
  });

  it('covers every day once, with week ranges made of whole week parts inside one month and at most 12 single days', () => {
    const base = dayNumberOf('2024-01-01');
    const startsPart = (d: number) => isoWeekday(d) === 1 || dateOfDayNumber(d).endsWith('-01');
    fc.assert(
      fc.property(fc.nat(1500), fc.nat(800), fc.boolean(), (a, len, weeks) => {
        const from = dateOfDayNumber(base + a);
        const to = dateOfDayNumber(base + a + len);
        const p = planRange(from, to, { weeks });
        const days: number[] = [];
        let single = 0;
        for (const [x, y] of p.dayRanges) for (let d = dayNumberOf(x); d <= dayNumberOf(y); d++, single++) days.push(d);
        for (const [x, y] of p.weekRanges) {
          expect(startsPart(dayNumberOf(x)) && startsPart(dayNumberOf(y) + 1), `${x}…${y}`).toBe(true);
          expect(x.slice(0, 7)).toBe(y.slice(0, 7));
          for (let d = dayNumberOf(x); d <= dayNumberOf(y); d++) days.push(d);
        }
        if (p.monthFrom && p.monthTo) for (let d = dayNumberOf(p.monthFrom); d < dayNumberOf(p.monthTo); d++) days.push(d);
        days.sort((x, y) => x - y);
        expect(days).toEqual(Array.from({ length: len + 1 }, (_, i) => base + a + i));
        if (weeks) expect(single).toBeLessThanOrEqual(12);
        else expect(p.weekRanges).toEqual([]);
      }),
    );
  });
});
