import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from '../../../test/factories.js';
import { diffStates, foldDossier } from './dossier-events.rules.js';
import { readLedgerState, readLog } from './dossier.ledger.js';

/** In processing (issue 15): forward to a chosen officer, sent back to whoever handled it, undo a forward, approve. */
let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let now = new Date('2026-11-30T02:00:00Z');
const at = (iso: string) => (now = new Date(iso));
let desk: Session, cv1: Session, cv2: Session, leader: Session, otherLeader: Session, otherSpecialist: Session, admin: Session;
let procedureId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  ids.desk = await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  ids.cv1 = await buildStaff(t.ctx.db, 'chuyenvien.mot', [{ role: 'specialist', unit: tree.communeA }]);
  ids.cv2 = await buildStaff(t.ctx.db, 'chuyenvien.hai', [{ role: 'specialist', unit: tree.communeA }]);
  ids.leader = await buildStaff(t.ctx.db, 'lanhdao', [{ role: 'leader', unit: tree.communeA }]);
  ids.otherLeader = await buildStaff(t.ctx.db, 'lanhdao.khac', [{ role: 'leader', unit: tree.communeB }]);
  ids.otherSpecialist = await buildStaff(t.ctx.db, 'chuyenvien.khac', [{ role: 'specialist', unit: tree.communeB }]);
  [admin, desk, cv1, cv2, leader, otherLeader, otherSpecialist] = (await Promise.all(
    ['admin.tinh', 'motcua', 'chuyenvien.mot', 'chuyenvien.hai', 'lanhdao', 'lanhdao.khac', 'chuyenvien.khac'].map((u) => login(t.app, u)),
  )) as [Session, Session, Session, Session, Session, Session, Session];
  const res = await injectAs(t.app, admin, {
    method: 'POST',
    url: '/api/procedures',
    payload: { ownerUnitId: tree.province.id, content: buildProcedureContent({ processingTime: { amount: 3, unit: 'working_day' }, steps: [
      { name: 'Tiếp nhận', role: 'desk_officer', unitCode: null, workingDays: 0.5 },
      { name: 'Thẩm định', role: 'specialist', unitCode: null, workingDays: 2 },
      { name: 'Ký duyệt', role: 'leader', unitCode: null, workingDays: 0.5 },
    ] }) },
  });
  procedureId = res.json().id;
  await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
});
afterAll(() => t.close());

let seq = 0;
const intake = async () => {
  const res = await injectAs(t.app, desk, {
    method: 'POST',
    url: '/api/dossiers',
    payload: {
      idempotencyKey: `processing-${++seq}`, procedureId, receivingUnitId: tree.deskA.id, resolvingUnitId: tree.communeA.id,
      applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Nguyễn Văn An' }, outcome: 'accept',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
};
const act = (s: Session | null, id: string, body: Record<string, unknown>) => injectAs(t.app, s, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: body });
const undo = (s: Session | null, id: string) => injectAs(t.app, s, { method: 'POST', url: `/api/dossiers/${id}/undo-forward` });
const open = async (s: Session, id: string) => (await injectAs(t.app, s, { method: 'GET', url: `/api/dossiers/${id}` })).json();
const mine = async (s: Session) => (await injectAs(t.app, s, { method: 'GET', url: '/api/dossiers?queue=mine' })).json().items as { id: string; sentBack: { note: string; by: string } | null }[];
const logOf = async (id: string) => (await t.ctx.db.query<{ action: string }>(`SELECT action FROM dossier_action WHERE dossier_id = $1 ORDER BY id`, [id])).rows.map((r) => r.action);
/** The row equals the fold of its log (the undo is an entry, the projection follows it). */
const consistent = async (id: string) => {
  const row = await readLedgerState(t.ctx.db, id, { lock: false });
  expect(diffStates(foldDossier(await readLog(t.ctx.db, id)), row!.state)).toEqual([]);
};

describe('a refusal at the desk step', () => {
  it('names what this officer may do now, the list of the dossier page — not "Nhận xử lý" of the dossier the desk already holds', async () => {
    const d = await intake();
    expect((await act(desk, d.id, { action: 'claim' })).statusCode).toBe(200);
    const page = await open(desk, d.id);
    expect(page.allowedActions).not.toContain('claim');
    // "Trả kết quả" at the first step: not now; the refusal lists the page's actions.
    const refused = await act(desk, d.id, { action: 'return_result', receivedBy: 'Nguyễn Văn An' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('DOSSIER.ACTION_NOT_ALLOWED');
    expect(refused.json().details.allowed).toEqual(page.allowedActions);
    expect(refused.json().message).not.toContain('Nhận xử lý');
  });
});

describe('forwarding to a chosen officer, and back', () => {
  it('the sender picks a named officer of the next step; others may not list or be chosen; garbage changes nothing', async () => {
    const d = await intake();
    const cand = await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${d.id}/forward-candidates` });
    expect(cand.statusCode, cand.body).toBe(200);
    expect(cand.json()).toMatchObject({ stepName: 'Thẩm định', unitName: tree.communeA.name });
    const names = cand.json().officers.map((o: { username: string }) => o.username);
    expect(names).toEqual(expect.arrayContaining(['chuyenvien.mot', 'chuyenvien.hai', 'lanhdao']));
    expect(names).not.toContain('chuyenvien.khac');
    expect((await injectAs(t.app, otherSpecialist, { method: 'GET', url: `/api/dossiers/${d.id}/forward-candidates` })).statusCode).toBe(404);
    expect((await injectAs(t.app, null, { method: 'GET', url: `/api/dossiers/${d.id}/forward-candidates` })).statusCode).toBe(401);
    expect((await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/khong-phai-id/forward-candidates` })).statusCode).toBe(400);

    const before = await logOf(d.id);
    const wrong = await act(desk, d.id, { action: 'forward', assigneeId: ids.otherSpecialist });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('DOSSIER.ASSIGNEE');
    expect((await act(desk, d.id, { action: 'forward', assigneeId: 'rác' })).statusCode).toBe(400);
    expect((await act(otherSpecialist, d.id, { action: 'forward', assigneeId: ids.cv2 })).statusCode).toBe(404);
    expect((await act(null, d.id, { action: 'forward', assigneeId: ids.cv2 })).statusCode).toBe(401);
    expect(await logOf(d.id)).toEqual(before);

    const sent = await act(desk, d.id, { action: 'forward', assigneeId: ids.cv2 });
    expect(sent.statusCode, sent.body).toBe(200);
    expect((await mine(cv2)).map((x) => x.id)).toContain(d.id);
    expect((await mine(cv1)).map((x) => x.id)).not.toContain(d.id);
    ids.walked = d.id;
  });

  it('a dossier sent back lands in "Chờ tôi xử lý" of whoever handled that step, with the reason', async () => {
    const id = ids.walked!;
    expect((await act(cv2, id, { action: 'forward', assigneeId: ids.leader })).statusCode).toBe(200);
    expect((await mine(leader)).map((x) => x.id)).toContain(id);
    expect((await act(leader, id, { action: 'send_back', backTo: 1 })).statusCode).toBe(400); // the reason is required
    const back = await act(leader, id, { action: 'send_back', backTo: 1, note: 'Thiếu xác minh nơi cư trú của người mẹ' });
    expect(back.statusCode, back.body).toBe(200);
    const row = (await mine(cv2)).find((x) => x.id === id);
    expect(row?.sentBack).toEqual({ note: 'Thiếu xác minh nơi cư trú của người mẹ', by: expect.any(String) });
    expect((await mine(leader)).map((x) => x.id)).not.toContain(id);
    // Back to the desk: the desk officer who forwarded it gets it.
    const toDesk = await act(cv2, id, { action: 'send_back', backTo: 0, note: 'Đề nghị bổ sung bản sao giấy tờ' });
    expect(toDesk.statusCode).toBe(200);
    expect((await mine(desk)).find((x) => x.id === id)?.sentBack?.note).toBe('Đề nghị bổ sung bản sao giấy tờ');
    await consistent(id);
  });
});

describe('undo a forward (NĐ 224/2026 Điều 23)', () => {
  it('the sender takes it back while nobody opened it: a new entry, the forward stays in the log', async () => {
    at('2026-11-30T03:00:00Z');
    const d = await intake();
    const sent = await act(desk, d.id, { action: 'forward' });
    expect(sent.json()).toMatchObject({ status: 'processing', stepIndex: 1 });
    expect(new Date(sent.json().undoForwardUntil).getTime()).toBe(now.getTime() + 10 * 60_000);
    // Others may not undo it; garbage and no login are refused; nothing changes.
    expect((await undo(cv1, d.id)).statusCode).toBe(409);
    // Another commune's officer learns nothing of it: the same 404 as a wrong id, not why an undo is refused.
    const outsider = await undo(otherSpecialist, d.id);
    expect(outsider.statusCode).toBe(404);
    expect(outsider.json().code).toBe('DOSSIER.NOT_FOUND');
    expect((await undo(null, d.id)).statusCode).toBe(401);
    expect((await undo(desk, 'rác')).statusCode).toBe(400);
    expect((await undo(desk, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect(await logOf(d.id)).toEqual(['accept', 'forward']);
    at('2026-11-30T03:05:00Z');
    const undone = await undo(desk, d.id);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toMatchObject({ status: 'received', stepIndex: 0, undoForwardUntil: null });
    expect(undone.json().steps[1]).toMatchObject({ startedAt: null });
    expect(undone.json().steps[0]).toMatchObject({ finishedAt: null });
    expect(await logOf(d.id)).toEqual(['accept', 'forward', 'forward_undone']);
    await consistent(d.id);
    expect((await undo(desk, d.id)).statusCode).toBe(409); // nothing left to undo
  });

  it('is refused once the receiver opened or acted on it, or after the window', async () => {
    at('2026-11-30T04:00:00Z');
    const opened = await intake();
    const forwarded = await act(desk, opened.id, { action: 'forward', assigneeId: ids.cv1 });
    expect(forwarded.json().undoForwardUntil).not.toBeNull();
    // The sender's own look does not count as the receiver's; the receiver's does, and the screen stops offering it.
    expect((await open(desk, opened.id)).undoForwardUntil).not.toBeNull();
    await open(cv1, opened.id);
    expect((await open(desk, opened.id)).undoForwardUntil).toBeNull();
    const r1 = await undo(desk, opened.id);
    expect(r1.statusCode).toBe(409);
    expect(r1.json().message).toContain('Người nhận đã mở');

    const acted = await intake();
    await act(desk, acted.id, { action: 'forward' });
    expect((await act(cv1, acted.id, { action: 'claim' })).statusCode).toBe(200);
    expect((await undo(desk, acted.id)).statusCode).toBe(409);

    const slow = await intake();
    await act(desk, slow.id, { action: 'forward' });
    at('2026-11-30T04:11:00Z');
    const r3 = await undo(desk, slow.id);
    expect(r3.statusCode).toBe(409);
    expect(r3.json().message).toContain('10 phút');
    for (const id of [opened.id, acted.id, slow.id]) expect((await logOf(id)).includes('forward_undone')).toBe(false);
  });
});

describe('Prefer: return=minimal (RFC 7240), as the console sends it', () => {
  const minimal = { prefer: 'return=minimal' };
  it('answers 204 with no body and the preference applied; the change is made as without it', async () => {
    at('2026-11-30T05:00:00Z');
    const d = await intake();
    const sent = await injectAs(t.app, desk, { method: 'POST', url: `/api/dossiers/${d.id}/actions`, payload: { action: 'forward', assigneeId: ids.cv2 }, headers: minimal });
    expect(sent.statusCode, sent.body).toBe(204);
    expect(sent.body).toBe('');
    expect(sent.headers['preference-applied']).toBe('return=minimal');
    expect(await open(desk, d.id)).toMatchObject({ status: 'processing', stepIndex: 1 });
    expect((await mine(cv2)).map((x) => x.id)).toContain(d.id);
    expect(await logOf(d.id)).toEqual(['accept', 'forward']);
    const undone = await injectAs(t.app, desk, { method: 'POST', url: `/api/dossiers/${d.id}/undo-forward`, headers: { prefer: 'handling=lenient, RETURN="minimal"' } });
    expect(undone.statusCode, undone.body).toBe(204);
    expect(undone.body).toBe('');
    expect(await open(desk, d.id)).toMatchObject({ status: 'received', stepIndex: 0, undoForwardUntil: null });
    expect(await logOf(d.id)).toEqual(['accept', 'forward', 'forward_undone']);
    await consistent(d.id);
    // Another preference, or none: the dossier's view as before.
    const full = await injectAs(t.app, desk, { method: 'POST', url: `/api/dossiers/${d.id}/actions`, payload: { action: 'forward' }, headers: { prefer: 'return=representation' } });
    expect(full.statusCode).toBe(200);
    expect(full.headers['preference-applied']).toBeUndefined();
    expect(full.json()).toMatchObject({ id: d.id, status: 'processing', stepIndex: 1 });
  });

  it('changes nothing for who may not act: another commune, no login, garbage — the same refusals as without it', async () => {
    const d = await intake();
    const as = (s: Session | null, id: string, body: Record<string, unknown>) => injectAs(t.app, s, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: body, headers: minimal });
    const other = await as(otherSpecialist, d.id, { action: 'forward' });
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('DOSSIER.NOT_FOUND');
    expect(other.headers['preference-applied']).toBeUndefined();
    expect((await as(null, d.id, { action: 'forward' })).statusCode).toBe(401);
    expect((await as(desk, d.id, { action: 'bay-len-troi' })).statusCode).toBe(400);
    const notNow = await as(desk, d.id, { action: 'approve' }); // the desk does not sign
    expect(notNow.statusCode).toBe(403);
    expect(notNow.json().message).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặ]/);
    expect((await injectAs(t.app, cv1, { method: 'POST', url: `/api/dossiers/${d.id}/undo-forward`, headers: minimal })).statusCode).toBe(409);
    expect(await logOf(d.id)).toEqual(['accept']);
  });
});

describe('the leader approves with "Phê duyệt"', () => {
  it('only the holder of the approving role at the step unit; the approval is its own entry', async () => {
    at('2026-11-30T05:00:00Z');
    const d = await intake();
    await act(desk, d.id, { action: 'forward', assigneeId: ids.cv1 });
    await act(cv1, d.id, { action: 'forward', assigneeId: ids.leader });
    expect((await open(cv1, d.id)).allowedActions).not.toContain('approve');
    expect((await open(leader, d.id)).allowedActions).toContain('approve');
    // The other commune's leader does not see the dossier at all: 404, as for a wrong id.
    for (const [s, code] of [[cv1, 403], [otherLeader, 404], [desk, 403], [null, 401]] as const) {
      expect((await act(s, d.id, { action: 'approve' })).statusCode).toBe(code);
    }
    expect((await act(leader, d.id, { action: 'forward' })).statusCode).toBe(409); // no "next step" at the last one
    const ok = await act(leader, d.id, { action: 'approve' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'result_ready' });
    expect((await logOf(d.id)).slice(-1)).toEqual(['approve']);
  });
});

describe('garbage to an officer endpoint', () => {
  it('is a 400 whose message and details say what is wrong in Vietnamese (English beside it), and changes nothing', async () => {
    at('2026-11-30T06:00:00Z');
    const d = await intake();
    const before = await logOf(d.id);
    const res = await act(desk, d.id, { action: 'bay-lung-tung', note: 42 });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('COMMON.VALIDATION');
    // The first problem with its field's name, and how many more: what a client showing only the message can tell.
    expect(body.message).toMatch(/^Thao tác: Tùy chọn không hợp lệ: mong đợi một trong các giá trị "accept".* \(và 1 lỗi khác\)\.$/);
    expect(body.messageEn).toMatch(/^action: Invalid option: expected one of "accept".* \(and 1 more problem\)\.$/);
    const issues = body.details.issues as { path: string; message: string; messageEn: string }[];
    expect(issues.find((i) => i.path === '/action')?.message).toMatch(/^Tùy chọn không hợp lệ: mong đợi một trong các giá trị "accept"/);
    expect(issues.find((i) => i.path === '/action')?.messageEn).toMatch(/^Invalid option: expected one of "accept"/);
    expect(issues.find((i) => i.path === '/note')?.message).toBe('Đầu vào không hợp lệ: mong đợi string, nhận được số');
    expect(await logOf(d.id)).toEqual(before);
  });
});

describe('the desk finishes "Vào sổ, đóng dấu, trả kết quả"', () => {
  /** A published procedure whose last step is the desk's "Vào sổ, đóng dấu, trả kết quả". */
  const deskReturnProcedure = async (code: string) => {
    const created = await injectAs(t.app, admin, {
      method: 'POST',
      url: '/api/procedures',
      payload: { ownerUnitId: tree.province.id, content: buildProcedureContent({ code, name: 'Đăng ký khai sinh', processingTime: { amount: 3, unit: 'working_day' }, steps: [
        { name: 'Tiếp nhận, kiểm tra', role: 'desk_officer', unitCode: null, workingDays: 0.5 },
        { name: 'Thẩm định', role: 'specialist', unitCode: null, workingDays: 1.5 },
        { name: 'Chủ tịch UBND xã ký', role: 'leader', unitCode: null, workingDays: 0.5 },
        { name: 'Vào sổ, đóng dấu, trả kết quả', role: 'desk_officer', unitCode: null, workingDays: 0.5 },
      ] }) },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const published = await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${id}/publish`, payload: { decisionNo: '2/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    expect(published.statusCode, published.body).toBe(200);
    return id;
  };
  /** The desk officer's "Chờ trả kết quả" tab: its rows and its count (the counter). */
  const resultReadyTab = async () => {
    const res = await injectAs(t.app, desk, { method: 'GET', url: '/api/dossiers?queue=result_ready&limit=100' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { id: string; awaitingReturn: boolean }[]; counts: { result_ready: number }; boundedCounts: string[] };
    expect(body.boundedCounts).not.toContain('result_ready');
    expect(body.items.every((i) => i.awaitingReturn)).toBe(true);
    return { ids: body.items.map((i) => i.id), count: body.counts.result_ready };
  };
  /** The rule, asked of the dossiers themselves: in the desk's sight, a result ready or at the desk's own last step. */
  const ruleAtDesk = async () =>
    (
      await t.ctx.db.query<{ id: string }>(
        `SELECT d.id FROM dossier d JOIN dossier_step st ON st.dossier_id = d.id AND st.step_index = d.step_index
          WHERE d.id IN (SELECT dossier_id FROM dossier_scope WHERE unit_id = $1)
            AND (d.status = 'result_ready' OR (d.status = 'processing' AND st.role = 'desk_officer' AND d.step_count > 1 AND d.step_index = d.step_count - 1))
          ORDER BY d.id`,
        [tree.deskA.id],
      )
    ).rows.map((r) => r.id).sort();
  it('the leader approves at the signing step before the desk\'s return step; the result waits at the desk, who returns it; the ledger folds', async () => {
    at('2026-11-30T07:00:00Z');
    const fourSteps = await deskReturnProcedure('2.000986');
    const res = await injectAs(t.app, desk, {
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        idempotencyKey: `processing-${++seq}`, procedureId: fourSteps, receivingUnitId: tree.deskA.id, resolvingUnitId: tree.communeA.id,
        applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Nguyễn Văn An' }, outcome: 'accept',
      },
    });
    const d = res.json() as { id: string };
    expect((await act(desk, d.id, { action: 'forward' })).statusCode).toBe(200);
    expect((await act(cv1, d.id, { action: 'forward' })).statusCode).toBe(200);
    // At the leader's signing step: "Phê duyệt", not "Chuyển bước tiếp theo"; the specialist cannot approve.
    const signing = await open(leader, d.id);
    expect(signing).toMatchObject({ status: 'processing', stepIndex: 2 });
    expect(signing.allowedActions).toContain('approve');
    expect(signing.allowedActions).not.toContain('forward');
    expect((await open(cv1, d.id)).allowedActions).not.toContain('approve');
    expect((await act(cv1, d.id, { action: 'approve' })).statusCode).toBe(403);
    // A refused action names only what this leader may do now — not the desk's "Rút hồ sơ" or "Dừng xử lý".
    const refused = await act(leader, d.id, { action: 'forward' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('DOSSIER.ACTION_NOT_ALLOWED');
    expect(refused.json().details.allowed).toEqual(signing.allowedActions);
    expect(refused.json().message).toContain('Phê duyệt');
    expect(refused.json().message).not.toContain('Rút hồ sơ');
    expect(refused.json().message).not.toContain('Dừng xử lý');
    // "Chờ trả kết quả": the list and the count (kept by the triggers) are the dossiers waiting for the desk's return.
    const before0 = await resultReadyTab();
    expect(before0.ids).not.toContain(d.id);
    at('2026-12-01T01:00:00Z');
    const approved = await act(leader, d.id, { action: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'result_ready', stepIndex: 3, finishClass: 'early' });
    expect(approved.json().steps[2].finishedAt).toBe('2026-12-01T01:00:00.000Z');
    expect(approved.json().steps[3]).toMatchObject({ startedAt: '2026-12-01T01:00:00.000Z', finishedAt: null });
    const waiting = await resultReadyTab();
    expect(waiting.ids).toContain(d.id);
    expect(waiting.count).toBe(before0.count + 1);
    await consistent(d.id);
    at('2026-12-01T02:00:00Z');
    const atStep = await open(desk, d.id);
    expect(atStep.allowedActions).toContain('return_result');
    expect(atStep.allowedActions).not.toContain('approve');
    // The desk's queue offers "Trả kết quả" on the row.
    const row = (await injectAs(t.app, desk, { method: 'GET', url: '/api/dossiers?queue=unit' })).json().items.find((x: { id: string }) => x.id === d.id);
    expect(row).toMatchObject({ awaitingReturn: true });
    // Nobody else returns it; no login, garbage: refused, nothing written.
    const before = await logOf(d.id);
    expect((await act(cv1, d.id, { action: 'return_result' })).statusCode).toBe(403);
    expect((await act(otherSpecialist, d.id, { action: 'return_result' })).statusCode).toBe(404);
    expect((await act(null, d.id, { action: 'return_result' })).statusCode).toBe(401);
    expect((await act(desk, d.id, { action: 'return_result', receivedBy: 42 })).statusCode).toBe(400);
    expect(await logOf(d.id)).toEqual(before);

    const done = await act(desk, d.id, { action: 'return_result', receivedBy: 'Nguyễn Văn An (người nộp)' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'returned', allowedActions: [], finishClass: 'early' });
    expect(done.json().steps[3].finishedAt).toBe('2026-12-01T02:00:00.000Z');
    expect(await logOf(d.id)).toEqual([...before, 'return_result']);
    const returned = await t.ctx.db.query(`SELECT data->>'receivedBy' AS "receivedBy", actor_id FROM dossier_action WHERE dossier_id = $1 AND action = 'return_result'`, [d.id]);
    expect(returned.rows[0]).toEqual({ receivedBy: 'Nguyễn Văn An (người nộp)', actor_id: ids.desk });
    await consistent(d.id);
    expect((await act(desk, d.id, { action: 'return_result' })).statusCode).toBe(409);
    const after = await resultReadyTab();
    expect(after.ids).not.toContain(d.id);
    expect(after.count).toBe(before0.count);
  });

  it('"Chờ trả kết quả" holds a result approved on to the desk\'s return step, not one sent back from the signing step', async () => {
    at('2026-12-01T03:00:00Z');
    const fourSteps = await deskReturnProcedure('2.000987');
    const intake = async () => {
      const res = await injectAs(t.app, desk, {
        method: 'POST',
        url: '/api/dossiers',
        payload: {
          idempotencyKey: `processing-${++seq}`, procedureId: fourSteps, receivingUnitId: tree.deskA.id, resolvingUnitId: tree.communeA.id,
          applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Trần Thị Bình' }, outcome: 'accept',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const [atReturn, sentBack, early] = [await intake(), await intake(), await intake()];
    for (const id of [atReturn, sentBack]) for (const who of [desk, cv1]) expect((await act(who, id, { action: 'forward' })).statusCode).toBe(200);
    expect((await act(leader, atReturn, { action: 'approve' })).statusCode).toBe(200);
    expect((await act(leader, sentBack, { action: 'send_back', note: 'Thiếu chữ ký' })).statusCode).toBe(200);
    expect((await act(desk, early, { action: 'forward' })).statusCode).toBe(200);
    const tab = await resultReadyTab();
    expect(tab.ids).toContain(atReturn);
    expect(tab.ids).not.toContain(sentBack);
    expect(tab.ids).not.toContain(early);
    // Any other dossier the rule counts at the desk (a result ready) is both listed and counted.
    expect([...tab.ids].sort()).toEqual(await ruleAtDesk());
    expect(tab.count).toBe(tab.ids.length);
  });
});

describe('the home counts per unit', () => {
  it('an officer of several units counts one of them at a time, or all; not a unit of someone else', async () => {
    at('2026-11-30T08:00:00Z');
    await buildStaff(t.ctx.db, 'lanhdao.hai.xa', [{ role: 'leader', unit: tree.communeA }, { role: 'leader', unit: tree.communeB }]);
    const both = await login(t.app, 'lanhdao.hai.xa');
    const inB = await injectAs(t.app, desk, {
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        idempotencyKey: `processing-${++seq}`, procedureId, receivingUnitId: tree.deskA.id, resolvingUnitId: tree.communeB.id,
        applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Nguyễn Văn An' }, outcome: 'accept',
      },
    });
    expect(inB.statusCode, inB.body).toBe(201);
    const unitCount = async (unitId?: string) => {
      const res = await injectAs(t.app, both, { method: 'GET', url: `/api/dossiers?queue=unit&limit=1${unitId ? `&unitId=${unitId}` : ''}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().counts.unit as number;
    };
    const [a, b, all] = [await unitCount(tree.communeA.id), await unitCount(tree.communeB.id), await unitCount()];
    const truth = async (...unitIds: string[]) =>
      (await t.ctx.db.query<{ n: number }>(`SELECT count(DISTINCT dossier_id)::int AS n FROM dossier_scope WHERE unit_id = ANY($1) AND status IN ('received', 'processing', 'interagency', 'supplement_requested', 'result_ready')`, [unitIds])).rows[0]!.n;
    expect(a).toBe(await truth(tree.communeA.id));
    expect(b).toBe(await truth(tree.communeB.id));
    expect(b).toBeGreaterThan(0);
    expect(a).toBeGreaterThan(b); // commune A also holds the dossiers of its desk and of the earlier tests
    expect(all).toBe(await truth(tree.communeA.id, tree.communeB.id));
    // Another officer's unit, garbage: refused.
    expect((await injectAs(t.app, both, { method: 'GET', url: `/api/dossiers?queue=unit&unitId=${tree.deskA.id}` })).statusCode).toBe(403);
    expect((await injectAs(t.app, cv1, { method: 'GET', url: `/api/dossiers?queue=unit&unitId=${tree.communeB.id}` })).statusCode).toBe(403);
    expect((await injectAs(t.app, both, { method: 'GET', url: `/api/dossiers?queue=unit&unitId=rac` })).statusCode).toBe(400);
  });
});

describe('step times in the hours of their time', () => {
  it('a change of working hours between two steps: each step reads its days in the hours then in force', async () => {
    // The province works 8 h a day, then 7 h from Tuesday 22/12/2026.
    await t.ctx.db.query(
      `INSERT INTO working_hours (unit_id, effective_from, morning_start, morning_end, afternoon_start, afternoon_end, set_at)
       VALUES ($1, '2026-01-01', '07:30', '11:30', '13:30', '17:30', $3), ($1, $2, '07:30', '11:00', '13:30', '17:00', $3)`,
      [tree.province.id, '2026-12-22', now],
    );
    at('2026-12-21T02:00:00Z'); // Monday 09:00
    const d = await intake();
    at('2026-12-22T02:00:00Z'); // Tuesday 09:00, under the new hours
    expect((await act(desk, d.id, { action: 'forward' })).statusCode).toBe(200);
    const steps = (await open(desk, d.id)).steps as { name: string; workingDays: number; dayMinutes: number }[];
    expect(steps.map((s) => [s.name, s.workingDays, s.dayMinutes])).toEqual([
      ['Tiếp nhận', 0.5, 480], // started on Monday: 8 h days, half a day = 4 h
      ['Thẩm định', 2, 420], // started on Tuesday: 7 h days
      ['Ký duyệt', 0.5, 480], // not started: the hours when the legal time began (Monday)
    ]);
  });
});
