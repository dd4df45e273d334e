import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import type { UnitRow } from '../org-units/unit.repo.js';
import { buildProcedureContent, buildStaff, buildUnit, buildUnitTree, deskIntakePayload } from '../../../test/factories.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let now = new Date('2026-11-25T02:00:00Z'); // 09:00 Wednesday 25/11/2026 in Vietnam
let admin: Session, otherAdmin: Session, communeAdmin: Session, desk: Session, otherDesk: Session;
let otherCommune: UnitRow, otherDeskUnit: UnitRow;
let procedureId: string;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  otherCommune = await buildUnit(t.ctx.db, { kind: 'commune', parent: tree.otherProvince, name: 'Xã Khác' });
  otherDeskUnit = await buildUnit(t.ctx.db, { kind: 'desk', parent: otherCommune, name: 'Một cửa xã Khác' });
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'admin.khac', [{ role: 'admin', unit: tree.otherProvince }]);
  await buildStaff(t.ctx.db, 'admin.xa', [{ role: 'admin', unit: tree.communeA }]);
  await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  await buildStaff(t.ctx.db, 'motcua.khac', [{ role: 'desk_officer', unit: otherDeskUnit }]);
  [admin, otherAdmin, communeAdmin, desk, otherDesk] = (await Promise.all(['admin.tinh', 'admin.khac', 'admin.xa', 'motcua', 'motcua.khac'].map((u) => login(t.app, u)))) as [
    Session, Session, Session, Session, Session,
  ];
});
afterAll(() => t.close());

const hours = { morningStart: '07:00', morningEnd: '11:00', afternoonStart: '13:30', afternoonEnd: '17:00' };
const put = (s: Session | null, body: object) => injectAs(t.app, s, { method: 'PUT', url: '/api/calendar/working-hours', payload: body });
const due = (s: Session, unitId: string, receivedAt: string, amount: number, unit = 'working_day') =>
  injectAs(t.app, s, { method: 'POST', url: '/api/calendar/due', payload: { receivedAt, amount, unit, paper: true, unitId } });

const intake = (idempotencyKey: string) =>
  injectAs(t.app, desk, { method: 'POST', url: '/api/dossiers', payload: deskIntakePayload({ deskId: tree.deskA.id, communeId: tree.communeA.id, procedureId, idempotencyKey }) });

describe('working hours per province', () => {
  it('only the province administrator sets them; garbage is refused and changes nothing', async () => {
    const body = { unitId: tree.province.id, effectiveFrom: '2026-12-01', ...hours };
    expect((await put(null, body)).statusCode).toBe(401);
    expect((await put(desk, body)).statusCode).toBe(403);
    expect((await put(otherAdmin, body)).statusCode).toBe(403); // another province
    expect((await put(communeAdmin, body)).statusCode).toBe(403); // a commune's administrator, not the province's
    expect((await put(communeAdmin, { ...body, unitId: tree.communeA.id })).json().code).toBe('CALENDAR.HOURS_NOT_PROVINCE');
    expect((await put(admin, { ...body, morningStart: '11:30' })).statusCode).toBe(400); // start after end
    expect((await put(admin, { ...body, afternoonStart: '10:30' })).statusCode).toBe(400); // overlapping sessions
    expect((await put(admin, { ...body, morningEnd: '25:00' })).statusCode).toBe(400);
    expect((await put(admin, { ...body, effectiveFrom: '2026-02-30' })).statusCode).toBe(400);
    const past = await put(admin, { ...body, effectiveFrom: '2026-11-24' });
    expect(past.statusCode).toBe(422);
    expect(past.json().code).toBe('CALENDAR.HOURS_IN_PAST');
    const view = (await t.app.inject({ url: `/api/calendar/working-hours?unitId=${tree.deskA.id}` })).json();
    expect(view).toMatchObject({ provinceId: tree.province.id, rows: [], today: [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:30' }] });
    expect((await t.app.inject({ url: '/api/calendar/working-hours?unitId=khong-phai-uuid' })).statusCode).toBe(400);
  });

  it('gives different deadlines for the same receipt time from the day they take effect, audited', async () => {
    const ok = await put(admin, { unitId: tree.province.id, effectiveFrom: '2026-12-01', ...hours });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().rows).toMatchObject([{ effectiveFrom: '2026-12-01', ...hours, setByName: expect.any(String) }]);
    const audit = await t.ctx.db.query(`SELECT after FROM audit_log WHERE action = 'calendar.working_hours_set' AND entity_id = $1`, [tree.province.id]);
    expect(audit.rows).toEqual([{ after: expect.objectContaining({ effectiveFrom: '2026-12-01', morningStart: '07:00' }) }]);

    // Wednesday 02/12 at 07:15, 1 working day. Default (the other province): counting from 07:30, 480 minutes → 17:30
    // the same day. This province: 07:15–11:00 (225) + 13:30–17:00 (210) = 435, then 15 on Thursday → 07:15.
    const mine = await due(desk, tree.deskA.id, '2026-12-02T07:15:00+07:00', 1);
    const theirs = await due(otherDesk, otherDeskUnit.id, '2026-12-02T07:15:00+07:00', 1);
    expect(mine.json().dueAtText).toBe('07:15 ngày 03/12/2026');
    expect(theirs.json().dueAtText).toBe('17:30 ngày 02/12/2026');
    // 10:30, 2 working hours: 30 before 11:00 + 90 from 13:30 → 15:00 here; 60 + 60 → 14:30 on the default hours.
    expect((await due(desk, tree.deskA.id, '2026-12-02T10:30:00+07:00', 2, 'working_hour')).json().dueAtText).toBe('15:00 ngày 02/12/2026');
    expect((await due(otherDesk, otherDeskUnit.id, '2026-12-02T10:30:00+07:00', 2, 'working_hour')).json().dueAtText).toBe('14:30 ngày 02/12/2026');
    // Before 01/12 the province still worked 07:30–17:30: a receipt then keeps the hours of its time.
    expect((await due(desk, tree.deskA.id, '2026-11-25T07:15:00+07:00', 1)).json().dueAtText).toBe('17:30 ngày 25/11/2026');
  });

  it('a dossier received at the desk takes its due time and its steps on the province hours', async () => {
    const create = await injectAs(t.app, admin, {
      method: 'POST',
      url: '/api/procedures',
      payload: {
        ownerUnitId: tree.province.id,
        content: buildProcedureContent({
          processingTime: { amount: 1, unit: 'working_day' },
          steps: [
            { name: 'Tiếp nhận', role: 'desk_officer', unitCode: null, workingDays: 0.2 },
            { name: 'Thẩm định', role: 'specialist', unitCode: null, workingDays: 0.6 },
            { name: 'Ký duyệt', role: 'leader', unitCode: null, workingDays: 0.2 },
          ],
        }),
      },
    });
    procedureId = create.json().id as string;
    await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    now = new Date('2026-12-02T03:00:00Z'); // 10:00 Wednesday 02/12
    const res = await intake('gio-lam-viec-1');
    expect(res.statusCode, res.body).toBe(201);
    // A day is 450 minutes here. From 10:00: 60 before 11:00, 210 in the afternoon (270 on Wednesday).
    // Step 1 (0.2 day = 90): 60 + 30 → 14:00. Step 2 (cumulative 0.8 = 360): 270 + 90 on Thursday from 07:00 → 08:30.
    // Step 3 and the dossier (1 day = 450): 270 + 180 → 10:00 Thursday.
    expect(res.json().steps.map((s: { dueAt: string }) => s.dueAt)).toEqual(['2026-12-02T07:00:00.000Z', '2026-12-03T01:30:00.000Z', '2026-12-03T03:00:00.000Z']);
    expect(res.json().dueAt).toBe('2026-12-03T03:00:00.000Z');
  });

  it('gives the length of a working day under the hours in force, for step times read in hours', async () => {
    // 07:00–11:00 (240) + 13:30–17:00 (210) since 01/12 here; 07:30–11:30 + 13:30–17:30 (480) elsewhere.
    expect((await t.app.inject({ url: `/api/calendar/working-hours?unitId=${tree.deskA.id}` })).json().dayMinutes).toBe(450);
    expect((await t.app.inject({ url: `/api/calendar/working-hours?unitId=${otherDeskUnit.id}` })).json().dayMinutes).toBe(480);
  });

  it('removes hours set by mistake while nothing depends on them, and refuses once they are applied', async () => {
    const del = (s: Session | null, id: string) => injectAs(t.app, s, { method: 'DELETE', url: `/api/calendar/working-hours/${id}` });
    const rowOf = async (from: string) => ((await t.app.inject({ url: `/api/calendar/working-hours?unitId=${tree.province.id}` })).json().rows as { id: string; effectiveFrom: string }[]).find((r) => r.effectiveFrom === from);
    // Today is 02/12: the hours from 01/12 have been worked under.
    const applied = await del(admin, (await rowOf('2026-12-01'))!.id);
    expect(applied.statusCode).toBe(422);
    expect(applied.json().code).toBe('CALENDAR.HOURS_APPLIED');

    // From 20/12: no day yet, and the dossier of today is due on 03/12, counted without them.
    const later = (await put(admin, { unitId: tree.province.id, effectiveFrom: '2026-12-20', ...hours, morningStart: '08:00' })).json().rows[0].id as string;
    expect((await del(null, later)).statusCode).toBe(401);
    expect((await del(desk, later)).statusCode).toBe(403);
    expect((await del(otherAdmin, later)).statusCode).toBe(403);
    expect((await del(communeAdmin, later)).statusCode).toBe(403);
    expect((await del(admin, 'khong-phai-uuid')).statusCode).toBe(400);
    expect((await del(admin, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect(await rowOf('2026-12-20')).toBeTruthy();
    expect((await del(admin, later)).statusCode).toBe(204);
    expect(await rowOf('2026-12-20')).toBeUndefined();
    const audit = await t.ctx.db.query(`SELECT before FROM audit_log WHERE action = 'calendar.working_hours_removed'`);
    expect(audit.rows).toEqual([{ before: expect.objectContaining({ id: later, effectiveFrom: '2026-12-20', morningStart: '08:00' }) }]);

    // From tomorrow 03/12: a dossier received now is due on 03/12, counted with them — they stay.
    const tomorrow = (await put(admin, { unitId: tree.province.id, effectiveFrom: '2026-12-03', ...hours, afternoonEnd: '16:30' })).json().rows[0].id as string;
    expect((await intake('gio-lam-viec-2')).json().dueAt >= '2026-12-02T17:00:00.000Z').toBe(true);
    const refused = await del(admin, tomorrow);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('CALENDAR.HOURS_APPLIED');
    expect(await rowOf('2026-12-03')).toBeTruthy();
  });
});
