import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, type Session, type TestApp } from '../../../test/app.js';
import { NATIONAL_CONTACT, NATIONAL_INBOUND, NATIONAL_PDF, nationalPushes, seedNationalDesk } from '../../../test/dossier-fixtures.js';
import { buildProcedureContent, buildUnit } from '../../../test/factories.js';
import { NATIONAL_PUSH_BODY_LIMIT, type THoSoInput } from './national-portal.contract.js';

// What the tester found on the inbound path (issue 16): each case fails on the code before its fix.
const nowMs = Date.parse('2026-12-07T02:00:00Z');
const clock = { now: () => new Date(nowMs) };

let t: TestApp;
let seed: Awaited<ReturnType<typeof seedNationalDesk>>['seed'];
let inspector: Session;
const INBOUND = NATIONAL_INBOUND;
const PDF = NATIONAL_PDF;

const pushed = nationalPushes(() => seed.tree.communeA.code, {
  ...NATIONAL_CONTACT,
  DuocThanhToanTrucTuyen: 0,
  DanhSachPhiLePhi: [{ TenPhiLePhi: 'Lệ phí đăng ký kết hôn', Gia: 15000 }],
  DanhSachTaiLieuNop: [{ TenTepDinhKem: 'to-khai.pdf', TenGiayTo: 'Tờ khai', DuocSoHoa: true, NoiDungTep: PDF.toString('base64') }],
});
const push = (payload: unknown) => t.app.inject({ method: 'POST', url: '/api/national-portal/dossiers', headers: INBOUND, payload: payload as object });
const dossierCount = async () => (await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dossier`)).rows[0]!.n;

beforeAll(async () => {
  t = await buildTestApp({ clock });
  ({ seed, officer: inspector } = await seedNationalDesk(t.app, t.ctx.db, { username: 'thanhtra.in' }));
});
afterAll(() => t?.close());

describe('inbound push: size', () => {
  it('admits a dossier with a 1.9 MB scan on the endpoint and through the simulator; refuses beyond the bound with 413', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(1_900_000, 0x20)]);
    const file = [{ TenTepDinhKem: 'giay-to.pdf', TenGiayTo: 'Giấy tờ', DuocSoHoa: true, NoiDungTep: big.toString('base64') }];
    const direct = await push(pushed('G20.71-SIZE-0001', { DanhSachTaiLieuNop: file }));
    expect(direct.statusCode, direct.body.slice(0, 300)).toBe(201);
    const sim = await injectAs(t.app, inspector, { method: 'POST', url: '/api/national-sim/push', payload: pushed('G20.71-SIZE-0002', { DanhSachTaiLieuNop: file }) });
    expect(sim.statusCode, sim.body.slice(0, 300)).toBe(201);
    const { rows } = await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dossier_file f JOIN national_dossier n ON n.dossier_id = f.dossier_id WHERE n.ma_ho_so LIKE 'G20.71-SIZE-%'`);
    expect(rows[0]!.n).toBe(2);
    const before = await dossierCount();
    const tooBig = await t.app.inject({
      method: 'POST',
      url: '/api/national-portal/dossiers',
      headers: { ...INBOUND, 'content-type': 'application/json' },
      payload: `{"MaHoSo":"G20.71-SIZE-0003","pad":"${'A'.repeat(NATIONAL_PUSH_BODY_LIMIT)}"}`,
    });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'COMMON.TOO_LARGE' });
    expect(tooBig.json().message).toMatch(/dung lượng/);
    expect(await dossierCount()).toBe(before);
  });
});

describe('inbound push: fees paid before it arrived', () => {
  it('records the fee paid on the national portal (1) or the province gateway (2) as paid, once; unpaid (0) stays owed', async () => {
    const cases = [
      { code: 'G20.71-PAID-0001', paid: 1 as const, method: 'paygov' },
      { code: 'G20.71-PAID-0002', paid: 2 as const, method: 'vnpay' },
    ];
    for (const c of cases) {
      const first = await push(pushed(c.code, { DuocThanhToanTrucTuyen: c.paid }));
      expect(first.statusCode, first.body).toBe(201);
      const id = first.json().id as string;
      expect((await push(pushed(c.code, { DuocThanhToanTrucTuyen: c.paid }))).statusCode).toBe(200);
      const res = await injectAs(t.app, seed.desk, { method: 'GET', url: `/api/dossiers/${id}/payments` });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { paid: boolean; payments: { method: string; status: string; amountVnd: number; paidAt: string }[] };
      expect(body.paid).toBe(true);
      expect(body.payments).toHaveLength(1);
      expect(body.payments[0]).toMatchObject({ method: c.method, status: 'paid', amountVnd: 15000, paidAt: new Date(nowMs).toISOString() });
    }
    const unpaid = await push(pushed('G20.71-PAID-0003', { DuocThanhToanTrucTuyen: 0 }));
    const res = await injectAs(t.app, seed.desk, { method: 'GET', url: `/api/dossiers/${unpaid.json().id as string}/payments` });
    expect(res.json()).toMatchObject({ paid: false, payments: [] });
  });
});

describe('inbound push: the receiving desk', () => {
  const units = async (id: string) =>
    (await t.ctx.db.query<{ receiving: string; resolving: string }>(`SELECT receiving_unit_id AS receiving, resolving_unit_id AS resolving FROM dossier WHERE id = $1`, [id])).rows[0];
  const inDeskQueue = async (id: string) => ((await injectAs(t.app, seed.desk, { method: 'GET', url: '/api/dossiers?queue=online&limit=100' })).json() as { items: { id: string }[] }).items.some((i) => i.id === id);

  it("routes the desk's own code to the desk with its commune resolving, an office to its commune's desk", async () => {
    const desk = await push(pushed('G20.71-DESK-0001', { DonViXuLy: seed.tree.deskA.code }));
    expect(desk.statusCode, desk.body).toBe(201);
    expect(await units(desk.json().id)).toEqual({ receiving: seed.tree.deskA.id, resolving: seed.tree.communeA.id });
    expect(await inDeskQueue(desk.json().id)).toBe(true);
    const office = await push(pushed('G20.71-DESK-0002', { DonViXuLy: seed.tree.officeA.code }));
    expect(office.statusCode, office.body).toBe(201);
    expect(await units(office.json().id)).toEqual({ receiving: seed.tree.deskA.id, resolving: seed.tree.officeA.id });
    expect(await inDeskQueue(office.json().id)).toBe(true);
  });

  it('refuses a unit no desk receives for with 422 and writes nothing; once the province has a desk, it lands there', async () => {
    const before = await dossierCount();
    const orphan = await push(pushed('G20.71-DESK-0003', { DonViXuLy: seed.tree.province.code }));
    expect(orphan.statusCode).toBe(422);
    expect(orphan.json()).toMatchObject({ code: 'NATIONAL.NO_RECEIVING_DESK' });
    expect(orphan.json().message).toMatch(/bộ phận một cửa/);
    expect(await dossierCount()).toBe(before);
    const centre = await buildUnit(t.ctx.db, { kind: 'desk', parent: seed.tree.province, name: 'Trung tâm Phục vụ hành chính công tỉnh' });
    const department = await buildUnit(t.ctx.db, { kind: 'department', parent: seed.tree.province, name: 'Sở Tư pháp' });
    const atProvince = await push(pushed('G20.71-DESK-0004', { DonViXuLy: seed.tree.province.code }));
    expect(atProvince.statusCode, atProvince.body).toBe(201);
    expect(await units(atProvince.json().id)).toEqual({ receiving: centre.id, resolving: seed.tree.province.id });
    const atDepartment = await push(pushed('G20.71-DESK-0005', { DonViXuLy: department.code }));
    expect(atDepartment.statusCode, atDepartment.body).toBe(201);
    expect(await units(atDepartment.json().id)).toEqual({ receiving: centre.id, resolving: department.id });
  });
});

describe('inbound push: the national code', () => {
  it('keeps the code trimmed and upper-case and matches a re-push as tracking compares codes; refuses what is no code', async () => {
    const first = await push(pushed('G20.71-WALK16-0001'));
    expect(first.statusCode, first.body).toBe(201);
    const id = first.json().id as string;
    for (const variant of ['g20.71-walk16-0001', 'G20.71-WALK16-0001 ', 'G2071WALK160001', ' g20.71-Walk16-0001']) {
      const again = await push(pushed(variant));
      expect(again.json(), variant).toEqual({ id, created: false });
    }
    const lower = await push(pushed('  g20.71-walk16-0002 '));
    expect(lower.statusCode).toBe(201);
    const { rows } = await t.ctx.db.query<{ ma: string }>(`SELECT ma_ho_so AS ma FROM national_dossier WHERE dossier_id = $1`, [lower.json().id]);
    expect(rows[0]!.ma).toBe('G20.71-WALK16-0002');
    const before = await dossierCount();
    for (const bad of ['G20.71 WALK16 0003', '<script>', '---']) {
      const r = await push(pushed(bad));
      expect(r.statusCode, bad).toBe(422);
      expect(r.json()).toMatchObject({ code: 'NATIONAL.BAD_CODE' });
    }
    expect(await dossierCount()).toBe(before);
  });

  it('matches a dossier pushed before codes were normalised (its key as it was pushed)', async () => {
    const first = await push(pushed('G20.71-OLD-0001'));
    await t.ctx.db.query(`UPDATE dossier SET idempotency_key = 'dvcqg:g20.71-old-0001 ' WHERE id = $1`, [first.json().id]);
    await t.ctx.db.query(`UPDATE national_dossier SET ma_ho_so = 'g20.71-old-0001 ' WHERE dossier_id = $1`, [first.json().id]);
    expect((await push(pushed('G20.71-OLD-0001'))).json()).toEqual({ id: first.json().id, created: false });
  });
});

describe('inbound push: garbage is refused, nothing written', () => {
  it('refuses a bad CCCD, wrong e-form answers, a bad or future date, a status other than new, a procedure not online', async () => {
    const created = await injectAs(t.app, seed.admin, {
      method: 'POST',
      url: '/api/procedures',
      payload: { ownerUnitId: seed.tree.province.id, content: buildProcedureContent({ code: '1.000777', name: 'Thủ tục chỉ nộp trực tiếp', onlineLevel: 'none' }) },
    });
    expect(created.statusCode, created.body).toBe(201);
    const published = await injectAs(t.app, seed.admin, { method: 'POST', url: `/api/procedures/${created.json().id as string}/publish`, payload: { decisionNo: '2/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    expect(published.statusCode, published.body).toBeLessThan(300);
    const before = await dossierCount();
    const cases: [Partial<THoSoInput>, number, string][] = [
      [{ MaDoiTuong: 'ABCDEF<script>' }, 400, 'DOSSIER.BAD_APPLICANT'],
      [{ MaDoiTuong: '123' }, 400, 'DOSSIER.BAD_APPLICANT'],
      [{ DuLieuBieuMau: { hoTen: 12 } }, 400, 'DOSSIER.EFORM_INVALID'],
      [{ DuLieuBieuMau: {} }, 400, 'DOSSIER.EFORM_INVALID'],
      [{ NgayNopHoSo: '20261399083000' }, 422, 'NATIONAL.BAD_DATE'],
      [{ NgayNopHoSo: '20271207083000' }, 422, 'NATIONAL.BAD_DATE'],
      [{ TrangThaiHoSo: 4 }, 422, 'NATIONAL.NOT_NEW'],
      [{ MaTTHC: '1.000777' }, 422, 'NATIONAL.NOT_ONLINE'],
    ];
    for (const [i, [over, status, code]] of cases.entries()) {
      const r = await push(pushed(`G20.71-BAD-${i}`, over));
      expect(r.statusCode, `${code} ${r.body}`).toBe(status);
      expect(r.json().code).toBe(code);
      expect(r.json().message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
    }
    expect(await dossierCount()).toBe(before);
  });

  it("the simulator keeps no copy of a push we refused", async () => {
    const r = await injectAs(t.app, inspector, { method: 'POST', url: '/api/national-sim/push', payload: pushed('G20.71-SIMBAD-0001', { MaDoiTuong: 'ABCDEF<script>' }) });
    expect(r.statusCode).toBe(400);
    const held = (await injectAs(t.app, inspector, { method: 'GET', url: '/api/national-sim/dossiers' })).json() as { items: { MaHoSo: string }[] };
    expect(held.items.map((i) => i.MaHoSo)).not.toContain('G20.71-SIMBAD-0001');
    expect(held.items.map((i) => i.MaHoSo)).toContain('G20.71-SIZE-0002');
  });

});

describe('inbound push: a file given only as a link (DuongDanTaiLieu)', () => {
  it('is kept and shown to the officer in the dossier as its link; nothing is fetched', async () => {
    const link = 'https://dichvucong.gov.vn/tep/G20.71-LINK-0001/giay-xac-nhan.pdf';
    const res = await push(pushed('G20.71-LINK-0001', {
      DanhSachTaiLieuNop: [
        { TenTepDinhKem: 'to-khai.pdf', TenGiayTo: 'Tờ khai', DuocSoHoa: true, NoiDungTep: PDF.toString('base64') },
        { TenTepDinhKem: 'giay-xac-nhan.pdf', TenGiayTo: 'Giấy xác nhận tình trạng hôn nhân', DuocSoHoa: true, DuongDanTaiLieu: link },
      ],
    }));
    expect(res.statusCode, res.body).toBe(201);
    const detail = await injectAs(t.app, seed.desk, { method: 'GET', url: `/api/dossiers/${res.json().id}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().documents).toEqual([
      { name: 'Tờ khai', kind: 'copy', count: 1, link: null },
      { name: 'Giấy xác nhận tình trạng hôn nhân', kind: 'copy', count: 1, link },
    ]);
    // Only the file that came with its content is stored; the link stays a link.
    const files = await injectAs(t.app, seed.desk, { method: 'GET', url: `/api/dossiers/${res.json().id}/files` });
    expect(files.json().map((f: { documentName: string }) => f.documentName)).toEqual(['Tờ khai']);
  });

  it('an upper-case scheme is kept normalised', async () => {
    const res = await push(pushed('G20.71-LINK-0002', { DanhSachTaiLieuNop: [{ TenTepDinhKem: 'a.pdf', TenGiayTo: 'Tờ khai', DuongDanTaiLieu: 'HTTPS://DichVuCong.gov.vn/tep/a.pdf' }] }));
    expect(res.statusCode, res.body).toBe(201);
    const detail = await injectAs(t.app, seed.desk, { method: 'GET', url: `/api/dossiers/${res.json().id}` });
    expect(detail.json().documents).toEqual([{ name: 'Tờ khai', kind: 'copy', count: 1, link: 'https://dichvucong.gov.vn/tep/a.pdf' }]);
  });

  it('refuses a file with neither content nor link with 422 NATIONAL.EMPTY_ATTACHMENT, nothing written', async () => {
    const before = await dossierCount();
    for (const [i, file] of [{ TenTepDinhKem: 'trong.pdf', TenGiayTo: 'Tờ khai' }, { TenTepDinhKem: 'trong.pdf', NoiDungTep: '', DuongDanTaiLieu: '' }].entries()) {
      const res = await push(pushed(`G20.71-EMPTY-000${i}`, { DanhSachTaiLieuNop: [{ TenTepDinhKem: 'to-khai.pdf', NoiDungTep: PDF.toString('base64') }, file] }));
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json()).toMatchObject({ code: 'NATIONAL.EMPTY_ATTACHMENT', message: 'Tệp "trong.pdf" không có nội dung (NoiDungTep) cũng không có đường dẫn (DuongDanTaiLieu).' });
    }
    expect(await dossierCount()).toBe(before);
  });

  it('refuses any link that is not https to an outside host with 422 NATIONAL.BAD_LINK, nothing written', async () => {
    const before = await dossierCount();
    const bad = [
      'javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'ftp://dichvucong.gov.vn/a.pdf', '/tep/a.pdf', 'https://',
      // Only https, to an outside host, as written (issue 16): not our own API, not this machine, no markup or spaces.
      'http://dichvucong.gov.vn/a.pdf', `${t.ctx.config.publicUrl.replace(/^http:/, 'https:')}/api/citizen/me`, 'https://127.0.0.1:3000/api/dossiers',
      ' https://dichvucong.gov.vn/a.pdf', 'https://dichvucong.gov.vn/<script>alert(1)</script>.pdf',
    ];
    for (const [i, DuongDanTaiLieu] of bad.entries()) {
      const res = await push(pushed(`G20.71-BADLINK-${String(i).padStart(4, '0')}`, { DanhSachTaiLieuNop: [{ TenTepDinhKem: 'a.pdf', TenGiayTo: 'Tờ khai', DuongDanTaiLieu }] }));
      expect(res.statusCode, DuongDanTaiLieu).toBe(422);
      expect(res.json().code, DuongDanTaiLieu).toBe('NATIONAL.BAD_LINK');
    }
    expect(await dossierCount()).toBe(before);
    // Also through the simulator's push (the demo's path): refused, and the simulator keeps no copy.
    const viaSim = await injectAs(t.app, inspector, { method: 'POST', url: '/api/national-sim/push', payload: pushed('G20.71-BADLINK-SIM', { DanhSachTaiLieuNop: [{ TenTepDinhKem: 'a.pdf', DuongDanTaiLieu: 'javascript:alert(1)' }] }) });
    expect(viaSim.statusCode).toBe(422);
    expect(await dossierCount()).toBe(before);
  });
});
