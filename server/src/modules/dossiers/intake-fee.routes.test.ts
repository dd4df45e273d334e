import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from '../../../test/factories.js';

type SeedProcedure = Parameters<typeof buildProcedureContent>[0] & { code: string };
const seeded = (JSON.parse(fs.readFileSync(new URL('../../../seed/procedures.json', import.meta.url), 'utf8')) as SeedProcedure[]).find((p) => p.code === '1.001193')!;

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
const now = new Date('2026-11-25T02:00:00Z'); // 09:00 Wednesday in Vietnam
let desk: Session;
let birth: string;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  const admin = await login(t.app, 'admin.tinh');
  desk = await login(t.app, 'motcua');
  // The real seeded birth registration: free on time, 8.000 đồng per copy of the extract asked (soBanSao).
  const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content: buildProcedureContent(seeded) } });
  expect(res.statusCode, res.body).toBe(201);
  birth = res.json().id as string;
  await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${birth}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
});
afterAll(() => t.close());

const answers = (soBanSao: number) => ({
  hoTenNguoiYeuCau: 'Nguyễn Văn An',
  soDinhDanhNguoiYeuCau: '087090001234',
  quanHe: 'Cha',
  hoTen: 'Nguyễn Thị Bé',
  ngaySinh: '2026-11-20',
  gioiTinh: 'Nữ',
  noiSinh: 'Bệnh viện Đa khoa tỉnh',
  hoTenMe: 'Trần Thị Bình',
  soBanSao,
});

let seq = 0;
const intake = (payload: Record<string, unknown>) =>
  injectAs(t.app, desk, {
    method: 'POST',
    url: '/api/dossiers',
    payload: {
      idempotencyKey: `fee-key-${++seq}`,
      procedureId: birth,
      receivingUnitId: tree.deskA.id,
      resolvingUnitId: tree.communeA.id,
      applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Nguyễn Văn An' },
      documents: [{ name: 'Tờ khai đăng ký khai sinh', kind: 'original', count: 1 }],
      outcome: 'accept',
      ...payload,
    },
  });

describe('the fee of a desk intake is the procedure rule the portal shows', () => {
  it('a birth registered with no copy asked is free; two copies cost 2 × 8.000 đồng', async () => {
    const free = await intake({ eform: answers(0) });
    expect(free.statusCode, free.body).toBe(201);
    expect(free.json().feeVnd).toBe(0);
    const two = await intake({ eform: answers(2) });
    expect(two.statusCode, two.body).toBe(201);
    expect(two.json().feeVnd).toBe(16000);
    const { rows } = await t.ctx.db.query<{ fee: number }>('SELECT fee_vnd AS fee FROM dossier WHERE id = ANY($1::uuid[]) ORDER BY fee_vnd', [[free.json().id, two.json().id]]);
    expect(rows.map((r) => Number(r.fee))).toEqual([0, 16000]);
  });

  it('a sum typed by the client is not what is recorded', async () => {
    const res = await intake({ eform: answers(1), feeVnd: 999000 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().feeVnd).toBe(8000);
  });
});
