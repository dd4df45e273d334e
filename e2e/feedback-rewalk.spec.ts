import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedDesk } from '../server/test/dossier-fixtures.js';
import { buildStaff, TEST_PASSWORD } from '../server/test/factories.js';
import { injectAs } from '../server/test/app.js';
import { launchBrowser, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Issue 17 re-walk, in the browser:
 * A — a leader who drafted the answer is not offered "Duyệt" and is told why; another leader is.
 * B — the classify form drops a target unit when the class changes to one that takes none, so the step succeeds.
 * C — the public register on a phone says what is wrong with an impossible day and a reversed period, under the field.
 * D — the administrator issues an Open311 key and revokes it from the console.
 */
describe('feedback re-walk 17', () => {
  let server: RunningServer;
  let browser: Browser;
  let s: Awaited<ReturnType<typeof seedDesk>>;
  const pageErrors: string[] = [];

  const newPage = async (viewport: { width: number; height: number }): Promise<Page> => {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport });
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    return page;
  };
  const officer = async (username: string): Promise<Page> => {
    const page = await newPage({ width: 1366, height: 768 });
    await signInToConsole(page, server.baseUrl, username, TEST_PASSWORD);
    return page;
  };
  const pick = async (page: Page, label: string, option: string, typed?: string) => {
    const box = page.getByLabel(label, { exact: true });
    await box.click();
    if (typed) await box.fill(typed);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  };
  const newItem = async (subject: string): Promise<{ id: string; code: string }> => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/feedback/public',
      payload: { unitId: s.tree.deskA.id, subject, content: `${subject}: nội dung phản ánh.`, sender: { name: 'Lê Văn Tám', address: 'Ấp Tân Hòa', phone: '0912000111', email: null } },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const openItem = async (page: Page, code: string) => {
    await page.getByRole('menuitem', { name: 'Phản ánh, kiến nghị' }).click();
    await page.getByRole('link', { name: code }).click();
    await page.getByTestId('fb-status').waitFor();
  };

  beforeAll(async () => {
    server = await startServer();
    s = await seedDesk(server.app, server.ctx.db);
    await buildStaff(server.ctx.db, 'lanhdao.hai', [{ role: 'leader', unit: s.tree.communeA }]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('A: the author of the draft sees why there is no "Duyệt"; another leader approves', async () => {
    const { id, code } = await newItem('Đèn đường hỏng trước chợ');
    expect((await injectAs(server.app, s.desk, { method: 'POST', url: `/api/feedback/${id}/classify`, payload: { classification: 'within_competence' } })).statusCode).toBe(200);
    expect((await injectAs(server.app, s.leader, { method: 'POST', url: `/api/feedback/${id}/draft`, payload: { text: 'Đơn vị đã thay bóng đèn trước chợ.' } })).statusCode).toBe(200);

    const author = await officer('lanhdao');
    await openItem(author, code);
    await author.getByTestId('fb-own-draft').filter({ hasText: 'không được tự duyệt' }).waitFor();
    expect(await author.getByRole('button', { name: 'Duyệt và gửi trả lời' }).count()).toBe(0);
    expect(await author.getByRole('button', { name: 'Trả lại dự thảo' }).count()).toBe(0);
    await author.screenshot({ path: `${SHOTS}/mc-feedback-own-draft.png`, fullPage: true });

    const other = await officer('lanhdao.hai');
    await openItem(other, code);
    expect(await other.getByTestId('fb-own-draft').count()).toBe(0);
    await other.getByRole('button', { name: 'Duyệt và gửi trả lời' }).click();
    await other.getByTestId('fb-status').filter({ hasText: 'Đã trả lời' }).waitFor();
  });

  it('B: switching from a transfer to "thuộc thẩm quyền" drops the target, and the step goes through', async () => {
    const { id, code } = await newItem('Vỉa hè bị lấn chiếm');
    const desk = await officer('motcua');
    await openItem(desk, code);
    await pick(desk, 'Phân loại (NĐ 20/2008 Điều 9)', 'Không thuộc thẩm quyền');
    await pick(desk, 'Cơ quan có thẩm quyền', 'Xã Bình Thử', 'binh thu');
    // Between two transfers the chosen unit stays.
    await pick(desk, 'Phân loại (NĐ 20/2008 Điều 9)', 'Về hành vi của cán bộ');
    expect(await desk.locator('.ant-form-item').filter({ hasText: 'Cơ quan có thẩm quyền' }).last().innerText()).toContain('Bình Thử');
    await pick(desk, 'Phân loại (NĐ 20/2008 Điều 9)', 'Về quy định hành chính thuộc thẩm quyền');
    await desk.getByRole('button', { name: 'Phân loại', exact: true }).click();
    await desk.getByTestId('fb-status').filter({ hasText: 'Đang xử lý' }).waitFor();
    const row = (await server.ctx.db.query(`SELECT unit_id, classification FROM feedback WHERE id = $1`, [id])).rows[0];
    expect(row).toEqual({ unit_id: s.tree.deskA.id, classification: 'within_competence' });
  });

  it('C: the register on a phone says what is wrong with the dates, under the field, and keeps what was typed', async () => {
    const phone = await newPage({ width: 390, height: 844 });
    await phone.goto(`${server.baseUrl}/phan-anh/cong-khai`);
    await phone.getByLabel('Từ ngày').fill('31/02/2026');
    await phone.getByRole('button', { name: 'Tìm' }).first().click();
    expect(await phone.locator('#reg-from-problem').innerText()).toBe('"Từ ngày": tháng 2 năm 2026 chỉ có 28 ngày, không có ngày 31.');
    expect(await phone.getByLabel('Từ ngày').inputValue()).toBe('31/02/2026');
    await phone.getByLabel('Từ ngày').fill('05/03/2026');
    await phone.getByLabel('Đến ngày').fill('01/03/2026');
    await phone.getByRole('button', { name: 'Tìm' }).first().click();
    expect(await phone.locator('#reg-to-problem').innerText()).toBe('"Đến ngày" (01/03/2026) trước "Từ ngày" (05/03/2026): đổi chỗ hai ngày hoặc sửa một trong hai.');
    expect(await phone.getByLabel('Đến ngày').inputValue()).toBe('01/03/2026');
    expect(phone.url()).not.toContain('tu=');
    // A shared link with an impossible day: the server's reason, under the field, the day as written in the link.
    await phone.goto(`${server.baseUrl}/phan-anh/cong-khai?tu=2026-02-31`);
    await phone.locator('#reg-from-problem').waitFor();
    expect(await phone.locator('#reg-from-problem').innerText()).toBe('"Từ ngày": Tháng 2 năm 2026 chỉ có 28 ngày, không có ngày 31.');
    // …and not again in the page's own error line, which shows the server's message (now the same reason).
    expect(await phone.locator('p.error[role="alert"]').count()).toBe(0);
    await phone.screenshot({ path: `${SHOTS}/mc-feedback-register-dates-phone.png`, fullPage: true });
  });

  it('D: the administrator issues an Open311 key and revokes it', async () => {
    const admin = await officer('quantri');
    await admin.getByRole('menuitem', { name: 'Webhook liên thông' }).click();
    await admin.getByRole('button', { name: 'Cấp khóa API' }).click();
    await admin.getByLabel('Tên ứng dụng').fill('Ứng dụng Phố Sạch');
    await admin.locator('.ant-modal-footer:visible').getByRole('button', { name: 'Cấp khóa API' }).click();
    const key = (await admin.getByTestId('open311-key').innerText()).trim();
    expect(key).toMatch(/^o311_/);
    await admin.locator('.ant-modal-footer:visible').getByRole('button', { name: 'Đóng' }).click();
    const row = admin.locator('tr', { hasText: 'Ứng dụng Phố Sạch' });
    await row.getByRole('button', { name: 'Thu hồi khóa' }).click();
    await admin.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Thu hồi khóa' }).click();
    await row.filter({ hasText: 'Đã thu hồi' }).waitFor();
    const res = await server.app.inject({ method: 'POST', url: '/api/open311/v2/requests.json', payload: { api_key: key, service_code: 'ha-tang', address_string: 'Đường Hùng Vương', description: 'Ổ gà lớn trên đường Hùng Vương' } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual([{ code: 403, description: 'Khóa API này đã bị thu hồi; liên hệ cơ quan cấp khóa để được cấp khóa mới.' }]);
    expect(pageErrors).toEqual([]);
  });
});
