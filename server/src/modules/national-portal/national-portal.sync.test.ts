import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, type Session, type TestApp } from '../../../test/app.js';
import { APPLICANT, NATIONAL_CONTACT, NATIONAL_INBOUND, NATIONAL_PDF, nationalPushes, seedNationalDesk } from '../../../test/dossier-fixtures.js';
import type { NationalPortal } from './national-portal.contract.js';
import { CLAIM_LEASE_MS } from './national-portal.repo.js';
import { ZHoSo } from './national-portal.contract.js';
import { isReported, nationalStatusOf } from './national-portal.rules.js';
import { nationalPortalOf } from './national-portal.service.js';
import { simulatorFor, type NationalPortalSimulator } from './national-portal.simulator.js';
import { dispatchNationalSync } from './use-cases/dispatch-sync.js';
import { reconcileDay } from './use-cases/reconcile.js';
import type { DossierStatus } from '../dossiers/dossier.rules.js';

// Monday 7/12/2026 09:00 Vietnam time; the tests move it by hand.
let nowMs = Date.parse('2026-12-07T02:00:00Z');
const clock = { now: () => new Date(nowMs) };
const advance = (seconds: number) => void (nowMs += seconds * 1000);

let t: TestApp;
let seed: Awaited<ReturnType<typeof seedNationalDesk>>['seed'];
let sim: NationalPortalSimulator;
let inspector: Session;
const INBOUND = NATIONAL_INBOUND;

const dispatch = () => dispatchNationalSync({ db: t.ctx.db, clock, portal: nationalPortalOf(t.ctx)!, config: t.ctx.config });
/** Runs the outbox until nothing is due, moving the clock as the backoff asks (never real waiting). */
async function drain(maxRounds = 200): Promise<void> {
  for (let i = 0; i < maxRounds; i++) {
    const r = await dispatch();
    const { rows } = await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM national_sync_outbox WHERE status = 'pending'`);
    if (rows[0]!.n === 0) return;
    if (r.claimed === 0 || r.failed > 0) advance(30);
  }
  throw new Error('outbox did not drain');
}

/** Ours as the national copy should be: status and the reported entries in ledger order. */
async function ours(dossierId: string): Promise<{ status: number; history: string[] }> {
  const { rows } = await t.ctx.db.query<{ id: string; action: string }>(`SELECT a.id::text AS id, a.action FROM dossier_action a WHERE a.dossier_id = $1 ORDER BY a.id`, [dossierId]);
  const { rows: d } = await t.ctx.db.query<{ status: DossierStatus }>(`SELECT status FROM dossier WHERE id = $1`, [dossierId]);
  return { status: nationalStatusOf(d[0]!.status), history: rows.filter((r) => isReported(r.action)).map((r) => r.id) };
}

const pushed = nationalPushes(() => seed.tree.communeA.code, {
  ...NATIONAL_CONTACT,
  TaiKhoanDuocXacThucVoiVNeID: 1,
  DuocThanhToanTrucTuyen: 1,
  DanhSachPhiLePhi: [{ TenPhiLePhi: 'Lệ phí đăng ký kết hôn', Gia: 15000 }],
  DanhSachTaiLieuNop: [{ TenTepDinhKem: 'to-khai.pdf', TenGiayTo: 'Tờ khai', DuocSoHoa: true, NoiDungTep: NATIONAL_PDF.toString('base64') }],
});

beforeAll(async () => {
  t = await buildTestApp({ clock });
  ({ seed, officer: inspector } = await seedNationalDesk(t.app, t.ctx.db));
  sim = simulatorFor(t.ctx);
});
afterAll(() => t?.close());

describe('inbound: a dossier submitted on the national portal', () => {
  it('arrives once in the desk queue "online, waiting" with its e-form, files, fees and verified identity', async () => {
    const first = await t.app.inject({ method: 'POST', url: '/api/national-portal/dossiers', headers: INBOUND, payload: pushed('G22.99-261207-0001') });
    expect(first.statusCode, first.body).toBe(201);
    const again = await t.app.inject({ method: 'POST', url: '/api/national-portal/dossiers', headers: INBOUND, payload: pushed('G22.99-261207-0001') });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id: first.json().id, created: false });
    const id = first.json().id as string;
    const { rows } = await t.ctx.db.query(
      `SELECT d.status, d.channel, d.fee_vnd AS "feeVnd", d.eform, d.applicant->>'idNumber' AS "idNumber", n.vneid_verified AS "verified", n.paid_online AS "paidOnline",
              (SELECT count(*)::int FROM dossier_file f WHERE f.dossier_id = d.id) AS files, (SELECT count(*)::int FROM dossier WHERE idempotency_key LIKE 'dvcqg:%') AS copies
         FROM dossier d JOIN national_dossier n ON n.dossier_id = d.id WHERE d.id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ status: 'awaiting_acceptance', channel: 'online', feeVnd: 15000, eform: { hoTen: 'Nguyễn Thị Bé' }, idNumber: APPLICANT.idNumber, verified: true, paidOnline: 1, files: 1, copies: 1 });
    const queue = (await injectAs(t.app, seed.desk, { method: 'GET', url: '/api/dossiers?queue=online' })).json() as { items: { id: string; nationalCode: string | null }[] };
    expect(queue.items.find((i) => i.id === id)?.nationalCode).toBe('G22.99-261207-0001');
    const detail = await injectAs(t.app, seed.desk, { method: 'GET', url: `/api/dossiers/${id}` });
    expect(detail.json()).toMatchObject({ nationalCode: 'G22.99-261207-0001' });
    // The citizen tracks it with the code the national portal gave (typed any way), before and after ours exists.
    const track = (code: string, secret: string) => t.app.inject({ method: 'GET', url: `/api/tracking?code=${encodeURIComponent(code)}&secret=${secret}`, remoteAddress: '10.9.9.9' });
    const tracked = await track('g22.99 261207 0001', APPLICANT.idNumber.slice(-4));
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.json()).toMatchObject({ status: 'awaiting_acceptance', procedureName: 'Đăng ký kết hôn' });
    expect((await track('G22.99-261207-0001', '0000')).statusCode).toBe(404);
    const other = (await injectAs(t.app, seed.otherDesk, { method: 'GET', url: '/api/dossiers?queue=online' })).json() as { items: { id: string }[] };
    expect(other.items.map((i) => i.id)).not.toContain(id);
  });

  it('refuses a push without the secret, with a wrong one, or with garbage, and writes nothing', async () => {
    const count = async () => (await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dossier`)).rows[0]!.n;
    const before = await count();
    const none = await t.app.inject({ method: 'POST', url: '/api/national-portal/dossiers', payload: pushed('G22.99-X-1') });
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('NATIONAL.BAD_CREDENTIALS');
    expect((await t.app.inject({ method: 'POST', url: '/api/national-portal/dossiers', headers: { authorization: 'Bearer motcua-national-portal-inbound-dev-secreX' }, payload: pushed('G22.99-X-2') })).statusCode).toBe(401);
    const garbage = await t.app.inject({ method: 'POST', url: '/api/national-portal/dossiers', headers: INBOUND, payload: { MaHoSo: 'x', TrangThaiHoSo: 11 } });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().code).toBeTruthy();
    const unknownUnit = await t.app.inject({ method: 'POST', url: '/api/national-portal/dossiers', headers: INBOUND, payload: pushed('G22.99-X-3', { DonViXuLy: 'KHONG-CO' }) });
    expect(unknownUnit.statusCode).toBe(422);
    expect(unknownUnit.json().code).toBe('NATIONAL.UNKNOWN_AGENCY');
    const unmapped = await t.app.inject({ method: 'POST', url: '/api/national-portal/dossiers', headers: INBOUND, payload: pushed('G22.99-X-4', { MaTTHC: '9.999999' }) });
    expect(unmapped.json().code).toBe('NATIONAL.UNMAPPED_PROCEDURE');
    expect(await count()).toBe(before);
  });

  it('is processed at the desk and every status reaches the national copy in order', async () => {
    const pushedRes = await injectAs(t.app, inspector, { method: 'POST', url: '/api/national-sim/push', payload: pushed('G22.99-261207-0002') });
    expect(pushedRes.statusCode, pushedRes.body).toBe(201);
    const id = pushedRes.json().id as string;
    const act = async (s: Session, action: string, extra: Record<string, unknown> = {}) => {
      const r = await injectAs(t.app, s, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action, ...extra } });
      expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
      await drain();
    };
    await drain();
    expect(sim.dossiers.get('G22.99-261207-0002')!.TrangThaiHoSo).toBe(1);
    await act(seed.desk, 'accept');
    expect(sim.dossiers.get('G22.99-261207-0002')!.TrangThaiHoSo).toBe(2);
    expect(sim.dossiers.get('G22.99-261207-0002')!.NgayHenTra).toMatch(/^2026\d{10}$/);
    await act(seed.desk, 'forward');
    await act(seed.specialist, 'claim');
    expect(sim.dossiers.get('G22.99-261207-0002')!.TrangThaiHoSo).toBe(4);
    await act(seed.specialist, 'forward');
    await act(seed.leader, 'approve');
    expect(sim.dossiers.get('G22.99-261207-0002')!.TrangThaiHoSo).toBe(9);
    await act(seed.desk, 'return_result', { receivedBy: APPLICANT.fullName });
    const copy = sim.dossiers.get('G22.99-261207-0002')!;
    expect(copy.TrangThaiHoSo).toBe(10);
    expect(copy.NgayTra).toBeTruthy();
    expect({ status: copy.TrangThaiHoSo, history: copy.QuaTrinhXuLy.map((q) => q.MaQuaTrinh) }).toEqual(await ours(id));
    // Forwarding names the sender and the receiving unit.
    const forward = copy.QuaTrinhXuLy.find((q) => q.NoiDungXuLy.startsWith('Chuyển'))!;
    expect(forward.PhongBanXuLy).toBe('Tiếp nhận hồ sơ — Phường An Thử');
    expect(forward.PhongBanNhan).toBe('Thẩm định — Phường An Thử');
    expect(forward.NguoiXuLy).toBeTruthy();
    expect(ZHoSo.safeParse(copy).success).toBe(true);
  });
});

describe('outbound: outage and lost answers', () => {
  it('the portal refuses for 300 s: then everything arrives once, in order', async () => {
    sim.refuseFor(300);
    const { id, code } = await seed.receive();
    await seed.finish(id);
    const start = nowMs;
    const r = await dispatch();
    expect(r.sent).toBe(0);
    expect(r.failed).toBeGreaterThan(0);
    await drain();
    expect(nowMs - start).toBeGreaterThanOrEqual(300_000);
    const calls = sim.calls.filter((c) => c.maHoSo === code);
    expect(calls[0]!.service).toBe('DongBoHoSoMC');
    const updates = calls.filter((c) => c.service === 'CapNhatTienDoHoSoMC').map((c) => c.maQuaTrinh!);
    expect(new Set(updates).size).toBe(updates.length);
    expect(updates).toEqual([...updates].sort((a, b) => Number(a) - Number(b)));
    const copy = sim.dossiers.get(code)!;
    expect({ status: copy.TrangThaiHoSo, history: copy.QuaTrinhXuLy.map((q) => q.MaQuaTrinh) }).toEqual(await ours(id));
    expect(copy.TrangThaiHoSo).toBe(10);
  });

  it('an answer lost after the portal applied the update is looked up, not sent twice', async () => {
    const { id, code } = await seed.receive();
    await drain();
    await injectAs(t.app, seed.desk, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action: 'forward' } });
    sim.dropNextAnswers(1);
    expect((await dispatch()).failed).toBe(1);
    await drain();
    const copy = sim.dossiers.get(code)!;
    expect(copy.QuaTrinhXuLy.map((q) => q.MaQuaTrinh)).toEqual((await ours(id)).history);
  });

  it('a backlog after an outage goes in one call per dossier, its entries in ledger order', async () => {
    const a = await seed.receive();
    const b = await seed.receive();
    await drain();
    sim.refuseFor(300);
    for (const d of [a, b]) {
      for (const [who, action] of [['desk', 'forward'], ['specialist', 'claim'], ['specialist', 'forward']] as const) {
        const r = await injectAs(t.app, seed[who], { method: 'POST', url: `/api/dossiers/${d.id}/actions`, payload: { action } });
        expect(r.statusCode, r.body).toBe(200);
      }
    }
    expect((await dispatch()).failed).toBe(2);
    advance(300);
    const before = sim.calls.length;
    await drain();
    for (const d of [a, b]) {
      const updates = sim.calls.slice(before).filter((c) => c.maHoSo === d.code && c.service === 'CapNhatTienDoHoSoMC');
      expect(updates).toHaveLength(3);
      expect(new Set(updates.map((c) => c.call)).size).toBe(1);
      const copy = sim.dossiers.get(d.code)!;
      expect({ status: copy.TrangThaiHoSo, history: copy.QuaTrinhXuLy.map((q) => q.MaQuaTrinh) }).toEqual(await ours(d.id));
    }
    // Two dossiers, two calls: a call never carries another dossier's entries.
    const [ca, cb] = [a, b].map((d) => sim.calls.slice(before).find((c) => c.maHoSo === d.code)!.call);
    expect(ca).not.toBe(cb);
  });

  it('a backlog whose answer was lost is looked up and only the missing entries go', async () => {
    const { id, code } = await seed.receive();
    await drain();
    for (const [who, action] of [['desk', 'forward'], ['specialist', 'claim']] as const) {
      expect((await injectAs(t.app, seed[who], { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action } })).statusCode).toBe(200);
    }
    sim.dropNextAnswers(1);
    expect((await dispatch()).failed).toBe(1);
    expect((await injectAs(t.app, seed.specialist, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action: 'forward' } })).statusCode).toBe(200);
    await drain();
    const copy = sim.dossiers.get(code)!;
    expect(copy.QuaTrinhXuLy.map((q) => q.MaQuaTrinh)).toEqual((await ours(id)).history);
  });

  it('a restart while a call was in flight: after the lease the next dispatcher looks it up and sends nothing twice', async () => {
    const { id, code } = await seed.receive();
    await drain();
    for (const [who, action] of [['desk', 'forward'], ['specialist', 'claim']] as const) {
      expect((await injectAs(t.app, seed[who], { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action } })).statusCode).toBe(200);
    }
    const real = nationalPortalOf(t.ctx)!;
    // The portal applies the call, and the process stops before it hears back: its rows stay claimed, never marked.
    const dying: NationalPortal = { ...real, updateProgress: async (u) => { await real.updateProgress(u); await new Promise<never>(() => {}); } };
    void dispatchNationalSync({ db: t.ctx.db, clock, portal: dying, config: t.ctx.config });
    await expect.poll(() => sim.calls.filter((c) => c.maHoSo === code && c.service === 'CapNhatTienDoHoSoMC').length).toBe(2);
    expect((await dispatch()).claimed).toBe(0);
    advance(CLAIM_LEASE_MS / 1000 + 1);
    expect((await injectAs(t.app, seed.specialist, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action: 'forward' } })).statusCode).toBe(200);
    await drain();
    const copy = sim.dossiers.get(code)!;
    expect({ status: copy.TrangThaiHoSo, history: copy.QuaTrinhXuLy.map((q) => q.MaQuaTrinh) }).toEqual(await ours(id));
  });

  it('property: any interleaving of events, outages, lost answers and concurrent dispatchers ends with the national copy equal to ours', async () => {
    const path: [keyof typeof seed, string][] = [['desk', 'forward'], ['specialist', 'claim'], ['specialist', 'forward'], ['leader', 'approve'], ['desk', 'return_result']];
    const op = fc.oneof(fc.constant({ k: 'act' as const }), fc.record({ k: fc.constant('outage' as const), s: fc.integer({ min: 1, max: 400 }) }), fc.constant({ k: 'drop' as const }), fc.constant({ k: 'dispatch' as const }), fc.constant({ k: 'two' as const }), fc.record({ k: fc.constant('tick' as const), s: fc.integer({ min: 1, max: 120 }) }));
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const { id, code } = await seed.receive();
        let step = 0;
        for (const o of ops) {
          if (o.k === 'act' && step < path.length) {
            const [who, action] = path[step++]!;
            const r = await injectAs(t.app, seed[who] as Session, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action, ...(action === 'return_result' ? { receivedBy: 'A' } : {}) } });
            if (r.statusCode !== 200) throw new Error(r.body);
          } else if (o.k === 'outage') sim.refuseFor(o.s);
          else if (o.k === 'drop') sim.dropNextAnswers(1);
          else if (o.k === 'dispatch') await dispatch();
          // Two instances' dispatchers at the same moment: a dossier's rows still go to one of them, in order.
          else if (o.k === 'two') await Promise.all([dispatch(), dispatch()]);
          else if (o.k === 'tick') advance(o.s);
        }
        await drain();
        const copy = sim.dossiers.get(code)!;
        expect({ status: copy.TrangThaiHoSo, history: copy.QuaTrinhXuLy.map((q) => q.MaQuaTrinh) }).toEqual(await ours(id));
      }),
      { numRuns: 12 },
    );
  });
});

describe('reconciliation and "Gửi lại"', () => {
  it('a resend after the delivered rows were pruned sends the whole ledger again', async () => {
    const { id, code } = await seed.receive();
    await seed.finish(id);
    await drain();
    const pruned = await t.ctx.db.query(`DELETE FROM national_sync_outbox WHERE dossier_id = $1 AND status <> 'pending'`, [id]);
    expect(pruned.rowCount).toBeGreaterThan(2);
    sim.dossiers.delete(code);
    await reconcileDay({ db: t.ctx.db, clock, portal: nationalPortalOf(t.ctx)!, config: t.ctx.config }, new Date(nowMs + 7 * 3600_000).toISOString().slice(0, 10));
    const { rows } = await t.ctx.db.query<{ id: string }>(`SELECT id::text FROM national_sync_difference WHERE dossier_id = $1 AND resolved_at IS NULL`, [id]);
    expect((await injectAs(t.app, inspector, { method: 'POST', url: `/api/national-portal/differences/${rows[0]!.id}/resend` })).statusCode).toBe(200);
    await drain();
    const copy = sim.dossiers.get(code)!;
    expect({ status: copy.TrangThaiHoSo, history: copy.QuaTrinhXuLy.map((q) => q.MaQuaTrinh) }).toEqual(await ours(id));
    expect(copy.TrangThaiHoSo).toBe(10);
  });

  it('finds a dossier the portal lost, lists it in scope only, and a resend makes the copies equal', async () => {
    const { id, code } = await seed.receive();
    await drain();
    sim.dossiers.delete(code);
    await reconcileDay({ db: t.ctx.db, clock, portal: nationalPortalOf(t.ctx)!, config: t.ctx.config }, new Date(nowMs + 7 * 3600_000).toISOString().slice(0, 10));
    const list = await injectAs(t.app, inspector, { method: 'GET', url: '/api/national-portal/differences' });
    expect(list.statusCode).toBe(200);
    const diff = (list.json().items as { id: string; dossierId: string; kind: string }[]).find((d) => d.dossierId === id)!;
    expect(diff.kind).toBe('missing');
    expect((await t.app.inject({ method: 'GET', url: '/api/national-portal/differences' })).statusCode).toBe(401);
    expect((await injectAs(t.app, seed.otherDesk, { method: 'GET', url: '/api/national-portal/differences' })).statusCode).toBe(403);
    // Leaders and inspectors hold reports.manage over their units; a desk officer of another unit does not.
    expect((await injectAs(t.app, seed.otherDesk, { method: 'POST', url: `/api/national-portal/differences/${diff.id}/resend` })).statusCode).toBe(403);
    expect((await injectAs(t.app, inspector, { method: 'POST', url: `/api/national-portal/differences/abc/resend` })).statusCode).toBe(400);
    const resent = await injectAs(t.app, inspector, { method: 'POST', url: `/api/national-portal/differences/${diff.id}/resend` });
    expect(resent.statusCode, resent.body).toBe(200);
    await drain();
    expect(sim.dossiers.get(code)!.QuaTrinhXuLy.map((q) => q.MaQuaTrinh)).toEqual((await ours(id)).history);
    const r = await reconcileDay({ db: t.ctx.db, clock, portal: nationalPortalOf(t.ctx)!, config: t.ctx.config }, new Date(nowMs + 7 * 3600_000).toISOString().slice(0, 10));
    expect(r.differences).toBe(0);
    const after = (await injectAs(t.app, inspector, { method: 'GET', url: '/api/national-portal/differences' })).json().items as { dossierId: string }[];
    expect(after.map((d) => d.dossierId)).not.toContain(id);
    const counts = await injectAs(t.app, inspector, { method: 'GET', url: '/api/national-portal/sync' });
    expect(counts.json()).toMatchObject({ pending: 0, failed: 0, connected: true });
    expect(counts.json().synced).toBeGreaterThan(0);
  });
});
