import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { seedDesk } from '../../../test/dossier-fixtures.js';
import { buildStaff } from '../../../test/factories.js';
import { REDACTION_VERSION } from './feedback.rules.js';

// The walkers' findings on issue 17 (re-walk): four eyes on the answer, a target unit only where the class takes one,
// Open311 keys revoked, an officer told the dossier code is unknown, public errors without internal state.
let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;
let leader2: Session;
let otherAdmin: Session;
const now = new Date('2026-11-25T02:00:00Z'); // Wed 25/11/2026 09:00 in Vietnam

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  s = await seedDesk(t.app, t.ctx.db);
  await buildStaff(t.ctx.db, 'lanhdao.hai', [{ role: 'leader', unit: s.tree.communeA }]);
  await buildStaff(t.ctx.db, 'quantri.khac', [{ role: 'admin', unit: s.tree.otherProvince }]);
  [leader2, otherAdmin] = (await Promise.all(['lanhdao.hai', 'quantri.khac'].map((u) => login(t.app, u)))) as [Session, Session];
});
afterAll(() => t.close());

const sender = { name: 'Lê Văn Tám', address: 'Số 4 đường Hùng Vương, phường An Thử', phone: '0912000111', email: null };
const act = (who: Session, id: string, step: string, payload: unknown = {}) => injectAs(t.app, who, { method: 'POST', url: `/api/feedback/${id}/${step}`, payload: payload as Record<string, unknown> });
const view = async (who: Session, id: string) => (await injectAs(t.app, who, { method: 'GET', url: `/api/feedback/${id}` })).json();
async function newItem(subject: string): Promise<{ id: string; code: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/feedback/public', payload: { unitId: s.tree.deskA.id, subject, content: `${subject}: nội dung phản ánh gửi cơ quan.`, sender } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('four eyes: who drafted the answer does not approve or return it', () => {
  it('a leader who drafts cannot approve nor return; the page says why; another leader approves and the audit names both', async () => {
    const { id } = await newItem('Đèn đường hỏng trước trường');
    expect((await act(s.desk, id, 'classify', { classification: 'within_competence' })).statusCode).toBe(200);
    const draft = await act(s.leader, id, 'draft', { text: 'Kính gửi ông: đơn vị đã thay bóng đèn ngày 26/11/2026.' });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json().allowedActions).toEqual(['draft']);
    expect(draft.json().blockedActions.map((b: { action: string }) => b.action)).toEqual(['approve', 'return']);
    expect(draft.json().blockedActions[0].reason).toBe('Người soạn (hoặc sửa sau cùng) dự thảo trả lời không được tự duyệt hay trả lại dự thảo đó; cần một lãnh đạo khác duyệt.');
    const self = await act(s.leader, id, 'approve');
    expect(self.statusCode).toBe(403);
    expect(self.json()).toMatchObject({ code: 'FEEDBACK.OWN_DRAFT', messageEn: 'Whoever wrote the draft last may not approve or return it; another leader must.' });
    expect((await act(s.leader, id, 'return', { text: 'Tự trả lại dự thảo' })).json().code).toBe('FEEDBACK.OWN_DRAFT');
    expect((await t.ctx.db.query(`SELECT status FROM feedback WHERE id = $1`, [id])).rows[0].status).toBe('drafted');
    // The other leader sees approve and return offered, nothing blocked.
    const other = await view(leader2, id);
    expect(other.allowedActions).toEqual(['draft', 'approve', 'return']);
    expect(other.blockedActions).toEqual([]);
    const ok = await act(leader2, id, 'approve');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('answered');
    const audit = (await t.ctx.db.query(`SELECT actor_name, after->>'draftedByName' AS drafted FROM audit_log WHERE entity_id = $1 AND action = 'feedback.approve'`, [id])).rows;
    expect(audit).toEqual([{ actor_name: 'Cán bộ lanhdao.hai', drafted: 'Cán bộ lanhdao' }]);
    // Publishing records the redaction rules' version, so the re-redaction job never reads a fresh item.
    expect((await act(s.leader, id, 'publish')).json().status).toBe('published');
    expect((await t.ctx.db.query(`SELECT redaction_version FROM feedback WHERE id = $1`, [id])).rows[0].redaction_version).toBe(REDACTION_VERSION);
  });

  it('the last rewriter is the one held: a leader who rewrites another leader\'s draft leaves the approval to that one', async () => {
    const { id } = await newItem('Cống thoát nước bị tắc');
    await act(s.desk, id, 'classify', { classification: 'within_competence' });
    await act(s.leader, id, 'draft', { text: 'Bản dự thảo thứ nhất của lãnh đạo một.' });
    await act(leader2, id, 'draft', { text: 'Bản dự thảo viết lại của lãnh đạo hai.' });
    expect((await act(leader2, id, 'approve')).json().code).toBe('FEEDBACK.OWN_DRAFT');
    expect((await view(s.leader, id)).allowedActions).toContain('approve');
    const back = await act(s.leader, id, 'return', { text: 'Cần nêu rõ thời hạn nạo vét.' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().status).toBe('handling');
  });
});

describe('a target unit only where the class sends the item elsewhere (NĐ 20/2008 Điều 9)', () => {
  it('refuses a target with "within competence" or a refusal, needs one for a transfer; nothing changes on a refusal', async () => {
    const { id } = await newItem('Vỉa hè bị lấn chiếm');
    for (const classification of ['within_competence', 'refused']) {
      const res = await act(s.desk, id, 'classify', { classification, targetUnitId: s.tree.communeB.id, note: 'Ghi chú phân loại' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'FEEDBACK.TARGET_NOT_ALLOWED', details: { field: 'targetUnitId' } });
      expect(res.json().message).toMatch(/^Chỉ chọn cơ quan nhận khi chuyển phản ánh/);
    }
    expect((await t.ctx.db.query(`SELECT status, unit_id, classification FROM feedback WHERE id = $1`, [id])).rows[0]).toEqual({ status: 'received', unit_id: s.tree.deskA.id, classification: null });
    expect((await act(s.desk, id, 'classify', { classification: 'conduct' })).json().code).toBe('FEEDBACK.TARGET_REQUIRED');
    const ok = await act(s.desk, id, 'classify', { classification: 'within_competence', targetUnitId: null });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'handling', unitId: s.tree.deskA.id, classification: 'within_competence' });
  });
});

describe('an officer recording a call about a dossier code that does not exist', () => {
  it('is told the dossier code is not found (not to check a phone), and nothing is recorded', async () => {
    const count = async () => (await t.ctx.db.query(`SELECT count(*)::int AS n FROM feedback`)).rows[0].n as number;
    const before = await count();
    const res = await injectAs(t.app, s.desk, {
      method: 'POST',
      url: '/api/feedback/record',
      payload: { unitId: s.tree.deskA.id, channel: 'phone', subject: 'Hỏi về hồ sơ', content: 'Người dân gọi hỏi tiến độ hồ sơ.', dossierCode: 'h56-000000-9999', sender: { name: 'Phạm Văn D', phone: '0912345678' } },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'FEEDBACK.DOSSIER_CODE_UNKNOWN',
      message: 'Không tìm thấy hồ sơ mã H56-000000-9999 trong phạm vi đơn vị của bạn. Kiểm tra lại mã hồ sơ, hoặc để trống nếu phản ánh không về một hồ sơ.',
      details: { field: 'dossierCode' },
    });
    expect(res.body).not.toContain('điện thoại');
    expect(await count()).toBe(before);
  });

  it('the portal sender who proves a dossier wrongly is told what to check: the code and the phone or the last 4 CCCD digits', async () => {
    const d = await s.receive();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/feedback/public',
      payload: { unitId: s.tree.deskA.id, subject: 'Hồ sơ trễ hẹn', content: 'Hồ sơ của tôi đã quá hẹn.', sender, dossier: { code: d.code, secret: '0000' } },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      code: 'FEEDBACK.DOSSIER_NOT_FOUND',
      message: 'Không tìm thấy hồ sơ: kiểm tra mã hồ sơ và số điện thoại đã khai khi nộp (hoặc 4 số cuối căn cước).',
      messageEn: 'Dossier not found: check the dossier code and the phone given when submitting (or the last 4 digits of the ID card).',
      details: { field: 'dossier' },
    });
  });
});

describe('public errors carry a code and a message, never the item\'s state', () => {
  it('supplying information or rating out of turn says what is wrong without details.allowed or the status', async () => {
    const { code } = await newItem('Rác thải chưa được thu gom');
    for (const [url, extra] of [['/api/feedback/public/supply', { text: 'Thông tin bổ sung của tôi.' }], ['/api/feedback/public/rate', { satisfied: true }], ['/api/feedback/public/reopen', { text: 'Tôi đề nghị xem xét lại.' }]] as const) {
      const res = await t.app.inject({ method: 'POST', url, payload: { code, phone: sender.phone, ...extra } });
      expect(res.statusCode, url).toBe(409);
      expect(res.json(), url).toEqual({ code: 'FEEDBACK.ACTION_NOT_ALLOWED', message: 'Thao tác không phù hợp với trạng thái hiện tại của phản ánh.', messageEn: 'Action not allowed in this status.' });
    }
    // An officer's console still gets the allowed steps (internal, in scope).
    const staff = await injectAs(t.app, s.leader, { method: 'POST', url: `/api/feedback/${(await t.ctx.db.query(`SELECT id FROM feedback WHERE code = $1`, [code])).rows[0].id}/publish` });
    expect(staff.json().details).toEqual({ status: 'received', allowed: ['classify', 'request_info'] });
  });

  it('a wrong register date says exactly what is wrong, in Vietnamese with English beside it, on the field', async () => {
    const issues = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/feedback/public/register?${query}` });
      expect(res.statusCode).toBe(400);
      return res.json().details.issues;
    };
    expect(await issues('from=2026-02-31')).toEqual([{ path: '/from', message: 'Tháng 2 năm 2026 chỉ có 28 ngày, không có ngày 31.', messageEn: 'Month 2 of 2026 has 28 days, not a day 31.' }]);
    expect(await issues('to=2026-13-01')).toEqual([{ path: '/to', message: 'Không có tháng 13; tháng từ 01 đến 12.', messageEn: 'There is no month 13; months run 01 to 12.' }]);
    expect(await issues('from=05/03/2026')).toEqual([{ path: '/from', message: 'Ngày cần viết dạng YYYY-MM-DD, ví dụ 2026-03-05.', messageEn: 'A date is written YYYY-MM-DD, e.g. 2026-03-05.' }]);
    expect(await issues('from=2026-03-05&to=2026-03-01')).toEqual([{ path: '/to', message: 'Ngày kết thúc (to) trước ngày bắt đầu (from): đổi chỗ hai ngày.', messageEn: 'The end date (to) is before the start date (from): swap them.' }]);
    expect((await t.app.inject({ method: 'GET', url: '/api/feedback/public/register?from=2024-02-29&to=2024-02-29' })).statusCode).toBe(200);
  });
});

describe('Open311 keys: listed and revoked by the admin who issues them', () => {
  it('lists in scope only, revokes (audited), and a revoked key is refused in the spec error form, JSON and XML', async () => {
    const issued = await injectAs(t.app, s.admin, { method: 'POST', url: '/api/feedback/open311-clients', payload: { name: 'Ứng dụng Đô thị Xanh', unitId: s.tree.communeA.id } });
    const { id, apiKey } = issued.json();
    const names = async (who: Session) => (await injectAs(t.app, who, { method: 'GET', url: '/api/feedback/open311-clients' })).json().items.map((c: { name: string }) => c.name);
    expect(await names(s.admin)).toContain('Ứng dụng Đô thị Xanh');
    expect(await names(otherAdmin)).not.toContain('Ứng dụng Đô thị Xanh');
    const foreign = await injectAs(t.app, otherAdmin, { method: 'POST', url: `/api/feedback/open311-clients/${id}/revoke` });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('FEEDBACK.OPEN311_CLIENT_NOT_FOUND');
    expect((await injectAs(t.app, s.desk, { method: 'POST', url: `/api/feedback/open311-clients/${id}/revoke` })).statusCode).toBe(403);

    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/open311/v2`;
    const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    const fields = { api_key: apiKey, service_code: 'ha-tang', address_string: 'Đường Hùng Vương', description: 'Ổ gà lớn trên đường Hùng Vương', first_name: 'Văn', last_name: 'Tám', phone: '0912000111' };
    expect((await fetch(`${base}/requests.json`, form(fields))).status).toBe(201);

    const revoked = await injectAs(t.app, s.admin, { method: 'POST', url: `/api/feedback/open311-clients/${id}/revoke` });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(new Date(revoked.json().revokedAt).toISOString()).toBe(now.toISOString());
    const listed = (await injectAs(t.app, s.admin, { method: 'GET', url: '/api/feedback/open311-clients' })).json().items.find((c: { id: string }) => c.id === id);
    expect(new Date(listed.revokedAt).toISOString()).toBe(now.toISOString());
    const audit = (await t.ctx.db.query(`SELECT actor_name FROM audit_log WHERE entity_id = $1 AND action = 'feedback.open311_client_revoke'`, [id])).rows;
    expect(audit).toEqual([{ actor_name: 'Cán bộ quantri' }]);

    const count = async () => (await t.ctx.db.query(`SELECT count(*)::int AS n FROM feedback WHERE channel = 'open311'`)).rows[0].n as number;
    const before = await count();
    const json = await fetch(`${base}/requests.json`, form(fields));
    expect(json.status).toBe(403);
    expect(await json.json()).toEqual([{ code: 403, description: 'Khóa API này đã bị thu hồi; liên hệ cơ quan cấp khóa để được cấp khóa mới.' }]);
    const xml = await fetch(`${base}/requests.xml`, form(fields));
    expect(xml.status).toBe(403);
    expect(await xml.text()).toContain('<errors><error><code>403</code><description>Khóa API này đã bị thu hồi; liên hệ cơ quan cấp khóa để được cấp khóa mới.</description></error></errors>');
    expect(await count()).toBe(before);
  });
});
