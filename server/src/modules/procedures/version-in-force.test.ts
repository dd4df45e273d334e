import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from '../../../test/factories.js';
import { allJobs } from '../jobs.js';

// The injected clock: 04/12/2026 10:00 in Vietnam, moved by the tests (never the machine's time).
let now = new Date('2026-12-04T03:00:00Z');
let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let admin: Session;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  admin = await login(t.app, 'admin.tinh');
});
afterAll(() => t.close());

const eform = (title: string) => ({ type: 'object', properties: { soDienThoai: { type: 'string', title } }, required: ['soDienThoai'] });
const publish = (id: string, effectiveFrom: string) =>
  injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${id}/publish`, payload: { decisionNo: '99/QĐ-UBND', decisionDate: '2026-12-01', effectiveFrom } });
const listed = async (q: string) =>
  ((await t.app.inject({ url: `/api/catalog/procedures?q=${encodeURIComponent(q)}` })).json().items as { id: string; name: string; feeTotalVnd: number }[]);

describe('a version published for a later date (issue 15, finding 1)', () => {
  it('is shown as upcoming, not used, until its date comes; then it takes over without anyone acting', async () => {
    now = new Date('2026-12-04T03:00:00Z');
    const created = await injectAs(t.app, admin, {
      method: 'POST',
      url: '/api/procedures',
      payload: { ownerUnitId: tree.province.id, content: buildProcedureContent({ code: '1.004837', name: 'Đăng ký giám hộ', eform: eform('Số điện thoại liên hệ') }) },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await publish(id, '2025-07-01')).statusCode).toBe(200);
    expect((await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${id}/revisions` })).statusCode).toBe(201);
    const v2 = buildProcedureContent({
      code: '1.004837',
      name: 'Đăng ký giám hộ năm hai nghìn không trăm hai mươi bảy',
      eform: eform('Số điện thoại liên hệ (bản 2027)'),
      fees: [{ name: 'Lệ phí', amountVnd: 5000 }],
    });
    expect((await injectAs(t.app, admin, { method: 'PUT', url: `/api/procedures/${id}/draft`, payload: v2 })).statusCode).toBe(200);
    const pub = await publish(id, '2027-01-01');
    expect(pub.statusCode, pub.body).toBe(200);

    // Today: version 1 is the one in force for the public page, the staff console and the desk's intake form…
    for (const url of [`/api/catalog/procedures/${id}`, `/api/procedures/${id}`]) {
      const d = (await injectAs(t.app, admin, { url })).json();
      expect([url, d.current.versionNo, d.current.content.eform.properties.soDienThoai.title]).toEqual([url, 1, 'Số điện thoại liên hệ']);
      expect([d.upcoming.versionNo, d.upcoming.effectiveFrom, d.upcoming.content.eform.properties.soDienThoai.title]).toEqual([2, '2027-01-01', 'Số điện thoại liên hệ (bản 2027)']);
      expect(d.acceptsDossiersToday).toBe(true);
    }
    // The status of each version, by one rule on the injected clock: version 1 is in force (stored "superseded" since
    // version 2 was published), version 2 upcoming — the same in the list, in `current` and in `upcoming`.
    const staffView = (await injectAs(t.app, admin, { url: `/api/procedures/${id}` })).json();
    expect(staffView.versions.map((v: { versionNo: number; status: string }) => [v.versionNo, v.status])).toEqual([[2, 'upcoming'], [1, 'in_force']]);
    expect([staffView.current.status, staffView.upcoming.status]).toEqual(['in_force', 'upcoming']);
    const v1Id = staffView.versions[1].id as string;
    expect((await injectAs(t.app, admin, { url: `/api/procedures/${id}/versions/${v1Id}` })).json().status).toBe('in_force');
    // …and the catalogue lists it under its name and fee in force.
    expect((await listed('Đăng ký giám hộ')).filter((i) => i.id === id).map((i) => [i.name, i.feeTotalVnd])).toEqual([['Đăng ký giám hộ', 0]]);
    expect((await listed('hai nghin khong tram')).map((i) => i.id)).not.toContain(id);
    // A job run before the date moves nothing.
    await allJobs.find((j) => j.name === 'procedures.apply-versions-in-force')!.handler(t.ctx, {});
    expect((await listed('Đăng ký giám hộ')).find((i) => i.id === id)?.name).toBe('Đăng ký giám hộ');

    // 31/12/2026 23:59 in Vietnam: still version 1.
    now = new Date('2026-12-31T16:59:00Z');
    expect((await t.app.inject({ url: `/api/catalog/procedures/${id}` })).json().current.versionNo).toBe(1);

    // 01/01/2027 00:00 in Vietnam: the detail switches at once (read time), with nothing left upcoming.
    now = new Date('2026-12-31T17:00:00Z');
    const onTheDay = (await t.app.inject({ url: `/api/catalog/procedures/${id}` })).json();
    expect([onTheDay.current.versionNo, onTheDay.upcoming]).toEqual([2, null]);
    expect((await injectAs(t.app, admin, { url: `/api/procedures/${id}` })).json().versions.map((v: { versionNo: number; status: string }) => [v.versionNo, v.status])).toEqual([
      [2, 'in_force'],
      [1, 'superseded'],
    ]);
    // The scheduled job moves the stored listing the search and filters run on.
    await allJobs.find((j) => j.name === 'procedures.apply-versions-in-force')!.handler(t.ctx, {});
    expect((await listed('hai nghin khong tram')).filter((i) => i.id === id).map((i) => [i.name, i.feeTotalVnd])).toEqual([
      ['Đăng ký giám hộ năm hai nghìn không trăm hai mươi bảy', 5000],
    ]);
    const row = await t.ctx.db.query<{ versionNo: number }>(`SELECT v.version_no AS "versionNo" FROM procedure p JOIN procedure_version v ON v.id = p.current_version_id WHERE p.id = $1`, [id]);
    expect(row.rows[0]!.versionNo).toBe(2);
  });

  it('a revision started while a later version waits builds on that later version, not on the one in force', async () => {
    now = new Date('2026-12-04T03:00:00Z');
    const created = await injectAs(t.app, admin, {
      method: 'POST',
      url: '/api/procedures',
      payload: { ownerUnitId: tree.province.id, content: buildProcedureContent({ code: '1.000893', name: 'Đăng ký nhận cha, mẹ, con', eform: eform('Điện thoại') }) },
    });
    const id = created.json().id as string;
    expect((await publish(id, '2025-07-01')).statusCode).toBe(200);
    await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${id}/revisions` });
    await injectAs(t.app, admin, { method: 'PUT', url: `/api/procedures/${id}/draft`, payload: buildProcedureContent({ code: '1.000893', name: 'Đăng ký nhận cha, mẹ, con', eform: eform('Điện thoại (2027)') }) });
    expect((await publish(id, '2027-01-01')).statusCode).toBe(200);
    const rev = await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${id}/revisions` });
    expect(rev.statusCode, rev.body).toBe(201);
    const d = (await injectAs(t.app, admin, { url: `/api/procedures/${id}` })).json();
    const draft = (await injectAs(t.app, admin, { url: `/api/procedures/${id}/versions/${d.draftVersionId}` })).json();
    expect(draft.content.eform.properties.soDienThoai.title).toBe('Điện thoại (2027)');
    expect(d.current.versionNo).toBe(1);
  });
});
