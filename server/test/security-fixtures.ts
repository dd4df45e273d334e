import { randomUUID } from 'node:crypto';
import { buildStaff, buildUnit } from './factories.js';
import { injectAs, login, type Session, type TestApp } from './app.js';
import { APPLICANT, seedDesk } from './dossier-fixtures.js';
import { multipart, pdf, registerCitizen } from './citizens.js';
import type { Bindings } from './openapi-sampler.js';

/** A caller of the authorisation matrix: how it signs in and where its roles are. */
export type Persona = {
  name: string;
  session: Session | null;
  kind: 'anonymous' | 'citizen' | 'staff';
  /** Permissions this persona holds somewhere (staff only). */
  permissions: string[];
  /** True when the persona belongs to unit A (the unit owning every fixture): its answers are not judged as an outsider's. */
  insider: boolean;
};

/** Text that only a caller entitled to unit A's data (or citizen A's) may ever see in an answer. */
export const PRIVATE_FILE_MARK = 'HO-SO-RIENG-TU-CUA-CONG-DAN-A';

/**
 * Real data of unit A (a commune of province A with its desk and office) and of citizen A — a dossier received at the
 * desk, an online dossier, files, a payment, a calendar adjustment, a kiosk, a daily report — and one persona per kind
 * of caller: anonymous, citizen A, citizen B, each staff role of unit A, an officer of another commune holding every
 * dossier role, and an administrator (with inspector) of another province.
 */
export async function buildSecurityFixtures(t: TestApp) {
  const s = await seedDesk(t.app, t.ctx.db);
  const db = t.ctx.db;
  const { tree } = s;
  const userA = (await db.query<{ id: string }>(`SELECT id FROM staff_user WHERE username = 'chuyenvien'`)).rows[0]!.id;
  await buildStaff(db, 'truongphong', [{ role: 'head', unit: tree.officeA }]);
  await buildStaff(db, 'buudien', [{ role: 'postal', unit: tree.communeA }]);
  await buildStaff(db, 'thanhtra', [{ role: 'inspector', unit: tree.province }]);
  await buildStaff(db, 'ngoai.xa', ['desk_officer', 'specialist', 'head', 'leader', 'postal', 'inspector'].map((role) => ({ role: role as 'desk_officer', unit: tree.communeB })));
  const otherCommune = await buildUnit(db, { kind: 'commune', parent: tree.otherProvince, name: 'Xã Tỉnh Khác' });
  await buildStaff(db, 'quantri.tinh.khac', [{ role: 'admin', unit: tree.otherProvince }, { role: 'inspector', unit: tree.otherProvince }], otherCommune);

  const dossier = await s.receive();
  const m = multipart({ name: 'giay-to.pdf', content: pdf(PRIVATE_FILE_MARK) }, { documentName: 'Tờ khai' });
  const file = await injectAs(t.app, s.desk, { method: 'POST', url: `/api/dossiers/${dossier.id}/files`, payload: m.payload, headers: m.headers });
  if (file.statusCode !== 201 && file.statusCode !== 200) throw new Error(`file upload failed: ${file.body}`);
  const fileSha = (await db.query<{ sha256: string }>(`SELECT sha256 FROM dossier_file WHERE dossier_id = $1 LIMIT 1`, [dossier.id])).rows[0]!.sha256;

  const citizenA = await registerCitizen(t.app, { identifier: 'an.matran@example.vn', idNumber: APPLICANT.idNumber, fullName: APPLICANT.fullName, birthDate: '1990-05-01', gender: 'male' });
  const citizenB = await registerCitizen(t.app, { identifier: 'binh.matran@example.vn', idNumber: '079195000123', fullName: 'Trần Thị Bình', birthDate: '1995-02-03', gender: 'female' });
  const docUpload = multipart({ name: 'cccd.pdf', content: pdf(`${PRIVATE_FILE_MARK}-kho`) }, { name: 'Căn cước' });
  const doc = await injectAs(t.app, citizenA, { method: 'POST', url: '/api/citizen/documents', payload: docUpload.payload, headers: docUpload.headers });
  const docBody = (doc.json() as { id: string; sha256: string }[])[0]!;
  const online = await injectAs(t.app, citizenA, {
    method: 'POST',
    url: '/api/citizen/dossiers',
    payload: { idempotencyKey: 'matran-online-1', procedureId: s.procedureId, resolvingUnitId: tree.communeA.id, eform: { hoTen: APPLICANT.fullName }, documents: [{ name: 'Tờ khai đăng ký khai sinh', sha256: docBody.sha256 }] },
  });
  if (online.statusCode !== 201) throw new Error(`online submission failed: ${online.body}`);
  const onlineId = (online.json() as { id: string }).id;

  const pay = await t.app.inject({ method: 'POST', url: '/api/payments/public/start', payload: { code: dossier.code, secret: APPLICANT.phone, method: 'vietqr' } });
  const reference = (pay.json() as { reference?: string }).reference ?? 'KHONGCO';
  const paymentId = (await db.query<{ id: string }>(`SELECT id FROM payment WHERE reference = $1`, [reference])).rows[0]?.id ?? randomUUID();
  const adj = await injectAs(t.app, s.admin, { method: 'POST', url: '/api/calendar/adjustments', payload: { day: '2026-12-31', kind: 'day_off', name: 'Nghỉ bù thử', unitId: tree.communeA.id } });
  const adjustmentId = (adj.json() as { id?: string }).id ?? randomUUID();
  const kiosk = await injectAs(t.app, s.desk, { method: 'POST', url: '/api/satisfaction/kiosks', payload: { unitId: tree.deskA.id, name: 'Máy đánh giá thử' } });
  const kioskId = (kiosk.json() as { id?: string }).id ?? randomUUID();
  await injectAs(t.app, s.admin, { method: 'POST', url: '/api/reports/daily/run' });
  const dailyId = (await db.query<{ id: string }>(`SELECT id FROM report_daily ORDER BY id LIMIT 1`)).rows[0]?.id ?? randomUUID();
  const versionId = (await db.query<{ id: string }>(`SELECT current_version_id AS id FROM procedure WHERE id = $1`, [s.procedureId])).rows[0]!.id;

  const ids = { dossier: dossier.id, code: dossier.code, online: onlineId, fileSha, doc: docBody.id, docSha: docBody.sha256, reference, paymentId, adjustmentId, kioskId, dailyId, versionId, userA, procedureId: s.procedureId };

  const bindings: Bindings = {
    byName(name, context) {
      const citizenPath = context.startsWith('/api/citizen/');
      switch (name) {
        case 'id':
          return idFor(context);
        case 'sha256':
          return citizenPath ? docBody.sha256 : fileSha;
        case 'procedureId':
          return s.procedureId;
        case 'versionId':
          return versionId;
        case 'reference':
          return reference;
        case 'code':
        case 'dossierCode':
          return dossier.code;
        case 'dossierId':
          return dossier.id;
        case 'userId':
          return userA;
        case 'receivingUnitId':
          return tree.deskA.id;
        case 'form':
          return 'receipt';
        case 'year':
          return '2026';
        case 'idempotencyKey':
          return `matran-${randomUUID()}`;
      }
      if (name === 'unitId' || name.endsWith('UnitId') || name === 'predecessorId' || name === 'parentId') return tree.communeA.id;
      return undefined;
    },
  };
  function idFor(path: string): string {
    const segment = path.replace(/\/\{id\}.*$/, '').split('/').pop();
    switch (segment) {
      case 'users':
        return userA;
      case 'dossiers':
        return path.startsWith('/api/citizen/') ? onlineId : dossier.id;
      case 'procedures':
        return s.procedureId;
      case 'adjustments':
        return adjustmentId;
      case 'units':
        return tree.communeA.id;
      case 'daily':
        return dailyId;
      case 'kiosks':
        return kioskId;
      case 'documents':
        return docBody.id;
      case 'payments':
        return paymentId;
      default:
        return randomUUID();
    }
  }

  const staff = async (name: string, username: string, permissions: string[], insider: boolean): Promise<Persona> => ({ name, session: await login(t.app, username), kind: 'staff', permissions, insider });
  const personas: Persona[] = [
    { name: 'vô danh / anonymous', session: null, kind: 'anonymous', permissions: [], insider: false },
    { name: 'công dân A / citizen A', session: citizenA, kind: 'citizen', permissions: [], insider: true },
    { name: 'công dân B / another citizen', session: citizenB, kind: 'citizen', permissions: [], insider: false },
    await staff('quản trị tỉnh A / admin', 'quantri', ['units.manage', 'users.manage', 'procedures.manage', 'calendar.manage', 'audit.read', 'catalog.read', 'reports.read', 'reports.manage'], true),
    await staff('một cửa xã A / desk officer', 'motcua', ['catalog.read', 'dossiers.receive', 'dossiers.read'], true),
    await staff('chuyên viên / specialist', 'chuyenvien', ['catalog.read', 'dossiers.process', 'dossiers.read'], true),
    await staff('trưởng phòng / head', 'truongphong', ['catalog.read', 'dossiers.process', 'dossiers.read', 'reports.read'], true),
    await staff('lãnh đạo / leader', 'lanhdao', ['catalog.read', 'dossiers.process', 'dossiers.read', 'reports.read', 'reports.manage'], true),
    await staff('bưu điện / postal', 'buudien', ['postal.work'], true),
    await staff('thanh tra tỉnh / inspector', 'thanhtra', ['audit.read', 'catalog.read', 'dossiers.read', 'reports.read', 'reports.manage'], true),
    await staff('cán bộ xã khác / officer of another unit', 'ngoai.xa', ['catalog.read', 'dossiers.receive', 'dossiers.read', 'dossiers.process', 'reports.read', 'postal.work', 'audit.read', 'reports.manage'], false),
    await staff('quản trị tỉnh khác / admin of another province', 'quantri.tinh.khac', ['units.manage', 'users.manage', 'procedures.manage', 'calendar.manage', 'audit.read', 'catalog.read', 'reports.read', 'reports.manage', 'dossiers.read'], false),
  ];
  /** Strings that must never appear in an answer to an outsider: ids, codes and personal data of unit A and citizen A. */
  const markers = [dossier.id, dossier.code, onlineId, userA, docBody.id, APPLICANT.idNumber, APPLICANT.address, PRIVATE_FILE_MARK];
  return { ...s, ids, bindings, personas, markers, citizenA, citizenB };
}
