import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { APPLICANT, seedDesk } from '../../../test/dossier-fixtures.js';
import { buildStaff } from '../../../test/factories.js';
import { isReported, nationalStatusOf } from './national-portal.rules.js';
import { nationalPortalOf } from './national-portal.service.js';
import { simulatorFor, type NationalPortalSimulator } from './national-portal.simulator.js';
import { dispatchNationalSync } from './use-cases/dispatch-sync.js';
import { nationalPortalJobs, warnFailedBatch } from './national-portal.jobs.js';
import type { DossierStatus } from '../dossiers/dossier.rules.js';

// Monday 7/12/2026 09:00 Vietnam time; the tests move it by hand.
let nowMs = Date.parse('2026-12-07T02:00:00Z');
const clock = { now: () => new Date(nowMs) };

let t: TestApp;
let seed: Awaited<ReturnType<typeof seedDesk>>;
let sim: NationalPortalSimulator;
let inspector: Session;
let leaderB: Session;

async function drain(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = await dispatchNationalSync({ db: t.ctx.db, clock, portal: nationalPortalOf(t.ctx)!, config: t.ctx.config });
    const { rows } = await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM national_sync_outbox WHERE status = 'pending'`);
    if (rows[0]!.n === 0) return;
    if (r.claimed === 0 || r.failed > 0) nowMs += 30_000;
  }
  throw new Error('outbox did not drain');
}

async function ours(dossierId: string): Promise<{ status: number; history: string[] }> {
  const { rows } = await t.ctx.db.query<{ id: string; action: string }>(`SELECT id::text, action FROM dossier_action WHERE dossier_id = $1 ORDER BY id`, [dossierId]);
  const { rows: d } = await t.ctx.db.query<{ status: DossierStatus }>(`SELECT status FROM dossier WHERE id = $1`, [dossierId]);
  return { status: nationalStatusOf(d[0]!.status), history: rows.filter((r) => isReported(r.action)).map((r) => r.id) };
}
const theirs = (code: string) => {
  const h = sim.dossiers.get(code);
  return h ? { status: h.TrangThaiHoSo, history: h.QuaTrinhXuLy.map((q) => q.MaQuaTrinh) } : null;
};
type Diff = { id: string; dossierId: string; kind: string; unitName: string; day: string };
const differences = async (s: Session) => (await injectAs(t.app, s, { method: 'GET', url: '/api/national-portal/differences' })).json().items as Diff[];
const reconcile = (s: Session, payload: Record<string, unknown> = {}) => injectAs(t.app, s, { method: 'POST', url: '/api/national-portal/reconcile', payload });

beforeAll(async () => {
  t = await buildTestApp({ clock });
  seed = await seedDesk(t.app, t.ctx.db);
  sim = simulatorFor(t.ctx);
  await buildStaff(t.ctx.db, 'thanhtra', [{ role: 'inspector', unit: seed.tree.communeA }]);
  await buildStaff(t.ctx.db, 'lanhdao.b', [{ role: 'leader', unit: seed.tree.communeB }]);
  inspector = await login(t.app, 'thanhtra');
  leaderB = await login(t.app, 'lanhdao.b');
});
afterAll(() => t?.close());

describe('"Đối soát ngay": a difference made behind the app\'s back', () => {
  it('a status changed on the portal is listed for the unit and day, and "Gửi lại" makes the copies equal', async () => {
    const { id, code } = await seed.receive();
    await drain();
    expect(theirs(code)).toEqual(await ours(id));
    // The portal's copy moves to status 8 while ours is 2, with an entry of its own.
    const copy = sim.dossiers.get(code)!;
    copy.TrangThaiHoSo = 8;
    copy.QuaTrinhXuLy.push({ ...copy.QuaTrinhXuLy[0]!, MaQuaTrinh: 'portal-only', TrangThai: 8 });

    // Another commune's leader holds reports.manage, but over another unit: its run checks none of ours.
    const other = await reconcile(leaderB);
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json()).toMatchObject({ day: '2026-12-07', checked: 0, differences: 0 });
    expect(await differences(inspector)).toEqual([]);
    // Without reports.manage, or signed out: refused, nothing run.
    const desk = await reconcile(seed.otherDesk);
    expect(desk.statusCode).toBe(403);
    expect(desk.json().code).toBeTruthy();
    expect((await t.app.inject({ method: 'POST', url: '/api/national-portal/reconcile', payload: {} })).statusCode).toBe(401);
    expect((await reconcile(inspector, { day: '07/12/2026' })).statusCode).toBe(400);
    // A day to come, or one before the floor: refused, nothing run.
    for (const day of ['2099-01-01', '2026-12-08', '2025-12-01']) {
      const res = await reconcile(inspector, { day });
      expect([res.statusCode, res.json().code], day).toEqual([422, 'NATIONAL.BAD_RECONCILE_DAY']);
    }
    expect(await differences(inspector)).toEqual([]);

    const run = await reconcile(inspector);
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ day: '2026-12-07', differences: 1 });
    const list = await differences(inspector);
    const diff = list.find((d) => d.dossierId === id)!;
    expect(diff).toMatchObject({ kind: 'status', unitName: 'Phường An Thử', day: '2026-12-07' });
    expect((diff as Diff & { maHoSo: string }).maHoSo).toBe(code);
    // Found again by a later run, it is the same difference, first found when it was (how long it has been open).
    const foundAt = new Date(nowMs).toISOString();
    expect((diff as Diff & { foundAt: string }).foundAt).toBe(foundAt);
    nowMs += 10 * 60_000;
    expect((await reconcile(inspector)).json()).toMatchObject({ differences: 1 });
    expect((await differences(inspector)).filter((d) => d.dossierId === id)).toEqual([{ ...diff, foundAt }]);
    expect(await differences(leaderB)).toEqual([]);
    // Nothing heals it behind the officer's back: another dispatch leaves the portal's copy as it is.
    await drain();
    expect(sim.dossiers.get(code)!.TrangThaiHoSo).toBe(8);

    // Another commune's leader: not found, as any object out of scope (not a 403 naming the permission).
    const outOfScope = await injectAs(t.app, leaderB, { method: 'POST', url: `/api/national-portal/differences/${diff.id}/resend` });
    expect([outOfScope.statusCode, outOfScope.json().code]).toEqual([404, 'NATIONAL.DIFFERENCE_NOT_FOUND']);
    const resent = await injectAs(t.app, inspector, { method: 'POST', url: `/api/national-portal/differences/${diff.id}/resend` });
    expect(resent.statusCode, resent.body).toBe(200);
    await drain();
    expect(theirs(code)).toEqual(await ours(id));
    const again = await reconcile(inspector);
    expect(again.json()).toMatchObject({ differences: 0, resolved: 1 });
    expect((await differences(inspector)).map((d) => d.dossierId)).not.toContain(id);
  });

  it('an accepted dossier the portal never received is listed as missing and a resend delivers it', async () => {
    const { id, code } = await seed.receive();
    // Its rows were lost before they went (as if the outbox had been emptied by hand): the portal never heard of it.
    await t.ctx.db.query(`DELETE FROM national_sync_outbox WHERE dossier_id = $1`, [id]);
    expect(theirs(code)).toBeNull();
    const run = await reconcile(inspector, { day: '2026-12-07' });
    expect(run.json().differences).toBeGreaterThanOrEqual(1);
    const diff = (await differences(inspector)).find((d) => d.dossierId === id)!;
    expect(diff.kind).toBe('missing');
    await injectAs(t.app, inspector, { method: 'POST', url: `/api/national-portal/differences/${diff.id}/resend` });
    await drain();
    expect(theirs(code)).toEqual(await ours(id));
  });

  it('a dossier refused at the desk (no code) is not counted as synced', async () => {
    const before = (await injectAs(t.app, inspector, { method: 'GET', url: '/api/national-portal/sync' })).json() as { synced: number; pending: number };
    const res = await injectAs(t.app, seed.desk, {
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        idempotencyKey: `refused-${nowMs}`,
        procedureId: (await t.ctx.db.query<{ id: string }>(`SELECT id FROM procedure WHERE code = '1.000894'`)).rows[0]!.id,
        receivingUnitId: seed.tree.deskA.id,
        resolvingUnitId: seed.tree.communeA.id,
        applicant: APPLICANT,
        documents: [{ name: 'Tờ khai', kind: 'original', count: 1 }],
        eform: { hoTen: 'Nguyễn Thị Bé' },
        outcome: 'refuse',
        reason: 'Không thuộc thẩm quyền giải quyết của phường',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().code).toBeNull();
    await drain();
    const after = (await injectAs(t.app, inspector, { method: 'GET', url: '/api/national-portal/sync' })).json() as { synced: number; pending: number };
    expect(after.synced).toBe(before.synced);
    expect(after.pending).toBe(0);
  });
});

describe('reconciliation lists a difference and sends nothing: only "Gửi lại" (or the outbox) does', () => {
  it('a copy changed on the portal stays as it is through reconcile runs, every job, a look-up and a re-push, until "Gửi lại"', async () => {
    const hoSo = {
      MaHoSo: 'G22.99-261207-0777',
      MaTTHC: '1.000894',
      TenTTHC: 'Đăng ký kết hôn',
      KenhThucHien: 2,
      ChuHoSo: APPLICANT.fullName,
      MaDoiTuong: APPLICANT.idNumber,
      SoDienThoai: APPLICANT.phone,
      NgayNopHoSo: '20261207083000',
      TrangThaiHoSo: 1,
      HinhThucTra: 1,
      DonViXuLy: seed.tree.communeA.code,
      DuocThanhToanTrucTuyen: 0,
      DanhSachPhiLePhi: [],
      DanhSachTaiLieuNop: [],
      DuLieuBieuMau: { hoTen: 'Nguyễn Thị Bé' },
    };
    const pushed = await injectAs(t.app, inspector, { method: 'POST', url: '/api/national-sim/push', payload: hoSo });
    expect(pushed.statusCode, pushed.body).toBe(201);
    const id = pushed.json().id as string;
    const accepted = await injectAs(t.app, seed.desk, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action: 'accept' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    await drain();
    expect(theirs(hoSo.MaHoSo)).toEqual(await ours(id));

    // Behind our back, the portal's copy gets another status and an entry of its own.
    const copy = sim.dossiers.get(hoSo.MaHoSo)!;
    copy.TrangThaiHoSo = 6;
    copy.QuaTrinhXuLy.push({ ...copy.QuaTrinhXuLy[0]!, MaQuaTrinh: 'chi-tren-cong', TrangThai: 6 });
    const changed = structuredClone(sim.dossiers.get(hoSo.MaHoSo));
    const outbox = async () => (await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM national_sync_outbox WHERE dossier_id = $1`, [id])).rows[0]!.n;
    const rowsBefore = await outbox();
    const callsBefore = sim.calls.length;

    expect((await reconcile(inspector)).json()).toMatchObject({ differences: expect.any(Number) });
    const listed = (await differences(inspector)).find((d) => d.dossierId === id)!;
    expect(listed).toMatchObject({ kind: 'status' });
    // Everything that runs on its own, and every way of reading the copy: nothing is sent, nothing changes.
    await reconcile(inspector);
    for (const job of nationalPortalJobs) await job.handler(t.ctx, null);
    await drain();
    expect(await nationalPortalOf(t.ctx)!.lookUp(hoSo.MaHoSo)).toMatchObject({ TrangThaiHoSo: 6 });
    const rePush = await injectAs(t.app, inspector, { method: 'POST', url: '/api/national-sim/push', payload: hoSo });
    expect(rePush.statusCode, rePush.body).toBe(200);
    expect(rePush.json()).toEqual({ id, created: false });
    expect(sim.dossiers.get(hoSo.MaHoSo)).toEqual(changed);
    expect(sim.calls.slice(callsBefore).filter((c) => c.maHoSo === hoSo.MaHoSo)).toEqual([]);
    expect(await outbox()).toBe(rowsBefore);
    expect((await differences(inspector)).find((d) => d.dossierId === id)).toMatchObject({ id: listed.id, kind: 'status' });

    // The officer's "Gửi lại": now, and only now, the portal's copy is made equal to ours.
    expect((await injectAs(t.app, inspector, { method: 'POST', url: `/api/national-portal/differences/${listed.id}/resend` })).statusCode).toBe(200);
    await drain();
    expect(theirs(hoSo.MaHoSo)).toEqual(await ours(id));
    expect(sim.calls.slice(callsBefore).filter((c) => c.maHoSo === hoSo.MaHoSo).map((c) => c.service)).toEqual(['DongBoHoSoMC']);
    await reconcile(inspector);
    expect((await differences(inspector)).map((d) => d.dossierId)).not.toContain(id);
  });
});

describe('an outage is visible on the sync page and in the log', () => {
  it('while the portal refuses: failing counted from the first failure, connected false, last error and time; then back', async () => {
    sim.refuseFor(300);
    const { id } = await seed.receive();
    const r = await dispatchNationalSync({ db: t.ctx.db, clock, portal: nationalPortalOf(t.ctx)!, config: t.ctx.config });
    expect(r.failed).toBeGreaterThan(0);
    const failedAt = new Date(nowMs).toISOString();
    const down = await injectAs(t.app, inspector, { method: 'GET', url: '/api/national-portal/sync' });
    expect(down.statusCode, down.body).toBe(200);
    expect(down.json()).toMatchObject({ configured: true, connected: false, failed: 1, lastError: { at: failedAt } });
    expect(down.json().lastError.message).toMatch(/503|bảo trì/);
    // Another commune's leader does not see this dossier counted.
    expect((await injectAs(t.app, leaderB, { method: 'GET', url: '/api/national-portal/sync' })).json()).toMatchObject({ failed: 0, connected: false });
    expect((await injectAs(t.app, seed.otherDesk, { method: 'GET', url: '/api/national-portal/sync' })).statusCode).toBe(403);

    // One warning per failed batch, at most one every five minutes.
    const lines: { fields: Record<string, unknown>; msg: string }[] = [];
    const log = { info: () => undefined, error: () => undefined, warn: (fields: Record<string, unknown>, msg: string) => void lines.push({ fields, msg }) };
    warnFailedBatch(r, new Date(nowMs), log);
    warnFailedBatch(r, new Date(nowMs + 60_000), log);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.msg).toMatch(/Cổng DVCQG/);
    expect(lines[0]!.fields).toMatchObject({ failed: r.failed, lastError: r.lastError });
    warnFailedBatch(r, new Date(nowMs + 5 * 60_000), log);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.fields.failedBatches).toBe(2);
    warnFailedBatch({ ...r, failed: 0 }, new Date(nowMs + 20 * 60_000), log);
    expect(lines).toHaveLength(2);

    nowMs += 300_000;
    await drain();
    const up = (await injectAs(t.app, inspector, { method: 'GET', url: '/api/national-portal/sync' })).json();
    expect(up).toMatchObject({ connected: true, lastError: null, failed: 0, pending: 0 });
    expect(theirs((await t.ctx.db.query<{ code: string }>(`SELECT code FROM dossier WHERE id = $1`, [id])).rows[0]!.code)).toEqual(await ours(id));
  });
});

describe('"Nhận xử lý" twice by the officer already holding the dossier', () => {
  it('is refused 409 with nothing recorded nor pushed; another unit cannot claim it at all', async () => {
    const { id } = await seed.receive();
    const act = (s: Session) => injectAs(t.app, s, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action: 'forward' } });
    expect((await act(seed.desk)).statusCode).toBe(200);
    const claim = (s: Session) => injectAs(t.app, s, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action: 'claim' } });
    const offered = async () => (await injectAs(t.app, seed.specialist, { method: 'GET', url: `/api/dossiers/${id}` })).json().allowedActions as string[];
    expect(await offered()).toContain('claim');
    expect((await claim(seed.specialist)).statusCode).toBe(200);
    // The holder is no longer offered the button that would be refused.
    expect(await offered()).not.toContain('claim');
    await drain();
    const count = async () => (await t.ctx.db.query<{ a: number; o: number }>(`SELECT (SELECT count(*)::int FROM dossier_action WHERE dossier_id = $1) AS a, (SELECT count(*)::int FROM national_sync_outbox WHERE dossier_id = $1) AS o`, [id])).rows[0]!;
    const before = await count();
    const again = await claim(seed.specialist);
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({ code: 'DOSSIER.ALREADY_CLAIMED' });
    expect(again.json().message).toMatch(/đang xử lý hồ sơ này/);
    expect([403, 404]).toContain((await claim(seed.otherDesk)).statusCode);
    expect(await count()).toEqual(before);
  });
});

describe('the simulator\'s controls are scoped like the rest', () => {
  it('a commune leader cannot push for another unit, stop the simulator for everyone, or list other units\' copies', async () => {
    const body = (maHoSo: string, unitCode: string) => ({
      MaHoSo: maHoSo, MaTTHC: '1.000894', TenTTHC: 'Đăng ký kết hôn', KenhThucHien: 2, ChuHoSo: APPLICANT.fullName, MaDoiTuong: APPLICANT.idNumber,
      NgayNopHoSo: '20261207083000', TrangThaiHoSo: 1, HinhThucTra: 1, DonViXuLy: unitCode, TaiKhoanDuocXacThucVoiVNeID: 1, DuocThanhToanTrucTuyen: 0,
      DanhSachPhiLePhi: [], DanhSachTaiLieuNop: [], DuLieuBieuMau: { hoTen: 'Nguyễn Thị Bé' },
    });
    const foreign = await injectAs(t.app, leaderB, { method: 'POST', url: '/api/national-sim/push', payload: body('G22.99-SCOPE-1', seed.tree.communeA.code) });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBeTruthy();
    expect(sim.dossiers.has('G22.99-SCOPE-1')).toBe(false);
    // A unit code nobody has is a mistake in the push (422 NATIONAL.UNKNOWN_AGENCY), not a missing permission.
    const unknown = await injectAs(t.app, inspector, { method: 'POST', url: '/api/national-sim/push', payload: body('G22.99-SCOPE-9', '999.99.99.H99') });
    expect([unknown.statusCode, unknown.json().code, unknown.json().message]).toEqual([422, 'NATIONAL.UNKNOWN_AGENCY', 'Không có đơn vị đang hoạt động với mã "999.99.99.H99".']);
    expect(sim.dossiers.has('G22.99-SCOPE-9')).toBe(false);
    const outage = await injectAs(t.app, leaderB, { method: 'POST', url: '/api/national-sim/outage', payload: { seconds: 60 } });
    expect(outage.statusCode).toBe(403);
    expect(sim.refusing).toBe(false);
    const listB = (await injectAs(t.app, leaderB, { method: 'GET', url: '/api/national-sim/dossiers' })).json().items as { MaHoSo: string }[];
    expect(listB).toEqual([]);
    const listA = (await injectAs(t.app, inspector, { method: 'GET', url: '/api/national-sim/dossiers' })).json().items as { MaHoSo: string }[];
    expect(listA.length).toBeGreaterThan(0);
    const own = await injectAs(t.app, inspector, { method: 'POST', url: '/api/national-sim/push', payload: body('G22.99-SCOPE-2', seed.tree.communeA.code) });
    expect(own.statusCode, own.body).toBe(201);
  });
});

describe('"Đối soát ngay" while the national portal is down', () => {
  it('answers 503 NATIONAL.PORTAL_UNAVAILABLE in Vietnamese and records the outage as the sync does', async () => {
    await seed.receive();
    await drain();
    await t.ctx.db.query(`UPDATE national_sync_health SET last_failure_at = NULL, last_error = NULL`);
    sim.refuseFor(60);
    try {
      const res = await reconcile(inspector);
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json()).toMatchObject({ code: 'NATIONAL.PORTAL_UNAVAILABLE', message: 'Chưa kết nối được Cổng Dịch vụ công quốc gia, vui lòng thử lại sau.' });
      const { rows } = await t.ctx.db.query<{ at: Date; error: string }>(`SELECT last_failure_at AS at, last_error AS error FROM national_sync_health`);
      expect(rows).toEqual([{ at: new Date(nowMs), error: expect.stringContaining('national portal refused') }]);
      const sync = (await injectAs(t.app, inspector, { method: 'GET', url: '/api/national-portal/sync' })).json();
      expect(sync.connected).toBe(false);
    } finally {
      sim.refuseFor(0);
    }
  });
});
