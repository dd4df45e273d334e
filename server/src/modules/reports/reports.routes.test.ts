import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnit, buildUnitTree } from '../../../test/factories.js';
import { startTestSmtp, type TestSmtp } from '../../../test/smtp.js';
import { createSenders, dispatchDueNotifications } from '../notifications/notification.jobs.js';
import { snapshotOpenStock } from './reports.jobs.js';
import { produceDailyReports } from './use-cases/produce-daily-reports.js';

let t: TestApp;
let smtp: TestSmtp;
let now = new Date('2026-11-02T02:00:00Z'); // Monday 09:00 in Vietnam
let signedInAt: Date | null = null;
/** Moves the server's clock; sessions expire on that clock (12 hours), so the officers sign in again after a long jump. */
async function at(iso: string): Promise<void> {
  now = new Date(iso);
  if (signedInAt && Math.abs(now.getTime() - signedInAt.getTime()) < 6 * 3_600_000) return;
  signedInAt = now;
  [all, office, leaderB, desk, otherOffice] = (await Promise.all(['tatca', 'vanphong', 'lanhdao.b', 'motcua', 'vanphong.khac'].map((u) => login(t.app, u)))) as [Session, Session, Session, Session, Session];
}
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let all: Session, office: Session, leaderB: Session, desk: Session, otherOffice: Session;
let oneDay: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin', [{ role: 'admin', unit: tree.province }]);
  const roles = ['desk_officer', 'specialist', 'leader'] as const;
  await buildStaff(t.ctx.db, 'tatca', roles.map((role) => ({ role, unit: tree.province })));
  await buildStaff(t.ctx.db, 'vanphong', [{ role: 'inspector', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'lanhdao.b', [{ role: 'leader', unit: tree.communeB }]);
  await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  await buildStaff(t.ctx.db, 'vanphong.khac', [{ role: 'inspector', unit: tree.otherProvince }]);
  await t.ctx.db.query(`UPDATE staff_user SET email = 'vanphong@tinh.gov.vn' WHERE username = 'vanphong'`);
  const admin = await login(t.app, 'admin');
  await at(now.toISOString());
  const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content: buildProcedureContent() } });
  oneDay = res.json().id;
  await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${oneDay}/publish`, payload: { decisionNo: '1/QĐ', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

let key = 0;
async function intake(resolvingUnitId: string, resultDelivery = 'desk'): Promise<string> {
  const res = await injectAs(t.app, all, {
    method: 'POST',
    url: '/api/dossiers',
    payload: {
      idempotencyKey: `report-${++key}-${Date.now()}`,
      procedureId: oneDay,
      receivingUnitId: tree.deskA.id,
      resolvingUnitId,
      applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Nguyễn Văn An' },
      eform: { hoTen: 'Bé' },
      outcome: 'accept',
      resultDelivery,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
async function act(id: string, action: string, extra: Record<string, unknown> = {}): Promise<void> {
  const res = await injectAs(t.app, all, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action, note: 'Ghi chú', ...extra } });
  expect(res.statusCode, res.body).toBeLessThan(300);
}
const get = (s: Session | null, url: string) => injectAs(t.app, s, { method: 'GET', url });

describe('reports', () => {
  it('builds the dashboard, Biểu 06 and the national on-time rule from the counters', async () => {
    await at('2026-11-02T02:00:00Z');
    const d1 = await intake(tree.communeA.id, 'post');
    const d2 = await intake(tree.communeA.id);
    const d3 = await intake(tree.communeA.id);
    const d4 = await intake(tree.communeB.id);
    // Another module (the portal) marks d4 as an online dossier.
    await t.ctx.db.query(`UPDATE dossier SET channel = 'online' WHERE id = $1`, [d4]);
    await at('2026-11-02T03:00:00Z');
    await act(d1, 'forward');
    await act(d1, 'forward');
    await act(d1, 'approve');
    // The postal module delivers d1's result to the applicant (its own use case closes the dossier).
    await t.ctx.db.query(`UPDATE dossier SET status = 'returned', national_status = 10, returned_at = $2 WHERE id = $1`, [d1, now]);
    // d3: two supplementation requests — on time by its own clock, late under the national portal's rule.
    for (const h of [4, 5]) {
      await at(`2026-11-02T0${h}:00:00Z`);
      await act(d3, 'request_supplement');
      await at(`2026-11-02T0${h}:30:00Z`);
      await act(d3, 'supplement_received');
    }
    await act(d3, 'forward');
    await act(d3, 'forward');
    await act(d3, 'approve');
    await at('2026-11-04T09:00:00Z'); // Wednesday 16:00: d2 and d4 passed their due time (Tuesday)
    expect(d2).toBeTruthy();

    const res = await get(office, `/api/reports/summary?unitId=${tree.province.id}&from=2026-11-01&to=2026-11-30`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.live).toBe(true);
    expect(s.total.form06).toEqual({ total: 4, online: 1, deskPostal: 3, carriedOver: 0, resolved: 2, early: 2, onTime: 0, late: 0, open: 2, openOnTime: 0, openOverdue: 2 });
    expect(s.total.rates.onlineRate).toEqual({ numerator: 1, denominator: 4, value: 25 });
    expect(s.total.rates.onTimeRate.value).toBe(100);
    // National rule: d3 late (two supplementation requests), d2 and d4 open and overdue → 1 of 4.
    expect(s.total.rates.onTimeNationalRate).toEqual({ numerator: 1, denominator: 4, value: 25 });
    expect(s.total.rates.postalReturnRate).toEqual({ numerator: 1, denominator: 1, value: 100 });
    const byName = Object.fromEntries(s.children.map((c: { unit: { name: string }; form06: unknown }) => [c.unit.name, c.form06]));
    expect(byName['Phường An Thử']).toMatchObject({ total: 3, resolved: 2, open: 1, openOverdue: 1 });
    expect(byName['Xã Bình Thử']).toMatchObject({ total: 1, online: 1, open: 1 });
    expect(s.indicators766.indicators.find((i: { code: string }) => i.code === '2.1').points).toBe(5);

    // Drill-down to the commune; the trend by day.
    const commune = (await get(office, `/api/reports/summary?unitId=${tree.communeA.id}&from=2026-11-01&to=2026-11-30`)).json();
    expect(commune.path.map((p: { name: string }) => p.name)).toEqual(['Tỉnh Thử', 'Phường An Thử']);
    const trend = (await get(office, `/api/reports/trend?unitId=${tree.province.id}&from=2026-11-01&to=2026-11-30&by=day`)).json();
    expect(trend.points).toEqual([expect.objectContaining({ bucket: '2026-11-02', received: 4, receivedOnline: 1, resolved: 2 })]);

    // Biểu 06 for the next month: the two open dossiers are carried over; the split comes from the snapshot.
    await at('2026-12-01T17:05:00Z'); // 00:05 on 2 December
    await snapshotOpenStock(t.ctx);
    const next = (await get(office, `/api/reports/period?unitId=${tree.province.id}&from=2026-12-01&to=2026-12-01&by=unit`)).json();
    expect(next.total).toEqual({ total: 2, online: 0, deskPostal: 0, carriedOver: 2, resolved: 0, early: 0, onTime: 0, late: 0, open: 2, openOnTime: 0, openOverdue: 2 });
    const noSnapshot = (await get(office, `/api/reports/period?unitId=${tree.province.id}&from=2026-11-01&to=2026-11-20&by=procedure`)).json();
    expect(noSnapshot.rows).toEqual([expect.objectContaining({ label: 'Đăng ký khai sinh', group: 'Hộ tịch', values: expect.objectContaining({ total: 4, openOverdue: null }) })]);

    const xlsx = await get(office, `/api/reports/period/file?unitId=${tree.province.id}&from=2026-11-01&to=2026-11-30&format=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const totalRow = ws.getRow(ws.rowCount);
    expect(totalRow.getCell(2).value).toBe('Tổng cộng');
    expect(totalRow.getCell(3).value).toBe(4);
    // A merged commune closes; its dossiers stay its own and still roll up into the province.
    await t.ctx.db.query(`UPDATE unit SET valid_from = '2026-01-01', valid_to = '2026-11-30' WHERE id = $1`, [tree.communeB.id]);
    const afterMerge = (await get(office, `/api/reports/summary?unitId=${tree.province.id}&from=2026-11-01&to=2026-11-30`)).json();
    expect(afterMerge.children.find((c: { unit: { id: string } }) => c.unit.id === tree.communeB.id)).toMatchObject({ unit: { closed: true }, form06: { total: 1, online: 1 } });
    expect(afterMerge.total.form06.total).toBe(4);
    await t.ctx.db.query(`UPDATE unit SET valid_to = NULL WHERE id = $1`, [tree.communeB.id]);
    const pdf = await get(office, `/api/reports/period/file?unitId=${tree.province.id}&from=2026-11-01&to=2026-11-30&format=pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('keeps every report inside the reader’s subtree', async () => {
    const q = `from=2026-11-01&to=2026-11-30`;
    expect((await get(null, `/api/reports/summary?unitId=${tree.province.id}&${q}`)).statusCode).toBe(401);
    expect((await get(desk, `/api/reports/summary?unitId=${tree.communeA.id}&${q}`)).statusCode).toBe(403);
    expect((await get(leaderB, `/api/reports/summary?unitId=${tree.communeA.id}&${q}`)).statusCode).toBe(403);
    expect((await get(leaderB, `/api/reports/summary?unitId=${tree.communeB.id}&${q}`)).statusCode).toBe(200);
    expect((await get(otherOffice, `/api/reports/period?unitId=${tree.province.id}&${q}`)).statusCode).toBe(403);
    expect((await get(office, `/api/reports/summary?unitId=${tree.province.id}&from=2026-11-30&to=2026-11-01`)).json().code).toBe('REPORT.BAD_RANGE');
    const target = await injectAs(t.app, leaderB, { method: 'PUT', url: '/api/reports/targets', payload: { unitId: tree.communeB.id, year: 2026, indicator: 'online_rate', targetPct: 40 } });
    expect(target.statusCode).toBe(403);
  });

  it('produces the daily report at the configured time, stores it, e-mails it with Excel and PDF, once a day', async () => {
    await at('2026-12-02T09:00:00Z'); // 16:00
    const d = await intake(tree.communeA.id);
    await t.ctx.db.query(`SELECT report_bump(resolving_unit_id, procedure_id, received_at, 'paid_online', 1) FROM dossier WHERE id = $1`, [d]);
    const first = await produceDailyReports(t.ctx);
    expect(first.emailed).toBe(1);
    expect((await produceDailyReports(t.ctx)).emailed).toBe(0);
    const list = (await get(office, '/api/reports/daily')).json();
    const mine = list.find((r: { unitId: string }) => r.unitId === tree.province.id);
    expect(mine.day).toBe('2026-12-02');
    expect((await get(otherOffice, '/api/reports/daily')).json().some((r: { unitId: string }) => r.unitId === tree.province.id)).toBe(false);
    expect((await get(otherOffice, `/api/reports/daily/${mine.id}/file?format=pdf`)).statusCode).toBe(404);
    const data = (await get(office, `/api/reports/daily/${mine.id}`)).json();
    expect(data.total).toMatchObject({ receivedDesk: 1, paidOnline: 1, openOverdue: 2, openOnTime: 1 });
    expect(data.rows.map((r: { name: string; depth: number }) => [r.name, r.depth])).toContainEqual(['Phường An Thử', 0]);
    const file = await get(office, `/api/reports/daily/${mine.id}/file?format=xlsx`);
    expect(file.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');

    const senders = createSenders({ smtpUrl: smtp.url.replace('smtp://', 'smtp://'), mailFrom: 'Một Cửa <khong-tra-loi@motcua.local>' }, t.ctx.clock);
    await dispatchDueNotifications(t.ctx, senders);
    const mail = smtp.received.find((m) => m.subject.includes('Báo cáo nhanh'));
    expect(mail?.to).toEqual(['vanphong@tinh.gov.vn']);
    expect(mail?.raw).toContain('bao-cao-nhanh-2026-12-02.xlsx');
    expect(mail?.raw).toContain('bao-cao-nhanh-2026-12-02.pdf');
  });

  it('sets targets and ranks the units, laggards flagged', async () => {
    const extra = await buildUnit(t.ctx.db, { kind: 'commune', parent: tree.province, name: 'Xã Chưa Có Hồ Sơ' });
    for (const [unitId, pct] of [[tree.communeA.id, 40], [tree.communeB.id, 40]] as const) {
      const res = await injectAs(t.app, office, { method: 'PUT', url: '/api/reports/targets', payload: { unitId, year: 2026, indicator: 'online_rate', targetPct: pct } });
      expect(res.statusCode, res.body).toBe(204);
    }
    const r = (await get(office, `/api/reports/ranking?unitId=${tree.province.id}&year=2026`)).json();
    expect(r.units).toEqual([
      expect.objectContaining({ name: 'Xã Bình Thử', ratePct: 100, targetPct: 40, rank: 1, laggard: false }),
      expect.objectContaining({ name: 'Phường An Thử', ratePct: 0, targetPct: 40, rank: 2, gapPct: -40, laggard: true }),
      expect.objectContaining({ unitId: extra.id, rank: null }),
    ]);
    const { rows } = await t.ctx.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'reports.target.set'`);
    expect(rows[0].n).toBe(2);
  });
});
