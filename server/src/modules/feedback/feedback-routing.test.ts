import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/pdf-text.js';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { seedDesk } from '../../../test/dossier-fixtures.js';
import { buildStaff } from '../../../test/factories.js';
import { markNotificationFailed, markNotificationSent, notificationAttachments } from '../notifications/notification.repo.js';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;
const now = new Date('2026-11-25T02:00:00Z'); // Wed 25/11/2026 09:00 in Vietnam
let specialistB: Session;
let leaderB: Session;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  s = await seedDesk(t.app, t.ctx.db);
  await buildStaff(t.ctx.db, 'chuyenvien.b', [{ role: 'specialist', unit: s.tree.communeB }]);
  await buildStaff(t.ctx.db, 'lanhdao.b', [{ role: 'leader', unit: s.tree.communeB }]);
  [specialistB, leaderB] = (await Promise.all(['chuyenvien.b', 'lanhdao.b'].map((u) => login(t.app, u)))) as [Session, Session];
});
afterAll(() => t.close());

const act = (who: Session, id: string, step: string, payload: unknown = {}) => injectAs(t.app, who, { method: 'POST', url: `/api/feedback/${id}/${step}`, payload: payload as Record<string, unknown> });
const record = (payload: Record<string, unknown>) => injectAs(t.app, s.desk, { method: 'POST', url: '/api/feedback/record', payload: { unitId: s.tree.deskA.id, channel: 'letter', ...payload } });

describe('a complaint routed out with a letter (NĐ 20/2008 Điều 9)', () => {
  it('e-mails the letter as PDF and lets officers of the receiving unit print it; others find nothing', async () => {
    const sender = { name: 'Võ Văn Phúc', address: 'Số 3 đường Trần Phú, phường An Thử', phone: '0912000111', email: 'phuc@example.vn' };
    const created = await record({ subject: 'Khiếu nại quyết định xử phạt', content: 'Tôi khiếu nại quyết định xử phạt số 12/QĐ-XPHC của phường.', sender });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const letterUrl = `/api/feedback/${id}/letter.pdf`;
    expect((await injectAs(t.app, s.desk, { method: 'GET', url: letterUrl })).statusCode).toBe(404); // not routed out yet
    const guidance = 'Đề nghị Ông/Bà gửi đơn khiếu nại đến Chủ tịch UBND phường An Thử trong thời hiệu 90 ngày.';
    const routed = await act(s.desk, id, 'classify', { classification: 'complaint', note: guidance });
    expect(routed.json()).toMatchObject({ status: 'routed_out' });

    const mail = (await t.ctx.db.query(`SELECT id, recipient, body FROM notification_outbox WHERE template_key = 'feedback.routed-out' AND recipient = 'phuc@example.vn'`)).rows;
    expect(mail).toHaveLength(1);
    const [attachment] = await notificationAttachments(t.ctx.db, mail[0].id);
    expect(attachment).toMatchObject({ mediaType: 'application/pdf', fileName: `huong-dan-${created.json().code}.pdf` });
    const mailed = pdfText(attachment!.content);

    const res = await injectAs(t.app, s.desk, { method: 'GET', url: letterUrl });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const printed = pdfText(res.rawPayload);
    for (const text of [mailed, printed]) {
      expect(text).toContain('HƯỚNG DẪN GỬI ĐƠN KHIẾU NẠI');
      expect(text).toContain(`Số: ${created.json().code}`);
      expect(text).toContain('Kính gửi: Ông/Bà Võ Văn Phúc');
      expect(text).toContain('Luật Khiếu nại năm 2011');
      expect(text).toContain('trong thời hiệu 90 ngày');
      expect(text).toContain('ngày 25 tháng 11 năm 2026');
    }
    // The sender downloads it with the number and phone they gave; a wrong phone gets nothing.
    const track = await t.app.inject({ method: 'POST', url: '/api/feedback/public/track', payload: { code: created.json().code, phone: sender.phone } });
    expect(track.json()).toMatchObject({ status: 'routed_out', hasLetter: true });
    const own = await t.app.inject({ method: 'POST', url: '/api/feedback/public/letter.pdf', payload: { code: created.json().code, phone: sender.phone } });
    expect(own.statusCode).toBe(200);
    expect(pdfText(own.rawPayload)).toContain('trong thời hiệu 90 ngày');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/feedback/public/letter.pdf', payload: { code: created.json().code, phone: '0912000999' } });
    expect(wrong.statusCode).toBe(404);
    expect((await injectAs(t.app, s.otherDesk, { method: 'GET', url: letterUrl })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: letterUrl })).statusCode).toBe(401);
  });
});

describe('messages to the sender: an e-mail that fails falls back to SMS, shown in the history', () => {
  it('links the receipt to the item; when the e-mail fails for good the SMS goes out and both show', async () => {
    const created = await record({ channel: 'phone', subject: 'Hỏi về lệ phí hộ tịch', content: 'Người dân gọi hỏi lệ phí đăng ký khai sinh.', sender: { name: 'Lê Thị Mai', phone: '0987000222', email: 'mai@example.vn' } });
    const id = created.json().id as string;
    const before = (await injectAs(t.app, s.desk, { method: 'GET', url: `/api/feedback/${id}` })).json().messages;
    expect(before).toEqual([expect.objectContaining({ channel: 'email', recipient: 'mai@example.vn', status: 'pending', isFallback: false })]);
    const row = (await t.ctx.db.query(`SELECT o.id, o.attempts FROM notification_outbox o JOIN feedback_message m ON m.notification_id = o.id WHERE m.feedback_id = $1`, [id])).rows[0];
    expect(await markNotificationFailed(t.ctx.db, { id: row.id, attempts: row.attempts }, '550 mailbox unavailable', now, { permanent: true })).toBe('failed');
    const after = (await injectAs(t.app, s.desk, { method: 'GET', url: `/api/feedback/${id}` })).json().messages;
    expect(after).toEqual([
      expect.objectContaining({ channel: 'email', status: 'failed', isFallback: false, lastError: '550 mailbox unavailable' }),
      expect.objectContaining({ channel: 'sms', recipient: '+84987000222', status: 'pending', isFallback: true }),
    ]);

    // The SMS leaves (the gateway accepted it at 09:05): the sender's own view tells how they were told, masked.
    const sms = (await t.ctx.db.query(`SELECT o.id, o.attempts FROM notification_outbox o JOIN feedback_message m ON o.fallback_of = m.notification_id WHERE m.feedback_id = $1`, [id])).rows[0];
    const sentAt = new Date('2026-11-25T02:05:00Z');
    expect(await markNotificationSent(t.ctx.db, { id: sms.id, attempts: sms.attempts }, sentAt)).toBe(true);
    const own = await t.app.inject({ method: 'POST', url: '/api/feedback/public/track', payload: { code: created.json().code, phone: '0987000222' } });
    expect(own.statusCode).toBe(200);
    expect(own.json().notices).toEqual([
      { at: now.toISOString(), about: 'Thông báo tiếp nhận', channel: 'email', to: 'm…@example.vn', state: 'failed', instead: false },
      { at: sentAt.toISOString(), about: 'Thông báo tiếp nhận', channel: 'sms', to: '…0222', state: 'sent', instead: true },
    ]);
    // Officer-only details stay in the officers' history: the provider's error and the full addresses.
    for (const secret of ['550 mailbox unavailable', 'mai@example.vn', '+84987000222', '0987000222', 'lastError', 'recipient']) expect(own.body).not.toContain(secret);
    const staff = (await injectAs(t.app, s.desk, { method: 'GET', url: `/api/feedback/${id}` })).json();
    expect(staff.messages[1]).toEqual({ at: now.toISOString(), channel: 'sms', recipient: '+84987000222', status: 'sent', isFallback: true, lastError: null });
    expect(staff).not.toHaveProperty('notices');
  });
});

describe("the officer's queue and duplicates", () => {
  let transferred: { id: string; code: string };

  it('filters by words without accents, by classification and by unit', async () => {
    const a = await record({ subject: 'Cống thoát nước tắc ở hẻm 12', content: 'Cống thoát nước trong hẻm bị tắc gây ngập khi mưa.', sender: { name: 'Đỗ Văn Hùng', address: 'Phường An Thử' } });
    await record({ subject: 'Hỏi giờ làm việc', content: 'Bộ phận một cửa có làm việc sáng thứ Bảy không?', sender: { name: 'Đỗ Văn Hùng', address: 'Phường An Thử' } });
    transferred = a.json();
    const queue = async (who: Session, qs: string) => (await injectAs(t.app, who, { method: 'GET', url: `/api/feedback?${qs}` })).json().items.map((i: { code: string }) => i.code);
    expect(await queue(s.desk, 'q=cong%20thoat%20nuoc')).toEqual([a.json().code]);
    expect(await queue(s.desk, `q=${encodeURIComponent(a.json().code.toLowerCase())}`)).toEqual([a.json().code]);
    expect(await queue(s.desk, 'q=100%25')).toEqual([]); // a LIKE wildcard is a character, not "anything"
    // Its running number alone, with or without the zeros (walk 17: "00012" found nothing).
    const seq = /-(\d{5})$/.exec(a.json().code)![1]!;
    expect(await queue(s.desk, `q=${seq}`)).toEqual([a.json().code]);
    expect(await queue(s.desk, `q=${Number(seq)}`)).toContain(a.json().code);
    await act(s.desk, a.json().id, 'classify', { classification: 'outside_competence', targetUnitId: s.tree.communeB.id, note: 'Thuộc xã Bình Thử' });
    expect(await queue(specialistB, 'classification=outside_competence&q=CỐNG')).toEqual([a.json().code]);
    expect(await queue(specialistB, `unitId=${s.tree.communeB.id}&q=cong`)).toEqual([a.json().code]);
    expect(await queue(specialistB, 'classification=within_competence&q=cong')).toEqual([]);
    // Another unit's queue never shows it, whatever the filter names.
    expect(await queue(s.specialist, `unitId=${s.tree.communeB.id}`)).toEqual([]);
  });

  it('an item transferred to another unit is still suggested to the receiving desk as a likely duplicate', async () => {
    const res = await injectAs(t.app, s.desk, { method: 'POST', url: '/api/feedback/similar', payload: { unitId: s.tree.deskA.id, text: 'cong thoat nuoc trong hem bi tac gay ngap' } });
    expect(res.json().items.map((i: { code: string }) => i.code)).toContain(transferred.code);
  });

  it('the approving leader sees the public text of the draft and what still looks personal in it', async () => {
    const draft = await act(specialistB, transferred.id, 'draft', { text: 'Kính gửi ông Đỗ Văn Hùng: đã nạo vét cống trước nhà số nhà 15 hẻm 12; ông Trần Văn Bình sinh ngày 02/03/1980 phụ trách, anh Bình theo dõi, ngày 05/12/2026 xong.' });
    expect(draft.json().status).toBe('drafted');
    const view = (await injectAs(t.app, leaderB, { method: 'GET', url: `/api/feedback/${transferred.id}` })).json();
    expect(view.allowedActions).toContain('approve');
    expect(view.publicPreview.answer).toBe('Kính gửi ông [đã ẩn]: đã nạo vét cống trước nhà số nhà [đã ẩn] hẻm 12; ông [đã ẩn] sinh ngày [đã ẩn] phụ trách, anh Bình theo dõi, ngày 05/12/2026 xong.');
    // A full name is masked whoever it is; a given name alone is flagged for the leader; the work date of 2026 is not.
    expect(view.personalHints).toEqual([{ kind: 'person', text: 'anh Bình' }]);
  });
});
