import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/pdf-text.js';
import { buildTestApp, injectAs, login, type TestApp } from '../../../test/app.js';
import { buildStaff } from '../../../test/factories.js';
import { registerCitizen } from '../../../test/citizens.js';
import { seedDesk } from '../../../test/dossier-fixtures.js';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;
let citizenA: Awaited<ReturnType<typeof registerCitizen>>;
let citizenB: Awaited<ReturnType<typeof registerCitizen>>;
let id: string;
let code: string;
const now = new Date('2026-11-25T02:00:00Z');
// The account has a phone (it registered with it) but no address: the form asks for the address (ND 20/2008 Điều 7).
const ADDRESS_ONLY = { name: 'Công Dân', address: 'Số 3 đường Hùng Vương, phường An Thử' };

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  s = await seedDesk(t.app, t.ctx.db);
  citizenA = await registerCitizen(t.app, { identifier: '0912000111', idNumber: '001090000111', fullName: 'Công Dân A', birthDate: '1990-01-01' });
  citizenB = await registerCitizen(t.app, { identifier: '0912000222', idNumber: '001090000222', fullName: 'Công Dân B', birthDate: '1990-01-01' });
  const res = await injectAs(t.app, citizenA, { method: 'POST', url: '/api/feedback/citizen', payload: { sender: ADDRESS_ONLY, unitId: s.tree.deskA.id, subject: 'Phản ánh của công dân A', content: 'Nội dung riêng của công dân A, chưa công khai.' } });
  if (res.statusCode !== 201) throw new Error(res.body);
  ({ id, code } = res.json());
});
afterAll(() => t.close());


describe('who may read and act on an item', () => {
  it('a signed-in citizen gives the address their profile lacks; their account is the sender (its name and phone) and follows it', async () => {
    const row = (await t.ctx.db.query(`SELECT sender_name, sender_phone, sender_address, citizen_id FROM feedback WHERE id = $1`, [id])).rows[0];
    expect(row).toEqual({ sender_name: 'Công Dân A', sender_phone: '0912000111', sender_address: 'Số 3 đường Hùng Vương, phường An Thử', citizen_id: citizenA.id });
    const mine = await injectAs(t.app, citizenA, { method: 'GET', url: '/api/feedback/citizen/mine' });
    expect(mine.json().items.map((i: { code: string }) => i.code)).toEqual([code]);
    expect((await injectAs(t.app, citizenA, { method: 'GET', url: `/api/feedback/citizen/${id}` })).json().subject).toBe('Phản ánh của công dân A');
  });

  it('another citizen can neither read it nor rate nor reopen it, by account or by number', async () => {
    expect((await injectAs(t.app, citizenB, { method: 'GET', url: `/api/feedback/citizen/${id}` })).statusCode).toBe(404);
    expect((await injectAs(t.app, citizenB, { method: 'GET', url: '/api/feedback/citizen/mine' })).json().items).toEqual([]);
    expect((await injectAs(t.app, citizenB, { method: 'POST', url: `/api/feedback/citizen/${id}/rate`, payload: { satisfied: true } })).statusCode).toBe(404);
    expect((await injectAs(t.app, citizenB, { method: 'POST', url: `/api/feedback/citizen/${id}/reopen`, payload: { text: 'Không phải của tôi' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/feedback/public/track', payload: { code, phone: '0912000222' } })).statusCode).toBe(404);
  });

  it('asked for more information, the signed-in sender supplies it from their account; nobody else can', async () => {
    const other = await injectAs(t.app, citizenA, { method: 'POST', url: '/api/feedback/citizen', payload: { sender: ADDRESS_ONLY, unitId: s.tree.deskA.id, subject: 'Đường vào bộ phận một cửa', content: 'Lối vào cho xe lăn bị chắn, đề nghị sửa.' } });
    const fid = other.json().id as string;
    await buildStaff(t.ctx.db, 'xuly.pakn', [{ role: 'specialist', unit: s.tree.deskA }]);
    const handler = await login(t.app, 'xuly.pakn');
    const asked = await injectAs(t.app, handler, { method: 'POST', url: `/api/feedback/${fid}/request-info`, payload: { text: 'Đề nghị cho biết cổng nào.' } });
    expect(asked.statusCode, asked.body).toBe(200);
    expect((await injectAs(t.app, citizenA, { method: 'GET', url: `/api/feedback/citizen/${fid}` })).json()).toMatchObject({ canSupplyInfo: true, note: 'Đề nghị cho biết cổng nào.' });
    expect((await injectAs(t.app, citizenB, { method: 'POST', url: `/api/feedback/citizen/${fid}/supply`, payload: { text: 'Không phải của tôi' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/feedback/citizen/${fid}/supply`, payload: { text: 'Cổng phía đường Lê Lợi' } })).statusCode).toBe(401);
    expect((await t.ctx.db.query(`SELECT status FROM feedback WHERE id = $1`, [fid])).rows[0]).toEqual({ status: 'awaiting_info' });
    const supplied = await injectAs(t.app, citizenA, { method: 'POST', url: `/api/feedback/citizen/${fid}/supply`, payload: { text: 'Cổng phía đường Lê Lợi' } });
    expect(supplied.statusCode).toBe(200);
    expect(supplied.json()).toMatchObject({ canSupplyInfo: false });
    expect((await t.ctx.db.query(`SELECT status FROM feedback WHERE id = $1`, [fid])).rows[0]).not.toEqual({ status: 'awaiting_info' });
  });

  it('the routing letter of a complaint: its sender downloads it from their account; another citizen and nobody else can', async () => {
    const sent = await injectAs(t.app, citizenA, { method: 'POST', url: '/api/feedback/citizen', payload: { sender: ADDRESS_ONLY, unitId: s.tree.deskA.id, subject: 'Khiếu nại quyết định thu hồi đất', content: 'Tôi khiếu nại quyết định thu hồi đất số 7/QĐ-UBND của phường.' } });
    const fid = sent.json().id as string;
    const url = `/api/feedback/citizen/${fid}/letter.pdf`;
    expect((await injectAs(t.app, citizenA, { method: 'GET', url })).statusCode).toBe(404); // not routed out: no letter yet
    const routed = await injectAs(t.app, s.desk, { method: 'POST', url: `/api/feedback/${fid}/classify`, payload: { classification: 'complaint', note: 'Đề nghị gửi đơn khiếu nại đến Chủ tịch UBND phường An Thử.' } });
    expect(routed.json().status).toBe('routed_out');
    const mine = (await injectAs(t.app, citizenA, { method: 'GET', url: '/api/feedback/citizen/mine' })).json().items;
    expect(mine.find((i: { id: string }) => i.id === fid)).toMatchObject({ status: 'routed_out', hasLetter: true });
    const own = await injectAs(t.app, citizenA, { method: 'GET', url });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['content-disposition']).toBe(`attachment; filename="huong-dan-${sent.json().code}.pdf"`);
    const text = pdfText(own.rawPayload);
    expect(text).toContain('HƯỚNG DẪN GỬI ĐƠN KHIẾU NẠI');
    expect(text).toContain('Kính gửi: Ông/Bà Công Dân A');
    expect(text).toContain('Chủ tịch UBND phường An Thử');
    const other = await injectAs(t.app, citizenB, { method: 'GET', url });
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('FEEDBACK.NOT_FOUND');
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    // An officer's session is not a citizen's: the officers print it from their own route.
    expect((await injectAs(t.app, s.desk, { method: 'GET', url })).statusCode).toBe(401);
    // The item of A without a letter is not found either.
    expect((await injectAs(t.app, citizenA, { method: 'GET', url: `/api/feedback/citizen/${id}/letter.pdf` })).statusCode).toBe(404);
  });

  it('anonymous callers reach none of the officer or citizen routes', async () => {
    const text = { text: 'Nội dung trả lời' };
    for (const [method, url, payload] of [
      ['GET', '/api/feedback', undefined],
      ['GET', `/api/feedback/${id}`, undefined],
      ['POST', `/api/feedback/${id}/classify`, { classification: 'within_competence' }],
      ['POST', `/api/feedback/${id}/draft`, text],
      ['POST', `/api/feedback/${id}/approve`, {}],
      ['POST', `/api/feedback/${id}/publish`, {}],
      ['POST', '/api/feedback/record', { unitId: s.tree.deskA.id, channel: 'phone', subject: 'Gọi điện', content: 'Nội dung cuộc gọi', sender: { name: 'Ai đó', phone: '0912345678' } }],
      ['GET', `/api/feedback/report/group5?unitId=${s.tree.deskA.id}&from=2026-01-01&to=2026-12-31`, undefined],
      ['GET', '/api/feedback/citizen/mine', undefined],
      ['GET', `/api/feedback/citizen/${id}`, undefined],
      ['GET', `/api/feedback/citizen/${id}/letter.pdf`, undefined],
      ['POST', `/api/feedback/citizen/${id}/reopen`, text],
      ['POST', '/api/feedback/open311-clients', { name: 'App', unitId: s.tree.deskA.id }],
    ] as const) {
      const res = await t.app.inject({ method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it("another unit's officer can neither read the unpublished item, nor find it in a queue, nor classify or answer it", async () => {
    expect((await injectAs(t.app, s.otherDesk, { method: 'GET', url: `/api/feedback/${id}` })).statusCode).toBe(404);
    expect((await injectAs(t.app, s.otherDesk, { method: 'GET', url: '/api/feedback' })).json().items).toEqual([]);
    expect((await injectAs(t.app, s.otherDesk, { method: 'POST', url: `/api/feedback/${id}/classify`, payload: { classification: 'within_competence' } })).statusCode).toBe(404);
    expect((await injectAs(t.app, s.otherDesk, { method: 'POST', url: `/api/feedback/${id}/draft`, payload: { text: 'Câu trả lời giả mạo' } })).statusCode).toBe(404);
    expect((await injectAs(t.app, s.otherDesk, { method: 'GET', url: `/api/feedback/public/register?q=cong%20dan%20a` })).json().items).toEqual([]);
    const still = (await t.ctx.db.query(`SELECT status, answer_draft FROM feedback WHERE id = $1`, [id])).rows[0];
    expect(still).toEqual({ status: 'received', answer_draft: null });
  });

  it('the unit itself reads it; a desk officer may classify but not draft or approve', async () => {
    expect((await injectAs(t.app, s.desk, { method: 'GET', url: `/api/feedback/${id}` })).json().code).toBe(code);
    expect((await injectAs(t.app, s.desk, { method: 'POST', url: `/api/feedback/${id}/classify`, payload: { classification: 'within_competence' } })).json().status).toBe('handling');
    expect((await injectAs(t.app, s.desk, { method: 'POST', url: `/api/feedback/${id}/draft`, payload: { text: 'Một cửa không được dự thảo' } })).statusCode).toBe(403);
    // A specialist of a sibling office of the same commune is outside the desk's subtree.
    expect((await injectAs(t.app, s.specialist, { method: 'POST', url: `/api/feedback/${id}/draft`, payload: { text: 'Dự thảo của chuyên viên' } })).json().code).toBe('FEEDBACK.NOT_FOUND');
  });

  it('only an administrator over the unit issues Open311 keys', async () => {
    expect((await injectAs(t.app, s.leader, { method: 'POST', url: '/api/feedback/open311-clients', payload: { name: 'App', unitId: s.tree.communeA.id } })).statusCode).toBe(403);
    const ok = await injectAs(t.app, s.admin, { method: 'POST', url: '/api/feedback/open311-clients', payload: { name: 'App', unitId: s.tree.communeA.id } });
    expect(ok.statusCode).toBe(201);
    expect((await injectAs(t.app, s.admin, { method: 'POST', url: '/api/feedback/open311-clients', payload: { name: 'App', unitId: s.tree.otherProvince.id } })).statusCode).toBe(403);
  });
});
