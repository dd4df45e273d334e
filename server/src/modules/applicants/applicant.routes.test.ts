import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnit, buildUnitTree } from '../../../test/factories.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
const now = new Date('2026-11-25T02:00:00Z');
let desk: Session, otherProvinceDesk: Session, specialist: Session;
const KNOWN = '087090001234';
const ACCOUNT_ONLY = '001203004567';
const CLAIM_ONLY = '079190001111';

const lookup = (s: Session | null, idNumber: unknown) => injectAs(t.app, s, { method: 'POST', url: '/api/applicants/lookup', payload: { idNumber } });

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  const otherCommune = await buildUnit(t.ctx.db, { kind: 'commune', parent: tree.otherProvince, name: 'Xã Khác' });
  const otherDesk = await buildUnit(t.ctx.db, { kind: 'desk', parent: otherCommune, name: 'Bộ phận một cửa xã Khác' });
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  await buildStaff(t.ctx.db, 'motcua.khac', [{ role: 'desk_officer', unit: otherDesk }]);
  await buildStaff(t.ctx.db, 'chuyenvien', [{ role: 'specialist', unit: tree.officeA }]);
  const admin = await login(t.app, 'admin.tinh');
  [desk, otherProvinceDesk, specialist] = await Promise.all(['motcua', 'motcua.khac', 'chuyenvien'].map((u) => login(t.app, u))) as [Session, Session, Session];
  const created = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content: buildProcedureContent() } });
  const procedureId = created.json().id as string;
  await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
  const res = await injectAs(t.app, desk, {
    method: 'POST',
    url: '/api/dossiers',
    payload: {
      idempotencyKey: 'lookup-seed-0001',
      procedureId,
      receivingUnitId: tree.deskA.id,
      resolvingUnitId: tree.communeA.id,
      applicant: { kind: 'citizen', idNumber: KNOWN, fullName: 'Nguyễn Văn An', birthDate: '1990-05-17', address: 'Số 1 đường Thử, phường An Thử', phone: '0912345678', email: 'an@example.vn' },
      outcome: 'accept',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  // A proven account living in the province, and an unproven claim of another number (anyone may type any number).
  await t.ctx.db.query(
    `INSERT INTO citizen_account (oidc_subject, id_number, full_name, birth_date, gender, address, address_unit_id, phone, email, id_verified_at, id_verified_via, created_at, updated_at)
     VALUES ('sub-binh', $1, 'Trần Văn Bình', '2003-02-01', 'male', 'Thôn 2, xã Bình Thử', $2, '0987654321', 'binh@example.vn', $3, 'oidc', $3, $3),
            ('sub-gia', $4, 'Lê Văn Giả', NULL, NULL, NULL, $2, '0911111111', NULL, NULL, NULL, $3, $3)`,
    [ACCOUNT_ONLY, tree.communeB.id, now, CLAIM_ONLY],
  );
});
afterAll(() => t.close());

describe('POST /api/applicants/lookup (CCCD at the desk)', () => {
  it('finds the applicant of an earlier dossier of the province, with every fact typed then', async () => {
    const res = await lookup(desk, '0870 9000 1234');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      found: true,
      applicant: { idNumber: KNOWN, fullName: 'Nguyễn Văn An', birthDate: '1990-05-17', gender: 'male', address: 'Số 1 đường Thử, phường An Thử', phone: '0912345678', email: 'an@example.vn', sources: ['earlier_dossier'] },
    });
    // The look-up is a look at personal data: the dossier's access log records it.
    const logged = await t.ctx.db.query(`SELECT purpose, detail FROM dossier_access WHERE purpose = 'search' AND detail = 'CCCD'`);
    expect(logged.rowCount).toBe(1);
  });

  it('finds a verified citizen account of the province; never an unproven claim', async () => {
    expect((await lookup(desk, ACCOUNT_ONLY)).json()).toMatchObject({ found: true, applicant: { fullName: 'Trần Văn Bình', birthDate: '2003-02-01', gender: 'male', phone: '0987654321', sources: ['citizen_account'] } });
    expect((await lookup(desk, CLAIM_ONLY)).json()).toEqual({ found: false, applicant: null });
  });

  it("gives another province's officer nothing", async () => {
    for (const n of [KNOWN, ACCOUNT_ONLY]) {
      const res = await lookup(otherProvinceDesk, n);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ found: false, applicant: null });
    }
  });

  it('is for desk officers only, and refuses a malformed number with a code', async () => {
    expect((await lookup(specialist, KNOWN)).statusCode).toBe(403);
    expect((await lookup(null, KNOWN)).statusCode).toBe(401);
    for (const bad of ['12345', '123456789', 'abc', 123, '087090001234; DROP']) {
      const res = await lookup(desk, bad);
      expect(res.statusCode, String(bad)).toBe(400);
      expect(res.json().code).toBe('COMMON.VALIDATION');
      // Said in words, never as a regular expression.
      if (typeof bad === 'string') expect(JSON.stringify(res.json().details)).toContain('Số định danh cá nhân (số CCCD) phải gồm đúng 12 chữ số.');
      expect(JSON.stringify(res.json())).not.toContain('\\d{12}');
    }
    // Well-formed but impossible (an unknown province code): the CCCD rule's Vietnamese reason.
    const res = await lookup(desk, '999090001234');
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toMatch(/tỉnh|mã/i);
  });
});
