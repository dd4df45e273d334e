import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildStaff, buildUnitTree } from '../../../test/factories.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let admin: Session;
/** The server's clock: the real time unless a test sets an instant. */
let instant: Date | null = null;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => instant ?? new Date() } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'admin.xa', [{ role: 'admin', unit: tree.communeA }]);
  await buildStaff(t.ctx.db, 'thanhtra', [{ role: 'inspector', unit: tree.province }]);
  admin = await login(t.app, 'admin.tinh');
});
afterAll(() => t.close());

describe('units', () => {
  it('creates a unit of any depth with its identifier code; codes are unique', async () => {
    const res = await injectAs(t.app, admin, {
      method: 'POST',
      url: '/api/units',
      payload: { code: '000.21.30.h29', name: 'Tổ một cửa lưu động', kind: 'desk', parentId: tree.officeA.id },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ code: '000.21.30.H29', depth: 3, parentId: tree.officeA.id });
    const dup = await injectAs(t.app, admin, { method: 'POST', url: '/api/units', payload: { code: '000.21.30.H29', name: 'Trùng mã', kind: 'desk', parentId: tree.officeA.id } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('UNIT.CODE_TAKEN');
    const bad = await injectAs(t.app, admin, { method: 'POST', url: '/api/units', payload: { code: 'mã sai!', name: 'X', kind: 'desk', parentId: null } });
    expect(bad.statusCode).toBe(400);
  });

  it('merges communes into a new one on a date; the old units stay, closed, linked to their successor', async () => {
    const res = await injectAs(t.app, admin, {
      method: 'POST',
      url: '/api/units/reorganisations',
      payload: {
        kind: 'merge',
        effectiveOn: '2025-07-01',
        predecessorIds: [tree.communeA.id, tree.communeB.id],
        successor: { create: { code: '000.00.99.H29', name: 'Phường Hợp Nhất', kind: 'commune', parentId: tree.province.id } },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const successor = res.json();
    expect(successor.validFrom).toBe('2025-07-01');

    const before = (await t.app.inject({ url: '/api/units?on=2025-06-30' })).json().map((u: { id: string }) => u.id);
    expect(before).toContain(tree.communeA.id);
    expect(before).toContain(tree.deskA.id);
    expect(before).not.toContain(successor.id);
    const after = (await t.app.inject({ url: '/api/units?on=2025-07-01' })).json();
    const ids = after.map((u: { id: string }) => u.id);
    expect(ids).toContain(successor.id);
    expect(ids).not.toContain(tree.communeA.id);
    expect(ids).not.toContain(tree.deskA.id); // children close with their unit
    const merged = after.find((u: { id: string }) => u.id === successor.id);
    expect(merged.predecessors.map((p: { name: string }) => p.name).sort()).toEqual(['Phường An Thử', 'Xã Bình Thử']);
    const all = (await t.app.inject({ url: '/api/units' })).json();
    const old = all.find((u: { id: string }) => u.id === tree.communeA.id);
    expect(old).toMatchObject({ name: 'Phường An Thử', validTo: '2025-06-30', successors: [{ id: successor.id, kind: 'merge' }] });

    const twice = await injectAs(t.app, admin, {
      method: 'POST',
      url: '/api/units/reorganisations',
      payload: { kind: 'rename', effectiveOn: '2026-01-01', predecessorIds: [tree.communeA.id], successor: { existingId: successor.id } },
    });
    expect(twice.statusCode).toBe(409);
  });

  it('says which units are closed by the server\'s clock, not the caller\'s: the last day still open, the next closed', async () => {
    const onDay = async (at: string) => {
      instant = new Date(at);
      try {
        const units = (await t.app.inject({ url: '/api/units' })).json() as { code: string; validTo: string | null; closed: boolean }[];
        const openToday = (await t.app.inject({ url: '/api/units?open=true&kind=commune' })).json() as { code: string }[];
        return units.filter((u) => u.code === '000.77.01.H29').map((u) => [u.validTo, u.closed, openToday.some((o) => o.code === u.code)]);
      } finally {
        instant = null;
      }
    };
    const created = await injectAs(t.app, admin, { method: 'POST', url: '/api/units', payload: { code: '000.77.01.H29', name: 'Xã Đóng Thử', kind: 'commune', parentId: tree.province.id } });
    expect(created.statusCode, created.body).toBe(201);
    await t.ctx.db.query(`UPDATE unit SET valid_to = '2026-03-31' WHERE id = $1`, [created.json().id]);
    // 23:59 on its last day in Vietnam is 16:59 UTC; one minute later (17:00 UTC) is 1 April in Vietnam.
    expect(await onDay('2026-03-31T16:59:00Z')).toEqual([['2026-03-31', false, true]]);
    expect(await onDay('2026-03-31T17:00:00Z')).toEqual([['2026-03-31', true, false]]);
    const both = await t.app.inject({ url: '/api/units?open=true&on=2026-03-31' });
    expect(both.statusCode).toBe(400);
    expect(both.json().details.issues).toEqual([expect.objectContaining({ path: '/open', message: expect.stringContaining('Chọn một trong hai') })]);
  });

  it('is refused to a commune administrator outside their commune, to an inspector, and to anonymous callers', async () => {
    const payload = { code: '000.00.98.H29', name: 'Xã Mới', kind: 'commune', parentId: tree.province.id };
    const adminXa = await login(t.app, 'admin.xa');
    expect((await injectAs(t.app, adminXa, { method: 'POST', url: '/api/units', payload })).statusCode).toBe(403);
    const inspector = await login(t.app, 'thanhtra');
    expect((await injectAs(t.app, inspector, { method: 'POST', url: '/api/units', payload })).statusCode).toBe(403);
    expect((await injectAs(t.app, null, { method: 'POST', url: '/api/units', payload })).statusCode).toBe(401);
    expect((await injectAs(t.app, adminXa, { method: 'PATCH', url: `/api/units/${tree.province.id}`, payload: { name: 'Đổi tên' } })).statusCode).toBe(403);
    const n = await t.ctx.db.query(`SELECT count(*)::int AS n FROM unit WHERE code = '000.00.98.H29'`);
    expect(n.rows[0].n).toBe(0);
  });
});

describe('every route declares who may call it', () => {
  it('the OpenAPI document marks each /api operation with x-access', async () => {
    const doc = (await t.app.inject({ url: '/docs/json' })).json();
    const ops = Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap(([p, methods]) =>
      Object.entries(methods).map(([m, op]) => ({ route: `${m.toUpperCase()} ${p}`, access: op['x-access'] })),
    );
    expect(ops.length).toBeGreaterThan(15);
    for (const op of ops) expect(op.access, op.route).toMatch(/^(public|staff|citizen|perm:[a-z.]+)$/);
  });

  it('health, readiness and metrics answer', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('motcua_http_request_duration_seconds');
  });

  it('unknown routes are a 404 with a Vietnamese message', async () => {
    const res = await t.app.inject({ url: '/api/khong-co' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'COMMON.NOT_FOUND', message: 'Không tìm thấy dữ liệu yêu cầu.' });
  });
});

describe('contacts for the portal footer (issue 14)', () => {
  it('gives the configured support line, and the nearest information site of the citizen\'s unit', async () => {
    const none = await t.app.inject({ url: '/api/units/contacts' });
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ hotline: { name: 'Tổng đài hỗ trợ Cổng Dịch vụ công quốc gia', phone: '1800 1096', tel: '18001096' }, unit: null });
    await t.ctx.db.query(
      `INSERT INTO portal_site (unit_id, slug, title, address, phone, feedback_phone, email, updated_at) VALUES ($1, 'tinh-thu', 'Cổng thông tin Tỉnh Thử', 'Số 1 Quảng trường', '0277 3851 234', '0277 1022', 'vp@tinhthu.gov.vn', now())`,
      [tree.province.id],
    );
    // A commune without its own site reads its province's.
    const commune = (await t.app.inject({ url: `/api/units/contacts?unitId=${tree.communeA.id}` })).json();
    expect(commune.unit).toEqual({ name: 'Cổng thông tin Tỉnh Thử', address: 'Số 1 Quảng trường', phone: '0277 3851 234', feedbackPhone: '0277 1022', email: 'vp@tinhthu.gov.vn', siteUrl: '/trang/tinh-thu' });
    await t.ctx.db.query(`INSERT INTO portal_site (unit_id, slug, title, phone, updated_at) VALUES ($1, 'phuong-an-thu', 'Phường An Thử', '0277 3999 000', now())`, [tree.communeA.id]);
    expect((await t.app.inject({ url: `/api/units/contacts?unitId=${tree.communeA.id}` })).json().unit).toMatchObject({ name: 'Phường An Thử', phone: '0277 3999 000', siteUrl: '/trang/phuong-an-thu' });
    expect((await t.app.inject({ url: `/api/units/contacts?unitId=${tree.otherProvince.id}` })).json().unit).toBeNull();
    expect((await t.app.inject({ url: '/api/units/contacts?unitId=abc' })).statusCode).toBe(400);
  });

  it('takes the support line from PORTAL_HOTLINE', async () => {
    const other = await buildTestApp({ env: { PORTAL_HOTLINE: 'Tổng đài Trung tâm Phục vụ hành chính công tỉnh|0277 1900 123' } });
    try {
      expect((await other.app.inject({ url: '/api/units/contacts' })).json().hotline).toEqual({ name: 'Tổng đài Trung tâm Phục vụ hành chính công tỉnh', phone: '0277 1900 123', tel: '02771900123' });
    } finally {
      await other.close();
    }
  });
});
