import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildStaff, buildUnitTree } from '../../../test/factories.js';
import { dailyReportTargets } from './reports.repo.js';

/** A ward leader's own daily report ("Lập ngay") and the targets a leader gives the units below them (issue 15). */
let t: TestApp;
const now = new Date('2026-12-02T09:00:00Z'); // 16:00 in Vietnam
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let leaderA: Session, leaderProvince: Session, desk: Session, otherLeader: Session;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'lanhdao.a', [{ role: 'leader', unit: tree.communeA }]);
  await buildStaff(t.ctx.db, 'lanhdao.tinh', [{ role: 'leader', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'motcua.a', [{ role: 'desk_officer', unit: tree.deskA }]);
  await buildStaff(t.ctx.db, 'lanhdao.khac', [{ role: 'leader', unit: tree.otherProvince }]);
  await t.ctx.db.query(`UPDATE staff_user SET email = 'lanhdao.a@phuong.gov.vn' WHERE username = 'lanhdao.a'`);
  [leaderA, leaderProvince, desk, otherLeader] = (await Promise.all(['lanhdao.a', 'lanhdao.tinh', 'motcua.a', 'lanhdao.khac'].map((u) => login(t.app, u)))) as [Session, Session, Session, Session];
});
afterAll(async () => t.close());

const dailyCount = async () => (await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM report_daily')).rows[0]!.n;
const targetCount = async () => (await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM report_target')).rows[0]!.n;

describe('a ward leader’s own daily report', () => {
  it('is one of the 16:00 reports, sent to the ward’s leader', async () => {
    const targets = await dailyReportTargets(t.ctx.db);
    expect(targets.find((x) => x.unitId === tree.communeA.id)?.recipients).toEqual([{ name: 'Cán bộ lanhdao.a', email: 'lanhdao.a@phuong.gov.vn' }]);
  });

  it('refuses other units, other provinces, desk officers, anonymous callers and garbage, producing nothing', async () => {
    const run = (s: Session | null, payload: unknown) => injectAs(t.app, s, { method: 'POST', url: '/api/reports/daily/run', payload: payload as object });
    expect((await run(null, { unitId: tree.communeA.id })).statusCode).toBe(401);
    expect((await run(desk, { unitId: tree.communeA.id })).statusCode).toBe(403);
    expect((await run(leaderA, { unitId: tree.communeB.id })).statusCode).toBe(403);
    expect((await run(leaderA, { unitId: tree.province.id })).statusCode).toBe(403);
    expect((await run(otherLeader, { unitId: tree.communeA.id })).statusCode).toBe(403);
    for (const garbage of [{ unitId: 'abc' }, { unitId: tree.communeA.id, extra: 1 }, { unitId: 7 }]) {
      const res = await run(leaderA, garbage);
      expect(res.statusCode, JSON.stringify(garbage)).toBe(400);
      expect(res.json().code).toBeTruthy();
    }
    expect(await dailyCount()).toBe(0);
  });

  it('is produced now ("Lập ngay") and readable by the leader, not by a neighbour', async () => {
    const res = await injectAs(t.app, leaderA, { method: 'POST', url: '/api/reports/daily/run', payload: { unitId: tree.communeA.id } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { produced: number; emailed: number; reports: { id: string; unitId: string; day: string }[] };
    expect(body).toMatchObject({ produced: 1, emailed: 1, reports: [{ unitId: tree.communeA.id, day: '2026-12-02' }] });
    const id = body.reports[0]!.id;
    const data = await injectAs(t.app, leaderA, { method: 'GET', url: `/api/reports/daily/${id}` });
    expect(data.statusCode).toBe(200);
    expect(data.json().unitName).toBe('Phường An Thử');
    expect((await injectAs(t.app, otherLeader, { method: 'GET', url: `/api/reports/daily/${id}` })).statusCode).toBe(404); // another unit's report is unknown to the caller, as an unknown id
    // Without a unit, "Lập ngay" makes the report of every unit the leader leads — here, the ward's.
    const all = await injectAs(t.app, leaderA, { method: 'POST', url: '/api/reports/daily/run' });
    expect(all.json()).toMatchObject({ produced: 1, emailed: 0, reports: [{ id, unitId: tree.communeA.id }] });
  });
  it('lists the dossiers the ward handles itself on their own line, then its sub-units in report order, adding up to the total', async () => {
    const procedure = '11111111-1111-4111-8111-111111111111'; // counters are keyed by procedure without a reference to it
    const bump = (unitId: string, n: number) => t.ctx.db.query(`SELECT report_bump($1, $2, $3, 'paid_online', $4)`, [unitId, procedure, now, n]);
    await bump(tree.communeA.id, 2);
    await bump(tree.deskA.id, 1);
    const run = await injectAs(t.app, leaderA, { method: 'POST', url: '/api/reports/daily/run', payload: { unitId: tree.communeA.id } });
    const data = (await injectAs(t.app, leaderA, { method: 'GET', url: `/api/reports/daily/${run.json().reports[0].id}` })).json() as { total: { paidOnline: number }; rows: { name: string; depth: number; figures: { paidOnline: number } }[] };
    expect(data.rows.map((r) => [r.name, r.depth, r.figures.paidOnline])).toEqual([
      ['Phường An Thử (trực tiếp tại đơn vị)', 0, 2],
      ['Phòng Văn hóa - Xã hội', 0, 0], // offices before the desk, whatever the alphabet says
      ['Bộ phận một cửa phường An Thử', 0, 1],
    ]);
    expect(data.total.paidOnline).toBe(3);
  });
});

describe('targets given by a leader', () => {
  const put = (s: Session | null, payload: unknown) => injectAs(t.app, s, { method: 'PUT', url: '/api/reports/targets', payload: payload as object });
  const target = (unitId: string) => ({ unitId, year: 2026, indicator: 'online_rate', targetPct: 40 });

  it('sets the targets of the units below, only inside the subtree, never the own unit', async () => {
    expect((await put(leaderProvince, target(tree.communeA.id))).statusCode).toBe(204);
    expect((await put(leaderProvince, target(tree.communeB.id))).statusCode).toBe(204);
    expect((await put(leaderA, target(tree.officeA.id))).statusCode).toBe(204);
    const before = await targetCount();
    expect((await put(leaderA, target(tree.communeA.id))).statusCode).toBe(403);
    expect((await put(leaderA, target(tree.communeB.id))).statusCode).toBe(403);
    expect((await put(leaderProvince, target(tree.otherProvince.id))).statusCode).toBe(403);
    expect((await put(otherLeader, target(tree.communeA.id))).statusCode).toBe(403);
    expect((await put(desk, target(tree.deskA.id))).statusCode).toBe(403);
    expect((await put(null, target(tree.communeA.id))).statusCode).toBe(401);
    expect((await put(leaderProvince, { ...target(tree.communeA.id), targetPct: 140 })).statusCode).toBe(400);
    expect((await put(leaderProvince, { ...target(tree.communeA.id), indicator: 'x' })).statusCode).toBe(400);
    expect(await targetCount()).toBe(before);
  });
});
