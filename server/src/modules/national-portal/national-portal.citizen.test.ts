import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, type Session, type TestApp } from '../../../test/app.js';
import { registerCitizen } from '../../../test/citizens.js';
import { APPLICANT, NATIONAL_CONTACT, nationalPushes, seedNationalDesk } from '../../../test/dossier-fixtures.js';

const clock = { now: () => new Date('2026-12-07T02:00:00Z') };
let t: TestApp;
let seed: Awaited<ReturnType<typeof seedNationalDesk>>['seed'];
let inspector: Session;
let an: Session & { id: string };
let binh: Session & { id: string };

const hoSo = nationalPushes(() => seed.tree.communeA.code, { ...NATIONAL_CONTACT, TaiKhoanDuocXacThucVoiVNeID: 1, DuocThanhToanTrucTuyen: 0, DanhSachPhiLePhi: [], DanhSachTaiLieuNop: [] });

beforeAll(async () => {
  t = await buildTestApp({ clock });
  ({ seed, officer: inspector } = await seedNationalDesk(t.app, t.ctx.db));
  an = await registerCitizen(t.app, { identifier: 'an@example.vn', idNumber: APPLICANT.idNumber, fullName: APPLICANT.fullName, birthDate: '1990-05-01', gender: 'male' });
  binh = await registerCitizen(t.app, { identifier: '0912345678', idNumber: '079195000123', fullName: 'Trần Thị Bình', birthDate: '1995-02-03', gender: 'female' });
  for (const c of [{ s: an, n: APPLICANT.idNumber }, { s: binh, n: '079195000123' }]) {
    const v = await injectAs(t.app, seed.desk, { method: 'POST', url: `/api/citizen-accounts/${c.s.id}/verify-id`, payload: { idNumber: c.n, unitId: seed.tree.deskA.id } });
    expect(v.statusCode, v.body).toBe(204);
  }
});
afterAll(() => t?.close());

describe('the citizen sees the code the national portal gave', () => {
  it('in "Hồ sơ của tôi", on the dossier page and in tracking, before and after acceptance; never another citizen', async () => {
    const pushed = await injectAs(t.app, inspector, { method: 'POST', url: '/api/national-sim/push', payload: hoSo('G22.99-261207-0101') });
    expect(pushed.statusCode, pushed.body).toBe(201);
    const id = pushed.json().id as string;
    const mine = (await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/dossiers' })).json() as { id: string; code: string | null; nationalCode: string | null }[];
    expect(mine.find((d) => d.id === id)).toMatchObject({ code: null, nationalCode: 'G22.99-261207-0101' });
    const page = await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${id}` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ code: null, nationalCode: 'G22.99-261207-0101' });
    expect((await injectAs(t.app, binh, { method: 'GET', url: '/api/citizen/dossiers' })).json()).toEqual([]);
    expect([403, 404]).toContain((await injectAs(t.app, binh, { method: 'GET', url: `/api/citizen/dossiers/${id}` })).statusCode);

    const track = () => t.app.inject({ method: 'GET', url: `/api/tracking?code=${encodeURIComponent('g22.99-261207-0101')}&secret=${APPLICANT.idNumber.slice(-4)}`, remoteAddress: '10.9.9.8' });
    const before = await track();
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ code: 'G22.99-261207-0101', status: 'awaiting_acceptance' });

    const accepted = await injectAs(t.app, seed.desk, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action: 'accept' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const after = (await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${id}` })).json() as { code: string | null; nationalCode: string | null };
    expect(after.code).toBeTruthy();
    expect(after.nationalCode).toBe('G22.99-261207-0101');
  });

  it('the dossier page lists every file: the one sent with its content and the one given by its link', async () => {
    const link = 'https://dichvucong.gov.vn/tep/G22.99-261207-0102/xac-nhan.pdf';
    const pdf = Buffer.from('%PDF-1.4\n% to khai\n%%EOF\n');
    const pushed = await injectAs(t.app, inspector, { method: 'POST', url: '/api/national-sim/push', payload: { ...hoSo('G22.99-261207-0102'), DanhSachTaiLieuNop: [
      { TenTepDinhKem: 'to-khai.pdf', TenGiayTo: 'Tờ khai', DuocSoHoa: true, NoiDungTep: pdf.toString('base64') },
      { TenTepDinhKem: 'xac-nhan.pdf', TenGiayTo: 'Giấy xác nhận tình trạng hôn nhân', DuocSoHoa: true, DuongDanTaiLieu: link },
    ] } });
    expect(pushed.statusCode, pushed.body).toBe(201);
    const page = (await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${pushed.json().id}` })).json();
    expect(page.files.map((f: { documentName: string; kind: string }) => [f.documentName, f.kind])).toEqual([['Tờ khai', 'component']]);
    expect(page.links).toEqual([{ name: 'Giấy xác nhận tình trạng hôn nhân', url: link }]);
  });

  it('a dossier of our own portal or desk has no national code', async () => {
    const { id } = await seed.receive();
    const mine = (await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/dossiers' })).json() as { id: string; nationalCode: string | null }[];
    expect(mine.find((d) => d.id === id)?.nationalCode).toBeNull();
  });
});
