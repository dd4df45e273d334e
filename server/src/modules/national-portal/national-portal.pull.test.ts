import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, type Session, type TestApp } from '../../../test/app.js';
import { NATIONAL_INBOUND, nationalPushes, seedNationalDesk } from '../../../test/dossier-fixtures.js';
import { ZHoSo, type THoSoInput } from './national-portal.contract.js';
import { nationalPortalOf } from './national-portal.service.js';
import { simulatorFor, type NationalPortalSimulator } from './national-portal.simulator.js';
import { pullNationalDossiers } from './use-cases/pull-national-dossiers.js';
import { dispatchNationalAnswers, ingestNationalQuestions } from './use-cases/sync-questions.js';

let nowMs = Date.parse('2026-12-07T02:00:00Z');
const clock = { now: () => new Date(nowMs) };
const advance = (seconds: number) => void (nowMs += seconds * 1000);

let t: TestApp;
let seed: Awaited<ReturnType<typeof seedNationalDesk>>['seed'];
let sim: NationalPortalSimulator;
let specialist: Session;
const INBOUND = NATIONAL_INBOUND;

const build = nationalPushes(() => seed.tree.communeA.code, { DanhSachPhiLePhi: [{ TenPhiLePhi: 'Lệ phí đăng ký kết hôn', Gia: 15000 }] });
/** As the portal lists it: parsed, so every default of the data set is filled. */
const hoSo = (maHoSo: string, over: Partial<THoSoInput> = {}) => ZHoSo.parse(build(maHoSo, over));
const pull = (pageSize = 2) => pullNationalDossiers({ db: t.ctx.db, clock, files: t.ctx.files, portal: nationalPortalOf(t.ctx)!, config: t.ctx.config }, { pageSize });
const copies = async (maHoSo: string) => (await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM national_dossier WHERE ma_ho_so = $1`, [maHoSo])).rows[0]!.n;

beforeAll(async () => {
  t = await buildTestApp({ clock, env: { NATIONAL_PORTAL_AGENCY_CODE: 'KHONG-PHAI-DON-VI' } });
  ({ seed, officer: specialist } = await seedNationalDesk(t.app, t.ctx.db, { username: 'chuyenvien.xa', role: 'specialist' }));
  sim = simulatorFor(t.ctx);
});
afterAll(() => t?.close());

describe('pull: dossiers submitted on the national portal since the last cursor', () => {
  it('brings a dossier whose push was lost, once, beside one that was pushed; a second pull adds nothing', async () => {
    sim.submit(hoSo('G22.99-261207-P001'));
    const pushedOne = hoSo('G22.99-261207-P002');
    sim.submit(pushedOne);
    // Only the second push reaches us: the first was lost on the way.
    const res = await t.app.inject({ method: 'POST', url: '/api/national-portal/dossiers', headers: INBOUND, payload: pushedOne });
    expect(res.statusCode, res.body).toBe(201);
    sim.submit(hoSo('G22.99-261207-P003', { DonViXuLy: 'KHONG-CO' }));
    expect(await copies('G22.99-261207-P001')).toBe(0);

    const first = await pull();
    expect(first).toMatchObject({ created: 1, existing: 1, rejected: 1, cursor: '3' });
    expect(await copies('G22.99-261207-P001')).toBe(1);
    expect(await copies('G22.99-261207-P002')).toBe(1);
    const { rows } = await t.ctx.db.query(`SELECT d.status, d.channel, n.origin FROM dossier d JOIN national_dossier n ON n.dossier_id = d.id WHERE n.ma_ho_so = 'G22.99-261207-P001'`);
    expect(rows[0]).toEqual({ status: 'awaiting_acceptance', channel: 'online', origin: 'national' });
    // The one we cannot take is kept with its reason, and does not hold the others back.
    expect((await t.ctx.db.query(`SELECT code FROM national_pull_rejection WHERE ma_ho_so = 'G22.99-261207-P003'`)).rows).toEqual([{ code: 'NATIONAL.UNKNOWN_AGENCY' }]);

    const second = await pull();
    expect(second).toMatchObject({ created: 0, existing: 0, cursor: '3' });
    expect(await copies('G22.99-261207-P001')).toBe(1);
    // The pulled dossier sits in the desk's online queue like a pushed one.
    const queue = (await injectAs(t.app, seed.desk, { method: 'GET', url: '/api/dossiers?queue=online' })).json() as { items: { code: string | null; id: string }[] };
    const id = (await t.ctx.db.query<{ id: string }>(`SELECT dossier_id AS id FROM national_dossier WHERE ma_ho_so = 'G22.99-261207-P001'`)).rows[0]!.id;
    expect(queue.items.map((i) => i.id)).toContain(id);
  });

  it('keeps the cursor where it was when the portal is down, and catches up afterwards', async () => {
    sim.submit(hoSo('G22.99-261207-P004'));
    sim.refuseFor(300);
    await expect(pull()).rejects.toThrow(/503/);
    expect((await t.ctx.db.query(`SELECT cursor FROM national_pull_cursor`)).rows[0]).toEqual({ cursor: '3' });
    advance(301);
    expect(await pull()).toMatchObject({ created: 1, cursor: '4' });
    expect(await copies('G22.99-261207-P004')).toBe(1);
  });
});

describe('questions and answers (hỏi đáp) with the national portal', () => {
  it('a question arrives once as a feedback item of the right unit; its published answer goes back once, in order, retried', async () => {
    sim.questions.push(
      { MaHoiDap: 'HD-0001', MaTTHC: '', MaCoQuan: seed.tree.communeA.code, TieuDe: 'Lệ phí kết hôn', CauHoi: 'Đăng ký kết hôn có mất lệ phí không?', NguoiHoi: 'Trần Thị Hoa', Email: 'hoa@example.vn', SoDienThoai: '', NgayGui: '20261207080000', TraLoi: '' },
      // No agency named: the owner of the procedure it is about (the province here).
      { MaHoiDap: 'HD-0002', MaTTHC: '1.000894', MaCoQuan: '', TieuDe: 'Giấy tờ kết hôn', CauHoi: 'Cần mang theo giấy tờ gì?', NguoiHoi: '', Email: '', SoDienThoai: '0987 654 321', NgayGui: '20261207081000', TraLoi: '' },
      // Nothing to route it by (the province's agency code is not a unit here): left on the portal for later.
      { MaHoiDap: 'HD-0003', MaTTHC: '', MaCoQuan: '', TieuDe: 'Câu hỏi chung', CauHoi: 'Xin hỏi giờ làm việc?', NguoiHoi: '', Email: '', SoDienThoai: '', NgayGui: '20261207082000', TraLoi: '' },
    );
    const deps = { db: t.ctx.db, clock, portal: nationalPortalOf(t.ctx)!, provinceCode: 'KHONG-PHAI-DON-VI' };
    expect(await ingestNationalQuestions(deps)).toEqual({ listed: 3, created: 2, existing: 0, unrouted: 1 });
    expect(await ingestNationalQuestions(deps)).toEqual({ listed: 3, created: 0, existing: 2, unrouted: 1 });
    const { rows } = await t.ctx.db.query<{ maHoiDap: string; id: string; unitId: string; kind: string; channel: string; senderName: string; senderPhone: string | null }>(
      `SELECT q.ma_hoi_dap AS "maHoiDap", f.id, f.unit_id AS "unitId", f.kind, f.channel, f.sender_name AS "senderName", f.sender_phone AS "senderPhone"
         FROM national_question q JOIN feedback f ON f.id = q.feedback_id ORDER BY q.ma_hoi_dap`,
    );
    expect(rows.map(({ id: _id, ...r }) => r)).toEqual([
      { maHoiDap: 'HD-0001', unitId: seed.tree.communeA.id, kind: 'question', channel: 'national', senderName: 'Trần Thị Hoa', senderPhone: null },
      { maHoiDap: 'HD-0002', unitId: seed.tree.province.id, kind: 'question', channel: 'national', senderName: 'Người hỏi trên Cổng Dịch vụ công quốc gia', senderPhone: '0987654321' },
    ]);
    const id = rows[0]!.id;

    // Nothing goes back before the answer is published.
    const answer = 'Đăng ký kết hôn tại UBND xã được miễn lệ phí.';
    const classified = await injectAs(t.app, specialist, { method: 'POST', url: `/api/feedback/${id}/classify`, payload: { classification: 'within_competence' } });
    expect(classified.statusCode, classified.body).toBe(200);
    expect((await injectAs(t.app, specialist, { method: 'POST', url: `/api/feedback/${id}/draft`, payload: { text: answer } })).statusCode).toBe(200);
    expect((await injectAs(t.app, seed.leader, { method: 'POST', url: `/api/feedback/${id}/approve`, payload: {} })).statusCode).toBe(200);
    const portal = nationalPortalOf(t.ctx)!;
    expect(await dispatchNationalAnswers({ db: t.ctx.db, clock, portal })).toEqual({ claimed: 0, sent: 0, failed: 0 });
    const published = await injectAs(t.app, specialist, { method: 'POST', url: `/api/feedback/${id}/publish`, payload: {} });
    expect(published.statusCode, published.body).toBe(200);

    // The portal is down: the answer waits and is retried, never lost.
    sim.refuseFor(120);
    expect(await dispatchNationalAnswers({ db: t.ctx.db, clock, portal })).toEqual({ claimed: 1, sent: 0, failed: 1 });
    expect(sim.questions.find((q) => q.MaHoiDap === 'HD-0001')!.TraLoi).toBe('');
    advance(10);
    expect(await dispatchNationalAnswers({ db: t.ctx.db, clock, portal })).toEqual({ claimed: 0, sent: 0, failed: 0 });
    advance(300);
    expect(await dispatchNationalAnswers({ db: t.ctx.db, clock, portal })).toEqual({ claimed: 1, sent: 1, failed: 0 });
    expect(sim.questions.find((q) => q.MaHoiDap === 'HD-0001')!.TraLoi).toBe(answer);
    expect(await dispatchNationalAnswers({ db: t.ctx.db, clock, portal })).toEqual({ claimed: 0, sent: 0, failed: 0 });
    // Answered on the portal, the question is no longer listed; the item is not made again.
    expect(await ingestNationalQuestions(deps)).toEqual({ listed: 2, created: 0, existing: 1, unrouted: 1 });
    expect((await t.ctx.db.query(`SELECT status, attempts FROM national_answer_outbox`)).rows).toEqual([{ status: 'sent', attempts: 1 }]);
  });
});
