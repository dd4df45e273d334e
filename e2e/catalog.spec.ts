import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildProcedureContent, buildStaff, buildUnitTree, TEST_PASSWORD } from '../server/test/factories.js';
import { injectAs, login, type Session } from '../server/test/app.js';
import { launchBrowser, seriousA11yViolations, signInToConsole, SHOTS } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Journey: an administrator publishes a draft procedure in the console; an anonymous citizen finds it on the portal
 * by typing without accents, reads its page and downloads its form. Both portal pages pass axe (no serious issue).
 */
const NAME = 'Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm';
const CODE = '1.011607';

/** A minimal valid PDF (the server sniffs the content, not just the name). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

async function uploadTemplate(server: RunningServer, session: Session, fileName: string): Promise<string> {
  const boundary = '----motcua-e2e';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await injectAs(server.app, session, { method: 'POST', url: '/api/files', payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { sha256: string }).sha256;
}

async function seed(server: RunningServer) {
  const db = server.ctx.db;
  const units = await buildUnitTree(db);
  await buildStaff(db, 'quantri', [{ role: 'admin', unit: units.province }]);
  const session = await login(server.app, 'quantri', TEST_PASSWORD);
  const fileId = await uploadTemplate(server, session, 'mau-giay-de-nghi-ho-ngheo.pdf');
  const draft = buildProcedureContent({
    code: CODE,
    name: NAME,
    field: 'Bảo trợ xã hội',
    agency: 'Ủy ban nhân dân cấp xã',
    applicants: 'Hộ gia đình',
    processingTime: { amount: 7, unit: 'working_day' },
    fees: [{ name: 'Phí cấp bản sao quyết định', amountVnd: 15000, note: 'nếu có yêu cầu' }],
    documents: [
      { name: 'Giấy đề nghị xét duyệt bổ sung hộ nghèo, hộ cận nghèo', kind: 'original', count: 1, required: true, template: { name: 'Mẫu số 01 — Giấy đề nghị', fileId } },
      { name: 'Căn cước của chủ hộ', kind: 'present', count: 1, required: true },
    ],
    templates: [{ name: 'Mẫu số 01 — Giấy đề nghị', fileId, fileName: 'mau-giay-de-nghi-ho-ngheo.pdf' }],
    steps: [
      { name: 'Tiếp nhận hồ sơ', role: 'desk_officer', unitCode: null, workingDays: 1 },
      { name: 'Rà soát, thẩm định', role: 'specialist', unitCode: null, workingDays: 5 },
      { name: 'Phê duyệt', role: 'leader', unitCode: null, workingDays: 1 },
    ],
    result: 'Quyết định công nhận hộ nghèo, hộ cận nghèo',
    legalBasis: [{ number: '07/2021/NĐ-CP', title: 'Quy định chuẩn nghèo đa chiều giai đoạn 2022–2025' }],
    onlineLevel: 'partial',
    postalIntake: true,
    postalReturn: false,
    conditions: 'Hộ gia đình có thu nhập bình quân đầu người thấp hơn chuẩn nghèo.',
    sequence: 'Bước 1: Hộ gia đình nộp giấy đề nghị.\nBước 2: Ủy ban nhân dân cấp xã rà soát, thẩm định.\nBước 3: Chủ tịch Ủy ban nhân dân cấp xã công nhận.',
  });
  const created = await injectAs(server.app, session, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: units.communeA.id, content: draft } });
  expect(created.statusCode, created.body).toBe(201);
  // A second, already published procedure: the accent-free search must not return it.
  const other = await injectAs(server.app, session, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: units.communeA.id, content: buildProcedureContent() } });
  expect(other.statusCode, other.body).toBe(201);
  const otherId = (other.json() as { id: string }).id;
  const published = await injectAs(server.app, session, {
    method: 'POST',
    url: `/api/procedures/${otherId}/publish`,
    payload: { decisionNo: '100/QĐ-UBND', decisionDate: '2025-07-01', effectiveFrom: '2025-07-01' },
  });
  expect(published.statusCode, published.body).toBe(200);
  // Its revision is published for a later date (issue 15): announced, not used, until that day.
  expect((await injectAs(server.app, session, { method: 'POST', url: `/api/procedures/${otherId}/revisions` })).statusCode).toBe(201);
  const later = await injectAs(server.app, session, { method: 'PUT', url: `/api/procedures/${otherId}/draft`, payload: buildProcedureContent({ name: 'Đăng ký khai sinh (bản sửa đổi)' }) });
  expect(later.statusCode, later.body).toBe(200);
  const future = await injectAs(server.app, session, {
    method: 'POST',
    url: `/api/procedures/${otherId}/publish`,
    payload: { decisionNo: '99/QĐ-UBND', decisionDate: '2026-12-01', effectiveFrom: '2099-01-01' },
  });
  expect(future.statusCode, future.body).toBe(200);
  return { id: (created.json() as { id: string }).id, otherId };
}

describe('catalogue journey: publish in the console, find on the portal', () => {
  let server: RunningServer;
  let browser: Browser;
  let procedureId: string;
  let otherId: string;
  const pageErrors: string[] = [];

  const watch = (page: Page) => {
    page.on('pageerror', (err) => pageErrors.push(err.message));
  };

  beforeAll(async () => {
    server = await startServer();
    ({ id: procedureId, otherId } = await seed(server));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an administrator signs in, opens the draft and publishes it, visits every screen, then signs out', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    watch(page);

    await page.goto(`${server.baseUrl}/console`);
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau-1');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/mật khẩu|đăng nhập/i);
    await page.screenshot({ path: `${SHOTS}/mc-console-login.png` });

    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: /Xin chào/ }).waitFor();
    await page.screenshot({ path: `${SHOTS}/mc-console-home.png` });

    await page.getByRole('menuitem', { name: 'Danh mục thủ tục' }).click();
    await page.getByRole('link', { name: NAME }).waitFor();
    await page.screenshot({ path: `${SHOTS}/mc-console-procedures.png` });
    await page.getByRole('link', { name: NAME }).click();
    await page.getByRole('heading', { name: new RegExp(NAME) }).waitFor();
    expect(await page.getByText('Dự thảo', { exact: true }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/mc-console-procedure-draft.png`, fullPage: true });

    await page.getByRole('button', { name: 'Sửa dự thảo' }).click();
    await page.getByLabel('Tên thủ tục').waitFor();
    expect(await page.getByLabel('Tên thủ tục').inputValue()).toBe(NAME);
    await page.screenshot({ path: `${SHOTS}/mc-console-procedure-editor.png`, fullPage: true });
    await page.getByRole('button', { name: 'Hủy' }).first().click();

    await page.getByRole('button', { name: 'Công bố' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Số quyết định').fill('1234/QĐ-UBND');
    await page.screenshot({ path: `${SHOTS}/mc-console-publish.png` });
    await dialog.getByRole('button', { name: 'Công bố' }).click();
    await page.getByText('Đã công bố thủ tục.').waitFor();
    await page.getByRole('tab', { name: /Phiên bản đang áp dụng/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Bãi bỏ' }).count()).toBe(1);

    await page.getByRole('menuitem', { name: 'Đơn vị' }).click();
    await page.getByRole('heading', { name: 'Đơn vị', level: 2 }).waitFor();
    await page.getByText('Phường An Thử').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/mc-console-units.png` });

    await page.getByRole('menuitem', { name: 'Tài khoản cán bộ' }).click();
    await page.getByRole('table').getByText('Cán bộ quantri').waitFor();
    await page.screenshot({ path: `${SHOTS}/mc-console-users.png` });

    await page.getByRole('menuitem', { name: 'Lịch làm việc' }).click();
    await page.getByText(/Tết Nguyên đán/).first().waitFor();
    await page.getByRole('button', { name: 'Tính hạn' }).click();
    await page.getByText('Hạn trả kết quả').waitFor();
    await page.screenshot({ path: `${SHOTS}/mc-console-calendar.png`, fullPage: true });

    await page.getByRole('button', { name: /Cán bộ quantri/ }).hover();
    await page.getByText('Đăng xuất').click();
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    const me = await page.request.get(`${server.baseUrl}/api/auth/me`);
    expect(me.status()).toBe(401);
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('an anonymous visitor finds it without accents, reads it and downloads its form; both pages are accessible', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    watch(page);

    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { name: 'Tra cứu thủ tục hành chính', level: 1 }).waitFor();
    await page.getByLabel('Tên hoặc mã thủ tục').fill('ho ngheo');
    // The first page already lists every published procedure: wait for the search's own answer before reading it.
    const searched = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/catalog/procedures' && new URL(r.url()).searchParams.get('q') === 'ho ngheo');
    await page.getByLabel('Tên hoặc mã thủ tục').press('Enter');
    await searched;
    await page.getByRole('link', { name: 'Đăng ký khai sinh' }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: NAME }).waitFor();
    expect(page.url()).toContain('q=ho+ngheo');
    expect(await page.getByRole('link', { name: 'Cán bộ đăng nhập' }).getAttribute('href')).toBe('/console');
    await page.screenshot({ path: `${SHOTS}/mc-portal-search.png`, fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('link', { name: NAME }).click();
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/thu-tuc/${procedureId}`);
    const text = await page.locator('main').innerText();
    for (const expected of [CODE, 'Bảo trợ xã hội', 'Cấp xã', 'Ủy ban nhân dân cấp xã', '7 ngày làm việc', 'DVC trực tuyến một phần', 'Căn cước của chủ hộ', 'Quyết định công nhận hộ nghèo', '07/2021/NĐ-CP', '1234/QĐ-UBND']) {
      expect(text).toContain(expected);
    }
    const fees = await page.locator('dt:has-text("Phí, lệ phí") + dd').innerText();
    expect(fees).toMatch(/Phí cấp bản sao quyết định: 15\.000\s₫ — nếu có yêu cầu/);
    const postalIntake = await page.locator('dt:has-text("Nhận hồ sơ qua bưu chính") + dd').innerText();
    expect(postalIntake).toBe('Có');
    const download = page.getByRole('region', { name: 'Mẫu đơn, tờ khai' }).getByRole('link', { name: 'Mẫu số 01 — Giấy đề nghị' });
    const href = await download.getAttribute('href');
    expect(href).toMatch(/^\/api\/catalog\/files\/[0-9a-f]{64}$/);
    const file = await page.request.get(`${server.baseUrl}${href}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('application/pdf');
    await page.screenshot({ path: `${SHOTS}/mc-portal-procedure.png`, fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/mc-portal-procedure-phone.png`, fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: /Quay lại tra cứu/ }).click();
    await page.getByRole('link', { name: NAME }).waitFor();
    await page.screenshot({ path: `${SHOTS}/mc-portal-search-phone.png`, fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('the console versions table says what the server clock says, whatever the browser date', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
    // The officer's computer is set to a date after the later version's (01/01/2099); the server's clock is not.
    await context.clock.setFixedTime(new Date('2099-06-01T03:00:00Z'));
    const page = await context.newPage();
    watch(page);
    await signInToConsole(page, server.baseUrl, 'quantri', TEST_PASSWORD);
    await page.goto(`${server.baseUrl}/console/thu-tuc/${otherId}`);
    await page.getByRole('tab', { name: 'Phiên bản đang áp dụng (số 1)' }).waitFor();
    await page.getByRole('tab', { name: /Phiên bản sắp áp dụng từ 01\/01\/2099/ }).waitFor();
    await page.getByRole('tab', { name: /Các phiên bản/ }).click();
    const rows = page.getByRole('tabpanel').getByRole('row');
    await rows.nth(2).waitFor();
    const cells = async (i: number) => (await rows.nth(i).getByRole('cell').allInnerTexts()).slice(0, 2);
    expect([await cells(1), await cells(2)]).toEqual([
      ['2', 'Sắp áp dụng từ 01/01/2099'],
      ['1', 'Đang áp dụng đến hết ngày 31/12/2098'],
    ]);
    expect(await page.locator('p.muted').first().innerText()).toContain('Sắp áp dụng từ 01/01/2099');
    await page.screenshot({ path: `${SHOTS}/mc-console-procedure-versions-browser-date.png` });
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('a version published for a later date is announced on the public page, which keeps the version in force', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    watch(page);
    await page.goto(`${server.baseUrl}/thu-tuc/${otherId}`);
    await page.getByRole('heading', { name: 'Đăng ký khai sinh', exact: true, level: 1 }).waitFor();
    expect(await page.getByTestId('upcoming-version').innerText()).toContain('Sắp áp dụng từ 01/01/2099');
    expect(await page.getByText('Công bố theo Quyết định số 100/QĐ-UBND').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
