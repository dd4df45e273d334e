import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLevelOneFirst } from './dossier-code.rules.js';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildSigner, buildStaff, buildUnit, buildUnitTree, deskIntakePayload } from '../../../test/factories.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let now = new Date('2026-11-25T02:00:00Z'); // 09:00 Wednesday in Vietnam
const at = (iso: string) => (now = new Date(iso));
let desk: Session, specialist: Session, leader: Session, otherSpecialist: Session, admin: Session;
let oneDay: string, threeDays: string;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  await buildSigner(t.ctx.db, tree.communeA);
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  await buildStaff(t.ctx.db, 'chuyenvien', [{ role: 'specialist', unit: tree.officeA }]);
  await buildStaff(t.ctx.db, 'lanhdao', [{ role: 'leader', unit: tree.communeA }]);
  await buildStaff(t.ctx.db, 'chuyenvien.khac', [{ role: 'specialist', unit: tree.communeB }]);
  const sessions = await Promise.all(['admin.tinh', 'motcua', 'chuyenvien', 'lanhdao', 'chuyenvien.khac'].map((u) => login(t.app, u)));
  [admin, desk, specialist, leader, otherSpecialist] = sessions as [Session, Session, Session, Session, Session];
  const create = async (content: ReturnType<typeof buildProcedureContent>) => {
    const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content } });
    await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${res.json().id}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    return res.json().id as string;
  };
  oneDay = await create(buildProcedureContent());
  threeDays = await create(
    buildProcedureContent({
      code: '1.000894',
      name: 'Đăng ký kết hôn',
      processingTime: { amount: 3, unit: 'working_day' },
      steps: [
        { name: 'Tiếp nhận', role: 'desk_officer', unitCode: null, workingDays: 0.5 },
        { name: 'Thẩm định', role: 'specialist', unitCode: null, workingDays: 2 },
        { name: 'Ký duyệt', role: 'leader', unitCode: null, workingDays: 0.5 },
      ],
    }),
  );
});
afterAll(() => t.close());

let keySeq = 0;
const intakePayload = (procedureId: string, overrides: Record<string, unknown> = {}) =>
  deskIntakePayload({ deskId: tree.deskA.id, communeId: tree.communeA.id, procedureId, idempotencyKey: `key-${++keySeq}-${Date.now()}` }, overrides);
const intake = (procedureId: string, overrides: Record<string, unknown> = {}, s: Session = desk) =>
  injectAs(t.app, s, { method: 'POST', url: '/api/dossiers', payload: intakePayload(procedureId, overrides) });
const act = (s: Session, id: string, body: Record<string, unknown>) => injectAs(t.app, s, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: body });

describe('dossier lifecycle at the desk', () => {
  it('an unknown procedure is not found (404), an unpublished one accepts no dossiers (422); nothing is written', async () => {
    const before = Number((await t.ctx.db.query<{ n: string }>(`SELECT count(*) AS n FROM dossier`)).rows[0]!.n);
    const unknown = await intake('00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('COMMON.NOT_FOUND');
    const draft = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content: buildProcedureContent({ code: '1.999999', name: 'Thủ tục chưa công bố' }) } });
    const closed = await intake(draft.json().id as string);
    expect(closed.statusCode).toBe(422);
    expect(closed.json()).toMatchObject({ code: 'DOSSIER.PROCEDURE_NOT_ACCEPTING', message: 'Thủ tục chưa công bố hoặc đã bãi bỏ, không tiếp nhận hồ sơ.' });
    expect(Number((await t.ctx.db.query<{ n: string }>(`SELECT count(*) AS n FROM dossier`)).rows[0]!.n)).toBe(before);
  });

  it('receives with a legal code and due time, walks the steps, returns the result; history is complete', async () => {
    at('2026-11-25T02:00:00Z');
    const res = await intake(oneDay);
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    // The 2026 format (TT 04/2025/TT-VPCP): level-1 group first, system code 00, the day's sequence.
    expect(d.code).toBe(`${toLevelOneFirst(tree.deskA.code)}-261125-000001`);
    expect(d).toMatchObject({ status: 'received', nationalStatus: 2, ruleSet: 'nd118-2025', dueAt: '2026-11-26T02:00:00.000Z', deadlineState: 'due_soon' });
    expect(d.steps.map((s: { dueAt: string }) => s.dueAt)).toEqual(['2026-11-25T04:00:00.000Z', '2026-11-25T10:00:00.000Z', '2026-11-26T02:00:00.000Z']);
    expect(d.allowedActions).toEqual(expect.arrayContaining(['forward', 'request_supplement', 'withdraw']));
    expect(d).toMatchObject({ documents: [{ name: 'Tờ khai', kind: 'original', count: 1 }], eform: { hoTen: 'Nguyễn Thị Bé' }, resolvingUnitId: tree.communeA.id });

    // Illegal: returning a result that does not exist yet.
    const early = await act(desk, d.id, { action: 'return_result' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('DOSSIER.ACTION_NOT_ALLOWED');
    expect(early.json().details.allowed).toContain('forward');

    expect((await act(desk, d.id, { action: 'forward' })).json().status).toBe('processing');
    // A specialist of another commune cannot touch it, nor can anyone anonymous.
    expect((await act(otherSpecialist, d.id, { action: 'claim' })).statusCode).toBe(404);
    expect((await act(null as unknown as Session, d.id, { action: 'claim' })).statusCode).toBe(401);
    expect((await injectAs(t.app, otherSpecialist, { method: 'GET', url: `/api/dossiers/${d.id}` })).statusCode).toBe(404);
    at('2026-11-25T03:00:00Z');
    expect((await act(specialist, d.id, { action: 'claim' })).statusCode).toBe(200);
    expect((await act(specialist, d.id, { action: 'forward' })).json().stepIndex).toBe(2);
    // The specialist cannot approve in the leader's place.
    expect((await act(specialist, d.id, { action: 'approve' })).statusCode).toBe(403);
    at('2026-11-25T07:00:00Z');
    const approved = await act(leader, d.id, { action: 'approve' });
    expect(approved.json()).toMatchObject({ status: 'result_ready', finishClass: 'early' });
    at('2026-11-26T01:00:00Z');
    const returned = await act(desk, d.id, { action: 'return_result', receivedBy: 'Nguyễn Văn An' });
    expect(returned.json()).toMatchObject({ status: 'returned', nationalStatus: 10, allowedActions: [] });
    expect(returned.json().history.map((h: { action: string }) => h.action)).toEqual(['accept', 'forward', 'claim', 'forward', 'approve', 'return_result']);
    await expect(t.ctx.db.query(`UPDATE dossier_action SET note = 'sửa' WHERE dossier_id = $1`, [d.id])).rejects.toThrow(/append-only/);
    // The applicant's SMS were queued with the changes that caused them, and only those (the refused action and the
    // claim, which changes neither status nor step, queued nothing); each other change is told as the timeline says it.
    const sms = await t.ctx.db.query(`SELECT template_key, recipient, body FROM notification_outbox WHERE dossier_id = $1 ORDER BY created_at, template_key <> 'dossier.accepted'`, [d.id]);
    expect(sms.rows.map((r) => r.template_key)).toEqual(['dossier.accepted', 'dossier.status-changed', 'dossier.status-changed', 'dossier.result-ready', 'dossier.status-changed']);
    expect(sms.rows[0].recipient).toBe('+84912345678');
    expect(sms.rows[0].body).toContain(d.code);
    expect(sms.rows[2].body).toMatch(new RegExp(`^Ho so ${d.code}: Chuyen den buoc .+ - chuyen vien .+, 25/11/2026 10:00\\.$`));
    expect(sms.rows[4].body).toMatch(/Da tra ket qua tai .+, 26\/11\/2026 08:00\.$/);
  });

  it('a retried submission with the same key returns the same dossier and uses no new number', async () => {
    at('2026-11-25T04:00:00Z');
    const payload = { idempotencyKey: 'retry-key-0001' };
    const [a, b] = await Promise.all([intake(oneDay, payload), intake(oneDay, payload)]);
    expect(a.json().id).toBe(b.json().id);
    const c = await intake(oneDay, payload);
    expect(c.json().code).toBe(a.json().code);
    const n = await t.ctx.db.query(`SELECT count(*)::int AS n FROM dossier WHERE idempotency_key LIKE '%:retry-key-0001'`);
    expect(n.rows[0].n).toBe(1);
  });

  it('with Prefer: return=minimal the desk gets the receipt only — the same facts as the dossier, its Location — and a retry gets the same receipt', async () => {
    at('2026-11-25T04:10:00Z');
    const minimal = { prefer: 'return=minimal' };
    const payload = { idempotencyKey: 'receipt-key-0001' };
    const res = await injectAs(t.app, desk, { method: 'POST', url: '/api/dossiers', headers: minimal, payload: intakePayload(oneDay, payload) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['preference-applied']).toBe('return=minimal');
    const receipt = res.json();
    expect(res.headers.location).toBe(`/api/dossiers/${receipt.id}`);
    // The receipt says what the dossier, read back, says.
    const full = (await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${receipt.id}` })).json();
    expect(receipt).toEqual({
      id: full.id,
      code: full.code,
      status: 'received',
      statusLabel: 'Đã tiếp nhận',
      procedureName: 'Đăng ký khai sinh',
      applicantName: 'Nguyễn Văn An',
      resolvingUnitName: tree.communeA.name,
      dueAt: full.dueAt,
      receivedAt: '2026-11-25T04:10:00.000Z',
    });
    expect(receipt.code).toMatch(/-261125-\d{4,}$/);
    expect(receipt.dueAt).not.toBeNull();
    // A retry (the answer was lost) gets the first dossier's receipt, with or without the preference; four at once too.
    const again = await injectAs(t.app, desk, { method: 'POST', url: '/api/dossiers', headers: minimal, payload: intakePayload(oneDay, payload) });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(receipt);
    const raced = await Promise.all(Array.from({ length: 4 }, () => injectAs(t.app, desk, { method: 'POST', url: '/api/dossiers', headers: minimal, payload: intakePayload(oneDay, { idempotencyKey: 'receipt-key-0002' }) })));
    expect(new Set(raced.map((r) => r.json().id)).size).toBe(1);
    expect(new Set(raced.map((r) => r.json().code)).size).toBe(1);
    const whole = await intake(oneDay, payload);
    expect(whole.statusCode).toBe(201);
    expect(whole.headers['preference-applied']).toBeUndefined();
    expect(whole.json()).toMatchObject({ id: receipt.id, code: receipt.code, steps: full.steps });
    // Not accepted: no code, no appointment.
    const incomplete = await injectAs(t.app, desk, {
      method: 'POST', url: '/api/dossiers', headers: minimal,
      payload: intakePayload(oneDay, { outcome: 'incomplete', missing: [{ name: 'Giấy chứng sinh', count: 1 }], reason: 'Thiếu giấy chứng sinh' }),
    });
    expect(incomplete.statusCode, incomplete.body).toBe(201);
    expect(incomplete.json()).toMatchObject({ code: null, status: 'not_accepted', statusLabel: 'Không được tiếp nhận', dueAt: null, receivedAt: null, applicantName: 'Nguyễn Văn An' });
    // Others get what they got before: no login 401, an officer of another commune 403 without the dossier, garbage 400.
    const anonymous = await injectAs(t.app, null, { method: 'POST', url: '/api/dossiers', headers: minimal, payload: intakePayload(oneDay, payload) });
    expect(anonymous.statusCode).toBe(401);
    const outsider = await injectAs(t.app, otherSpecialist, { method: 'POST', url: '/api/dossiers', headers: minimal, payload: intakePayload(oneDay, payload) });
    expect(outsider.statusCode).toBe(403);
    expect(outsider.body).not.toContain(receipt.id);
    expect(outsider.body).not.toContain(receipt.code);
    const garbage = await injectAs(t.app, desk, { method: 'POST', url: '/api/dossiers', headers: minimal, payload: { ...intakePayload(oneDay), applicant: 'x' } });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().code).toBe('COMMON.VALIDATION');
  });

  it('idempotency keys belong to one desk: another desk with the same key gets its own dossier, an outsider nothing', async () => {
    at('2026-11-25T04:30:00Z');
    const payload = { idempotencyKey: 'shared-key-0001' };
    const first = await intake(oneDay, payload);
    expect(first.statusCode).toBe(201);
    // An officer of another commune replays the key: refused, and not told which dossier it named.
    const outsider = await intake(oneDay, payload, otherSpecialist);
    expect(outsider.statusCode).toBe(403);
    expect(outsider.body).not.toContain(first.json().id);
    const communeC = await buildUnit(t.ctx.db, { kind: 'commune', parent: tree.province, name: 'Xã Cát Thử' });
    const deskC = await buildUnit(t.ctx.db, { kind: 'desk', parent: communeC, name: 'Bộ phận một cửa xã Cát Thử' });
    await buildStaff(t.ctx.db, 'motcua.c', [{ role: 'desk_officer', unit: deskC }]);
    const otherDesk = await login(t.app, 'motcua.c');
    const second = await intake(oneDay, { ...payload, receivingUnitId: deskC.id, resolvingUnitId: communeC.id }, otherDesk);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).not.toBe(first.json().id);
  });

  describe('a key reused for another request (draft-ietf-httpapi-idempotency-key-header: 422)', () => {
    const count = async (sql: string, params: unknown[] = []) => (await t.ctx.db.query<{ n: number }>(sql, params)).rows[0]!.n;
    const written = async () => ({
      dossiers: await count(`SELECT count(*)::int AS n FROM dossier`),
      actions: await count(`SELECT count(*)::int AS n FROM dossier_action`),
      notifications: await count(`SELECT count(*)::int AS n FROM notification_outbox`),
      numbers: await count(`SELECT coalesce(sum(last_seq), 0)::int AS n FROM dossier_code_counter WHERE unit_id = $1`, [tree.deskA.id]),
    });
    const reused = { code: 'DOSSIER.IDEMPOTENCY_KEY_REUSED' };
    const post = (payload: Record<string, unknown>, s: Session = desk) => injectAs(t.app, s, { method: 'POST', url: '/api/dossiers', headers: { prefer: 'return=minimal' }, payload });

    it('the same body, its keys in another order, gets the first receipt and writes nothing; another applicant or procedure is refused and writes nothing', async () => {
      at('2026-11-25T05:00:00Z');
      const body = intakePayload(oneDay, { idempotencyKey: 'reused-key-0001' });
      const first = await post(body);
      expect(first.statusCode, first.body).toBe(201);
      const stored = await t.ctx.db.query(`SELECT request_fingerprint FROM dossier WHERE id = $1`, [first.json().id]);
      expect(stored.rows[0].request_fingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const before = await written();

      const reordered = Object.fromEntries(Object.entries({ ...body, applicant: Object.fromEntries(Object.entries(body.applicant).reverse()) }).reverse());
      expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(body));
      for (const retry of [body, reordered]) {
        const again = await post(retry);
        expect(again.statusCode, again.body).toBe(201);
        expect(again.json()).toEqual(first.json());
      }
      expect(await written()).toEqual(before);

      const otherApplicant = await post({ ...body, applicant: { kind: 'citizen', idNumber: '079195000123', fullName: 'Trần Thị Bình', phone: '0912345679' } });
      expect(otherApplicant.statusCode).toBe(422);
      // The desk the key belongs to is shown what its first try recorded: the officer whose first press seemed to
      // fail, then corrected the form, opens that dossier instead of believing it was never received.
      const { code, applicantName } = first.json() as { code: string; applicantName: string };
      expect(otherApplicant.json()).toEqual({
        ...reused,
        message: `Lần gửi trước của biểu mẫu này đã được ghi nhận thành hồ sơ ${code} (người nộp: ${applicantName}), với nội dung khác lần này; lần gửi này chưa được ghi nhận. Mở hồ sơ đó để kiểm tra hoặc sửa; nếu đây là một hồ sơ khác, hãy bắt đầu tiếp nhận mới.`,
        messageEn: `The first submission of this form was recorded as dossier ${code}, with other content; this one was not recorded. Open that dossier to check or correct it; for another dossier, start a new intake.`,
        details: { dossierId: first.json().id, code },
      });
      const otherProcedure = await post({ ...body, procedureId: threeDays });
      expect(otherProcedure.statusCode).toBe(422);
      expect(otherProcedure.json().code).toBe(reused.code);
      const otherOutcome = await post({ ...body, outcome: 'incomplete', missing: [{ name: 'Giấy chứng sinh', count: 1 }], reason: 'Thiếu giấy chứng sinh' });
      expect(otherOutcome.json().code).toBe(reused.code);
      // Not one row more: no dossier, no log entry, no SMS, no number taken from the desk's day.
      expect(await written()).toEqual(before);
      // The first request, retried after all that, still gets its receipt.
      expect((await post(body)).json()).toEqual(first.json());
    });

    it('another desk’s same key is its own: a different applicant there is a new dossier, and this desk’s retry is untouched', async () => {
      at('2026-11-25T05:10:00Z');
      const body = intakePayload(oneDay, { idempotencyKey: 'reused-key-0002' });
      const first = await post(body);
      expect(first.statusCode, first.body).toBe(201);
      const communeD = await buildUnit(t.ctx.db, { kind: 'commune', parent: tree.province, name: 'Xã Đông Thử' });
      const deskD = await buildUnit(t.ctx.db, { kind: 'desk', parent: communeD, name: 'Bộ phận một cửa xã Đông Thử' });
      await buildStaff(t.ctx.db, 'motcua.d', [{ role: 'desk_officer', unit: deskD }]);
      const otherDesk = await login(t.app, 'motcua.d');
      const before = await count(`SELECT count(*)::int AS n FROM dossier`);
      const there = await post({ ...body, receivingUnitId: deskD.id, resolvingUnitId: communeD.id, applicant: { kind: 'citizen', idNumber: '079195000123', fullName: 'Trần Thị Bình' } }, otherDesk);
      expect(there.statusCode, there.body).toBe(201);
      expect(there.json()).toMatchObject({ applicantName: 'Trần Thị Bình', resolvingUnitName: 'Xã Đông Thử' });
      expect(there.json().id).not.toBe(first.json().id);
      expect(await count(`SELECT count(*)::int AS n FROM dossier`)).toBe(before + 1);
      expect((await post(body)).json()).toEqual(first.json());
    });

    it('two different requests racing under one new key: one is recorded, the other refused, one dossier', async () => {
      at('2026-11-25T05:20:00Z');
      const before = await count(`SELECT count(*)::int AS n FROM dossier`);
      const bodies = Array.from({ length: 4 }, (_, i) =>
        intakePayload(oneDay, { idempotencyKey: 'reused-key-0003', applicant: { kind: 'citizen', idNumber: '087090001234', fullName: `Nguyễn Văn An ${'I'.repeat(i + 1)}` } }),
      );
      const results = await Promise.all(bodies.map((b) => post(b)));
      const won = results.filter((r) => r.statusCode === 201);
      expect(won).toHaveLength(1);
      expect(results.filter((r) => r.statusCode === 422).map((r) => r.json().code)).toEqual([reused.code, reused.code, reused.code]);
      expect(await count(`SELECT count(*)::int AS n FROM dossier`)).toBe(before + 1);
      // The winner's own retry gets its receipt.
      const winner = bodies[results.indexOf(won[0]!)]!;
      expect((await post(winner)).json()).toEqual(won[0]!.json());
    });

    it('a dossier recorded before fingerprints were kept (none stored) answers any retry under its key as before', async () => {
      at('2026-11-25T05:30:00Z');
      const body = intakePayload(oneDay, { idempotencyKey: 'reused-key-0004' });
      const first = await post(body);
      expect(first.statusCode, first.body).toBe(201);
      await t.ctx.db.query(`UPDATE dossier SET request_fingerprint = NULL WHERE id = $1`, [first.json().id]);
      const before = await count(`SELECT count(*)::int AS n FROM dossier`);
      const again = await post({ ...body, applicant: { kind: 'citizen', idNumber: '079195000123', fullName: 'Trần Thị Bình' } });
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual(first.json());
      expect(await count(`SELECT count(*)::int AS n FROM dossier`)).toBe(before);
    });
  });

  it('concurrent intakes at one desk get distinct consecutive numbers', async () => {
    at('2026-11-27T02:00:00Z');
    const results = await Promise.all(Array.from({ length: 12 }, () => intake(oneDay)));
    const codes = results.map((r) => r.json().code as string).sort();
    expect(new Set(codes).size).toBe(12);
    expect(codes.map((c) => c.slice(-4))).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(4, '0')));
  });

  it('a raced retry gives its number back; the 2026 format numbers past 9,999 a day, the 2018 one refuses the 10,000th without consuming anything', async () => {
    at('2026-11-26T02:00:00Z');
    const payload = { idempotencyKey: 'raced-key-0001' };
    await Promise.all(Array.from({ length: 4 }, () => intake(oneDay, payload)));
    const next = await intake(oneDay);
    expect(next.json().code.slice(-4)).toBe('0002');
    await t.ctx.db.query(`UPDATE dossier_code_counter SET last_seq = 9999 WHERE unit_id = $1 AND day = '2026-11-26'`, [tree.deskA.id]);
    const tenThousandth = await intake(oneDay);
    expect(tenThousandth.statusCode, tenThousandth.body).toBe(201);
    expect(tenThousandth.json().code).toBe(`${toLevelOneFirst(tree.deskA.code)}-261126-0010000`);
    // Before 25/01/2026 the code had four digits: the day is full at 9,999.
    at('2026-01-20T02:00:00Z');
    await t.ctx.db.query(`INSERT INTO dossier_code_counter (unit_id, day, last_seq) VALUES ($1, '2026-01-20', 9999)`, [tree.deskA.id]);
    const before = await t.ctx.db.query(`SELECT count(*)::int AS n FROM dossier`);
    const full = await intake(oneDay);
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('DOSSIER.DAY_FULL');
    const after = await t.ctx.db.query(`SELECT count(*)::int AS n FROM dossier`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    const counter = await t.ctx.db.query(`SELECT last_seq FROM dossier_code_counter WHERE unit_id = $1 AND day = '2026-01-20'`, [tree.deskA.id]);
    expect(counter.rows[0].last_seq).toBe(9999);
  });

  it('a late dossier gets one apology letter with a new date, issued a working day ahead (not late), and is returned after it', async () => {
    at('2026-11-30T01:00:00Z'); // Monday 08:00
    const d = (await intake(threeDays)).json();
    expect(d.dueAt).toBe('2026-12-03T01:00:00.000Z');
    await act(desk, d.id, { action: 'forward' });
    at('2026-12-01T03:00:00Z'); // Tuesday 10:00, more than a working day before the due time: on time
    expect((await injectAs(t.app, leader, { method: 'GET', url: `/api/dossiers/${d.id}` })).json().apology).toMatchObject({ possible: true, late: false });
    const apology = await act(leader, d.id, { action: 'apologise', newDueAt: '2026-12-08T17:00:00+07:00', note: 'Cần xác minh thêm' });
    expect(apology.statusCode, apology.body).toBe(200);
    expect(apology.json()).toMatchObject({ dueAt: '2026-12-08T10:00:00.000Z', originalDueAt: '2026-12-03T01:00:00.000Z', apologyCount: 1 });
    const again = await act(leader, d.id, { action: 'apologise', newDueAt: '2026-12-10T17:00:00+07:00' });
    expect(again.statusCode).toBe(409);
    const log = await t.ctx.db.query(`SELECT data FROM dossier_action WHERE dossier_id = $1 AND action = 'apologise'`, [d.id]);
    expect(log.rows[0].data.late).toBe(false);
    await act(specialist, d.id, { action: 'forward' });
    at('2026-12-07T03:00:00Z'); // after the first date, before the new one
    const approved = await act(leader, d.id, { action: 'approve' });
    expect(approved.json()).toMatchObject({ status: 'result_ready', finishClass: 'early' });
    expect((await act(desk, d.id, { action: 'return_result' })).json().status).toBe('returned');
  });

  it('supplementation pauses the dossier and restarts the legal time when it is complete again', async () => {
    at('2026-11-30T02:00:00Z');
    const d = (await intake(threeDays)).json();
    await act(desk, d.id, { action: 'forward' });
    const noReason = await act(specialist, d.id, { action: 'request_supplement' });
    expect(noReason.statusCode).toBe(400);
    const asked = await act(specialist, d.id, { action: 'request_supplement', note: 'Thiếu giấy xác nhận tình trạng hôn nhân' });
    expect(asked.json()).toMatchObject({ status: 'supplement_requested', nationalStatus: 5, deadlineState: 'paused' });
    at('2026-12-02T02:00:00Z');
    const back = await act(desk, d.id, { action: 'supplement_received' });
    expect(back.json()).toMatchObject({ status: 'processing', supplementCount: 1, dueAt: '2026-12-07T02:00:00.000Z' });
    const waited = await t.ctx.db.query(`SELECT paused_minutes FROM dossier WHERE id = $1`, [d.id]);
    expect(Number(waited.rows[0].paused_minutes)).toBe(2 * 480);
  });

  it('supplementation may be asked only within 3 working days of receipt (ND 61/2018 Điều 19 k4)', async () => {
    at('2026-11-30T02:00:00Z'); // Monday 09:00
    const d = (await intake(threeDays)).json();
    await act(desk, d.id, { action: 'forward' });
    at('2026-12-04T03:00:00Z'); // Friday: four working days later
    const late = await act(specialist, d.id, { action: 'request_supplement', note: 'Thiếu giấy tờ' });
    expect(late.statusCode).toBe(422);
    expect(late.json().code).toBe('DOSSIER.SUPPLEMENT_WINDOW');
    at('2026-12-03T01:30:00Z'); // Thursday 08:30: still within the three days
    expect((await act(specialist, d.id, { action: 'request_supplement', note: 'Thiếu giấy tờ' })).statusCode).toBe(200);
  });

  it('the head assigns the step to an officer who may take it; no one else assigns, and no one else is assigned', async () => {
    at('2026-11-30T02:00:00Z');
    const d = (await intake(threeDays)).json();
    await act(desk, d.id, { action: 'forward' });
    const candidates = await injectAs(t.app, leader, { method: 'GET', url: `/api/dossiers/${d.id}/assignees` });
    expect(candidates.statusCode, candidates.body).toBe(200);
    const names = candidates.json().map((c: { username: string }) => c.username);
    expect(names).toContain('chuyenvien');
    expect(names).not.toContain('chuyenvien.khac');
    expect((await injectAs(t.app, specialist, { method: 'GET', url: `/api/dossiers/${d.id}/assignees` })).statusCode).toBe(403);
    const specialistId = candidates.json().find((c: { username: string }) => c.username === 'chuyenvien').userId;
    expect((await act(specialist, d.id, { action: 'assign', assigneeId: specialistId })).statusCode).toBe(403);
    const otherId = (await t.ctx.db.query(`SELECT id FROM staff_user WHERE username = 'chuyenvien.khac'`)).rows[0].id;
    const wrong = await act(leader, d.id, { action: 'assign', assigneeId: otherId });
    expect(wrong.json().code).toBe('DOSSIER.ASSIGNEE');
    const ok = await act(leader, d.id, { action: 'assign', assigneeId: specialistId });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().history.at(-1)).toMatchObject({ action: 'assign', details: { assigneeName: 'Cán bộ chuyenvien' } });
    const mine = await injectAs(t.app, specialist, { method: 'GET', url: '/api/dossiers?queue=mine' });
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(d.id);
  });

  it('incomplete or ineligible dossiers are recorded without a code, with the reasons', async () => {
    const res = await intake(oneDay, { outcome: 'incomplete', missing: [{ name: 'Giấy chứng sinh', count: 1 }] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: null, status: 'not_accepted', nationalStatus: 3, allowedActions: [] });
    const noReason = await intake(oneDay, { outcome: 'refuse' });
    expect(noReason.statusCode).toBe(400);
    const badId = await intake(oneDay, { applicant: { kind: 'citizen', idNumber: '12345', fullName: 'X Y' } });
    expect(badId.statusCode).toBe(400);
    const badForm = await intake(oneDay, { eform: { khac: 1 } });
    expect(badForm.statusCode).toBe(400);
    expect(badForm.json().code).toBe('DOSSIER.EFORM_INVALID');
    // The officer reads the field's label and the problem, not a JSON pointer or an English validator message.
    expect(badForm.json().message).toBe('Tờ khai điện tử chưa hợp lệ: Họ, chữ đệm, tên là thông tin bắt buộc.');
    expect((await intake(oneDay, {}, specialist)).statusCode).toBe(403);
  });
});

describe('the applicant by their one number', () => {
  it('stores the CCCD or tax code in its canonical form, so spaced and dashless writings are one applicant', async () => {
    at('2026-11-26T02:00:00Z');
    const applicant = (idNumber: string, kind = 'citizen') => ({ kind, idNumber, fullName: kind === 'citizen' ? 'Phạm Thị Hòa' : 'Công ty TNHH Hòa Bình', phone: '0912 345 678' });
    const spaced = await intake(oneDay, { applicant: applicant('079 190 005 555') });
    const plain = await intake(oneDay, { applicant: applicant('079190005555') });
    const dashless = await intake(oneDay, { applicant: applicant('0100109106001', 'organisation') });
    const dashed = await intake(oneDay, { applicant: applicant('0100109106-001', 'organisation') });
    expect([spaced, plain, dashless, dashed].map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    const stored = await t.ctx.db.query<{ id: string; idNumber: string; applicantId: string; phone: string }>(
      `SELECT d.id, d.applicant->>'idNumber' AS "idNumber", d.applicant_id AS "applicantId", d.applicant->>'phone' AS phone FROM dossier d WHERE d.id = ANY($1) ORDER BY array_position($1, d.id)`,
      [[spaced, plain, dashless, dashed].map((r) => r.json().id as string)],
    );
    expect(stored.rows.map((r) => r.idNumber)).toEqual(['079190005555', '079190005555', '0100109106-001', '0100109106-001']);
    expect(stored.rows.map((r) => r.phone)).toEqual(['0912345678', '0912345678', '0912345678', '0912345678']);
    expect(stored.rows[0]!.applicantId).toBe(stored.rows[1]!.applicantId);
    expect(stored.rows[2]!.applicantId).toBe(stored.rows[3]!.applicantId);
    const rows = await t.ctx.db.query<{ idNumber: string }>(`SELECT id_number AS "idNumber" FROM applicant WHERE id_number LIKE '079 %' OR id_number LIKE '079190005555%' OR id_number LIKE '0100109106%' ORDER BY 1`);
    expect(rows.rows.map((r) => r.idNumber)).toEqual(['0100109106-001', '079190005555']);
  });

  it('refuses a wrong number with the rule’s reason in Vietnamese, and writes nothing', async () => {
    const before = Number((await t.ctx.db.query<{ n: string }>(`SELECT count(*) AS n FROM dossier`)).rows[0]!.n);
    const province = await intake(oneDay, { applicant: { kind: 'citizen', idNumber: '999190001234', fullName: 'Phạm Văn Sai' } });
    expect(province.statusCode).toBe(400);
    expect(province.json().message).toContain('Ba chữ số đầu (999) không phải mã tỉnh');
    const checkDigit = await intake(oneDay, { applicant: { kind: 'organisation', idNumber: '0100109107', fullName: 'Công ty Sai Số' } });
    expect(checkDigit.statusCode).toBe(400);
    expect(checkDigit.json().message).toContain('chữ số kiểm tra thứ 10 không khớp');
    // A phone no network has: the reason is the message, after the field's name (the officer saw "Dữ liệu gửi lên không
    // hợp lệ." and had to open the details); where it is stays in details for the form, and the English is English.
    const phone = await intake(oneDay, { applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Phạm Văn Sai', phone: '0123 456 789' } });
    expect(phone.statusCode).toBe(400);
    expect(phone.json()).toMatchObject({
      code: 'COMMON.VALIDATION',
      message: 'Số điện thoại: Đầu số điện thoại không thuộc mã mạng di động hoặc mã vùng cố định nào của Việt Nam.',
      messageEn: 'The value of "applicant.phone" is invalid.',
      details: { issues: [{ path: '/applicant/phone', message: 'Đầu số điện thoại không thuộc mã mạng di động hoặc mã vùng cố định nào của Việt Nam.' }] },
    });
    expect(Number((await t.ctx.db.query<{ n: string }>(`SELECT count(*) AS n FROM dossier`)).rows[0]!.n)).toBe(before);
  });
});

describe('queues, search and public tracking', () => {
  it('shows queues with counts; searches by accent-free name and CCCD', async () => {
    const list = await injectAs(t.app, desk, { method: 'GET', url: '/api/dossiers?queue=all&q=nguyen%20van%20an' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(5);
    expect(list.json().counts).toHaveProperty('overdue');
    expect(list.json().items.some((i: { deadlineState: string | null }) => i.deadlineState === 'overdue' || i.deadlineState === null)).toBe(true);
    const byId = await injectAs(t.app, desk, { method: 'GET', url: '/api/dossiers?queue=all&q=087090001234&limit=2' });
    expect(byId.json().items).toHaveLength(2);
    expect(byId.json().next).not.toBeNull();
    const page2 = await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers?queue=all&q=087090001234&limit=2&before=${encodeURIComponent(byId.json().next)}` });
    expect(page2.json().items[0].id).not.toBe(byId.json().items[0].id);
    const other = await injectAs(t.app, otherSpecialist, { method: 'GET', url: '/api/dossiers?queue=all' });
    expect(other.json().items).toHaveLength(0);
  });

  it('tells the citizen a dossier is past its appointment by the server\'s clock, not once it is returned', async () => {
    const [open] = (await injectAs(t.app, desk, { method: 'GET', url: '/api/dossiers?queue=all&status=processing&limit=1' })).json().items;
    const [done] = (await injectAs(t.app, desk, { method: 'GET', url: '/api/dossiers?queue=all&status=returned&limit=1' })).json().items;
    const track = async (code: string) => (await t.app.inject({ url: `/api/tracking?code=${code}&secret=1234` })).json();
    const before = now;
    const due = new Date((await track(open.code)).dueAt);
    try {
      at(new Date(due.getTime() - 60_000).toISOString());
      expect((await track(open.code)).overdue).toBe(false);
      at(new Date(due.getTime() + 60_000).toISOString());
      expect((await track(open.code)).overdue).toBe(true);
      expect((await track(done.code)).overdue).toBe(false);
    } finally {
      now = before;
    }
  });

  it('tracks a dossier by code with the last CCCD digits or the phone, and reveals nothing otherwise', async () => {
    const [d] = (await injectAs(t.app, desk, { method: 'GET', url: '/api/dossiers?queue=all&status=returned&limit=1' })).json().items;
    const ok = await t.app.inject({ url: `/api/tracking?code=${d.code}&secret=1234` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ code: d.code, statusLabel: 'Đã trả kết quả' });
    // The dates and the timeline as the officer's view of the same dossier has them (read with the guarded look-up).
    const view = (await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${d.id}` })).json();
    expect({ receivedAt: ok.json().receivedAt, dueAt: ok.json().dueAt, returnedAt: ok.json().returnedAt, overdue: ok.json().overdue }).toEqual({
      receivedAt: view.receivedAt, dueAt: view.dueAt, returnedAt: view.returnedAt, overdue: false,
    });
    expect(ok.json().returnedAt).not.toBeNull();
    // Each entry of the citizen's timeline is an entry of the dossier's log, at the same instant.
    const logged = new Set(view.history.map((h: { at: string }) => h.at));
    expect(ok.json().timeline.length).toBeGreaterThan(1);
    expect(ok.json().timeline.filter((x: { at: string }) => !logged.has(x.at))).toEqual([]);
    expect(ok.json().timeline[0].label).toMatch(/^Đã tiếp nhận tại Bộ phận một cửa /);
    expect(JSON.stringify(ok.json())).not.toContain('Nguyễn');
    // The phone as the citizen writes it, whatever way the desk typed it (judged in SQL: phone_significant_vn).
    for (const phone of ['0912345678', '+84 912 345 678', '0912.345.678', '84912345678']) {
      expect((await t.app.inject({ url: `/api/tracking?code=${d.code}&secret=${encodeURIComponent(phone)}` })).statusCode, phone).toBe(200);
    }
    // Not a number of hers, nor the last 4 digits of her phone (two failures of the handful the code allows).
    for (const secret of ['0912345679', '5678']) {
      expect((await t.app.inject({ url: `/api/tracking?code=${d.code}&secret=${secret}` })).statusCode, secret).toBe(404);
    }
    const wrong = await t.app.inject({ url: `/api/tracking?code=${d.code}&secret=9999` });
    const missing = await t.app.inject({ url: `/api/tracking?code=${d.code.slice(0, -1)}9&secret=1234` });
    expect(wrong.statusCode).toBe(404);
    expect(missing.json()).toEqual(wrong.json());
    // As a citizen types or scans it: without dots and dashes, in lower case, with spaces, or the receipt QR's link.
    const dotless = (d.code as string).replace(/[^0-9A-Z]/g, '').toLowerCase();
    expect((await t.app.inject({ url: `/api/tracking?code=${dotless}&secret=1234` })).json().code).toBe(d.code);
    expect((await t.app.inject({ url: `/api/tracking?code=${encodeURIComponent((d.code as string).replace(/[.-]/g, ' '))}&secret=1234` })).statusCode).toBe(200);
    const qr = `https://dvc.example.vn/thu-tuc/tra-cuu-ho-so?ma=${d.code}`;
    expect((await t.app.inject({ url: `/api/tracking?code=${encodeURIComponent(qr)}&secret=1234` })).json().code).toBe(d.code);
    expect((await t.app.inject({ url: `/api/tracking?code=${dotless}&secret=9999` })).statusCode).toBe(404);
    // The submission reference finds it too, and only with the secret.
    const ref = `NOP-${(d.id as string).replace(/-/g, '').slice(0, 5)}-${(d.id as string).replace(/-/g, '').slice(5, 10)}`;
    expect((await t.app.inject({ url: `/api/tracking?code=${ref}&secret=1234` })).json().code).toBe(d.code);
    expect((await t.app.inject({ url: `/api/tracking?code=${ref}&secret=9999` })).statusCode).toBe(404);
  });
});

describe('procedures a desk may receive', () => {
  it("lists the province's published procedures to its desk officers, searchable without accents; not other provinces', not to others", async () => {
    await buildStaff(t.ctx.db, 'admin.khac', [{ role: 'admin', unit: tree.otherProvince }]);
    const otherAdmin = await login(t.app, 'admin.khac');
    const elsewhere = await injectAs(t.app, otherAdmin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.otherProvince.id, content: buildProcedureContent({ code: '1.000894', name: 'Đăng ký kết hôn' }) } });
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    const published = await injectAs(t.app, otherAdmin, { method: 'POST', url: `/api/procedures/${elsewhere.json().id}/publish`, payload: { decisionNo: '2/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    expect(published.statusCode, published.body).toBeLessThan(300);
    const list = await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/receivable-procedures?receivingUnitId=${tree.deskA.id}&q=ket%20hon` });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([threeDays]);
    const all = (await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/receivable-procedures?receivingUnitId=${tree.deskA.id}` })).json();
    expect(all.items.map((p: { id: string }) => p.id).sort()).toEqual([oneDay, threeDays].sort());
    expect((await injectAs(t.app, specialist, { method: 'GET', url: `/api/dossiers/receivable-procedures?receivingUnitId=${tree.deskA.id}` })).statusCode).toBe(403);
    expect((await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/receivable-procedures?receivingUnitId=${tree.communeB.id}` })).statusCode).toBe(403);
  });
});

describe('scans', () => {
  it('attaches a PDF scan checked by content; others may neither attach nor download it', async () => {
    at('2026-11-30T02:00:00Z');
    const d = (await intake(oneDay)).json();
    const boundary = '----scan';
    const body = (name: string, content: Buffer) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="documentName"\r\n\r\nTờ khai đăng ký khai sinh\r\n`),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const pdf = Buffer.from('%PDF-1.4\n%scan\n%%EOF\n');
    const fake = await injectAs(t.app, desk, { method: 'POST', url: `/api/dossiers/${d.id}/files`, payload: body('a.pdf', Buffer.from('<html>')), headers });
    expect(fake.statusCode).toBe(415);
    const ok = await injectAs(t.app, desk, { method: 'POST', url: `/api/dossiers/${d.id}/files`, payload: body('to-khai.pdf', pdf), headers });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()[0]).toMatchObject({ documentName: 'Tờ khai đăng ký khai sinh', mediaType: 'application/pdf', kind: 'component' });
    const sha = ok.json()[0].sha256;
    expect((await injectAs(t.app, otherSpecialist, { method: 'POST', url: `/api/dossiers/${d.id}/files`, payload: body('x.pdf', pdf), headers })).statusCode).toBe(404);
    expect((await injectAs(t.app, otherSpecialist, { method: 'GET', url: `/api/dossiers/${d.id}/files/${sha}` })).statusCode).toBe(404);
    expect((await injectAs(t.app, otherSpecialist, { method: 'GET', url: `/api/dossiers/${d.id}/files` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/dossiers/${d.id}/files/${sha}` })).statusCode).toBe(401);
    const dl = await injectAs(t.app, specialist, { method: 'GET', url: `/api/dossiers/${d.id}/files/${sha}` });
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    // Public template downloads never serve a dossier's scan.
    expect((await t.app.inject({ url: `/api/catalog/files/${sha}` })).statusCode).toBe(404);

    // The same content in another dossier keeps that dossier's own name, and its time is the server clock's.
    at('2026-11-30T03:30:00Z');
    const other = (await intake(oneDay)).json();
    const again = await injectAs(t.app, desk, { method: 'POST', url: `/api/dossiers/${other.id}/files`, payload: body('giay-khai-sinh-ban-sao.pdf', pdf), headers });
    expect(again.statusCode, again.body).toBe(201);
    const listed = (await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${other.id}/files` })).json();
    expect(listed).toEqual([expect.objectContaining({ sha256: sha, fileName: 'giay-khai-sinh-ban-sao.pdf', addedAt: '2026-11-30T03:30:00.000Z' })]);
    const first = (await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${d.id}/files` })).json();
    expect(first[0].fileName).toBe('to-khai.pdf');
  });
});

describe('printed forms and the tracking book', () => {
  it('prints the receipt, apology and control slip of a dossier as PDF; others may not', async () => {
    const [d] = (await injectAs(t.app, desk, { method: 'GET', url: '/api/dossiers?queue=all&status=returned' })).json().items.filter((x: { code: string | null }) => x.code);
    for (const form of ['receipt', 'control-slip']) {
      const pdf = await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${d.id}/forms/${form}` });
      expect(pdf.statusCode, `${form}: ${pdf.body.slice(0, 200)}`).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const noApology = await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${d.id}/forms/stop-notice` });
    expect(noApology.statusCode).toBe(409);
    expect((await injectAs(t.app, otherSpecialist, { method: 'GET', url: `/api/dossiers/${d.id}/forms/receipt` })).statusCode).toBe(404);
    const apologised = (await t.ctx.db.query(`SELECT id FROM dossier WHERE apology_count = 1 LIMIT 1`)).rows[0];
    const apology = await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${apologised.id}/forms/apology` });
    expect(apology.statusCode, apology.body.slice(0, 200)).toBe(200);
  });

  it('exports the tracking book of the desk for a period as PDF and Excel', async () => {
    for (const format of ['pdf', 'xlsx']) {
      const res = await injectAs(t.app, desk, { method: 'GET', url: `/api/tracking-book?unitId=${tree.deskA.id}&from=2026-11-01&to=2026-12-31&format=${format}` });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.rawPayload.length).toBeGreaterThan(1000);
    }
    const other = await injectAs(t.app, otherSpecialist, { method: 'GET', url: `/api/tracking-book?unitId=${tree.deskA.id}&from=2026-11-01&to=2026-12-31` });
    expect(other.statusCode).toBe(403);
  });
});

describe('inter-agency processing (liên thông)', () => {
  it('transfers to another unit, which alone may send it back; the dossier then continues', async () => {
    await buildStaff(t.ctx.db, 'phoihop', [{ role: 'specialist', unit: tree.communeB }]);
    const partner = await login(t.app, 'phoihop');
    at('2026-12-01T02:00:00Z');
    const d = (await intake(threeDays)).json();
    await act(desk, d.id, { action: 'forward' });
    expect((await act(specialist, d.id, { action: 'transfer' })).statusCode).toBe(422);
    const sent = await act(specialist, d.id, { action: 'transfer', targetUnitId: tree.communeB.id, note: 'Xác minh nơi cư trú' });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'interagency', nationalStatus: 4, interagencyUnitName: tree.communeB.name });
    expect((await act(specialist, d.id, { action: 'transfer_back' })).statusCode).toBe(403);
    expect((await act(specialist, d.id, { action: 'forward' })).statusCode).toBe(409);
    const partnerView = await injectAs(t.app, partner, { method: 'GET', url: `/api/dossiers/${d.id}` });
    expect(partnerView.json().allowedActions).toEqual(['transfer_back']);
    const back = await act(partner, d.id, { action: 'transfer_back', note: 'Đã xác minh' });
    expect(back.json()).toMatchObject({ status: 'processing', interagencyUnitName: null });
    expect((await injectAs(t.app, partner, { method: 'GET', url: `/api/dossiers/${d.id}` })).json().allowedActions).toEqual([]);
    expect((await act(specialist, d.id, { action: 'forward' })).json().stepIndex).toBe(2);
  });
});
