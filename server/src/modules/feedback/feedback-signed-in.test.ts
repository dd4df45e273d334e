import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { multipart, pdf, registerCitizen } from '../../../test/citizens.js';
import { seedDesk } from '../../../test/dossier-fixtures.js';
import { buildStaff } from '../../../test/factories.js';

// Walk finding 1: a citizen signed in through the national portal has no phone and no address on their profile.
// ND 20/2008 Điều 7 asks every sender for name, address and phone: the server refuses the item without them, keeps
// what the form gives, and the answer reaches the sender by SMS and in the account's notices.
let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;
let citizen: Awaited<ReturnType<typeof registerCitizen>>;
let specialist: Session;
let now = new Date('2026-11-25T02:00:00Z'); // Wed 25/11/2026 09:00, Vietnam
const later = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));
const item = { subject: 'Đèn tín hiệu hỏng', content: 'Đèn tín hiệu ngã tư Hùng Vương hỏng từ hôm qua, xe cộ đi lại rất nguy hiểm.' };
let id: string;
let code: string;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  s = await seedDesk(t.app, t.ctx.db);
  citizen = await registerCitizen(t.app, { identifier: 'vneid.mai@example.vn', idNumber: '001090000333', fullName: 'Trịnh Thị Mai', birthDate: '1990-01-01' });
  // As the simulated national portal leaves it: e-mail-less too, so the SMS is the only message channel.
  await t.ctx.db.query(`UPDATE citizen_account SET oidc_subject = 'vneid-sim-333', phone = NULL, address = NULL, email = NULL WHERE id = $1`, [citizen.id]);
  await buildStaff(t.ctx.db, 'cv.signed', [{ role: 'specialist', unit: s.tree.communeA }]);
  specialist = await login(t.app, 'cv.signed');
});
afterAll(() => t.close());

const send = (sender: unknown) => injectAs(t.app, citizen, { method: 'POST', url: '/api/feedback/citizen', payload: { unitId: s.tree.communeA.id, ...item, sender } as Record<string, unknown> });

describe('a signed-in citizen whose profile has no phone or address', () => {
  it('is refused (400) with the missing fields named in Vietnamese; nothing is stored', async () => {
    const none = await send(null);
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({
      code: 'FEEDBACK.SENDER_INCOMPLETE',
      message: 'Thông tin cá nhân của tài khoản chưa có địa chỉ và số điện thoại: vui lòng ghi địa chỉ và số điện thoại để cơ quan liên hệ và trả lời (Nghị định 20/2008/NĐ-CP Điều 7).',
      details: { field: 'sender.address', fields: ['sender.address', 'sender.phone'], anyOf: false },
    });
    const noPhone = await send({ name: 'Trịnh Thị Mai', address: 'Số 5 đường Hùng Vương, phường An Thử' });
    expect(noPhone.json()).toMatchObject({ code: 'FEEDBACK.SENDER_INCOMPLETE', details: { fields: ['sender.phone'] } });
    expect(noPhone.json().message).toContain('chưa có số điện thoại');
    expect((await t.ctx.db.query(`SELECT count(*)::int AS n FROM feedback`)).rows[0].n).toBe(0);
  });

  it('keeps the address and phone the form gives; the number + that phone finds it, with what they wrote', async () => {
    const res = await send({ name: 'Trịnh Thị Mai', address: 'Số 5 đường Hùng Vương, phường An Thử', phone: '0912 345 001' });
    expect(res.statusCode, res.body).toBe(201);
    ({ id, code } = res.json());
    const row = (await t.ctx.db.query(`SELECT sender_name, sender_address, sender_phone, citizen_id FROM feedback WHERE id = $1`, [id])).rows[0];
    expect(row).toEqual({ sender_name: 'Trịnh Thị Mai', sender_address: 'Số 5 đường Hùng Vương, phường An Thử', sender_phone: '0912345001', citizen_id: citizen.id });
    const tracked = await t.app.inject({ method: 'POST', url: '/api/feedback/public/track', payload: { code, phone: '0912345001' } });
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.json()).toMatchObject({ code, subject: item.subject, content: item.content, status: 'received' });
    const own = await injectAs(t.app, citizen, { method: 'GET', url: `/api/feedback/citizen/${id}` });
    expect(own.json()).toMatchObject({ code, subject: item.subject, content: item.content });
  });

  it('the approved answer goes out by SMS to that phone and appears in the account notices', async () => {
    later(30);
    expect((await injectAs(t.app, s.leader, { method: 'POST', url: `/api/feedback/${id}/classify`, payload: { classification: 'within_competence' } })).statusCode).toBe(200);
    expect((await injectAs(t.app, specialist, { method: 'POST', url: `/api/feedback/${id}/draft`, payload: { text: 'Đã thay bóng đèn tín hiệu ngày 26/11/2026.' } })).statusCode).toBe(200);
    later(60);
    const approved = await injectAs(t.app, s.leader, { method: 'POST', url: `/api/feedback/${id}/approve` });
    expect(approved.json().status, approved.body).toBe('answered');
    const sms = (await t.ctx.db.query(`SELECT channel, recipient, body FROM notification_outbox WHERE template_key = 'feedback.answered'`)).rows;
    expect(sms).toEqual([{ channel: 'sms', recipient: '+84912345001', body: expect.stringContaining(`PAKN so ${code} da duoc tra loi`) }]);
    const notices = await injectAs(t.app, citizen, { method: 'GET', url: '/api/citizen/notices' });
    expect(notices.statusCode, notices.body).toBe(200);
    const mine = (notices.json().items as { about: string; feedbackId: string | null; feedbackCode: string | null; text: string; deliveries: unknown[] }[]).filter((n) => n.about === 'feedback');
    // Newest first, each with the message sent in that step.
    expect(mine.map((n) => [n.feedbackId, n.feedbackCode, n.text])).toEqual([
      [id, code, `Đã trả lời: ${item.subject}`],
      [id, code, `Đã phân loại: ${item.subject}`],
      [id, code, `Đã tiếp nhận: ${item.subject}`],
    ]);
    expect(mine.map((n) => n.deliveries)).toEqual([[{ channel: 'sms', status: 'queued' }], [], [{ channel: 'sms', status: 'queued' }]]);
    expect(notices.json().unread).toBe(3);
  });
});

describe('an officer recording a call without any contact', () => {
  it('is told what to write down, not to sign in', async () => {
    const res = await injectAs(t.app, s.desk, { method: 'POST', url: '/api/feedback/record', payload: { unitId: s.tree.deskA.id, channel: 'phone', ...item, sender: { name: 'Phạm Văn D' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'FEEDBACK.SENDER_INCOMPLETE',
      message: 'Vui lòng ghi số điện thoại, địa chỉ hoặc e-mail của người gửi để cơ quan liên hệ và gửi trả lời.',
      details: { fields: ['sender.phone', 'sender.address', 'sender.email'], anyOf: true },
    });
  });
});

describe('an item attachment, to officers (walk finding 2)', () => {
  it('is downloaded by an officer in scope with its stored type, a safe name and nosniff; another unit 404, no login 401', async () => {
    const up = multipart({ name: 'don "phan anh"\r\n.pdf', content: pdf('don phan anh') });
    const stored = await t.app.inject({ method: 'POST', url: '/api/feedback/public/attachments', payload: up.payload, headers: up.headers });
    expect(stored.statusCode, stored.body).toBe(201);
    const sha = stored.json().sha256 as string;
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/feedback/public',
      payload: { unitId: s.tree.deskA.id, ...item, sender: { name: 'Lê Văn Tư', address: 'Số 1 đường Lê Lợi, phường An Thử', phone: '0912345002' }, files: [sha] },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const fid = sent.json().id as string;
    const url = `/api/feedback/${fid}/files/${sha}`;
    const ok = await injectAs(t.app, s.desk, { method: 'GET', url });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers['content-type']).toBe('application/pdf');
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    // Quotes and line breaks of the uploaded name never reach the header unescaped.
    expect(String(ok.headers['content-disposition'])).toMatch(/^attachment; filename="[^"\r\n]*"; filename\*=UTF-8''/);
    expect(ok.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await injectAs(t.app, s.otherDesk, { method: 'GET', url })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    // A file stored but not attached to this item is not served through it.
    expect((await injectAs(t.app, s.desk, { method: 'GET', url: `/api/feedback/${fid}/files/${'a'.repeat(64)}` })).statusCode).toBe(404);
  });
});
