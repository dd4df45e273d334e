import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { multipart, pdf } from '../../../test/citizens.js';
import { APPLICANT, seedDesk } from '../../../test/dossier-fixtures.js';
import { buildStaff } from '../../../test/factories.js';
import { warnOverdueFeedback } from './feedback.jobs.js';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;
let now = new Date('2026-11-25T02:00:00Z'); // Wed 25/11/2026 09:00 in Vietnam
let specialistB: Session;
let leaderB: Session;
let headB: Session;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  s = await seedDesk(t.app, t.ctx.db);
  await buildStaff(t.ctx.db, 'chuyenvien.b', [{ role: 'specialist', unit: s.tree.communeB }]);
  await buildStaff(t.ctx.db, 'lanhdao.b', [{ role: 'leader', unit: s.tree.communeB }]);
  await buildStaff(t.ctx.db, 'truongphong.b', [{ role: 'head', unit: s.tree.communeB }]);
  await t.ctx.db.query(`UPDATE staff_user SET email = username || '@motcua.test' WHERE username IN ('truongphong.b', 'lanhdao.b')`);
  [specialistB, leaderB, headB] = (await Promise.all(['chuyenvien.b', 'lanhdao.b', 'truongphong.b'].map((u) => login(t.app, u)))) as [Session, Session, Session];
});
afterAll(() => t.close());

const post = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });
const act = (who: Session, id: string, step: string, payload: unknown = {}) => injectAs(t.app, who, { method: 'POST', url: `/api/feedback/${id}/${step}`, payload: payload as Record<string, unknown> });
const sender = { name: 'Trần Thị Hoa', address: 'Số 9 đường Lê Lợi, phường An Thử', phone: '0987654321', email: null };

describe('intake on the portal', () => {
  it('needs name, address and phone when not signed in (ND 20/2008 Điều 7)', async () => {
    const base = { unitId: s.tree.deskA.id, subject: 'Đường ngập nước', content: 'Đường trước nhà bị ngập mỗi khi mưa lớn.' };
    const res = await post('/api/feedback/public', { ...base, sender: { ...sender, address: null } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('FEEDBACK.SENDER_INCOMPLETE');
    expect((await post('/api/feedback/public', base)).json().code).toBe('FEEDBACK.SENDER_INCOMPLETE');
    const ok = await post('/api/feedback/public', { ...base, sender, category: 'ha-tang', place: { latitude: 10.29, longitude: 105.76, address: 'Trước số 9 Lê Lợi' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().code).toMatch(new RegExp(`^PAKN-2026-${s.tree.deskA.code.replace(/\./g, '\\.')}-0000\\d$`));
    // 15 working days from Wed 25/11/2026 09:00 (no adjustments in this database): Wed 16/12/2026 09:00.
    expect(new Date(ok.json().answerDueAt).toISOString()).toBe('2026-12-16T02:00:00.000Z');
    const row = (await t.ctx.db.query(`SELECT latitude, longitude, place_address, channel, status FROM feedback WHERE code = $1`, [ok.json().code])).rows[0];
    expect(row).toEqual({ latitude: 10.29, longitude: 105.76, place_address: 'Trước số 9 Lê Lợi', channel: 'portal', status: 'received' });
  });

  it('refuses a phone that is not a Vietnamese number, on the portal and when an officer records; keeps the national form', async () => {
    const base = { unitId: s.tree.deskA.id, subject: 'Đường ngập nước', content: 'Đường trước nhà bị ngập mỗi khi mưa lớn.' };
    const count = async () => (await t.ctx.db.query(`SELECT count(*)::int AS n FROM feedback`)).rows[0].n;
    const before = await count();
    const bad = await post('/api/feedback/public', { ...base, sender: { ...sender, phone: 'abcdefghij' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'FEEDBACK.PHONE_INVALID', message: 'Số điện thoại không hợp lệ: cần số Việt Nam bắt đầu bằng 0 hoặc +84.' });
    const rec = await injectAs(t.app, s.desk, { method: 'POST', url: '/api/feedback/record', payload: { ...base, channel: 'phone', sender: { name: 'Phạm Văn D', phone: '123456789' } } });
    expect(rec.json().code).toBe('FEEDBACK.PHONE_INVALID');
    expect(await count()).toBe(before);
    const ok = await post('/api/feedback/public', { ...base, sender: { ...sender, phone: '+84 987.654.321' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await t.ctx.db.query(`SELECT sender_phone FROM feedback WHERE code = $1`, [ok.json().code])).rows[0].sender_phone).toBe('0987654321');
  });

  it('numbers items consecutively in the unit register and sends the receipt by SMS to a mobile', async () => {
    const a = await post('/api/feedback/public', { unitId: s.tree.deskA.id, subject: 'Thắc mắc lệ phí', content: 'Lệ phí đăng ký kết hôn là bao nhiêu?', kind: 'question', sender });
    const b = await post('/api/feedback/public', { unitId: s.tree.deskA.id, subject: 'Thắc mắc giờ làm việc', content: 'Bộ phận một cửa làm việc thứ Bảy không?', kind: 'question', sender });
    const seq = (c: string) => Number(c.slice(-5));
    expect(seq(b.json().code)).toBe(seq(a.json().code) + 1);
    // The receipt of the second item (both are stamped with the same instant of the test's clock).
    const sms = (await t.ctx.db.query(`SELECT recipient, body FROM notification_outbox WHERE template_key = 'feedback.received' AND body LIKE $1`, [`%${b.json().code}%`])).rows[0];
    expect(sms.recipient).toBe('+84987654321');
    expect(sms.body).toContain(b.json().code);
  });

  it('accepts attachments checked by content and refuses a disguised one', async () => {
    const good = multipart({ name: 'anh-chup.pdf', content: pdf('don phan anh') });
    const up = await t.app.inject({ method: 'POST', url: '/api/feedback/public/attachments', payload: good.payload, headers: good.headers });
    expect(up.statusCode, up.body).toBe(201);
    const bad = multipart({ name: 'anh.pdf', content: Buffer.from('MZ\x90\x00 not a pdf at all') });
    const refused = await t.app.inject({ method: 'POST', url: '/api/feedback/public/attachments', payload: bad.payload, headers: bad.headers });
    expect(refused.statusCode).toBe(415);
    const unknown = await post('/api/feedback/public', { unitId: s.tree.deskA.id, subject: 'Có tệp kèm', content: 'Nội dung kèm tệp chưa tải lên.', sender, files: ['a'.repeat(64)] });
    expect(unknown.json().code).toBe('FEEDBACK.FILE_UNKNOWN');
    const ok = await post('/api/feedback/public', { unitId: s.tree.deskA.id, subject: 'Có tệp kèm', content: 'Nội dung có ảnh chụp đính kèm.', sender, files: [up.json().sha256] });
    expect(ok.statusCode).toBe(201);
    const files = (await t.ctx.db.query(`SELECT ff.file_name FROM feedback_file ff JOIN feedback f ON f.id = ff.feedback_id WHERE f.code = $1`, [ok.json().code])).rows;
    expect(files).toEqual([{ file_name: 'anh-chup.pdf' }]);
  });

  it('suggests likely duplicates without accents: to the sender only published items (public text), to the officer all in scope', async () => {
    const created = await post('/api/feedback/public', { unitId: s.tree.deskA.id, subject: 'Đèn đường hỏng ở Lê Lợi', content: 'Đèn đường trên đường Lê Lợi bị hỏng nhiều ngày, ban đêm rất tối.', sender });
    const secret = await post('/api/feedback/public', { unitId: s.tree.deskA.id, subject: 'Cán bộ Phạm Văn Tâm đòi tiền khi sửa đèn đường Lê Lợi', content: 'Cán bộ Phạm Văn Tâm đòi tiền khi sửa đèn đường Lê Lợi bị hỏng ban đêm.', sender });
    const ask = () => post('/api/feedback/public/similar', { unitId: s.tree.communeA.id, text: 'den duong le loi bi hong, ban dem rat toi' });
    const before = await ask();
    expect(before.statusCode).toBe(200);
    // Nothing is published yet: a second sender is told a near copy is being handled — its number, status and date
    // only, never its subject, text, sender or how alike it is (walk 17 finding 5).
    expect(before.json().items).toEqual([{ code: created.json().code, subject: null, status: 'received', statusLabel: 'Mới tiếp nhận, chờ phân loại', receivedAt: now.toISOString(), published: false, similarity: null }]);
    const copy = await post('/api/feedback/public/similar', { unitId: s.tree.deskA.id, text: 'Den duong hong o Le Loi. Den duong tren duong Le Loi bi hong nhieu ngay, ban dem rat toi.' });
    expect(copy.json().items.map((i: { code: string; published: boolean }) => [i.code, i.published])).toEqual([[created.json().code, false]]);
    for (const leaked of ['Lê Lợi', 'Đèn', 'Phạm Văn Tâm', 'Trần Thị Hoa', '0987654321']) expect(JSON.stringify([before.json(), copy.json()])).not.toContain(leaked);
    // A loose guess does not probe the private register.
    expect((await post('/api/feedback/public/similar', { unitId: s.tree.deskA.id, text: 'đường Lê Lợi có cán bộ' })).json().items).toEqual([]);
    const officer = await injectAs(t.app, s.desk, { method: 'POST', url: '/api/feedback/similar', payload: { unitId: s.tree.deskA.id, text: 'Đèn đường Lê Lợi hỏng' } });
    expect(officer.json().items.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining([created.json().code, secret.json().code]));
    await t.ctx.db.query(`UPDATE feedback SET status = 'published', published_at = $2 WHERE code = $1`, [created.json().code, now]);
    const after = (await ask()).json().items;
    expect(after.map((i: { code: string }) => i.code)).toEqual([created.json().code]);
    expect(after[0]).toMatchObject({ subject: 'Đèn đường hỏng ở Lê Lợi', published: true, receivedAt: now.toISOString() });
    expect(after[0].similarity).toBeGreaterThan(0.3);
    expect(JSON.stringify(after)).not.toContain('Phạm Văn Tâm');
    const none = await post('/api/feedback/public/similar', { unitId: s.tree.communeB.id, text: 'den duong le loi bi hong, ban dem rat toi' });
    expect(none.json().items).toEqual([]);
    await t.ctx.db.query(`UPDATE feedback SET status = 'received', published_at = NULL WHERE code = $1`, [created.json().code]);
  });
});

describe('the journey: a late dossier, transfer, answer, approval, publication, rating and reopening', () => {
  let id: string;
  let code: string;

  it('the citizen sends feedback about their dossier with its tracking credentials; it lands at the desk that received it', async () => {
    const d = await s.receive();
    const wrong = await post('/api/feedback/public', { unitId: s.tree.communeB.id, subject: 'Hồ sơ trễ hẹn', content: 'Hồ sơ của tôi đã quá hẹn mà chưa có kết quả.', sender: { ...sender, name: APPLICANT.fullName }, dossier: { code: d.code, secret: '0000' } });
    expect(wrong.json().code).toBe('FEEDBACK.DOSSIER_NOT_FOUND');
    const res = await post('/api/feedback/public', {
      unitId: s.tree.communeB.id,
      subject: 'Hồ sơ trễ hẹn',
      content: `Tôi là ${APPLICANT.fullName}, điện thoại ${APPLICANT.phone}. Hồ sơ ${d.code} đã quá hẹn mà chưa có kết quả.`,
      sender: { name: APPLICANT.fullName, address: APPLICANT.address, phone: APPLICANT.phone, email: 'an.nguyen@example.vn' },
      dossier: { code: d.code, secret: APPLICANT.phone },
    });
    expect(res.statusCode, res.body).toBe(201);
    ({ id, code } = res.json());
    const row = (await t.ctx.db.query(`SELECT unit_id, dossier_id, procedure_id FROM feedback WHERE id = $1`, [id])).rows[0];
    expect(row).toEqual({ unit_id: s.tree.deskA.id, dossier_id: d.id, procedure_id: s.procedureId });
    const mail = (await t.ctx.db.query(`SELECT channel, recipient, subject FROM notification_outbox WHERE template_key = 'feedback.received' AND recipient = 'an.nguyen@example.vn'`)).rows;
    expect(mail).toEqual([{ channel: 'email', recipient: 'an.nguyen@example.vn', subject: `[Một Cửa] Đã tiếp nhận phản ánh, kiến nghị số ${code}` }]);
  });

  it('the desk sees it due in its queue and classifies it as outside competence, transferring it to the competent commune', async () => {
    now = new Date('2026-11-26T02:00:00Z');
    const q = await injectAs(t.app, s.desk, { method: 'GET', url: '/api/feedback?status=received' });
    const mine = q.json().items.find((i: { id: string }) => i.id === id);
    expect(mine).toMatchObject({ status: 'received', dueState: 'due_soon' });
    expect(new Date(mine.dueAt).toISOString()).toBe('2026-11-27T02:00:00.000Z'); // refusal clock: 2 working days
    const noTarget = await act(s.desk, id, 'classify', { classification: 'outside_competence' });
    expect(noTarget.json().code).toBe('FEEDBACK.TARGET_REQUIRED');
    const res = await act(s.desk, id, 'classify', { classification: 'outside_competence', targetUnitId: s.tree.communeB.id, note: 'Thuộc thẩm quyền xã Bình Thử' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'handling', unitId: s.tree.communeB.id, classification: 'outside_competence', lateSteps: 0 });
    // The answer clock starts again at the competent unit: 15 working days from Thu 26/11 09:00.
    expect(new Date(res.json().answerDueAt).toISOString()).toBe('2026-12-17T02:00:00.000Z');
    expect(res.json().events.map((e: { action: string }) => e.action)).toEqual(['received', 'classify']);
    // After the transfer the desk still reads the item but may take no step on it: the page offers none.
    expect(res.json().allowedActions).toEqual([]);
    const view = (who: Session) => injectAs(t.app, who, { method: 'GET', url: `/api/feedback/${id}` });
    expect((await view(s.desk)).json().allowedActions).toEqual([]);
    expect((await view(specialistB)).json().allowedActions).toEqual(['request_info', 'draft', 'classify']);
    const audit = (await t.ctx.db.query(`SELECT action, actor_name FROM audit_log WHERE entity = 'feedback' AND entity_id = $1 ORDER BY id`, [id])).rows;
    expect(audit).toEqual([
      { action: 'feedback.receive', actor_name: APPLICANT.fullName },
      { action: 'feedback.classify', actor_name: 'Cán bộ motcua' },
    ]);
  });

  it('the competent unit drafts; only its leader approves; the answer is sent by e-mail', async () => {
    expect((await act(s.specialist, id, 'draft', { text: 'Trả lời sai đơn vị' })).statusCode).toBe(404);
    const draft = await act(specialistB, id, 'draft', { text: `Kính gửi ông ${APPLICANT.fullName}: hồ sơ đã được giải quyết, mời nhận kết quả ngày 30/11/2026.` });
    expect(draft.json().status).toBe('drafted');
    // Offered actions follow the same policy as the API: a specialist redrafts, only the leader approves or returns.
    expect(draft.json().allowedActions).toEqual(['draft']);
    const leaderView = (await injectAs(t.app, leaderB, { method: 'GET', url: `/api/feedback/${id}` })).json().allowedActions;
    expect(leaderView).toEqual(expect.arrayContaining(['approve', 'return']));
    expect((await act(specialistB, id, 'approve')).json().code).toBe('FEEDBACK.NOT_APPROVER');
    expect((await act(s.leader, id, 'approve')).statusCode).toBe(403);
    now = new Date('2026-11-30T03:00:00Z');
    const ok = await act(leaderB, id, 'approve');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'answered', lateSteps: 0 });
    expect(new Date(ok.json().publishDueAt).toISOString()).toBe('2026-12-02T03:00:00.000Z');
    const sent = (await t.ctx.db.query(`SELECT body FROM notification_outbox WHERE template_key = 'feedback.answered' AND recipient = 'an.nguyen@example.vn'`)).rows;
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toContain('mời nhận kết quả ngày 30/11/2026');
  });

  it('publication removes the personal data; the register finds it without accents and in the Atom feed', async () => {
    const res = await act(specialistB, id, 'publish');
    expect(res.json().status).toBe('published');
    const reg = await t.app.inject({ method: 'GET', url: `/api/feedback/public/register?q=${encodeURIComponent('ho so tre hen')}&unitId=${s.tree.province.id}` });
    const item = reg.json().items.find((i: { code: string }) => i.code === code);
    expect(item).toBeTruthy();
    const shown = JSON.stringify(item);
    for (const leaked of [APPLICANT.fullName, APPLICANT.phone, 'an.nguyen@example.vn']) expect(shown).not.toContain(leaked);
    expect(item.senderName).toBeNull();
    expect(item.answer).toContain('mời nhận kết quả');
    expect((await t.app.inject({ method: 'GET', url: `/api/feedback/public/register?unitId=${s.tree.otherProvince.id}` })).json().items).toEqual([]);
    // Each typed word begins a word of the item, with or without accents, whatever the punctuation; one absent word → none.
    const codes = async (q: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/feedback/public/register?q=${encodeURIComponent(q)}` })).json().items.map((i: { code: string }) => i.code) as string[];
    expect(await codes('Hồ sơ TRỄ hẹn')).toContain(code);
    expect(await codes('tre, hen!')).toContain(code);
    expect(await codes('tre hen chu')).toContain(code); // the last word, 3 letters or more, may be a beginning
    expect(await codes('tre he')).not.toContain(code);
    expect(await codes('tre hen khonggiongtunao')).not.toContain(code);
    expect(await codes("'); DROP TABLE feedback; --")).toEqual([]);
    const atom = await t.app.inject({ method: 'GET', url: '/api/feedback/public/register.atom?q=tre%20hen' });
    expect(atom.headers['content-type']).toContain('application/atom+xml');
    expect(atom.body).toContain(`<id>urn:motcua:feedback:${code}</id>`);
    expect(atom.body).not.toContain(APPLICANT.phone);
  });

  it('the sender follows it by number and phone, rates it unsatisfied and reopens it once; it goes back to the head', async () => {
    expect((await post('/api/feedback/public/track', { code, phone: '0900000000' })).statusCode).toBe(404);
    const tracked = await post('/api/feedback/public/track', { code, phone: '+84 912 345 678' });
    expect(tracked.json()).toMatchObject({ status: 'published', canRate: true, canReopen: true, answerDueAt: null });
    const rated = await post('/api/feedback/public/rate', { code, phone: APPLICANT.phone, satisfied: false, comment: 'Chưa nhận được kết quả' });
    expect(rated.json()).toMatchObject({ rating: 'unsatisfied', canRate: false });
    expect((await post('/api/feedback/public/rate', { code, phone: APPLICANT.phone, satisfied: true })).json().code).toBe('FEEDBACK.ALREADY_RATED');
    now = new Date('2026-12-01T02:00:00Z');
    const reopened = await post('/api/feedback/public/reopen', { code, phone: APPLICANT.phone, text: 'Đến hẹn vẫn chưa có kết quả' });
    expect(reopened.json()).toMatchObject({ status: 'reopened', canReopen: false });
    // The earlier answer stays in sight, with the new status and the new answer deadline.
    expect(reopened.json().answer).toBe(tracked.json().answer);
    expect(reopened.json().answer).toBeTruthy();
    expect(reopened.json().answerDueAt).not.toBeNull();
    expect(new Date(reopened.json().answerDueAt).getTime()).toBeGreaterThan(now.getTime());
    const warned = (await t.ctx.db.query(`SELECT recipient FROM notification_outbox WHERE template_key = 'staff.feedback-reopened' ORDER BY recipient`)).rows;
    expect(warned).toEqual([{ recipient: 'lanhdao.b@motcua.test' }, { recipient: 'truongphong.b@motcua.test' }]);
    expect((await act(specialistB, id, 'resume')).json().code).toBe('FEEDBACK.NOT_HEAD');
    const resumed = await act(headB, id, 'resume');
    expect(resumed.json().status).toBe('handling');
    await act(specialistB, id, 'draft', { text: 'Kết quả đã được trả ngày 02/12/2026, xin lỗi ông vì sự chậm trễ.' });
    await act(leaderB, id, 'approve');
    // The new answer is rated afresh (walk finding 3): the first "unsatisfied" was about the first answer.
    const answeredAgain = await post('/api/feedback/public/track', { code, phone: APPLICANT.phone });
    expect(answeredAgain.json()).toMatchObject({ status: 'answered', answer: 'Kết quả đã được trả ngày 02/12/2026, xin lỗi ông vì sự chậm trễ.', rating: null, canRate: true, canReopen: false });
    const ratedAgain = await post('/api/feedback/public/rate', { code, phone: APPLICANT.phone, satisfied: true });
    expect(ratedAgain.json()).toMatchObject({ rating: 'satisfied', canRate: false });
    expect((await post('/api/feedback/public/rate', { code, phone: APPLICANT.phone, satisfied: false })).json().code).toBe('FEEDBACK.ALREADY_RATED');
    // Both ratings stay in the history.
    const history = (await t.ctx.db.query(`SELECT note FROM feedback_event WHERE feedback_id = $1 AND action = 'rate' ORDER BY at`, [id])).rows.map((r) => r.note);
    expect(history).toEqual(['Không hài lòng: Chưa nhận được kết quả', 'Hài lòng']);
    const again = await post('/api/feedback/public/reopen', { code, phone: APPLICANT.phone, text: 'Lại chưa hài lòng' });
    expect(again.json().code).toBe('FEEDBACK.REOPENED_ONCE');
  });
});

describe('other classes and the officer channels', () => {
  it('a recorded phone call; a refusal on time with its reason; a complaint routed out with a letter', async () => {
    const call = await injectAs(t.app, s.desk, {
      method: 'POST',
      url: '/api/feedback/record',
      payload: { unitId: s.tree.deskA.id, channel: 'phone', subject: 'Cán bộ hẹn nhiều lần', content: 'Người dân gọi điện phản ánh cán bộ hẹn nhiều lần.', officerName: 'Lê Văn C', sender: { name: 'Phạm Văn D', phone: '0911222333' } },
    });
    expect(call.statusCode, call.body).toBe(201);
    const other = await injectAs(t.app, s.otherDesk, { method: 'POST', url: '/api/feedback/record', payload: { unitId: s.tree.deskA.id, channel: 'letter', subject: 'Thư phản ánh', content: 'Nội dung thư phản ánh gửi đến.', sender: { name: 'Phạm Văn E', address: 'Xã Bình Thử' } } });
    expect(other.statusCode).toBe(403);
    const refused = await act(s.desk, call.json().id, 'classify', { classification: 'refused' });
    expect(refused.json().code).toBe('FEEDBACK.REASON_REQUIRED');
    const r = await act(s.desk, call.json().id, 'classify', { classification: 'refused', note: 'Nội dung không rõ, không xác định được hồ sơ.' });
    expect(r.json()).toMatchObject({ status: 'refused', lateSteps: 0 });
    expect(r.json().events[1]).toMatchObject({ action: 'classify', onTime: true });

    const complaint = await injectAs(t.app, s.desk, { method: 'POST', url: '/api/feedback/record', payload: { unitId: s.tree.deskA.id, channel: 'letter', subject: 'Khiếu nại quyết định', content: 'Tôi khiếu nại quyết định xử phạt số 12/QĐ-XPHC.', sender: { name: 'Võ Văn F', address: 'Phường An Thử' } } });
    const pending = await injectAs(t.app, s.desk, { method: 'GET', url: `/api/feedback/${complaint.json().id}` });
    expect(pending.json().complaintHint).toBe('complaint');
    now = new Date('2026-12-04T02:00:00Z'); // 4 working days later: past the 2-day clock
    const routed = await act(s.desk, complaint.json().id, 'classify', { classification: 'complaint', note: 'Đề nghị gửi đơn khiếu nại đến Chủ tịch UBND phường theo Luật Khiếu nại 2011.' });
    expect(routed.json()).toMatchObject({ status: 'routed_out', classification: 'complaint', lateSteps: 1, dueAt: null });
  });

  it('warns the heads once when a clock passes', async () => {
    const item = await injectAs(t.app, specialistB, { method: 'GET', url: '/api/feedback?due=overdue' });
    expect(item.statusCode).toBe(200);
    const rec = await injectAs(t.app, s.otherDesk, { method: 'POST', url: '/api/feedback/record', payload: { unitId: s.tree.communeB.id, channel: 'phone', subject: 'Rác thải ven sông', content: 'Rác thải đổ ven sông nhiều ngày chưa thu gom.', sender: { name: 'Đỗ Văn G', phone: '0911000111' } } });
    expect(rec.statusCode).toBe(201);
    now = new Date('2026-12-09T02:00:00Z');
    const first = await warnOverdueFeedback(t.ctx);
    expect(first.find((w) => w.code === rec.json().code)?.recipients.sort()).toEqual(['Cán bộ lanhdao.b', 'Cán bộ truongphong.b']);
    expect((await warnOverdueFeedback(t.ctx)).find((w) => w.code === rec.json().code)).toBeUndefined();
    const overdue = await injectAs(t.app, specialistB, { method: 'GET', url: '/api/feedback?due=overdue' });
    expect(overdue.json().items.map((i: { code: string }) => i.code)).toContain(rec.json().code);
  });

  it('QĐ 766 group 5 per unit and period', async () => {
    const r = await injectAs(t.app, s.admin, { method: 'GET', url: `/api/feedback/report/group5?unitId=${s.tree.communeB.id}&from=2026-11-01&to=2026-12-31` });
    expect(r.statusCode, r.body).toBe(200);
    // The latest rating counts (satisfied with the second answer); 5.3 still counts the reopening against the unit.
    expect(r.json()).toMatchObject({ received: 2, handled: 1, handledOnTime: 1, onTimeRate: 100, rated: 1, unsatisfied: 0, reopened: 1, satisfactionRate: 0, answerSatisfactionRate: 100 });
    expect((await injectAs(t.app, s.specialist, { method: 'GET', url: `/api/feedback/report/group5?unitId=${s.tree.communeB.id}&from=2026-11-01&to=2026-12-31` })).statusCode).toBe(403);
    const dash = await injectAs(t.app, s.admin, { method: 'GET', url: `/api/reports/summary?unitId=${s.tree.communeB.id}&from=2026-11-01&to=2026-12-31` });
    expect(dash.statusCode, dash.body).toBe(200);
    const ind = dash.json().indicators766.indicators as { code: string; ratePct: number | null; points: number | null }[];
    expect(ind.find((i) => i.code === '5.2')).toMatchObject({ ratePct: 100, points: 6 });
    expect(ind.find((i) => i.code === '5.3')).toMatchObject({ ratePct: 0, points: 0 });
  });

  it('a reversed period or a day that does not exist is refused with 400, in Vietnamese, on every date filter (walk 17 finding 9)', async () => {
    const cases = [
      ['/api/feedback/public/register?from=2026-12-01&to=2026-11-01', 'Đến ngày', 'Ngày kết thúc (to) trước ngày bắt đầu (from): đổi chỗ hai ngày.'],
      ['/api/feedback/public/register?from=2026-02-30', 'Từ ngày', 'Tháng 2 năm 2026 chỉ có 28 ngày, không có ngày 30.'],
      ['/api/feedback/public/register?to=2026-04-31', 'Đến ngày', 'Tháng 4 năm 2026 chỉ có 30 ngày, không có ngày 31.'],
      ['/api/feedback/public/register.atom?from=2026-12-01&to=2026-11-01', 'Đến ngày', 'Ngày kết thúc (to) trước ngày bắt đầu (from): đổi chỗ hai ngày.'],
      ['/api/feedback/public/register.rss?from=2026-02-29', 'Từ ngày', 'Tháng 2 năm 2026 chỉ có 28 ngày, không có ngày 29.'],
      [`/api/feedback/report/group5?unitId=${s.tree.communeB.id}&from=2026-12-31&to=2026-11-01`, 'Đến ngày', 'Ngày kết thúc (to) trước ngày bắt đầu (from): đổi chỗ hai ngày.'],
      [`/api/feedback/report/group5?unitId=${s.tree.communeB.id}&from=2026-11-01&to=2026-11-31`, 'Đến ngày', 'Tháng 11 năm 2026 chỉ có 30 ngày, không có ngày 31.'],
    ] as const;
    for (const [url, label, message] of cases) {
      const r = await injectAs(t.app, s.admin, { method: 'GET', url });
      expect(r.statusCode, url).toBe(400);
      // The reason itself is the message, after the field's name (it was "Dữ liệu gửi lên không hợp lệ.", the reason only in details).
      expect(r.json(), url).toMatchObject({ code: 'COMMON.VALIDATION', message: `${label}: ${message}` });
      expect(JSON.stringify(r.json().details), url).toContain(message);
    }
    // A leap day and a one-day period are days like any other.
    expect((await t.app.inject({ method: 'GET', url: '/api/feedback/public/register?from=2024-02-29&to=2024-02-29' })).statusCode).toBe(200);
  });

  it('a province sets its own answer clock', async () => {
    expect((await injectAs(t.app, s.desk, { method: 'PUT', url: `/api/feedback/clock-settings/${s.tree.province.id}`, payload: { refuseDays: 2, infoDays: 5, transferDays: 5, answerDays: 10, publishDays: 2 } })).statusCode).toBe(403);
    const put = await injectAs(t.app, s.admin, { method: 'PUT', url: `/api/feedback/clock-settings/${s.tree.province.id}`, payload: { refuseDays: 2, infoDays: 5, transferDays: 5, answerDays: 10, publishDays: 2 } });
    expect(put.statusCode, put.body).toBe(204);
    const ward = await injectAs(t.app, s.admin, { method: 'PUT', url: `/api/feedback/clock-settings/${s.tree.communeA.id}`, payload: { refuseDays: 1, infoDays: 1, transferDays: 1, answerDays: 1, publishDays: 1 } });
    expect([ward.statusCode, ward.json().code]).toEqual([400, 'FEEDBACK.CLOCK_NOT_PROVINCE']);
    now = new Date('2026-12-07T02:00:00Z'); // Mon 07/12 09:00 → 10 working days: Mon 21/12 09:00
    const res = await post('/api/feedback/public', { unitId: s.tree.communeA.id, subject: 'Hỏi về thủ tục', content: 'Thủ tục đăng ký kết hôn cần giấy tờ gì?', kind: 'question', sender });
    expect(new Date(res.json().answerDueAt).toISOString()).toBe('2026-12-21T02:00:00.000Z');
  });
});

describe('what is published never carries the sender’s address or given name', () => {
  it('removes "45 Nguyễn Huệ" and "bà Lan" from the register, the Atom feed and Open311; the officer previews it first', async () => {
    now = new Date('2026-12-08T02:00:00Z');
    const lan = { name: 'Trần Thị Lan', address: '45 Nguyễn Huệ, xã Bình Thử', phone: '0912345670', email: null };
    const sent = await post('/api/feedback/public', {
      unitId: s.tree.communeB.id,
      category: 'ha-tang',
      subject: 'Cống trước nhà 45 Nguyễn Huệ bị tắc',
      content: 'Cống thoát nước trước nhà số 45 Nguyễn Huệ bị tắc, nước tràn vào nhà mỗi khi mưa.',
      sender: lan,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const { id, code } = sent.json();
    expect((await act(specialistB, id, 'classify', { classification: 'within_competence' })).json().status).toBe('handling');
    await act(specialistB, id, 'draft', { text: 'Kính gửi bà Lan, UBND xã đã cho nạo vét cống trước nhà 45 Nguyễn Huệ ngày 07/12/2026.' });
    expect((await act(leaderB, id, 'approve')).json().status).toBe('answered');
    const view = (await injectAs(t.app, specialistB, { method: 'GET', url: `/api/feedback/${id}` })).json();
    expect(view.allowedActions).toContain('publish');
    expect(view.publicPreview.answer).toBe('Kính gửi bà [đã ẩn], UBND xã đã cho nạo vét cống trước nhà [đã ẩn] ngày 07/12/2026.');
    expect((await act(specialistB, id, 'publish')).json().status).toBe('published');
    const reg = (await t.app.inject({ method: 'GET', url: `/api/feedback/public/register?q=${encodeURIComponent('cong tac')}` })).json();
    const item = reg.items.find((i: { code: string }) => i.code === code);
    expect(item).toBeTruthy();
    const atom = (await t.app.inject({ method: 'GET', url: '/api/feedback/public/register.atom?q=cong%20tac' })).body;
    expect(atom).toContain(code);
    const open311 = (await t.app.inject({ method: 'GET', url: `/api/open311/v2/requests/${code}.json` })).body;
    expect(open311).toContain('nạo vét cống');
    for (const text of [JSON.stringify(item), atom, open311]) {
      for (const leaked of ['45 Nguyễn Huệ', 'bà Lan', 'Trần Thị Lan', '0912345670']) expect(text).not.toContain(leaked);
    }
  });
});

describe('a feedback number cannot be guessed at with phone numbers', () => {
  it('takes a handful of wrong phones, then refuses every attempt for a while (track, rate, reopen, supply alike), audited', async () => {
    const sent = await post('/api/feedback/public', { unitId: s.tree.deskA.id, subject: 'Đèn đường hỏng', content: 'Đèn đường trước số 9 Lê Lợi không sáng.', sender });
    const code = sent.json().code as string;
    const wrong = [];
    for (let i = 0; i < 5; i++) wrong.push((await post('/api/feedback/public/track', { code: code.toLowerCase(), phone: `098765${String(1000 + i)}` })).statusCode);
    expect(wrong).toEqual([404, 404, 404, 404, 404]);
    // Held now: the right phone gets nothing either, on every number+phone route, from any address.
    for (const [url, extra] of [['/api/feedback/public/track', {}], ['/api/feedback/public/rate', { satisfied: true }], ['/api/feedback/public/reopen', { text: 'Xem lại giúp' }], ['/api/feedback/public/supply', { text: 'Thêm ảnh' }]] as const) {
      const held = await post(url, { code, phone: sender.phone, ...extra });
      expect(held.statusCode, url).toBe(429);
      expect(held.json()).toMatchObject({ code: 'FEEDBACK.CODE_BLOCKED', message: expect.stringContaining('tạm ngừng tra cứu') });
      expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
    }
    const audit = (await t.ctx.db.query(`SELECT after->>'failures' AS failures, cardinality(unit_paths) AS units FROM audit_log WHERE action = 'feedback.code_blocked'`)).rows;
    expect(audit).toEqual([{ failures: '5', units: 1 }]); // the desk that received it
    const saved = now;
    now = new Date(now.getTime() + 61_000);
    expect((await post('/api/feedback/public/track', { code, phone: sender.phone })).statusCode).toBe(200);
    now = saved;
    // A number that does not exist is counted and held the same way: nothing tells the two apart.
    for (let i = 0; i < 5; i++) await post('/api/feedback/public/track', { code: 'PAKN-2026-KHONG-00001', phone: sender.phone });
    expect((await post('/api/feedback/public/track', { code: 'PAKN-2026-KHONG-00001', phone: sender.phone })).json().code).toBe('FEEDBACK.CODE_BLOCKED');
  });
});
