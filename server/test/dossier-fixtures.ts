import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../src/platform/database.js';
import { injectAs, login, type Session } from './app.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from './factories.js';
import type { THoSoInput } from '../src/modules/national-portal/national-portal.contract.js';
import type { TStaffRole } from '../src/modules/procedures/procedure.contract.js';

export const APPLICANT = { kind: 'citizen', idNumber: '087090001234', fullName: 'Nguyễn Văn An', phone: '0912345678', address: 'Số 1 đường Trần Hưng Đạo, phường An Thử' } as const;

/**
 * A unit tree, the officers of a one-stop desk and its commune (desk, specialist, leader), a desk officer of another
 * commune, and a published 3-step procedure with a fee: what payment and satisfaction tests start from.
 */
export async function seedDesk(app: FastifyInstance, db: Queryable, feeVnd = 15000) {
  const tree = await buildUnitTree(db);
  await buildStaff(db, 'quantri', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  await buildStaff(db, 'chuyenvien', [{ role: 'specialist', unit: tree.officeA }]);
  await buildStaff(db, 'lanhdao', [{ role: 'leader', unit: tree.communeA }]);
  await buildStaff(db, 'motcua.khac', [{ role: 'desk_officer', unit: tree.communeB }]);
  const [admin, desk, specialist, leader, otherDesk] = (await Promise.all(['quantri', 'motcua', 'chuyenvien', 'lanhdao', 'motcua.khac'].map((u) => login(app, u)))) as [Session, Session, Session, Session, Session];
  const created = await injectAs(app, admin, {
    method: 'POST',
    url: '/api/procedures',
    payload: { ownerUnitId: tree.province.id, content: buildProcedureContent({ code: '1.000894', name: 'Đăng ký kết hôn', fees: [{ name: 'Lệ phí đăng ký kết hôn', amountVnd: feeVnd }] }) },
  });
  const procedureId = (created.json() as { id: string }).id;
  await injectAs(app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
  let seq = 0;
  // The intake records the fee of the procedure's rule, so a dossier without a fee is one of a free procedure (made on
  // first use: the other tests see one procedure only).
  let freeProcedureId: string | null = null;
  const freeProcedure = async () => {
    if (freeProcedureId) return freeProcedureId;
    const free = await injectAs(app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content: buildProcedureContent({ fees: [{ name: 'Lệ phí đăng ký khai sinh đúng hạn', amountVnd: 0 }] }) } });
    freeProcedureId = (free.json() as { id: string }).id;
    await injectAs(app, admin, { method: 'POST', url: `/api/procedures/${freeProcedureId}/publish`, payload: { decisionNo: '2/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    return freeProcedureId;
  };
  /** Receives a dossier at desk A (accepted; with the procedure's fee, or of a free procedure) and returns its id and code. */
  const receive = async (charged = true): Promise<{ id: string; code: string }> => {
    const res = await injectAs(app, desk, {
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        idempotencyKey: `fixture-${++seq}-${Date.now()}`,
        procedureId: charged ? procedureId : await freeProcedure(),
        receivingUnitId: tree.deskA.id,
        resolvingUnitId: tree.communeA.id,
        applicant: APPLICANT,
        documents: [{ name: 'Tờ khai', kind: 'original', count: 1 }],
        eform: { hoTen: 'Nguyễn Thị Bé' },
        outcome: 'accept',
      },
    });
    if (res.statusCode !== 201) throw new Error(`intake failed: ${res.body}`);
    const d = res.json() as { id: string; code: string };
    return { id: d.id, code: d.code };
  };
  /** Walks a received dossier to the result (and returns it to the applicant unless `returnIt` is false). */
  const finish = async (id: string, returnIt = true) => {
    const act = async (s: Session, action: string, extra: Record<string, unknown> = {}) => {
      const r = await injectAs(app, s, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action, ...extra } });
      if (r.statusCode !== 200) throw new Error(`${action} failed: ${r.body}`);
    };
    await act(desk, 'forward');
    await act(specialist, 'claim');
    await act(specialist, 'forward');
    await act(leader, 'approve');
    if (returnIt) await act(desk, 'return_result', { receivedBy: APPLICANT.fullName });
  };
  return { tree, admin, desk, specialist, leader, otherDesk, procedureId, receive, finish };
}

/** The bearer the national portal pushes with in tests (NATIONAL_PORTAL_INBOUND_SECRET's development value). */
export const NATIONAL_INBOUND = { authorization: 'Bearer motcua-national-portal-inbound-dev-secret' } as const;
/** A small PDF, as a pushed attachment's content. */
export const NATIONAL_PDF = Buffer.from('%PDF-1.4\n% to khai\n%%EOF\n');

/**
 * The desk of seedDesk and an officer of its commune, signed in, who holds the national portal's pages and the
 * simulator's controls (an inspector by default): what the national portal's tests start from.
 */
export async function seedNationalDesk(app: FastifyInstance, db: Queryable, officer: { username: string; role?: TStaffRole } = { username: 'thanhtra' }) {
  const seed = await seedDesk(app, db);
  await buildStaff(db, officer.username, [{ role: officer.role ?? 'inspector', unit: seed.tree.communeA }]);
  return { seed, officer: await login(app, officer.username) };
}

/**
 * A builder of dossiers as the national portal pushes them (DongBoHoSoMC) for the procedure of seedDesk and the
 * applicant An, at the unit whose code `unitCode` gives (read when a dossier is built: the tree is made in beforeAll).
 * `defaults` are each test file's own (contact, fees, files, flags); `over` each dossier's.
 */
export function nationalPushes(unitCode: () => string, defaults: Partial<THoSoInput> = {}) {
  return (maHoSo: string, over: Partial<THoSoInput> = {}): THoSoInput => ({
    MaHoSo: maHoSo,
    MaTTHC: '1.000894',
    TenTTHC: 'Đăng ký kết hôn',
    KenhThucHien: 2,
    ChuHoSo: APPLICANT.fullName,
    MaDoiTuong: APPLICANT.idNumber,
    NgayNopHoSo: '20261207083000',
    TrangThaiHoSo: 1,
    DonViXuLy: unitCode(),
    DuLieuBieuMau: { hoTen: 'Nguyễn Thị Bé' },
    ...defaults,
    ...over,
  });
}

/** An's contact as the national portal gives it. */
export const NATIONAL_CONTACT = { SoDienThoai: APPLICANT.phone, DiaChi: APPLICANT.address, HinhThucTra: 1 } satisfies Partial<THoSoInput>;
