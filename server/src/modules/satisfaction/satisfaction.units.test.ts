import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { APPLICANT, seedDesk } from '../../../test/dossier-fixtures.js';
import { buildStaff, buildUnit } from '../../../test/factories.js';
import type { UnitRow } from '../org-units/unit.repo.js';

// Which unit a rating counts for (migration 20261206020100): the competent unit the dossier belongs to — here the
// ward (communeA) — even when the citizen was received at the provincial centre. Worked by hand below.
let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;
let centre: UnitRow;
let centreDesk: Session;
const now = new Date('2026-11-25T02:00:00Z');

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  s = await seedDesk(t.app, t.ctx.db);
  centre = await buildUnit(t.ctx.db, { kind: 'desk', parent: s.tree.province, name: 'Trung tâm Phục vụ hành chính công tỉnh' });
  await buildStaff(t.ctx.db, 'motcua.tinh', [{ role: 'desk_officer', unit: centre }]);
  centreDesk = await login(t.app, 'motcua.tinh');
});
afterAll(() => t.close());

const all = (n: number) => ({ i1: n, i2: n, i3: n, i4: n, i5: n, i6: n, i7: n, i8: n, i9: n });
const mixed = { i1: 2, i2: 2, i3: 1, i4: 2, i5: 1, i6: 2, i7: 2, i8: 2, i9: 0 }; // 14 points
const rate = (code: string, scores: object, officerScore: number, comment?: string) =>
  t.app.inject({ method: 'POST', url: '/api/satisfaction/public/ratings', payload: { code, secret: APPLICANT.phone, scores, officerScore, ...(comment ? { comment } : {}) } });
const act = async (who: Session, id: string, action: string, extra: object = {}) => {
  const r = await injectAs(t.app, who, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action, ...extra } });
  expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
};
let seq = 0;
/** A dossier of the ward received at the provincial centre, processed by the ward, returned at the centre. */
async function atTheCentre(): Promise<{ id: string; code: string }> {
  const res = await injectAs(t.app, centreDesk, {
    method: 'POST',
    url: '/api/dossiers',
    payload: {
      idempotencyKey: `centre-${++seq}`,
      procedureId: s.procedureId,
      receivingUnitId: centre.id,
      resolvingUnitId: s.tree.communeA.id,
      applicant: APPLICANT,
      documents: [{ name: 'Tờ khai', kind: 'original', count: 1 }],
      eform: { hoTen: 'Nguyễn Thị Bé' },
      outcome: 'accept',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const d = res.json() as { id: string; code: string };
  await act(centreDesk, d.id, 'forward');
  await act(s.specialist, d.id, 'claim');
  await act(s.specialist, d.id, 'forward');
  await act(s.leader, d.id, 'approve');
  await act(centreDesk, d.id, 'return_result', { receivedBy: APPLICANT.fullName });
  return d;
}

describe('ratings and dossiers count for the ward the dossier belongs to', () => {
  let d1: { code: string }, d2: { code: string }, d3: { id: string; code: string };

  beforeAll(async () => {
    d1 = await atTheCentre();
    d2 = await atTheCentre();
    d3 = await s.receive();
    await s.finish(d3.id);
    expect((await rate(d1.code, all(2), 2, 'Cán bộ hướng dẫn tận tình')).statusCode).toBe(201); // 18 points, satisfied
    expect((await rate(d2.code, all(0), 0)).statusCode).toBe(201); // 0 points, not satisfied
    expect((await rate(d3.code, mixed, 1)).statusCode).toBe(201); // 14 points, satisfied
  });

  it('the ward summary counts the three ratings and lists the centre officer; the centre counts none', async () => {
    const q = `from=2026-11-01&to=2026-11-30`;
    const ward = (await injectAs(t.app, s.leader, { url: `/api/satisfaction/summary?unitId=${s.tree.communeA.id}&${q}` })).json();
    expect(ward.ratings).toBe(3);
    // Indicator 1: 2 + 0 + 2 = 4 over 3 ratings → 1.3; indicator 9: 2 + 0 + 0 = 2 → 0.7 (one decimal, TT 01/2018 Điều 15).
    expect(ward.indicators.find((i: { key: string }) => i.key === 'i1')).toMatchObject({ sum: 4, average: 1.3 });
    expect(ward.indicators.find((i: { key: string }) => i.key === 'i9')).toMatchObject({ sum: 2, average: 0.7 });
    // Officers over the same ratings: the centre's (two, scores 2 + 0) and the ward desk's (one, score 1).
    expect(ward.officers.map((o: { officerName: string; ratings: number; officerScoreSum: number }) => [o.officerName, o.ratings, o.officerScoreSum])).toEqual([
      ['Cán bộ motcua', 1, 1],
      ['Cán bộ motcua.tinh', 2, 2],
    ]);
    expect(ward.comments.map((c: { comment: string }) => c.comment)).toEqual(['Cán bộ hướng dẫn tận tình']);
    const atCentre = (await injectAs(t.app, centreDesk, { url: `/api/satisfaction/summary?unitId=${centre.id}&${q}` })).json();
    expect(atCentre).toMatchObject({ ratings: 0, officers: [], comments: [] });
  });

  it("the province's ranking gives the ward its satisfaction and on-time rates; the centre has no dossiers of its own", async () => {
    const ranking = async (indicator: string) =>
      (await injectAs(t.app, s.admin, { url: `/api/reports/ranking?unitId=${s.tree.province.id}&year=2026&indicator=${indicator}` })).json().units as { unitId: string; ratePct: number | null; targetPct: number | null; laggard: boolean }[];
    // Satisfied (at least 9 of 18 points): 18 and 14 yes, 0 no → 2 / 3 = 66,67 %.
    const satisfaction = await ranking('satisfaction_rate');
    expect(satisfaction.find((u) => u.unitId === s.tree.communeA.id)?.ratePct).toBeCloseTo(66.67, 2);
    expect(satisfaction.find((u) => u.unitId === centre.id)?.ratePct ?? null).toBeNull();
    // The three dossiers were resolved the day they were received, before their due time: 3 / 3 on time.
    const onTime = await ranking('on_time_rate');
    expect(onTime.find((u) => u.unitId === s.tree.communeA.id)?.ratePct).toBe(100);
    expect(onTime.find((u) => u.unitId === centre.id)?.ratePct ?? null).toBeNull();
    // A leader may set that target for the units below (audited, as the others).
    const target = await injectAs(t.app, s.admin, { method: 'PUT', url: '/api/reports/targets', payload: { unitId: s.tree.communeA.id, year: 2026, indicator: 'satisfaction_rate', targetPct: 90 } });
    expect(target.statusCode, target.body).toBeLessThan(300);
    const withTarget = (await ranking('satisfaction_rate')).find((u) => u.unitId === s.tree.communeA.id);
    expect(withTarget).toMatchObject({ targetPct: 90, laggard: true });
  });

  it('"Đánh giá về tôi": each desk officer sees the ratings about them and their averages, nobody else\'s', async () => {
    const mine = (who: Session | null, q = 'from=2026-11-01&to=2026-11-30') => injectAs(t.app, who, { url: `/api/satisfaction/mine?${q}` });
    const centreView = (await mine(centreDesk)).json();
    // Officer scores 2 and 0 → 1.0; totals 18 and 0 → 9.0.
    expect(centreView).toMatchObject({ count: 2, officerScoreAverage: 1, totalAverage: 9 });
    expect(centreView.items.map((i: { dossierCode: string }) => i.dossierCode).sort()).toEqual([d1.code, d2.code].sort());
    expect(centreView.items.find((i: { dossierCode: string }) => i.dossierCode === d1.code)).toMatchObject({ officerScore: 2, total: 18, comment: 'Cán bộ hướng dẫn tận tình', day: '2026-11-25' });
    const wardDesk = (await mine(s.desk)).json();
    expect(wardDesk).toMatchObject({ count: 1, officerScoreAverage: 1, totalAverage: 14, items: [{ dossierCode: d3.code, total: 14 }] });
    expect((await mine(s.otherDesk)).json()).toEqual({ items: [], count: 0, officerScoreAverage: null, totalAverage: null });
    expect((await mine(null)).statusCode).toBe(401);
    expect((await mine(centreDesk, 'from=2026-12-01&to=2026-11-01')).statusCode).toBe(400);
    expect((await mine(centreDesk, 'from=2020-01-01&to=2026-11-01')).statusCode).toBe(400);
    expect((await mine(centreDesk, 'from=hom-qua&to=2026-11-01')).statusCode).toBe(400);
    // No parameter names an officer: asking for someone else's is not possible (an extra parameter is ignored).
    const other = (await injectAs(t.app, s.otherDesk, { url: `/api/satisfaction/mine?from=2026-11-01&to=2026-11-30&officerId=${'0'.repeat(8)}-0000-0000-0000-000000000000` })).json();
    expect(other.count).toBe(0);
  });
});
