import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { injectAs, login } from '../server/test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree, TEST_PASSWORD } from '../server/test/factories.js';
import { launchBrowser, seriousA11yViolations, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * "Đã thu tiền mặt tại quầy" at intake, at 1366 × 768 (issue 15): the desk officer receives a request for three copies,
 * ticks the box, the amount follows the answers (10.000 + 3 × 8.000 đồng), and the dossier page shows the fee paid in
 * cash with its receipt number; a procedure without a fee offers no such box.
 */
const now = new Date('2026-12-02T02:00:00Z'); // Wednesday 09:00 in Vietnam

describe('cash at intake (1366 × 768)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ clock: { now: () => now } });
    const db = server.ctx.db;
    const units = await buildUnitTree(db);
    await buildStaff(db, 'quantri', [{ role: 'admin', unit: units.province }]);
    await buildStaff(db, 'motcua', [{ role: 'desk_officer', unit: units.deskA }]);
    const admin = await login(server.app, 'quantri', TEST_PASSWORD);
    const publish = async (content: ReturnType<typeof buildProcedureContent>) => {
      const created = await injectAs(server.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: units.province.id, content } });
      expect(created.statusCode, created.body).toBe(201);
      const id = (created.json() as { id: string }).id;
      const published = await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${id}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
      expect(published.statusCode, published.body).toBe(200);
    };
    await publish(
      buildProcedureContent({
        code: '2.000635',
        name: 'Cấp bản sao trích lục hộ tịch',
        documents: [{ name: 'Tờ khai cấp bản sao trích lục', kind: 'original', count: 1, required: false }],
        fees: [
          { name: 'Phí thẩm định', amountVnd: 10_000 },
          { name: 'Lệ phí cấp bản sao', amountVnd: 8_000, quantityField: 'soBan' },
          { name: 'Lệ phí nộp trực tuyến', amountVnd: 5_000, channel: 'online' },
        ],
        eform: { type: 'object', properties: { soBan: { type: 'string', title: 'Số bản sao yêu cầu' } }, required: ['soBan'] },
      }),
    );
    await publish(buildProcedureContent({ code: '1.000656', name: 'Đăng ký thường trú', fees: [], eform: null, onlineLevel: 'none', documents: [{ name: 'Tờ khai thay đổi thông tin cư trú', kind: 'original', count: 1, required: false }] }));
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
    await context.clock.install({ time: now });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInToConsole(page, server.baseUrl, 'motcua', TEST_PASSWORD);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await page.screenshot({ path: `${SHOTS}/mc-intake-cash-failure.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    expect(pageErrors).toEqual([]);
  });

  const pick = async (search: string, name: string) => {
    await page.goto(`${server.baseUrl}/console/ho-so/tiep-nhan`);
    const picker = page.getByLabel('Thủ tục hành chính', { exact: true });
    await picker.click();
    const searched = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/dossiers/receivable-procedures' && new URL(r.url()).searchParams.get('q') === search);
    await picker.fill(search);
    await searched;
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).first().click();
  };

  it('the officer ticks "Đã thu tiền mặt tại quầy"; the amount is the fee for the copies asked; the dossier shows it paid in cash', async () => {
    await pick('trich luc', 'Cấp bản sao trích lục hộ tịch');
    await page.getByLabel('Số bản sao yêu cầu').fill('3');
    await page.getByLabel('Số CCCD').fill('087090001234');
    await page.getByLabel('Họ và tên', { exact: true }).fill('Nguyễn Văn An');
    await page.getByLabel('Số điện thoại', { exact: true }).fill('0912345678');
    const cash = page.getByRole('checkbox', { name: 'Đã thu tiền mặt tại quầy' });
    await cash.check();
    // The amount is the fee of these answers (the one rule), shown, never typed.
    const amount = page.getByTestId('intake-fee');
    expect((await amount.innerText()).replace(/\s/g, ' ')).toMatch(/^34\.000 ₫$/);
    await page.getByText(/Ghi nhận đã thu 34\.000\s?₫ tiền mặt cùng hồ sơ/).waitFor();
    // Two copies: the amount follows.
    await page.getByLabel('Số bản sao yêu cầu').fill('2');
    await page.getByText(/Ghi nhận đã thu 26\.000\s?₫ tiền mặt/).waitFor();
    expect((await amount.innerText()).replace(/\s/g, ' ')).toMatch(/^26\.000 ₫$/);
    await page.screenshot({ path: `${SHOTS}/mc-intake-cash.png`, fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    // The receipt to hand over is on the page that confirms the intake.
    const feeRow = page.locator('.intake-receipt tr', { hasText: 'Phí, lệ phí' });
    await feeRow.getByText(/Đã thu 26\.000\s?₫ tiền mặt, biên lai số 0000001\/2026\./).waitFor();
    const receipt = await page.request.get(new URL((await feeRow.getByRole('link', { name: /Tải biên lai/ }).getAttribute('href'))!, page.url()).toString());
    expect(receipt.status()).toBe(200);
    expect(receipt.headers()['content-type']).toContain('application/pdf');
    await page.screenshot({ path: `${SHOTS}/mc-intake-cash-done.png`, fullPage: true });
    await page.getByRole('link', { name: 'Xem hồ sơ' }).click();
    const card = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: 'Phí, lệ phí' }) });
    const row = card.locator('.ant-table-row', { hasText: 'Tiền mặt' });
    await row.waitFor();
    expect(await row.locator('.ant-tag').innerText()).toBe('Đã thanh toán');
    expect(await row.innerText()).toContain('26.000');
    expect(await row.innerText()).toMatch(/0000001\/2026/);
    // Paid: nothing more to collect.
    expect(await card.getByRole('button', { name: 'Thu tiền mặt' }).count()).toBe(0);
    const paid = (await server.ctx.db.query(`SELECT p.method, p.status, p.amount_vnd::int AS amount, u.username, p.paid_at FROM payment p JOIN staff_user u ON u.id = p.recorded_by`)).rows;
    expect(paid).toEqual([{ method: 'cash', status: 'paid', amount: 26_000, username: 'motcua', paid_at: now }]);
    await page.screenshot({ path: `${SHOTS}/mc-intake-cash-dossier.png`, fullPage: true });
  });

  it('a procedure without a fee offers no cash box', async () => {
    await pick('thuong tru', 'Đăng ký thường trú');
    await page.getByLabel('Số CCCD').waitFor();
    await page.getByText('Thủ tục không thu phí, lệ phí.').waitFor();
    expect(await page.getByRole('checkbox', { name: 'Đã thu tiền mặt tại quầy' }).count()).toBe(0);
  });
});
