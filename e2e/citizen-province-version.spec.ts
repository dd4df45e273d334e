import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { injectAs, login, otpInbox, type Session } from '../server/test/app.js';
import { buildProcedureContent, buildStaff, buildUnit, buildUnitTree } from '../server/test/factories.js';
import { CITIZEN_PASSWORD } from '../server/test/citizens.js';
import { launchBrowser, seriousA11yViolations, SHOTS } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * A procedure several provinces publish (one national code, a version per province, each with its own communes): the
 * citizen's form is their province's version — from the profile's commune, or from the place they pick when asked —
 * never silently the first province's; the commune picked is preselected as "Cơ quan giải quyết". 390 × 844 phone.
 */
const PHONE = { width: 390, height: 844 };

describe('the province\'s version of a procedure several provinces publish', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext | null = null;
  let page: Page;
  let tree: Awaited<ReturnType<typeof buildUnitTree>>;
  let otherCommune: { id: string };
  let oursId: string;
  let theirsId: string;

  beforeAll(async () => {
    server = await startServer();
    const db = server.ctx.db;
    tree = await buildUnitTree(db);
    otherCommune = await buildUnit(db, { kind: 'commune', parent: tree.otherProvince, name: 'Phường Khác Hai' });
    await buildUnit(db, { kind: 'commune', parent: tree.otherProvince, name: 'Xã Khác Ba' });
    await buildStaff(db, 'quantri', [{ role: 'admin', unit: tree.province }]);
    await buildStaff(db, 'quantri.khac', [{ role: 'admin', unit: tree.otherProvince }]);
    const publish = async (who: Session, ownerUnitId: string) => {
      const created = await injectAs(server.app, who, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId, content: buildProcedureContent({ code: '1.001193', name: 'Đăng ký khai sinh' }) } });
      expect(created.statusCode, created.body).toBe(201);
      const published = await injectAs(server.app, who, { method: 'POST', url: `/api/procedures/${created.json().id}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
      expect(published.statusCode, published.body).toBe(200);
      return created.json().id as string;
    };
    oursId = await publish(await login(server.app, 'quantri'), tree.province.id);
    // "Tỉnh Khác" sorts before "Tỉnh Thử": the grouped catalogue card links to its version.
    theirsId = await publish(await login(server.app, 'quantri.khac'), tree.otherProvince.id);
    browser = await launchBrowser();
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: `${SHOTS}/mc-province-version-failure.png`, fullPage: true }).catch(() => undefined);
    await context?.close();
    context = null;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A new phone (nothing remembered) and a citizen registered on it, with the profile's commune when given. */
  async function citizenOnNewPhone(identifier: string, idNumber: string, communeId: string | null): Promise<void> {
    context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: PHONE });
    page = await context.newPage();
    const asked = await page.request.post(`${server.baseUrl}/api/citizen/auth/register`, { data: { identifier, idNumber, fullName: 'Trần Thị Hoa', birthDate: '1990-01-02', gender: 'female', password: CITIZEN_PASSWORD } });
    expect(asked.status()).toBe(202);
    const reg = await page.request.post(`${server.baseUrl}/api/citizen/auth/register/confirm`, { data: { identifier, code: otpInbox(server.app).lastCode(identifier) } });
    expect(reg.status()).toBe(201);
    if (!communeId) return;
    const { csrfToken } = (await reg.json()) as { csrfToken: string };
    const patched = await page.request.patch(`${server.baseUrl}/api/citizen/me`, { data: { address: 'Số 7 đường Lê Lợi', addressUnitId: communeId }, headers: { 'x-csrf-token': csrfToken } });
    expect(patched.status()).toBe(200);
  }

  it('the profile\'s commune opens its province\'s version from the catalogue card, with the commune preselected', async () => {
    await citizenOnNewPhone('hoa.thu@example.vn', '001190000111', tree.communeA.id);
    // The level filter offers only today's levels (no district since 1 July 2025).
    await page.goto(`${server.baseUrl}/`);
    await page.locator('.card').first().waitFor();
    const levels = await page.locator('#f-level option').allInnerTexts();
    expect(levels.slice(1)).toEqual(['Cấp bộ', 'Cấp tỉnh', 'Cấp xã']);
    // No province picked on this phone: the card of the grouped catalogue is the first province's version.
    await page.goto(`${server.baseUrl}/thu-tuc/${theirsId}`);
    await page.getByRole('link', { name: 'Nộp trực tuyến' }).click();
    await page.getByRole('heading', { name: '1. Tờ khai' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cong-dan/nop/${oursId}`);
    expect(await page.locator('#unit option').allInnerTexts()).toEqual(['— Chọn —', 'Phường An Thử', 'Xã Bình Thử']);
    expect(await page.locator('#unit').inputValue()).toBe(tree.communeA.id);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('without a place the citizen is asked for one first; the commune picked is the resolving unit', async () => {
    await citizenOnNewPhone('hoa.khac@example.vn', '001190000222', null);
    await page.goto(`${server.baseUrl}/cong-dan/nop/${oursId}`);
    const choice = page.getByTestId('province-choice');
    await choice.waitFor();
    expect(await choice.innerText()).toContain('Thủ tục này áp dụng tại 2 tỉnh, thành phố');
    expect(await page.locator('#unit').count()).toBe(0);
    // Nothing chosen: the citizen is told what is missing, the form does not open.
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    expect(await page.getByRole('alert').innerText()).toBe('Chọn tỉnh, thành phố nơi nộp hồ sơ.');
    expect(await page.locator('#vc-province option').allInnerTexts()).toEqual(['Tất cả các tỉnh', 'Tỉnh Khác', 'Tỉnh Thử']);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/mc-province-choice.png`, fullPage: true });
    await page.locator('#vc-province').selectOption({ label: 'Tỉnh Khác' });
    await page.locator('#vc-commune').selectOption({ label: 'Phường Khác Hai' });
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '1. Tờ khai' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cong-dan/nop/${theirsId}`);
    expect(await page.locator('#unit').inputValue()).toBe(otherCommune.id);
    // The procedure page follows the place now chosen.
    await page.goto(`${server.baseUrl}/thu-tuc/${oursId}`);
    await page.waitForURL(`**/thu-tuc/${theirsId}`);
    await page.locator('dd', { hasText: 'Tỉnh Khác' }).waitFor();
    expect(await page.getByRole('link', { name: 'Nộp trực tuyến' }).getAttribute('href')).toBe(`/cong-dan/nop/${theirsId}`);
  });
});
