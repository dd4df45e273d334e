import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { injectAs, login, type Session } from '../server/test/app.js';
import { buildStaff, buildUnit, TEST_PASSWORD } from '../server/test/factories.js';
import { writeCatalogWorkbook, SHEETS } from '../server/src/modules/procedures/catalog-workbook.js';
import { actAndAwaitToast, launchBrowser, seriousA11yViolations, settled, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Issue 15, the administrator (1366 × 768): imports the catalogue from the Excel template — a file with a row missing
 * its code is refused with the row named and nothing imported, the corrected file is imported; then sets who signs
 * the ward's letters (the chairman, and a vice-chairman authorised for these weeks) and sees who signs today.
 */
const now = new Date('2026-11-30T02:00:00Z'); // Monday 30/11/2026 09:00 in Vietnam

async function workbook(main: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeCatalogWorkbook([])) as unknown as ArrayBuffer);
  main.forEach((r, i) => (wb.getWorksheet(SHEETS.main)!.getRow(i + 2).values = r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const row = (code: string, name: string) => [code, name, 'Hộ tịch', 'Xã', 'UBND cấp xã', 1, 'Ngày làm việc', '', 'Giấy chứng nhận', 'Toàn trình', 'Có', 'Có'];

describe('catalogue import in Excel and the signatory screen', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Session;
  let provinceId: string, wardId: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let current: Page | null = null;

  beforeAll(async () => {
    server = await startServer({ clock: { now: () => now } });
    const db = server.ctx.db;
    const province = await buildUnit(db, { kind: 'province', name: 'Tỉnh Nhập Liệu' });
    const ward = await buildUnit(db, { kind: 'commune', parent: province, name: 'Phường Hòa Bình' });
    provinceId = province.id;
    wardId = ward.id;
    await buildStaff(db, 'quantri', [{ role: 'admin', unit: province }]);
    admin = await login(server.app, 'quantri', TEST_PASSWORD);
    browser = await launchBrowser();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
    await context.clock.install({ time: now });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    current = page;
    return page;
  }

  const signIn = (page: Page) => signInToConsole(page, server.baseUrl, 'quantri', TEST_PASSWORD);

  const catalogueSize = async () => {
    const res = await injectAs(server.app, admin, { method: 'GET', url: `/api/procedures/export?ownerUnitId=${provinceId}` });
    return (res.json() as { procedures: unknown[] }).procedures.length;
  };

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && current) await current.screenshot({ path: `${SHOTS}/mc-catalog-signers-failure.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('an Excel file with a row missing its code is refused, that row named, nothing imported; the corrected file is imported', async () => {
    const page = await newPage();
    await signIn(page);
    await page.goto(`${server.baseUrl}/console/thu-tuc`);
    await page.getByRole('button', { name: 'Nhập danh mục' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nhập danh mục thủ tục từ tệp Excel hoặc JSON' });
    await dialog.getByRole('link', { name: 'Tải tệp mẫu Excel' }).waitFor();
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'thu-tuc.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook([row('1.000101', 'Đăng ký khai sinh'), ['', 'Đăng ký kết hôn', 'Hộ tịch', 'Xã', 'UBND cấp xã', 1, 'Ngày làm việc'], row('1.000103', 'Đăng ký khai tử')]),
    });
    await dialog.getByText('thu-tuc.xlsx').waitFor();
    await dialog.getByRole('button', { name: 'Nhập danh mục' }).click();
    await dialog.getByText('Sửa các dòng sau trong tệp rồi nhập lại (1 lỗi, chưa nhập thủ tục nào):').waitFor();
    expect(await dialog.getByRole('listitem').allInnerTexts()).toEqual(['Dòng 3: Mã thủ tục trống']);
    await settled(page);
    await page.screenshot({ path: `${SHOTS}/mc-catalog-import-errors.png`, fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await catalogueSize()).toBe(0);

    await dialog.locator('input[type=file]').setInputFiles({
      name: 'thu-tuc-da-sua.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook([row('1.000101', 'Đăng ký khai sinh'), row('1.000102', 'Đăng ký kết hôn'), row('1.000103', 'Đăng ký khai tử')]),
    });
    await dialog.getByText('thu-tuc-da-sua.xlsx').waitFor();
    await dialog.getByRole('button', { name: 'Nhập danh mục' }).click();
    await dialog.getByText('Thêm mới 3, cập nhật dự thảo 0, tạo bản sửa đổi 0, bỏ qua 0.').waitFor();
    expect(await dialog.getByRole('listitem').count()).toBe(0);
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: /Đóng/ }).click();
    await page.locator('.ant-table-row', { hasText: 'Đăng ký kết hôn' }).waitFor();
    expect(await catalogueSize()).toBe(3);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('the administrator sets the ward’s head and an authorised deputy, and sees who signs today', async () => {
    const page = await newPage();
    await signIn(page);
    await page.goto(`${server.baseUrl}/console/don-vi`);
    await page.getByRole('link', { name: 'Người ký — Phường Hòa Bình' }).click();
    await page.getByRole('heading', { name: 'Người ký văn bản — Phường Hòa Bình' }).waitFor();
    await page.getByText('Chưa có người ký cho hôm nay').waitFor();

    const fill = async (button: string, name: string, title: string, from: string, to: string | null) => {
      await page.getByRole('button', { name: button }).click();
      const dialog = page.getByRole('dialog', { name: button });
      await dialog.getByLabel('Họ và tên').fill(name);
      await dialog.getByLabel('Chức danh', { exact: true }).fill(title);
      const fromBox = dialog.getByLabel('Từ ngày');
      await fromBox.click();
      await fromBox.fill(from);
      await fromBox.press('Enter');
      if (to) {
        const toBox = dialog.getByLabel('Đến ngày');
        await toBox.click();
        await toBox.fill(to);
        await toBox.press('Enter');
      }
      await actAndAwaitToast(page, 'Đã lưu người ký.', () => dialog.getByRole('button', { name: 'Lưu' }).click());
      await dialog.waitFor({ state: 'hidden' });
    };
    await fill('Thêm thủ trưởng', 'Lê Văn Bình', 'Chủ tịch', '01/01/2026', null);
    await page.getByText('Hôm nay văn bản do Lê Văn Bình ký (CHỦ TỊCH).').waitFor();
    await fill('Thêm cấp phó ký thay', 'Trần Thị Cúc', 'Phó Chủ tịch', '23/11/2026', '11/12/2026');
    await page.getByText('Hôm nay văn bản do Trần Thị Cúc ký (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH).').waitFor();
    const rows = await page.locator('.ant-table-row').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      'Cấp phó ký thay (KT.) Trần Thị Cúc Ký hôm nay KT. CHỦ TỊCH / PHÓ CHỦ TỊCH 23/11/2026 11/12/2026 Sửa Xóa',
      'Thủ trưởng Lê Văn Bình CHỦ TỊCH 01/01/2026 đến khi thay đổi Sửa Xóa',
    ]);
    await settled(page);
    await page.screenshot({ path: `${SHOTS}/mc-signers.png`, fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The apology letter of a ward dossier today would be signed by the deputy, on the chairman's behalf.
    const res = await injectAs(server.app, admin, { method: 'GET', url: `/api/units/${wardId}/signers` });
    const view = res.json() as { signers: { id: string; fullName: string }[]; currentId: string };
    expect(view.signers.find((s) => s.id === view.currentId)?.fullName).toBe('Trần Thị Cúc');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
