import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { APPLICANT, seedDesk } from '../server/test/dossier-fixtures.js';
import { TEST_PASSWORD } from '../server/test/factories.js';
import { launchBrowser, seriousA11yViolations, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Journeys of the console's payment and satisfaction screens, as the officers use them:
 * A — the desk officer records the fee received in cash on a dossier (confirming first) and downloads the receipt.
 * B — the desk imports a bank statement: one transfer names a pending VietQR payment with its amount (matched, paid),
 *     one names nothing (unmatched); both show in the result and in the transfer list by state.
 * C — the desk pairs a rating tablet, opens the link on the tablet (the portal kiosk is paired), sees it listed, revokes it.
 * D — the commune's leader reads the satisfaction summary of a period with a rating in it.
 * Every new screen passes axe (no serious or critical WCAG 2.1 AA issue).
 */
describe('console: fees, reconciliation, satisfaction', () => {
  let server: RunningServer;
  let browser: Browser;
  let s: Awaited<ReturnType<typeof seedDesk>>;
  const pageErrors: string[] = [];
  const pages = new Map<string, Page>();

  const newPage = async (viewport = { width: 1366, height: 900 }): Promise<Page> => {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    return page;
  };

  /** A signed-in officer in their own browser, signed in once per run. */
  const officer = async (username: string): Promise<Page> => {
    const known = pages.get(username);
    if (known) return known;
    const page = await newPage();
    await signInToConsole(page, server.baseUrl, username, TEST_PASSWORD);
    pages.set(username, page);
    return page;
  };

  const menu = (page: Page, name: string) => page.getByRole('navigation', { name: 'Chức năng' }).getByRole('menuitem', { name }).click();

  beforeAll(async () => {
    server = await startServer();
    s = await seedDesk(server.app, server.ctx.db);
    browser = await launchBrowser();
  });
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const [username, page] of pages) await page.screenshot({ path: `${SHOTS}/mc-paycon-failure-${username}.png`, fullPage: true }).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('A: the desk records cash on a dossier after confirming, and downloads the numbered receipt', async () => {
    const d = await s.receive();
    const desk = await officer('motcua');
    await desk.goto(`${server.baseUrl}/console/ho-so/${d.id}`);
    const card = desk.locator('.ant-card').filter({ has: desk.getByRole('heading', { name: 'Phí, lệ phí' }) });
    await card.getByText('Chưa thanh toán').waitFor();
    expect(await card.getByText('15.000').first().isVisible()).toBe(true);
    expect(await seriousA11yViolations(desk)).toEqual([]);

    await card.getByRole('button', { name: 'Thu tiền mặt' }).click();
    const dialog = desk.getByRole('dialog', { name: 'Xác nhận thu tiền mặt' });
    await dialog.getByText(/Xác nhận đã thu 15\.000/).waitFor();
    expect(await seriousA11yViolations(desk)).toEqual([]);
    // Cancelling records nothing.
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await server.ctx.db.query(`SELECT 1 FROM payment WHERE dossier_id = $1`, [d.id])).rowCount).toBe(0);

    await card.getByRole('button', { name: 'Thu tiền mặt' }).click();
    await dialog.getByLabel('Họ tên người nộp tiền').fill('Trần Thị Bình');
    await dialog.getByRole('button', { name: 'Xác nhận đã thu' }).click();
    await desk.getByText(/Đã thu 15\.000.*biên lai số \d{7}\/\d{4}/).waitFor();
    await card.getByText('Đã thanh toán', { exact: true }).first().waitFor();
    const row = card.locator('.ant-table-row', { hasText: 'Tiền mặt' });
    const receiptNo = (await row.locator('td').nth(5).innerText()).trim();
    expect(receiptNo).toMatch(/^\d{7}\/\d{4}$/);
    // Paid: the action is gone.
    expect(await card.getByRole('button', { name: 'Thu tiền mặt' }).count()).toBe(0);
    const paid = (await server.ctx.db.query(`SELECT method, status, amount_vnd AS amount, payer_name AS payer FROM payment WHERE dossier_id = $1`, [d.id])).rows;
    expect(paid).toEqual([{ method: 'cash', status: 'paid', amount: 15000, payer: 'Trần Thị Bình' }]);

    // The log of the payment opens under its row.
    await row.getByRole('button', { name: /mở rộng|expand/i }).click();
    await card.getByRole('list', { name: 'Nhật ký' }).getByText('Đã thanh toán').waitFor();
    await desk.screenshot({ path: `${SHOTS}/mc-console-fee-card.png`, fullPage: true });
    expect(await seriousA11yViolations(desk)).toEqual([]);

    const [download] = await Promise.all([desk.waitForEvent('download'), card.getByRole('link', { name: `Tải biên lai số ${receiptNo} (PDF)` }).click()]);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/^bien-lai-MC[A-Z0-9]{10}\.pdf$/);
  });

  it('B: a statement with one transfer for a pending VietQR payment and one unknown: matched and unmatched, both listed', async () => {
    const d = await s.receive();
    const started = await server.app.inject({ method: 'POST', url: '/api/payments/public/start', payload: { code: d.code, secret: APPLICANT.phone, method: 'vietqr' } });
    expect(started.statusCode, started.body).toBe(200);
    const { reference } = started.json() as { reference: string };
    const spaced = `${reference.slice(0, 6)} ${reference.slice(6)}`.toLowerCase();
    const statement = ['amount,time,description,bank_ref', `15000,2026-11-25 09:30,"NGUYEN VAN AN chuyen khoan ${spaced}",FT26329001`, '20000,2026-11-25 10:05,TIEN HOC PHI THANG 11,FT26329002', ''].join('\n');

    const desk = await officer('motcua');
    await menu(desk, 'Đối soát chuyển khoản');
    await desk.getByRole('heading', { name: 'Đối soát chuyển khoản', level: 2 }).waitFor();
    // Nothing imported yet.
    await desk.getByText('Không có khoản chuyển khoản nào.').waitFor();
    expect(await seriousA11yViolations(desk)).toEqual([]);

    await desk.locator('input[type=file]').setInputFiles({ name: 'sao-ke-25-11.csv', mimeType: 'text/csv', buffer: Buffer.from(statement, 'utf8') });
    await desk.getByRole('button', { name: 'sao-ke-25-11.csv' }).waitFor();
    expect(await desk.getByLabel('Nội dung sao kê').inputValue()).toContain('FT26329002');
    await desk.getByRole('button', { name: 'Đối soát', exact: true }).click();
    await desk.getByText('Đã đối soát: 1 khoản khớp, 1 khoản cần xem lại.').waitFor();

    const result = desk.locator('section', { has: desk.getByRole('heading', { name: 'Kết quả đối soát' }) });
    const matched = result.locator('.ant-table-row', { hasText: 'FT26329001' });
    expect(await matched.locator('.ant-tag').innerText()).toBe('Khớp');
    expect(await matched.innerText()).toContain(reference);
    expect(await matched.innerText()).toContain(d.code);
    expect(await result.locator('.ant-table-row', { hasText: 'FT26329002' }).locator('.ant-tag').innerText()).toBe('Chưa khớp');
    expect(await seriousA11yViolations(desk)).toEqual([]);

    // The list by state: "to review" (the default) holds the unknown transfer, "matched" the paid one.
    const list = desk.locator('.ant-card').filter({ has: desk.getByRole('heading', { name: 'Các khoản chuyển khoản đã nhập' }) });
    await list.locator('.ant-table-row', { hasText: 'FT26329002' }).waitFor();
    expect(await list.locator('.ant-table-row', { hasText: 'FT26329001' }).count()).toBe(0);
    await list.getByText('Khớp', { exact: true }).click();
    await list.locator('.ant-table-row', { hasText: 'FT26329001' }).getByRole('link', { name: d.code }).waitFor();
    expect(await list.locator('.ant-table-row', { hasText: 'FT26329002' }).count()).toBe(0);
    await list.getByText('Chưa khớp', { exact: true }).click();
    await list.locator('.ant-table-row', { hasText: 'FT26329002' }).waitFor();
    await desk.screenshot({ path: `${SHOTS}/mc-console-reconciliation.png`, fullPage: true });
    const paid = (await server.ctx.db.query(`SELECT status, bank_ref AS "bankRef" FROM payment WHERE reference = $1`, [reference])).rows;
    expect(paid).toEqual([{ status: 'paid', bankRef: 'FT26329001' }]);

    // From the matched transfer to the dossier (through the search): its VietQR payment is paid, with a receipt number.
    await list.getByText('Khớp', { exact: true }).click();
    await list.getByRole('link', { name: d.code }).click();
    await desk.getByRole('heading', { name: 'Hồ sơ', level: 2 }).waitFor();
    await desk.locator('.ant-table-row').getByRole('link', { name: d.code }).click();
    const card = desk.locator('.ant-card').filter({ has: desk.getByRole('heading', { name: 'Phí, lệ phí' }) });
    const row = card.locator('.ant-table-row', { hasText: 'Chuyển khoản (VietQR)' });
    expect(await row.locator('.ant-tag').innerText()).toBe('Đã thanh toán');
    expect(await row.innerText()).toMatch(/\d{7}\/\d{4}/);
  });

  it('C: the desk pairs a tablet, the tablet opens the link and is paired, the list shows it, then it is revoked', async () => {
    const desk = await officer('motcua');
    await menu(desk, 'Đánh giá hài lòng');
    await desk.getByRole('heading', { name: 'Đánh giá hài lòng', level: 2 }).waitFor();
    await desk.getByRole('tab', { name: 'Thiết bị đánh giá tại quầy' }).click();
    await desk.getByText('Chưa có thiết bị đánh giá nào.').waitFor();
    expect(await seriousA11yViolations(desk)).toEqual([]);

    await desk.getByRole('button', { name: 'Ghép nối máy tính bảng' }).click();
    const dialog = desk.getByRole('dialog', { name: 'Ghép nối thiết bị đánh giá' });
    await dialog.getByLabel('Tên thiết bị').fill('Quầy số 2');
    await dialog.getByRole('button', { name: 'Ghép nối' }).click();
    await dialog.getByText('Đã ghép nối thiết bị Quầy số 2.').waitFor();
    await dialog.getByRole('img', { name: 'Mã QR của liên kết ghép nối' }).waitFor();
    const link = (await dialog.locator('.kiosk-link a').getAttribute('href')) ?? '';
    expect(link).toMatch(new RegExp(`^${server.baseUrl}/danh-gia/kiosk#ma-thiet-bi=[\\w-]{40,}$`));
    await desk.screenshot({ path: `${SHOTS}/mc-console-kiosk-paired.png` });
    expect(await seriousA11yViolations(desk)).toEqual([]);
    await dialog.getByRole('button', { name: 'Đóng' }).first().click();

    const row = desk.locator('.ant-table-row', { hasText: 'Quầy số 2' });
    await row.getByText('Đang dùng').waitFor();
    expect(await row.innerText()).toContain('Bộ phận một cửa phường An Thử');

    // The tablet opens the link: paired without anyone signing in on it, and the token leaves the address bar.
    const tablet = await newPage({ width: 1024, height: 1366 });
    await tablet.goto(link);
    await tablet.getByText(/Thiết bị Quầy số 2/).waitFor();
    await tablet.getByLabel(/Nhập mã hồ sơ/).waitFor();
    expect(new URL(tablet.url()).hash).toBe('');

    await row.getByRole('button', { name: 'Thu hồi Quầy số 2' }).click();
    await desk.locator('.ant-popconfirm').getByRole('button', { name: 'Thu hồi' }).click();
    await desk.getByText('Đã thu hồi thiết bị Quầy số 2.').waitFor();
    await row.getByText(/Đã thu hồi/).waitFor();
    // The revoked tablet falls back to the pairing form.
    await tablet.reload();
    await tablet.getByRole('heading', { name: 'Ghép nối thiết bị đánh giá' }).waitFor();
    await tablet.context().close();
  });

  it('D: the leader reads the summary of the period: the rating counted per indicator and for the desk officer', async () => {
    const d = await s.receive();
    await s.finish(d.id);
    const scores = { i1: 2, i2: 2, i3: 2, i4: 1, i5: 2, i6: 2, i7: 2, i8: 2, i9: 1 };
    const rated = await server.app.inject({ method: 'POST', url: '/api/satisfaction/public/ratings', payload: { code: d.code, secret: APPLICANT.phone, scores, officerScore: 2 } });
    expect(rated.statusCode, rated.body).toBe(201);

    const leader = await officer('lanhdao');
    await menu(leader, 'Đánh giá hài lòng');
    await leader.getByRole('heading', { name: 'Đánh giá hài lòng', level: 2 }).waitFor();
    // Not a desk officer: no kiosk tab.
    expect(await leader.getByRole('tab', { name: 'Thiết bị đánh giá tại quầy' }).count()).toBe(0);
    const indicators = leader.locator('.ant-table').first();
    await indicators.locator('.ant-table-row', { hasText: 'Tổng thời gian giải quyết' }).waitFor();
    const avg = async (n: number) => (await indicators.locator('.ant-table-row').nth(n - 1).locator('td').last().innerText()).trim();
    expect(await avg(1)).toBe('2,0');
    expect(await avg(4)).toBe('1,0');
    expect(await avg(9)).toBe('1,0');
    const officerRow = leader.locator('.ant-table-row', { hasText: 'Cán bộ motcua' });
    // Indicators 1, 2, 3, 4, 7: 2 + 2 + 2 + 1 + 2 = 9 ≥ 5 → task fully done.
    expect(await officerRow.innerText()).toMatch(/9,0/);
    expect(await officerRow.locator('.ant-tag').innerText()).toBe('100%');
    await leader.screenshot({ path: `${SHOTS}/mc-console-satisfaction.png`, fullPage: true });
    expect(await seriousA11yViolations(leader)).toEqual([]);

    // The leader has no reconciliation entry (it needs dossiers.receive), and the page refuses them.
    expect(await leader.getByRole('navigation', { name: 'Chức năng' }).getByRole('menuitem', { name: 'Đối soát chuyển khoản' }).count()).toBe(0);
    await leader.goto(`${server.baseUrl}/console/thanh-toan/doi-soat`);
    await leader.getByText('Không có quyền truy cập').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
