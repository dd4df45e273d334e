import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { APPLICANT, seedDesk } from '../server/test/dossier-fixtures.js';
import { TEST_PASSWORD } from '../server/test/factories.js';
import { launchBrowser, seriousA11yViolations, SHOTS } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Journeys of the citizen portal's payment and rating pages, against the server's own VNPay-protocol simulator:
 * A — a citizen tracks a dossier with a fee, pays it through the gateway (the simulator calls the IPN server to server and
 *     sends the browser back), sees the success and downloads the receipt; the VietQR choice shows a transfer QR.
 * B — a desk officer pairs a tablet as the unit's rating kiosk; a citizen rates a returned dossier on it.
 * Every new page passes axe (no serious or critical WCAG 2.1 AA issue).
 */
describe('paying a fee and rating on the portal', () => {
  let server: RunningServer;
  let browser: Browser;
  let s: Awaited<ReturnType<typeof seedDesk>>;
  const pageErrors: string[] = [];

  const newPage = async (viewport = { width: 1280, height: 900 }): Promise<Page> => {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    return page;
  };
  const track = async (page: Page, code: string) => {
    await page.goto(`${server.baseUrl}/thu-tuc/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`);
    await page.getByLabel('Số điện thoại hoặc 4 số cuối căn cước').fill(APPLICANT.phone);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('heading', { name: code }).waitFor();
  };

  beforeAll(async () => {
    server = await startServer();
    s = await seedDesk(server.app, server.ctx.db);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('A: tracks a dossier with a fee, pays through the gateway simulator, sees success and downloads the receipt', async () => {
    const d = await s.receive();
    const page = await newPage();
    await track(page, d.code);
    await page.getByText('Chưa thanh toán').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();

    await page.getByRole('heading', { name: 'Thanh toán phí, lệ phí' }).waitFor();
    await page.getByText('15.000').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/mc-portal-payment.png`, fullPage: true });
    await page.getByLabel(/VNPay/).check();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // The gateway (simulator) shows the order and the amount the server decided.
    await page.waitForURL(/\/sim\/vnpay\/pay\?/);
    expect(await page.locator('#amount').textContent()).toBe('15.000 đồng');
    await page.screenshot({ path: `${SHOTS}/mc-sim-vnpay.png` });
    await page.getByRole('button', { name: 'Thanh toán' }).click();

    await page.waitForURL(/\/thanh-toan\/ket-qua\?ref=/);
    await page.getByRole('heading', { name: 'Thanh toán thành công' }).waitFor();
    await page.getByText(/^\d{7}\/\d{4}$/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/mc-portal-payment-result.png`, fullPage: true });
    // The payment was confirmed by the gateway's server-to-server IPN, not only by the browser coming back.
    const events = await server.ctx.db.query(`SELECT e.kind, e.data->>'via' AS via FROM payment_event e JOIN payment p ON p.id = e.payment_id WHERE p.dossier_id = $1 ORDER BY e.id`, [d.id]);
    expect(events.rows).toEqual([{ kind: 'created', via: null }, { kind: 'paid', via: 'ipn' }]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải biên lai điện tử (PDF)' }).click()]);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/^bien-lai-MC[A-Z0-9]{10}\.pdf$/);

    // Back on the tracking page the fee shows as paid.
    await track(page, d.code);
    await page.getByText('Đã thanh toán', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Thanh toán trực tuyến' }).count()).toBe(0);
  });

  it('A: the VietQR choice shows the transfer QR with the payment reference as the note', async () => {
    const d = await s.receive();
    const page = await newPage({ width: 390, height: 844 });
    await track(page, d.code);
    await page.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
    await page.getByLabel(/VietQR/).check();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('img', { name: /Mã VietQR/ }).waitFor();
    const note = (await page.locator('.transfer-note').textContent()) ?? '';
    expect(note).toMatch(/^MC[A-Z0-9]{10}$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/mc-portal-vietqr.png`, fullPage: true });
  });

  it('B: a desk officer pairs the kiosk; a citizen rates a returned dossier; the screen thanks and resets', async () => {
    const d = await s.receive();
    await s.finish(d.id);
    const page = await newPage({ width: 1024, height: 1366 });
    await page.goto(`${server.baseUrl}/danh-gia/kiosk`);
    await page.getByRole('heading', { name: 'Ghép nối thiết bị đánh giá' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Nothing typed: the page says what is missing under each field, in Vietnamese, never the browser's bubble.
    expect(await page.locator('form.kiosk-form').evaluate((f) => (f as HTMLFormElement).noValidate)).toBe(true);
    await page.getByRole('button', { name: 'Ghép nối' }).click();
    await page.locator('#username-problem').waitFor();
    expect(await page.locator('#username-problem').innerText()).toBe('Chưa nhập "Tên đăng nhập".');
    expect(await page.locator('#password-problem').innerText()).toBe('Chưa nhập "Mật khẩu".');
    expect(await page.locator('#username').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('username');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Tên đăng nhập').fill('motcua');
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByLabel(/Tên thiết bị/).fill('Quầy số 1');
    await page.getByRole('button', { name: 'Ghép nối' }).click();
    await page.getByText(/Thiết bị Quầy số 1/).waitFor();

    // A code too short to be one is said under the field.
    await page.getByLabel(/Nhập mã hồ sơ/).fill('H12');
    await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
    await page.locator('#code-problem').waitFor();
    expect(await page.locator('#code-problem').innerText()).toMatch(/^"Nhập mã hồ sơ trên giấy hẹn trả kết quả" cần ít nhất 10 ký tự\.$/);
    expect(await page.locator('#code').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel(/Nhập mã hồ sơ/).fill(d.code);
    await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
    await page.getByRole('group', { name: /Tổng thời gian giải quyết/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Submitting with answers missing is refused on the page.
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByRole('alert').getByText('Vui lòng chọn').waitFor();
    // Each unanswered indicator says so under its question; the first one has the focus; the officer's rating is optional.
    const first = page.getByRole('group', { name: /^1\. / });
    expect(await first.locator('.field-problem').innerText()).toMatch(/^Chưa chọn câu trả lời cho câu 1 "[^\d"][^"]+"\.$/);
    expect(await first.getByRole('radio').first().getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(await first.getByRole('radio').first().getAttribute('name'));
    expect(await page.locator('.choice-group .field-problem').count()).toBe(9);
    for (let i = 1; i <= 9; i++) {
      await page.getByRole('group', { name: new RegExp(`^${i}\\. `) }).getByRole('radio').first().check();
    }
    await page.getByRole('group', { name: /Mức độ hài lòng với cán bộ/ }).getByLabel('Hài lòng', { exact: true }).check();
    await page.screenshot({ path: `${SHOTS}/mc-kiosk-rating.png`, fullPage: true });
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Cảm ơn ông/bà đã đánh giá!').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const row = (await server.ctx.db.query(`SELECT channel, i1, i9, officer_score FROM satisfaction_rating WHERE dossier_id = $1`, [d.id])).rows;
    expect(row).toEqual([{ channel: 'kiosk', i1: 2, i9: 2, officer_score: 1 }]);
    await page.getByRole('button', { name: 'Đánh giá hồ sơ khác' }).click();
    await page.getByLabel(/Nhập mã hồ sơ/).waitFor();
  });

  it('B: on the portal, the citizen rates a returned dossier from the tracking result, once', async () => {
    const d = await s.receive();
    await s.finish(d.id);
    const page = await newPage({ width: 390, height: 844 });
    await track(page, d.code);
    await page.getByRole('button', { name: 'Đánh giá việc giải quyết hồ sơ' }).click();
    await page.getByRole('heading', { name: 'Đánh giá việc giải quyết thủ tục hành chính' }).waitFor();
    await page.getByRole('group', { name: /^1\. / }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    for (let i = 1; i <= 9; i++) await page.getByRole('group', { name: new RegExp(`^${i}\\. `) }).getByRole('radio').nth(1).check();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Cảm ơn ông/bà đã đánh giá!').waitFor();
    await page.screenshot({ path: `${SHOTS}/mc-portal-rated.png`, fullPage: true });
    const row = (await server.ctx.db.query(`SELECT channel, i1, officer_score FROM satisfaction_rating WHERE dossier_id = $1`, [d.id])).rows;
    expect(row).toEqual([{ channel: 'portal', i1: 1, officer_score: null }]);
    // Coming back, the page says it is already rated.
    await page.reload();
    await page.getByText('Hồ sơ này đã được đánh giá').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
