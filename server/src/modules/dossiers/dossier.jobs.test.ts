import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from '../../../test/factories.js';
import { markOverdue } from './dossier.jobs.js';

let t: TestApp;
let now = new Date('2026-11-25T02:00:00Z');
const clock = { now: () => now };

beforeAll(async () => {
  t = await buildTestApp({ clock });
});
afterAll(() => t.close());

describe('overdue scan', () => {
  it('marks each overdue dossier once, even with two scanners at once, and names the head to warn', async () => {
    const tree = await buildUnitTree(t.ctx.db);
    await buildStaff(t.ctx.db, 'admin', [{ role: 'admin', unit: tree.province }]);
    await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
    await buildStaff(t.ctx.db, 'truongphong', [{ role: 'head', unit: tree.communeA }]);
    await t.ctx.db.query(`UPDATE staff_user SET email = 'truongphong@anthu.gov.vn' WHERE username = 'truongphong'`);
    const admin = await login(t.app, 'admin');
    const desk = await login(t.app, 'motcua');
    const p = (await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content: buildProcedureContent() } })).json();
    await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${p.id}/publish`, payload: { decisionNo: '1/QĐ', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    const d = (
      await injectAs(t.app, desk, {
        method: 'POST',
        url: '/api/dossiers',
        payload: {
          idempotencyKey: 'overdue-0001',
          procedureId: p.id,
          receivingUnitId: tree.deskA.id,
          resolvingUnitId: tree.communeA.id,
          applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Trần Thị Cúc' },
          eform: { hoTen: 'Bé' },
          outcome: 'accept',
        },
      })
    ).json();
    expect(await markOverdue(t.ctx)).toEqual([]);
    now = new Date('2026-11-26T03:00:00Z'); // an hour past the due time
    const [a, b] = await Promise.all([markOverdue(t.ctx), markOverdue(t.ctx)]);
    const all = [...a, ...b];
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ code: d.code, recipients: [{ name: 'Cán bộ truongphong' }] });
    expect(await markOverdue(t.ctx)).toEqual([]);
    const mail = await t.ctx.db.query(`SELECT recipient, subject FROM notification_outbox WHERE template_key = 'staff.overdue'`);
    expect(mail.rows).toEqual([{ recipient: 'truongphong@anthu.gov.vn', subject: `[Một Cửa] Hồ sơ ${d.code} đã quá hạn giải quyết` }]);
    const detail = (await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${d.id}` })).json();
    expect(detail.deadlineState).toBe('overdue');
    expect(detail.history.map((h: { action: string }) => h.action)).toContain('overdue_marked');
  });
});
