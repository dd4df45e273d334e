import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, type Session, type TestApp } from '../../../test/app.js';
import { multipart, pdf, registerCitizen } from '../../../test/citizens.js';
import { APPLICANT, NATIONAL_CONTACT, NATIONAL_INBOUND, nationalPushes, seedNationalDesk } from '../../../test/dossier-fixtures.js';
import { buildProcedureContent } from '../../../test/factories.js';
import { simulatorCitizenStore } from '../citizen-store/citizen-store.adapter.js';
import { nationalPortalOf } from './national-portal.service.js';
import { simulatorFor, type NationalPortalSimulator } from './national-portal.simulator.js';
import { FILE_LINK_TTL_MS } from './national-portal.links.js';
import { hasDigitisedComponent } from './national-portal.documents.rules.js';
import { dispatchNationalSync } from './use-cases/dispatch-sync.js';
import { reconcileDay, resendDossier } from './use-cases/reconcile.js';

// Monday 7/12/2026 09:00 Vietnam time; the tests move it by hand.
let nowMs = Date.parse('2026-12-07T02:00:00Z');
const clock = { now: () => new Date(nowMs) };
const advance = (seconds: number) => void (nowMs += seconds * 1000);

let t: TestApp;
let seed: Awaited<ReturnType<typeof seedNationalDesk>>['seed'];
let sim: NationalPortalSimulator;
/** A published birth registration whose declaration is the e-form (filledByEform) and a birth certificate to scan. */
let birthProcedureId: string;

const deps = () => ({ db: t.ctx.db, clock, portal: nationalPortalOf(t.ctx)!, config: t.ctx.config });
async function drain(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const r = await dispatchNationalSync(deps());
    if (r.claimed === 0 && r.failed === 0) return;
    if (r.failed > 0) advance(30);
  }
  throw new Error('outbox did not drain');
}
const today = () => new Date(nowMs + 7 * 3600_000).toISOString().slice(0, 10);

/** The link's parts, and the path to ask our server for it (the national portal fetches the whole URL). */
function linkParts(link: string) {
  const base = t.ctx.config.publicUrl;
  expect(link.startsWith(`${base}/api/national-portal/files/`)).toBe(true);
  const u = new URL(link);
  return { path: `${u.pathname}${u.search}`, pathname: u.pathname, exp: u.searchParams.get('exp')!, sig: u.searchParams.get('sig')! };
}
const expected = (dossierId: string, kind: string, ref: string) =>
  new RegExp(`^${t.ctx.config.publicUrl.replace(/[.]/g, '\\.')}/api/national-portal/files/${dossierId}/${kind}/${ref.replace(/[.]/g, '\\.')}\\?exp=${Math.floor((nowMs + FILE_LINK_TTL_MS) / 1000)}&sig=[A-Za-z0-9_-]{22}$`);

async function attach(s: Session, dossierId: string, file: { name: string; content: Buffer }, documentName: string, kind: 'component' | 'result', documentNumber?: string) {
  const m = multipart({ name: file.name, content: file.content }, { documentName, kind, ...(documentNumber ? { documentNumber } : {}) });
  const r = await injectAs(t.app, s, { method: 'POST', url: `/api/dossiers/${dossierId}/files`, payload: m.payload, headers: m.headers });
  expect(r.statusCode, r.body).toBe(201);
  return (r.json() as { sha256: string; documentName: string }[]).find((f) => f.documentName === documentName)!.sha256;
}

async function receiveBirth(): Promise<{ id: string; code: string }> {
  const res = await injectAs(t.app, seed.desk, {
    method: 'POST',
    url: '/api/dossiers',
    payload: {
      idempotencyKey: `documents-${nowMs}-${Math.random()}`,
      procedureId: birthProcedureId,
      receivingUnitId: seed.tree.deskA.id,
      resolvingUnitId: seed.tree.communeA.id,
      applicant: APPLICANT,
      documents: [
        { name: 'Tờ khai đăng ký khai sinh', kind: 'original', count: 1 },
        { name: 'Giấy chứng sinh', kind: 'copy', count: 1 },
        { name: 'Giấy tờ tùy thân của người đi đăng ký', kind: 'present', count: 1 },
      ],
      eform: { hoTen: 'Nguyễn Thị Bé' },
      outcome: 'accept',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; code: string };
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
  ({ seed } = await seedNationalDesk(t.app, t.ctx.db));
  sim = simulatorFor(t.ctx);
  const created = await injectAs(t.app, seed.admin, {
    method: 'POST',
    url: '/api/procedures',
    payload: {
      ownerUnitId: seed.tree.province.id,
      content: buildProcedureContent({
        documents: [
          { name: 'Tờ khai đăng ký khai sinh', kind: 'original', count: 1, required: true, filledByEform: true },
          { name: 'Giấy chứng sinh', kind: 'copy', count: 1, required: true },
        ],
      }),
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  birthProcedureId = created.json().id;
  const published = await injectAs(t.app, seed.admin, { method: 'POST', url: `/api/procedures/${birthProcedureId}/publish`, payload: { decisionNo: '3/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
  expect(published.statusCode, published.body).toBe(200);
});
afterAll(() => t?.close());

describe('components go out with their flags and a link the national portal can fetch', () => {
  let deskDossier: { id: string; code: string };
  let scanSha: string;
  let scanLink: string;

  it('a desk dossier: the scan digitised with its signed link, the e-form declaration digitised, a paper shown only at the desk not', async () => {
    deskDossier = await receiveBirth();
    scanSha = await attach(seed.desk, deskDossier.id, { name: 'giay-chung-sinh.pdf', content: pdf('giay-chung-sinh-be') }, 'Giấy chứng sinh', 'component');
    await drain();
    const copy = sim.dossiers.get(deskDossier.code)!;
    expect(copy.DanhSachTaiLieuNop).toEqual([
      { TenGiayTo: 'Giấy chứng sinh', TenTepDinhKem: 'giay-chung-sinh.pdf', DuocSoHoa: true, DuocLayTuKhoDMQG: false, DuongDanTaiLieu: expect.stringMatching(expected(deskDossier.id, 'component', scanSha)) },
      { TenGiayTo: 'Tờ khai đăng ký khai sinh', TenTepDinhKem: 'to-khai.pdf', DuocSoHoa: true, DuocLayTuKhoDMQG: false, DuongDanTaiLieu: expect.stringMatching(expected(deskDossier.id, 'declaration', 'to-khai.pdf')) },
      { TenGiayTo: 'Giấy tờ tùy thân của người đi đăng ký', TenTepDinhKem: 'Giấy tờ tùy thân của người đi đăng ký', DuocSoHoa: false, DuocLayTuKhoDMQG: false },
    ]);
    // Links only, never the content.
    expect(copy.DanhSachTaiLieuNop.some((d) => 'NoiDungTep' in d)).toBe(false);
    expect(copy.DanhSachGiayToKetQua).toEqual([]);
    // The data set's flag: the dossier has digitised components.
    expect(copy.HoSoCoThanhPhanSoHoa).toBe(1);
    expect(hasDigitisedComponent(copy.DanhSachTaiLieuNop.filter((x) => !x.DuocSoHoa))).toBe(0);
    scanLink = copy.DanhSachTaiLieuNop[0]!.DuongDanTaiLieu!;
    // The simulator's look-up answers with what it was sent.
    const looked = await nationalPortalOf(t.ctx)!.lookUp(deskDossier.code);
    expect(looked!.DanhSachTaiLieuNop).toEqual(copy.DanhSachTaiLieuNop);
  });

  it('the signed link downloads the exact bytes; the declaration link a PDF of the answers', async () => {
    const { path } = linkParts(scanLink);
    const got = await t.app.inject({ method: 'GET', url: path });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.rawPayload.equals(pdf('giay-chung-sinh-be'))).toBe(true);
    const declaration = linkParts(sim.dossiers.get(deskDossier.code)!.DanhSachTaiLieuNop[1]!.DuongDanTaiLieu!);
    const form = await t.app.inject({ method: 'GET', url: declaration.path });
    expect(form.statusCode).toBe(200);
    expect(form.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('a tampered, cut or expired link is 404, and another dossier\'s file is not reached by changing the id or the file', async () => {
    const { pathname, exp, sig } = linkParts(scanLink);
    const notFound = async (url: string) => {
      const r = await t.app.inject({ method: 'GET', url });
      expect([r.statusCode, r.json().code], url).toEqual([404, 'NATIONAL.FILE_NOT_FOUND']);
    };
    const flipped = `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    await notFound(`${pathname}?exp=${exp}&sig=${flipped}`);
    await notFound(`${pathname}?exp=${Number(exp) + 3600}&sig=${sig}`);
    await notFound(`${pathname}?exp=${exp}`);
    await notFound(pathname);
    await notFound(`${pathname.replace('/component/', '/result/')}?exp=${exp}&sig=${sig}`);
    await notFound(`/api/national-portal/files/..%2F..%2Fetc/component/${scanSha}?exp=${exp}&sig=${sig}`);
    // Another dossier with its own scan: its id or its file in this link opens nothing.
    const other = await receiveBirth();
    const otherSha = await attach(seed.desk, other.id, { name: 'khac.pdf', content: pdf('giay-chung-sinh-khac') }, 'Giấy chứng sinh', 'component');
    await notFound(`${pathname.replace(deskDossier.id, other.id)}?exp=${exp}&sig=${sig}`);
    await notFound(`${pathname.replace(scanSha, otherSha)}?exp=${exp}&sig=${sig}`);
    // Still good until it ends, then 404.
    advance(FILE_LINK_TTL_MS / 1000 - 1);
    expect((await t.app.inject({ method: 'GET', url: linkParts(scanLink).path })).statusCode).toBe(200);
    advance(1);
    await notFound(linkParts(scanLink).path);
  });

  it('a document taken from the citizen\'s store goes out flagged DuocLayTuKhoDMQG, with its link', async () => {
    const an = await registerCitizen(t.app, { identifier: 'an.kho@example.vn', idNumber: APPLICANT.idNumber, fullName: APPLICANT.fullName, birthDate: '1990-05-01', gender: 'male' });
    const v = await injectAs(t.app, seed.desk, { method: 'POST', url: `/api/citizen-accounts/${an.id}/verify-id`, payload: { idNumber: APPLICANT.idNumber, unitId: seed.tree.deskA.id } });
    expect(v.statusCode, v.body).toBe(204);
    const store = simulatorCitizenStore(t.ctx.db, clock);
    const { storeId } = await store.put({
      idNumber: APPLICANT.idNumber, sourceKey: `test:kho:${nowMs}`, name: 'Giấy chứng sinh', issuer: 'Bệnh viện Đa khoa tỉnh', dossierCode: null,
      issuedAt: new Date(nowMs).toISOString(), fileName: 'giay-chung-sinh-kho.pdf', mediaType: 'application/pdf', content: pdf('giay-chung-sinh-tu-kho'),
    });
    const taken = await injectAs(t.app, an, { method: 'POST', url: `/api/citizen/national-store/${storeId}/take` });
    expect(taken.statusCode, taken.body).toBe(201);
    const submitted = await injectAs(t.app, an, {
      method: 'POST',
      url: '/api/citizen/dossiers',
      payload: { idempotencyKey: `kho-${nowMs}`, procedureId: birthProcedureId, resolvingUnitId: seed.tree.communeA.id, eform: { hoTen: 'Nguyễn Thị Bé' }, documents: [{ name: 'Giấy chứng sinh', sha256: taken.json().sha256 }] },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const id = submitted.json().id as string;
    const accepted = await injectAs(t.app, seed.desk, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action: 'accept' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    await drain();
    const { rows } = await t.ctx.db.query<{ code: string }>(`SELECT code FROM dossier WHERE id = $1`, [id]);
    const copy = sim.dossiers.get(rows[0]!.code)!;
    const fromStore = copy.DanhSachTaiLieuNop.find((d) => d.TenGiayTo === 'Giấy chứng sinh')!;
    expect(fromStore).toEqual({ TenGiayTo: 'Giấy chứng sinh', TenTepDinhKem: 'giay-chung-sinh-kho.pdf', DuocSoHoa: true, DuocLayTuKhoDMQG: true, DuongDanTaiLieu: expect.stringMatching(expected(id, 'component', taken.json().sha256)) });
    const got = await t.app.inject({ method: 'GET', url: linkParts(fromStore.DuongDanTaiLieu!).path });
    expect([got.statusCode, got.rawPayload.equals(pdf('giay-chung-sinh-tu-kho'))]).toEqual([200, true]);
    // The declaration was answered online: digitised too; nothing here is a paper.
    expect(copy.DanhSachTaiLieuNop.map((d) => [d.TenGiayTo, d.DuocSoHoa, d.DuocLayTuKhoDMQG])).toEqual([
      ['Giấy chứng sinh', true, true],
      ['Tờ khai đăng ký khai sinh', true, false],
    ]);
  });

  it('an inbound dossier given by link only goes back with the original https link and the portal\'s flags', async () => {
    const push = nationalPushes(() => seed.tree.communeA.code, NATIONAL_CONTACT);
    const link = 'https://dichvucong.gov.vn/tep/G22.99-261207-0101/giay-xac-nhan.pdf';
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/national-portal/dossiers',
      headers: NATIONAL_INBOUND,
      payload: push('G22.99-261207-0101', { DanhSachTaiLieuNop: [{ TenTepDinhKem: 'giay-xac-nhan.pdf', TenGiayTo: 'Giấy xác nhận tình trạng hôn nhân', DuocSoHoa: true, DuocLayTuKhoDMQG: true, DuongDanTaiLieu: link }] }),
    });
    expect(r.statusCode, r.body).toBe(201);
    await drain();
    expect(sim.dossiers.get('G22.99-261207-0101')!.DanhSachTaiLieuNop).toEqual([
      { TenGiayTo: 'Giấy xác nhận tình trạng hôn nhân', TenTepDinhKem: 'giay-xac-nhan.pdf', DuocSoHoa: true, DuocLayTuKhoDMQG: true, DuongDanTaiLieu: link },
    ]);
  });
});

describe('results reach the national copy', () => {
  it('after approval the result is listed with its signed link, whole; a draft before it is not; the return keeps it', async () => {
    const d = await receiveBirth();
    await drain();
    const act = async (s: Session, action: string, extra: Record<string, unknown> = {}) => {
      const r = await injectAs(t.app, s, { method: 'POST', url: `/api/dossiers/${d.id}/actions`, payload: { action, ...extra } });
      expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
      await drain();
    };
    await act(seed.desk, 'forward');
    await act(seed.specialist, 'claim');
    await act(seed.specialist, 'forward');
    // The certificate's number as the officer entered it; the extract attached without one gets it at the approval.
    const sha = await attach(seed.leader, d.id, { name: 'giay-khai-sinh.pdf', content: pdf('giay-khai-sinh-ket-qua') }, 'Giấy khai sinh', 'result', '125/2026/GKS');
    const extract = await attach(seed.leader, d.id, { name: 'trich-luc.pdf', content: pdf('trich-luc-khai-sinh') }, 'Trích lục khai sinh', 'result');
    await drain();
    expect(sim.dossiers.get(d.code)!.DanhSachGiayToKetQua).toEqual([]);
    const before = sim.calls.length;
    await act(seed.leader, 'approve');
    const copy = sim.dossiers.get(d.code)!;
    expect(copy.TrangThaiHoSo).toBe(9);
    expect(copy.NgayKetThucXuLy).toMatch(/^2026\d{10}$/);
    expect(copy.DanhSachGiayToKetQua).toEqual([
      { TenGiayTo: 'Giấy khai sinh', MaGiayToKetQua: '125/2026/GKS', DuongDanTepTinKetQua: expect.stringMatching(expected(d.id, 'result', sha)) },
      { TenGiayTo: 'Trích lục khai sinh', MaGiayToKetQua: `${d.code}-KQ1`, DuongDanTepTinKetQua: expect.stringMatching(expected(d.id, 'result', extract)) },
    ]);
    // Kept: the officer's list of files shows the same numbers.
    const files = (await injectAs(t.app, seed.leader, { method: 'GET', url: `/api/dossiers/${d.id}/files` })).json() as { documentName: string; kind: string; documentNumber: string | null }[];
    expect(files.filter((f) => f.kind === 'result').map((f) => [f.documentName, f.documentNumber])).toEqual([
      ['Giấy khai sinh', '125/2026/GKS'],
      ['Trích lục khai sinh', `${d.code}-KQ1`],
    ]);
    // The result went in the whole record: a progress update carries no results.
    expect(sim.calls.slice(before).filter((c) => c.maHoSo === d.code).map((c) => c.service)).toEqual(['DongBoHoSoMC']);
    const got = await t.app.inject({ method: 'GET', url: linkParts(copy.DanhSachGiayToKetQua[0]!.DuongDanTepTinKetQua).path });
    expect([got.statusCode, got.rawPayload.equals(pdf('giay-khai-sinh-ket-qua'))]).toEqual([200, true]);
    await act(seed.desk, 'return_result', { receivedBy: APPLICANT.fullName });
    const returned = sim.dossiers.get(d.code)!;
    expect([returned.TrangThaiHoSo, returned.DanhSachGiayToKetQua.map((x) => [x.TenGiayTo, x.MaGiayToKetQua])]).toEqual([10, [['Giấy khai sinh', '125/2026/GKS'], ['Trích lục khai sinh', `${d.code}-KQ1`]]]);
    expect(returned.NgayTra).toMatch(/^2026\d{10}$/);
  });

  it('the reconciliation shows components or results that differ on the portal, and "Gửi lại" makes them equal', async () => {
    const d = await receiveBirth();
    await attach(seed.desk, d.id, { name: 'giay-chung-sinh-2.pdf', content: pdf('giay-chung-sinh-doi-soat') }, 'Giấy chứng sinh', 'component');
    await drain();
    expect((await reconcileDay(deps(), today())).differences).toBe(0);
    // Behind our back the portal loses the scan's flag and the declaration.
    const held = sim.dossiers.get(d.code)!;
    held.DanhSachTaiLieuNop = [{ ...held.DanhSachTaiLieuNop[0]!, DuocSoHoa: false }, ...held.DanhSachTaiLieuNop.slice(2)];
    await reconcileDay(deps(), today());
    const { rows } = await t.ctx.db.query<{ id: string; kind: string }>(`SELECT id::text, kind FROM national_sync_difference WHERE dossier_id = $1 AND resolved_at IS NULL`, [d.id]);
    expect(rows.map((r) => r.kind)).toEqual(['documents']);
    expect(await resendDossier({ db: t.ctx.db, clock }, rows[0]!.id)).toBe(true);
    await drain();
    await reconcileDay(deps(), today());
    const open = await t.ctx.db.query(`SELECT 1 FROM national_sync_difference WHERE dossier_id = $1 AND resolved_at IS NULL`, [d.id]);
    expect(open.rowCount).toBe(0);
    expect(sim.dossiers.get(d.code)!.DanhSachTaiLieuNop.map((x) => [x.TenGiayTo, x.DuocSoHoa])).toEqual([
      ['Giấy chứng sinh', true],
      ['Tờ khai đăng ký khai sinh', true],
      ['Giấy tờ tùy thân của người đi đăng ký', false],
    ]);
  });
});
