import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildStaff, buildUnitTree } from '../../../test/factories.js';
import { officialAdjustments2026 } from './official-adjustments.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let admin: Session;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'admin.xa', [{ role: 'admin', unit: tree.communeA }]);
  await buildStaff(t.ctx.db, 'motcua.xa', [{ role: 'desk_officer', unit: tree.deskA }]);
  admin = await login(t.app, 'admin.tinh');
});
afterAll(() => t.close());

const due = (s: Session | null, body: object) => injectAs(t.app, s, { method: 'POST', url: '/api/calendar/due', payload: body });

describe('working calendar administration', () => {
  it('computes Tết 2026 only once the official arrangement is entered by an administrator', async () => {
    const desk = await login(t.app, 'motcua.xa');
    const body = { receivedAt: '2026-02-13T10:00:00+07:00', amount: 3, unit: 'working_day', paper: true };
    // Without the official adjustments the generator gives Tết days 16–20/2 off anyway (29 tháng Chạp … mùng 4).
    const before = (await due(desk, body)).json();
    for (const a of officialAdjustments2026) {
      const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/calendar/adjustments', payload: { day: a.date, kind: a.kind, name: a.nameVi } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const after = await due(desk, body);
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ dueAt: '2026-02-25T03:00:00.000Z', dueAtText: '10:00 ngày 25/02/2026', workingMinutes: 3 * 480 });
    expect(before.dueAt).toBe(after.json().dueAt);

    const year = (await t.app.inject({ url: '/api/calendar/years/2026' })).json();
    expect(year.daysOff.map((d: { date: string }) => d.date)).toEqual(expect.arrayContaining(['2026-01-01', '2026-01-02', '2026-02-17', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-02']));
    expect(year.makeUpDays).toEqual([{ date: '2026-01-10', name: 'Làm bù cho ngày nghỉ thứ Sáu 02/01/2026' }]);
  });

  it('a make-up Saturday entered as a working day moves a deadline earlier', async () => {
    const desk = await login(t.app, 'motcua.xa');
    const body = { receivedAt: '2026-11-27T09:00:00+07:00', amount: 1, unit: 'working_day', paper: true };
    expect((await due(desk, body)).json().dueAtText).toBe('09:00 ngày 30/11/2026');
    const add = await injectAs(t.app, admin, { method: 'POST', url: '/api/calendar/adjustments', payload: { day: '2026-11-28', kind: 'working_day', name: 'Làm bù thử nghiệm' } });
    expect(add.statusCode).toBe(201);
    expect((await due(desk, body)).json().dueAtText).toBe('09:00 ngày 28/11/2026');
    const dup = await injectAs(t.app, admin, { method: 'POST', url: '/api/calendar/adjustments', payload: { day: '2026-11-28', kind: 'working_day', name: 'Trùng' } });
    expect(dup.statusCode).toBe(409);
    const del = await injectAs(t.app, admin, { method: 'DELETE', url: `/api/calendar/adjustments/${add.json().id}` });
    expect(del.statusCode).toBe(204);
    expect((await due(desk, body)).json().dueAtText).toBe('09:00 ngày 30/11/2026');
  });

  it('paper dossiers received after 15:00 count from the next working day', async () => {
    const desk = await login(t.app, 'motcua.xa');
    const paper = await due(desk, { receivedAt: '2026-11-25T15:30:00+07:00', amount: 1, unit: 'working_day', paper: true });
    const online = await due(desk, { receivedAt: '2026-11-25T15:30:00+07:00', amount: 1, unit: 'working_day', paper: false });
    expect(paper.json().countingFrom).toBe('2026-11-26T00:30:00.000Z');
    expect(paper.json().dueAtText).toBe('17:30 ngày 26/11/2026');
    expect(online.json().dueAtText).toBe('15:30 ngày 26/11/2026');
  });

  it('a commune administrator opens an out-of-hours session for their commune only; nationwide changes need a province administrator', async () => {
    const adminXa = await login(t.app, 'admin.xa');
    const session = { day: '2026-12-05', kind: 'extra_session', name: 'Tiếp nhận sáng thứ Bảy', unitId: tree.communeA.id, sessions: [{ start: '07:30', end: '11:30' }] };
    const ok = await injectAs(t.app, adminXa, { method: 'POST', url: '/api/calendar/adjustments', payload: session });
    expect(ok.statusCode, ok.body).toBe(201);
    const other = await injectAs(t.app, adminXa, { method: 'POST', url: '/api/calendar/adjustments', payload: { ...session, unitId: tree.communeB.id } });
    expect(other.statusCode).toBe(403);
    const global = await injectAs(t.app, adminXa, { method: 'POST', url: '/api/calendar/adjustments', payload: { day: '2026-12-24', kind: 'day_off', name: 'Nghỉ thêm' } });
    expect(global.statusCode).toBe(403);
    const desk = await login(t.app, 'motcua.xa');
    expect((await injectAs(t.app, desk, { method: 'POST', url: '/api/calendar/adjustments', payload: session })).statusCode).toBe(403);
    expect((await injectAs(t.app, null, { method: 'POST', url: '/api/calendar/adjustments', payload: session })).statusCode).toBe(401);
    expect((await due(null, { receivedAt: '2026-11-25T09:00:00+07:00', amount: 1, unit: 'working_day' })).statusCode).toBe(401);
    const missing = await injectAs(t.app, admin, { method: 'POST', url: '/api/calendar/adjustments', payload: { day: '2026-12-06', kind: 'extra_session', name: 'Thiếu giờ' } });
    expect(missing.statusCode).toBe(400);
    // The session shows in that commune's calendar, not in the neighbour's.
    const mine = (await t.app.inject({ url: `/api/calendar/years/2026?unitId=${tree.deskA.id}` })).json();
    expect(mine.adjustments.map((a: { name: string }) => a.name)).toContain('Tiếp nhận sáng thứ Bảy');
    const theirs = (await t.app.inject({ url: `/api/calendar/years/2026?unitId=${tree.communeB.id}` })).json();
    expect(theirs.adjustments.map((a: { name: string }) => a.name)).not.toContain('Tiếp nhận sáng thứ Bảy');
  });

  it('bad dates are a 400, not a 5xx', async () => {
    const desk = await login(t.app, 'motcua.xa');
    expect((await due(desk, { receivedAt: 'hôm qua', amount: 1, unit: 'working_day' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/calendar/years/abc' })).statusCode).toBe(400);
    const bad = await injectAs(t.app, admin, { method: 'POST', url: '/api/calendar/adjustments', payload: { day: '2026-02-30', kind: 'day_off', name: 'Ngày không có' } });
    expect(bad.statusCode).toBe(400);
  });
});
