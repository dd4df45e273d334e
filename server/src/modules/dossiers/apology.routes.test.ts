import { openNow } from '../reports/reports.repo.js';
import { lateBeforeLetter } from './dossier-deadline.rules.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree, deskIntakePayload } from '../../../test/factories.js';
import { loadCalendar } from '../working-calendar/use-cases/load-calendar.js';
import { needsApology } from './dossier-deadline.rules.js';

/** Late dossiers always get their letter (issue 15): before the window, after it (marked late), after the deadline. */
let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let now = new Date('2026-11-30T01:00:00Z');
const at = (iso: string) => (now = new Date(iso));
let desk: Session, leader: Session, otherSpecialist: Session, admin: Session, otherAdmin: Session;
let threeDays: string;
const dir = mkdtempSync(join(tmpdir(), 'apology-'));

/** The text of a PDF, as pdftotext (poppler-utils) reads it. */
function pdfText(pdf: Buffer): string {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'admin.khac', [{ role: 'admin', unit: tree.otherProvince }]);
  await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  await buildStaff(t.ctx.db, 'lanhdao', [{ role: 'leader', unit: tree.communeA }]);
  await buildStaff(t.ctx.db, 'chuyenvien.khac', [{ role: 'specialist', unit: tree.communeB }]);
  [admin, otherAdmin, desk, leader, otherSpecialist] = (await Promise.all(['admin.tinh', 'admin.khac', 'motcua', 'lanhdao', 'chuyenvien.khac'].map((u) => login(t.app, u)))) as Session[] as [Session, Session, Session, Session, Session];
  const res = await injectAs(t.app, admin, {
    method: 'POST',
    url: '/api/procedures',
    payload: {
      ownerUnitId: tree.province.id,
      content: buildProcedureContent({
        code: '1.000894', name: 'Đăng ký kết hôn', processingTime: { amount: 3, unit: 'working_day' },
        steps: [
          { name: 'Tiếp nhận', role: 'desk_officer', unitCode: null, workingDays: 0.5 },
          { name: 'Thẩm định', role: 'specialist', unitCode: null, workingDays: 2 },
          { name: 'Ký duyệt', role: 'leader', unitCode: null, workingDays: 0.5 },
        ],
      }),
    },
  });
  threeDays = res.json().id;
  await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${threeDays}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
});
afterAll(() => t.close());

let keySeq = 0;
const intake = async () => {
  const res = await injectAs(t.app, desk, {
    method: 'POST',
    url: '/api/dossiers',
    payload: deskIntakePayload({ deskId: tree.deskA.id, communeId: tree.communeA.id, procedureId: threeDays, idempotencyKey: `apology-${++keySeq}` }),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; code: string; dueAt: string };
};
const act = (s: Session | null, id: string, body: Record<string, unknown>) => injectAs(t.app, s, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: body });
const detail = async (s: Session, id: string) => (await injectAs(t.app, s, { method: 'GET', url: `/api/dossiers/${id}` })).json();
const logCount = async (id: string) => (await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dossier_action WHERE dossier_id = $1`, [id])).rows[0]!.n;
const counters = async () =>
  (await t.ctx.db.query<{ a: number; l: number }>(`SELECT coalesce(sum(apologies), 0)::int AS a, coalesce(sum(apologies_late), 0)::int AS l FROM report_counter WHERE grain = 'M' AND unit_id = $1`, [tree.communeA.id])).rows[0]!;

describe('the unit signers (who signs the letters, from when to when)', () => {
  it('the administrator over the unit sets the head and an authorised deputy; others, garbage, overlaps and no login are refused and change nothing', async () => {
    const url = `/api/units/${tree.communeA.id}/signers`;
    const head = { kind: 'head', fullName: 'Lê Văn Bình', title: 'Chủ tịch', validFrom: '2026-01-01', validTo: null };
    expect((await injectAs(t.app, admin, { method: 'GET', url })).json()).toEqual({ signers: [], currentId: null });
    for (const [s, code] of [[otherAdmin, 403], [desk, 403], [null, 401]] as const) {
      expect((await injectAs(t.app, s, { method: 'POST', url, payload: { ...head, fullName: 'Kẻ Mạo Danh' } })).statusCode).toBe(code);
    }
    for (const payload of [{ ...head, fullName: 'X' }, { ...head, kind: 'boss' }, { ...head, validFrom: '2026-13-01' }, 'rác', { ...head, validTo: '2025-12-31' }, { ...head, kind: 'deputy', title: 'Phó Chủ tịch' }]) {
      const bad = await injectAs(t.app, admin, { method: 'POST', url, payload: payload as never });
      expect(bad.statusCode).toBeGreaterThanOrEqual(400);
      expect(bad.statusCode).toBeLessThan(500);
      expect(bad.json().code).toBeTruthy();
    }
    expect((await injectAs(t.app, admin, { method: 'POST', url: `/api/units/00000000-0000-4000-8000-000000000000/signers`, payload: head })).statusCode).toBe(404);
    expect((await injectAs(t.app, admin, { method: 'GET', url })).json()).toEqual({ signers: [], currentId: null });

    const withHead = await injectAs(t.app, admin, { method: 'POST', url, payload: head });
    expect(withHead.statusCode, withHead.body).toBe(201);
    const headId = withHead.json().signers[0].id as string;
    expect(withHead.json().currentId).toBe(headId);
    // A second head over the same days is refused with the reason; an authorised deputy for a period is not.
    const twoHeads = await injectAs(t.app, admin, { method: 'POST', url, payload: { ...head, fullName: 'Phạm Văn Dũng', validFrom: '2026-06-01' } });
    expect(twoHeads.statusCode).toBe(422);
    expect(twoHeads.json().message).toContain('Đã có thủ trưởng');
    const deputy = await injectAs(t.app, admin, {
      method: 'POST', url,
      payload: { kind: 'deputy', fullName: 'Trần Thị Cúc', title: 'Phó Chủ tịch', headTitle: 'Chủ tịch', validFrom: '2026-11-15', validTo: '2026-12-04' },
    });
    expect(deputy.statusCode, deputy.body).toBe(201);
    const view = deputy.json() as { signers: { id: string; fullName: string; kind: string; headTitle: string }[]; currentId: string };
    expect(view.signers.map((x) => [x.kind, x.fullName, x.headTitle])).toEqual([['deputy', 'Trần Thị Cúc', 'Chủ tịch'], ['head', 'Lê Văn Bình', 'Chủ tịch']]);
    expect(view.currentId).toBe(view.signers[0]!.id); // 30/11/2026 is within the deputy's authorisation
    // Editing someone of another unit's id, or a missing one: 404; removing a mistaken entry works.
    expect((await injectAs(t.app, admin, { method: 'PUT', url: `${url}/00000000-0000-4000-8000-000000000000`, payload: head })).statusCode).toBe(404);
    const extra = await injectAs(t.app, admin, { method: 'POST', url, payload: { kind: 'deputy', fullName: 'Nhầm Tên', title: 'Phó Chủ tịch', headTitle: 'Chủ tịch', validFrom: '2027-01-01', validTo: null } });
    const extraId = (extra.json() as typeof view).signers.find((x) => x.fullName === 'Nhầm Tên')!.id;
    expect((await injectAs(t.app, otherAdmin, { method: 'DELETE', url: `${url}/${extraId}` })).statusCode).toBe(403);
    const removed = await injectAs(t.app, admin, { method: 'DELETE', url: `${url}/${extraId}` });
    expect(removed.statusCode).toBe(200);
    expect((removed.json() as typeof view).signers).toHaveLength(2);
    const renamed = await injectAs(t.app, admin, { method: 'PUT', url: `${url}/${headId}`, payload: { ...head, fullName: 'Lê Văn Bính' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const audit = await t.ctx.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'unit.signer%' ORDER BY at, action`, [tree.communeA.id]);
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['unit.signer_removed', 'unit.signer_set', 'unit.signer_set', 'unit.signer_set', 'unit.signer_set']);
  });
});

describe('late dossiers always get their letter', () => {
  it('after the one-working-day window the letter is issued, marked late, counted, signed for the agency; the receipt keeps its appointment', async () => {
    at('2026-11-30T01:00:00Z'); // Monday 08:00
    const d = await intake();
    expect(d.dueAt).toBe('2026-12-03T01:00:00.000Z'); // Thursday 08:00
    await act(desk, d.id, { action: 'forward' });
    at('2026-12-02T08:00:00Z'); // Wednesday 15:00: less than a working day left — past the window, before the deadline
    const before = await counters();
    const shown = await detail(desk, d.id);
    expect(shown.apology).toEqual({ possible: true, late: true, reason: null, reasonEn: null, signer: { name: 'Trần Thị Cúc', capacity: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'] } });
    // The picker's days, asked when the letter's form opens: from today, working days only (Saturday 5 and Sunday 6
    // December are not offered), with their hours — the same for every officer who sees the dossier; nobody else.
    const days = await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${d.id}/apology-days` });
    expect(days.statusCode).toBe(200);
    const workingDays = days.json() as { date: string; sessions: { start: string; end: string }[] }[];
    expect(workingDays.slice(0, 4)).toEqual(['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07'].map((date) => ({ date, sessions: [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:30' }] })));
    expect(workingDays.map((w) => w.date)).not.toContain('2026-12-06');
    expect(workingDays.at(-1)!.date < '2027-04-01').toBe(true); // 120 days ahead at most
    expect((await injectAs(t.app, otherSpecialist, { method: 'GET', url: `/api/dossiers/${d.id}/apology-days` })).statusCode).toBe(404);
    expect((await injectAs(t.app, null, { method: 'GET', url: `/api/dossiers/${d.id}/apology-days` })).statusCode).toBe(401);
    expect((await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/00000000-0000-4000-8000-000000000000/apology-days` })).statusCode).toBe(404);
    expect((await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/not-an-id/apology-days` })).statusCode).toBe(400);
    // Refused: someone of another unit, no login, a date not after the current appointment, garbage — nothing changes.
    const n = await logCount(d.id);
    expect((await act(otherSpecialist, d.id, { action: 'apologise', newDueAt: '2026-12-08T17:00:00+07:00', note: 'x' })).statusCode).toBe(404);
    expect((await act(null, d.id, { action: 'apologise', newDueAt: '2026-12-08T17:00:00+07:00', note: 'x' })).statusCode).toBe(401);
    const early = await act(desk, d.id, { action: 'apologise', newDueAt: '2026-12-02T17:00:00+07:00', note: 'Cần xác minh' });
    expect(early.statusCode).toBe(422);
    expect(early.json().message).toContain('Ngày hẹn mới phải sau');
    for (const newDueAt of ['ngày mai', '2026-13-45T00:00:00+07:00', 12]) expect((await act(desk, d.id, { action: 'apologise', newDueAt, note: 'x' })).statusCode).toBe(400);
    expect((await act(desk, d.id, { action: 'apologise', newDueAt: '2026-12-08T17:00:00+07:00' })).statusCode).toBe(400); // the reason is required
    // Not on a Sunday, not at night, not in the lunch break: the new appointment is in working time (422 with a code).
    for (const newDueAt of ['2026-12-06T10:00:00+07:00', '2026-12-08T20:00:00+07:00', '2026-12-08T06:00:00+07:00', '2026-12-08T12:15:00+07:00']) {
      const off = await act(desk, d.id, { action: 'apologise', newDueAt, note: 'Cần xác minh' });
      expect([off.statusCode, off.json().code], newDueAt).toEqual([422, 'DOSSIER.APPOINTMENT_OUTSIDE_WORKING_TIME']);
      expect(off.json().message).toContain('giờ làm việc của một ngày làm việc (07:30–11:30, 13:30–17:30)');
    }
    expect(await logCount(d.id)).toBe(n);

    const issued = await act(desk, d.id, { action: 'apologise', newDueAt: '2026-12-08T17:00:00+07:00', note: 'Cần xác minh thêm với nơi cư trú' });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({ dueAt: '2026-12-08T10:00:00.000Z', originalDueAt: '2026-12-03T01:00:00.000Z', apologyCount: 1, apology: { possible: false } });
    expect(issued.json().apology.reason).toContain('chỉ được hẹn lại một lần');
    const log = await t.ctx.db.query(`SELECT actor_name, data FROM dossier_action WHERE dossier_id = $1 AND action = 'apologise'`, [d.id]);
    expect(log.rows[0].data).toMatchObject({ late: true, signer: { name: 'Trần Thị Cúc', capacity: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'] } });
    expect(await counters()).toEqual({ a: before.a + 1, l: before.l + 1 });

    const letter = await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${d.id}/forms/apology` });
    expect(letter.statusCode).toBe(200);
    const text = pdfText(letter.rawPayload);
    expect(text).toContain('UBND PHƯỜNG AN THỬ'); // the competent agency, not the desk
    expect(text).toContain('Phát hành muộn');
    expect(text).toMatch(/KT\. CHỦ TỊCH[\s\S]*PHÓ CHỦ TỊCH[\s\S]*Trần Thị Cúc/);
    expect(text).not.toContain('motcua');
    expect(text).toContain('08/12/2026');
    // The receipt reprinted after the apology shows the appointment it was issued with.
    const receipt = pdfText((await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${d.id}/forms/receipt` })).rawPayload);
    expect(receipt).toContain('03/12/2026');
    expect(receipt).not.toContain('08/12/2026');
  });

  it('after the deadline itself the letter is still possible, marked late; before the window it is not late', async () => {
    at('2026-11-30T01:00:00Z');
    const late = await intake();
    const timely = await intake();
    at('2026-12-04T03:00:00Z'); // Friday: a day past the due time
    expect((await detail(desk, late.id)).apology).toMatchObject({ possible: true, late: true });
    const past = await act(desk, late.id, { action: 'apologise', newDueAt: '2026-12-03T17:00:00+07:00', note: 'Chờ xác minh' });
    expect(past.statusCode).toBe(422); // the new date must be after the current one
    const inPast = await act(desk, late.id, { action: 'apologise', newDueAt: '2026-12-04T09:00:00+07:00', note: 'Chờ xác minh' });
    expect(inPast.statusCode).toBe(422); // …and after now
    expect(inPast.json().message).toContain('sau thời điểm hiện tại');
    expect((await act(leader, late.id, { action: 'apologise', newDueAt: '2026-12-09T17:00:00+07:00', note: 'Chờ xác minh' })).statusCode).toBe(200);
    // A letter sent in time is not late.
    at('2026-11-30T09:00:00Z');
    const t2 = await intake();
    expect((await detail(desk, t2.id)).apology).toMatchObject({ possible: true, late: false });
    expect((await act(desk, t2.id, { action: 'apologise', newDueAt: '2026-12-09T17:00:00+07:00', note: 'Chờ xác minh' })).statusCode).toBe(200);
    const rows = await t.ctx.db.query(`SELECT dossier_id, data->>'late' AS late FROM dossier_action WHERE action = 'apologise' AND dossier_id = ANY($1)`, [[late.id, t2.id]]);
    expect(Object.fromEntries(rows.rows.map((r) => [r.dossier_id, r.late]))).toEqual({ [late.id]: 'true', [t2.id]: 'false' });
    void timely;

    // Already past its due time when the letter came: it stays overdue — shown so — and, resolved before
    // the new appointment, is still counted late (ND 61/2018 Điều 19 k9; QĐ 766: by the time limit it missed).
    at('2026-12-07T02:00:00Z'); // Monday 09:00: before both new appointments (09/12)
    expect((await detail(desk, late.id)).deadlineState).toBe('overdue');
    expect((await detail(desk, t2.id)).deadlineState).not.toBe('overdue');
    // …and in the "Quá hạn" tab and its count, though its new appointment is ahead; not in "Sắp đến hạn". The code search
    // within the tab (a condition on dossier, not dossier_scope) answers the same.
    const tab = async (queue: string, q = '') => (await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers?queue=${queue}&limit=100${q ? `&q=${encodeURIComponent(q)}` : ''}` })).json();
    const overdue = await tab('overdue');
    expect(overdue.items.map((i: { id: string }) => i.id)).toContain(late.id);
    expect(overdue.items.map((i: { id: string }) => i.id)).not.toContain(t2.id);
    expect(overdue.counts.overdue).toBe(overdue.items.length);
    // Its row says so too, as its page does.
    expect(overdue.items.find((i: { id: string }) => i.id === late.id).deadlineState).toBe('overdue');
    expect((await tab('due_soon')).items.map((i: { id: string }) => i.id)).not.toContain(late.id);
    const lateCode = (await detail(desk, late.id)).code as string;
    expect((await tab('overdue', lateCode)).items.map((i: { id: string }) => i.id)).toEqual([late.id]);
    // The reports' open stock (Biểu 06 "đang giải quyết quá hạn") counts by the same rule: past due, or late at its letter.
    const { rows: stock } = await t.ctx.db.query<{ id: string; dueAt: Date; letterAt: Date | null; previousDueAt: string | null }>(
      `SELECT d.id, d.due_at AS "dueAt", a.at AS "letterAt", a.data->>'previousDueAt' AS "previousDueAt" FROM dossier d
         LEFT JOIN LATERAL (SELECT at, data FROM dossier_action x WHERE x.dossier_id = d.id AND x.action = 'apologise' ORDER BY id DESC LIMIT 1) a ON true
        WHERE d.resolving_path LIKE $1 || '%' AND d.status IN ('received', 'processing', 'interagency')`,
      [tree.communeA.path],
    );
    const truth = stock.filter((r) => r.dueAt < now || (r.letterAt && r.previousDueAt && lateBeforeLetter({ at: r.letterAt, previousDueAt: new Date(r.previousDueAt) })));
    expect(truth.map((r) => r.id)).toContain(late.id);
    expect(truth.map((r) => r.id)).not.toContain(t2.id);
    expect([...(await openNow(t.ctx.db, tree.communeA.path, now, 'none')).values()].reduce((n, v) => n + v.overdue, 0)).toBe(truth.length);
    for (const id of [late.id, t2.id]) {
      for (const action of ['forward', 'forward', 'approve']) expect((await act(leader, id, { action })).statusCode, `${id} ${action}`).toBe(200);
    }
    expect((await detail(desk, late.id)).finishClass).toBe('late');
    expect((await detail(desk, t2.id)).finishClass).not.toBe('late');
  });

  it('the "Cần xin lỗi" queue lists exactly the dossiers the rule says need a letter', async () => {
    // Dossiers due at different times, some apologised, one closed, one paused.
    for (const iso of ['2026-12-01T01:00:00Z', '2026-12-02T02:00:00Z', '2026-12-03T03:00:00Z', '2026-12-07T02:00:00Z', '2026-12-08T02:00:00Z']) {
      at(iso);
      const d = await intake();
      if (iso.startsWith('2026-12-03')) await act(desk, d.id, { action: 'withdraw' });
      if (iso.startsWith('2026-12-07')) await act(desk, d.id, { action: 'request_supplement', note: 'Thiếu giấy tờ' });
    }
    let listedBeforeDue = 0;
    for (const iso of ['2026-12-04T03:00:00Z', '2026-12-08T09:00:00Z', '2026-12-10T02:00:00Z']) {
      at(iso);
      const listed = new Set<string>();
      let before: string | null = null;
      do {
        const page: { items: { id: string }[]; next: string | null } = (await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers?queue=needs_apology&limit=50${before ? `&before=${before}` : ''}` })).json();
        for (const i of page.items) listed.add(i.id);
        before = page.next;
      } while (before);
      const calendar = await loadCalendar(t.ctx.db, null, { from: 2026, to: 2027 });
      const apologyBefore = calendar.addWorkingMinutes(now, 2 * 480);
      const all = await t.ctx.db.query<{ id: string; status: string; dueAt: Date | null; apologyCount: number }>(
        `SELECT id, status, due_at AS "dueAt", apology_count AS "apologyCount" FROM dossier WHERE receiving_unit_id = $1`, [tree.deskA.id]);
      const expected = new Set(all.rows.filter((d) => needsApology(d, apologyBefore, 1)).map((d) => d.id));
      expect(expected.size).toBeGreaterThan(0);
      expect(listed).toEqual(expected);
      // Before the deadline too, while a letter in time is still possible (at least one working day before it).
      if (all.rows.some((d) => listed.has(d.id) && d.dueAt! > now)) listedBeforeDue += 1;
    }
    expect(listedBeforeDue).toBeGreaterThan(0);
  });
});

describe('no signer, no letter', () => {
  it('a unit without a head or deputy set: the letter is refused (422, who must set it), known before the form opens; nothing changes', async () => {
    at('2026-11-30T01:00:00Z');
    // Resolved by commune B, which has no signer.
    const res = await injectAs(t.app, desk, {
      method: 'POST',
      url: '/api/dossiers',
      payload: deskIntakePayload({ deskId: tree.deskA.id, communeId: tree.communeB.id, procedureId: threeDays, idempotencyKey: `apology-${++keySeq}` }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json() as { id: string };
    await act(desk, d.id, { action: 'forward' });
    at('2026-12-04T03:00:00Z'); // past its due time
    const shown = (await detail(desk, d.id)).apology;
    expect(shown).toMatchObject({ possible: false, signer: null });
    expect(shown.reason).toBe(
      `Chưa có người ký văn bản của ${tree.communeB.name} cho ngày 04/12/2026, nên không thể phát hành thư xin lỗi (thư phải do thủ trưởng hoặc cấp phó được ủy quyền ký). Đề nghị quản trị viên của đơn vị khai báo người ký tại mục Đơn vị → Người ký, rồi thực hiện lại.`,
    );
    const n = await logCount(d.id);
    const refused = await act(desk, d.id, { action: 'apologise', newDueAt: '2026-12-09T17:00:00+07:00', note: 'Chờ xác minh' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'UNIT.NO_SIGNER', message: shown.reason });
    expect(await logCount(d.id)).toBe(n);
    // A letter issued before signers were required (a blank head) is not printed so either.
    await t.ctx.db.query(
      `INSERT INTO dossier_action (dossier_id, at, actor_id, actor_name, action, from_status, to_status, note, step_index, data)
       VALUES ($1, $2, NULL, 'Cán bộ cũ', 'apologise', 'processing', 'processing', 'Chờ xác minh', 1, $3::jsonb)`,
      [d.id, now, JSON.stringify({ previousDueAt: '2026-12-03T01:00:00.000Z', newDueAt: '2026-12-09T10:00:00.000Z', late: true, signer: { capacity: ['THỦ TRƯỞNG CƠ QUAN'], name: '(Ký, ghi rõ họ tên)' } })],
    );
    const letter = await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${d.id}/forms/apology` });
    expect(letter.statusCode).toBe(422);
    expect(letter.json().code).toBe('UNIT.NO_SIGNER');
    // Once the unit's administrator sets the head, the old entry prints with the head valid on its day.
    expect((await injectAs(t.app, admin, { method: 'POST', url: `/api/units/${tree.communeB.id}/signers`, payload: { kind: 'head', fullName: 'Phan Văn Đức', title: 'Chủ tịch', validFrom: '2026-01-01', validTo: null } })).statusCode).toBe(201);
    const printed = await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${d.id}/forms/apology` });
    expect(printed.statusCode).toBe(200);
    expect(pdfText(printed.rawPayload)).toMatch(/CHỦ TỊCH[\s\S]*Phan Văn Đức/);
  });
});

describe('"Sắp đến hạn": one rule for the tab and the state shown', () => {
  const listed = async (queue: string) => {
    const page: { items: { id: string; deadlineState: string | null }[] } = (await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers?queue=${queue}&limit=100` })).json();
    return page.items;
  };

  it('a dossier with exactly one working day left is in the tab and shown due soon; a minute more and it is neither', async () => {
    at('2026-12-14T02:00:00Z');
    const d = await intake();
    const due = new Date(d.dueAt);
    const calendar = await loadCalendar(t.ctx.db, null, { from: 2026, to: 2027 });
    // The latest instant with exactly one working day (480 min) left before the due time.
    let lo = due.getTime() - 30 * 86_400_000;
    let hi = due.getTime();
    while (hi - lo > 1000) {
      const mid = Math.floor((lo + hi) / 2);
      if (calendar.workingMinutesBetween(new Date(mid), due) >= 480) lo = mid;
      else hi = mid;
    }
    const edge = new Date(Math.ceil(lo / 60_000) * 60_000);
    expect(calendar.workingMinutesBetween(edge, due), `${d.dueAt} ${edge.toISOString()}`).toBe(480);
    at(edge.toISOString());
    expect((await listed('due_soon')).find((i) => i.id === d.id)).toMatchObject({ deadlineState: 'due_soon' });
    expect((await listed('overdue')).some((i) => i.id === d.id)).toBe(false);
    expect((await detail(desk, d.id)).deadlineState).toBe('due_soon');
    at(new Date(edge.getTime() - 60_000).toISOString());
    expect(calendar.workingMinutesBetween(now, due)).toBe(481);
    expect((await listed('due_soon')).some((i) => i.id === d.id)).toBe(false);
    expect((await listed('all')).find((i) => i.id === d.id)).toMatchObject({ deadlineState: 'on_track' });
    expect((await detail(desk, d.id)).deadlineState).toBe('on_track');
  });
});
