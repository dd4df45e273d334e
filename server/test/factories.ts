import type { Queryable } from '../src/platform/database.js';
import { hashPassword } from '../src/modules/identity/password.js';
import { insertUnit, type UnitRow } from '../src/modules/org-units/unit.repo.js';
import type { TUnitKind } from '../src/modules/org-units/unit.contract.js';
import type { TProcedureContent, TStaffRole } from '../src/modules/procedures/procedure.contract.js';
import { ZProcedureContent } from '../src/modules/procedures/procedure.contract.js';

export const TEST_PASSWORD = 'Mat-khau-thu-nghiem-1';
let hashed: Promise<string> | null = null;

let seq = 0;
export async function buildUnit(q: Queryable, overrides: { kind?: TUnitKind; parent?: UnitRow | null; name?: string; code?: string } = {}): Promise<UnitRow> {
  seq++;
  return insertUnit(q, {
    code: overrides.code ?? `T${String(seq).padStart(3, '0')}.${Date.now() % 100000}`,
    name: overrides.name ?? `Đơn vị thử ${seq}`,
    kind: overrides.kind ?? 'commune',
    parent: overrides.parent ?? null,
    validFrom: null,
  }, new Date());
}

/** Two provinces, two communes in the first, a desk and an office in commune A. */
export async function buildUnitTree(q: Queryable) {
  const province = await buildUnit(q, { kind: 'province', name: 'Tỉnh Thử' });
  const otherProvince = await buildUnit(q, { kind: 'province', name: 'Tỉnh Khác' });
  const communeA = await buildUnit(q, { kind: 'commune', parent: province, name: 'Phường An Thử' });
  const communeB = await buildUnit(q, { kind: 'commune', parent: province, name: 'Xã Bình Thử' });
  const deskA = await buildUnit(q, { kind: 'desk', parent: communeA, name: 'Bộ phận một cửa phường An Thử' });
  const officeA = await buildUnit(q, { kind: 'office', parent: communeA, name: 'Phòng Văn hóa - Xã hội' });
  return { province, otherProvince, communeA, communeB, deskA, officeA };
}

/**
 * When the factories' rows were made: a fixed instant before every test's clock, never the database's now() — a row
 * stamped with the real date would make a test depend on the day it runs (the red suite of 3 December 2026).
 */
const FACTORY_TIME = new Date('2026-01-01T00:00:00Z');

export async function buildStaff(q: Queryable, username: string, grants: { role: TStaffRole; unit: UnitRow }[], homeUnit?: UnitRow): Promise<string> {
  hashed ??= hashPassword(TEST_PASSWORD);
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO staff_user (username, full_name, password_hash, home_unit_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
    [username, `Cán bộ ${username}`, await hashed, (homeUnit ?? grants[0]!.unit).id, FACTORY_TIME],
  );
  const id = rows[0]!.id;
  for (const g of grants) await q.query('INSERT INTO role_assignment (user_id, role, unit_id) VALUES ($1, $2, $3)', [id, g.role, g.unit.id]);
  return id;
}

export function buildProcedureContent(overrides: Partial<TProcedureContent> = {}): TProcedureContent {
  return ZProcedureContent.parse({
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    level: 'commune',
    agency: 'Ủy ban nhân dân cấp xã',
    processingTime: { amount: 1, unit: 'working_day' },
    fees: [{ name: 'Lệ phí đăng ký khai sinh đúng hạn', amountVnd: 0 }],
    documents: [{ name: 'Tờ khai đăng ký khai sinh', kind: 'original', count: 1 }],
    steps: [
      { name: 'Tiếp nhận hồ sơ', role: 'desk_officer', workingDays: 0.25 },
      { name: 'Thẩm định', role: 'specialist', workingDays: 0.5 },
      { name: 'Ký duyệt', role: 'leader', workingDays: 0.25 },
    ],
    result: 'Giấy khai sinh',
    onlineLevel: 'full',
    eform: { type: 'object', properties: { hoTen: { type: 'string', title: 'Họ, chữ đệm, tên' } }, required: ['hoTen'] },
    postalIntake: true,
    postalReturn: true,
    // Mapped to the national TTHC database under its own code; a partly online service says why (ND 224/2026 Điều 14).
    national: { maTTHC: overrides.code ?? '1.001193', maTruongHop: '' },
    notFullyOnline: overrides.onlineLevel === 'partial' ? { reason: 'presence_required', explanation: '', legalBasis: 'Nghị định 224/2026/NĐ-CP Điều 14' } : null,
    ...overrides,
  });
}

/** The unit's head who signs its letters (an apology letter is refused without one), from `validFrom` on. */
export async function buildSigner(q: Queryable, unit: UnitRow, fullName = 'Lê Văn Bình', validFrom = '2020-01-01'): Promise<void> {
  await q.query(
    `INSERT INTO unit_signer (id, unit_id, kind, full_name, title, head_title, valid_from, valid_to, updated_at, updated_by)
     VALUES (gen_random_uuid(), $1, 'head', $2, 'Chủ tịch', 'Chủ tịch', $3, NULL, $4, NULL)`,
    [unit.id, fullName, validFrom, FACTORY_TIME],
  );
}

/**
 * The body of a desk intake (POST /api/dossiers) that accepts a birth registration at `deskId` for `communeId`:
 * the applicant Nguyễn Văn An (a valid CCCD, a phone), one declaration received, the child's name in the e-form.
 */
export function deskIntakePayload(o: { deskId: string; communeId: string; procedureId: string; idempotencyKey: string }, overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: o.idempotencyKey,
    procedureId: o.procedureId,
    receivingUnitId: o.deskId,
    resolvingUnitId: o.communeId,
    applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Nguyễn Văn An', phone: '0912345678' },
    documents: [{ name: 'Tờ khai', kind: 'original', count: 1 }],
    eform: { hoTen: 'Nguyễn Thị Bé' },
    outcome: 'accept',
    ...overrides,
  };
}
