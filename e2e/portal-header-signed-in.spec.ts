import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { injectAs, login } from '../server/test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree, TEST_PASSWORD } from '../server/test/factories.js';
import { registerCitizen } from '../server/test/citizens.js';
import { launchBrowser, seriousA11yViolations, SHOTS } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Issue 14, "a portal that fits the citizen": once signed in, the citizen's name (a link to their dossiers) is in the
 * header of every portal page — home, a procedure, tracking, statistics, postal, feedback, their own area — and of the
 * unit's information pages (/trang/…); a visitor sees the staff sign-in link instead; after signing out the name goes.
 * 390 × 844, no page scrolls sideways, axe finds nothing serious.
 */
const PHONE = { width: 390, height: 844 };
const CITIZEN = { identifier: 'hoa@example.vn', idNumber: '001192000777', fullName: 'Đặng Thị Hoa', birthDate: '1992-07-08' };

describe('the signed-in citizen in the header of every page (390 × 844)', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let procedureId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    const db = server.ctx.db;
    const units = await buildUnitTree(db);
    await buildStaff(db, 'quantri', [{ role: 'admin', unit: units.province }]);
    const admin = await login(server.app, 'quantri', TEST_PASSWORD);
    const created = await injectAs(server.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: units.province.id, content: buildProcedureContent() } });
    expect(created.statusCode, created.body).toBe(201);
    procedureId = created.json().id;
    const published = await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    expect(published.statusCode, published.body).toBe(200);
    const site = await injectAs(server.app, admin, { method: 'PUT', url: `/api/info-portal/sites/${units.communeA.id}`, payload: { slug: 'phuong-an-thu', title: 'Trang thông tin điện tử phường An Thử' } });
    expect(site.statusCode, site.body).toBe(200);
    const session = await registerCitizen(server.app, CITIZEN);
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: PHONE });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    // The session a sign-in gives (the sign-in page itself is tested in citizen-journey.spec.ts).
    const [name, value] = session.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.baseUrl }]);
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: `${SHOTS}/mc-header-failure.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    expect(pageErrors).toEqual([]);
  });

  async function fitsAndAccessible(name: string): Promise<void> {
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll, `${name}: ${widths.scroll}px wide on a ${widths.inner}px screen`).toBeLessThanOrEqual(widths.inner);
    expect(await seriousA11yViolations(page), name).toEqual([]);
  }

  it('shows the name, linking to the citizen\'s dossiers, on every portal page', async () => {
    const pages: [string, string][] = [
      ['home', '/'],
      ['procedure', `/thu-tuc/${procedureId}`],
      ['tracking', '/thu-tuc/tra-cuu-ho-so'],
      ['statistics', '/thu-tuc/thong-ke'],
      ['postal', '/thu-tuc/buu-chinh'],
      ['feedback', '/phan-anh'],
      ['questions', '/hoi-dap'],
      ['own-area', '/cong-dan/ho-so'],
      ['not-found', '/thu-tuc/khong-co'],
    ];
    for (const [name, url] of pages) {
      await page.goto(`${server.baseUrl}${url}`);
      // One line on a phone: the brand and the menu button (issue 14: it was 159 px of wrapped links).
      const menu = page.locator('header').getByRole('button', { name: 'Menu' });
      await menu.waitFor();
      const height = await page.locator('header.site-header').evaluate((h) => h.getBoundingClientRect().height);
      expect(height, `${name}: header ${height}px`).toBeLessThanOrEqual(72);
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      const signedIn = page.locator('header').getByTestId('citizen-signed-in');
      await signedIn.waitFor();
      expect(await signedIn.innerText(), name).toBe(`Công dân: ${CITIZEN.fullName}`);
      expect(await signedIn.getAttribute('href'), name).toBe('/cong-dan/ho-so');
      // The same menu everywhere: the staff link gives way to the citizen's name.
      expect(await page.locator('header').getByRole('link', { name: 'Cán bộ đăng nhập' }).count(), name).toBe(0);
      await fitsAndAccessible(name);
    }
    await page.screenshot({ path: `${SHOTS}/mc-header-signed-in-home.png` });
  });

  it('the menu is reached and used by keyboard alone; Escape closes it and gives the focus back', async () => {
    await page.goto(`${server.baseUrl}/`);
    const menu = page.locator('header').getByRole('button', { name: 'Menu' });
    await menu.waitFor();
    // The skip link first, then the brand, then the menu button.
    for (let i = 0; i < 3 && !(await menu.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await menu.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await page.locator('#site-menu').isVisible()).toBe(false);
    await page.keyboard.press('Enter');
    await page.locator('#site-menu').getByRole('link', { name: 'Tra cứu hồ sơ' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await fitsAndAccessible('menu-open');
    await page.screenshot({ path: `${SHOTS}/mc-header-menu-open.png` });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Nộp hồ sơ qua bưu điện');
    await page.keyboard.press('Escape');
    expect(await page.locator('#site-menu').isVisible()).toBe(false);
    expect(await menu.evaluate((b) => b === document.activeElement)).toBe(true);
    // A link followed closes the menu on the next page.
    await page.keyboard.press('Enter');
    await page.locator('#site-menu').getByRole('link', { name: 'Thống kê' }).click();
    await page.waitForURL(`${server.baseUrl}/thu-tuc/thong-ke`);
    expect(await page.locator('#site-menu').isVisible()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/mc-header-phone.png` });
  });

  it('shows it on the unit\'s information pages too', async () => {
    await page.goto(`${server.baseUrl}/trang/phuong-an-thu`);
    const signedIn = page.locator('header [data-citizen]');
    await page.waitForFunction(() => !document.querySelector<HTMLElement>('[data-citizen]')?.hidden);
    expect(await signedIn.innerText()).toBe(`Công dân: ${CITIZEN.fullName}`);
    expect(await signedIn.getAttribute('href')).toBe('/cong-dan/ho-so');
    await fitsAndAccessible('info-page');
    await page.screenshot({ path: `${SHOTS}/mc-header-signed-in-info.png` });
  });

  it('a visitor, or the citizen after signing out, sees no name', async () => {
    await page.goto(`${server.baseUrl}/cong-dan/ho-so`);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(`${server.baseUrl}/`);
    await page.locator('header').getByRole('link', { name: 'Cán bộ đăng nhập', includeHidden: true }).waitFor({ state: 'attached' });
    expect(await page.getByTestId('citizen-signed-in').count()).toBe(0);
    await page.goto(`${server.baseUrl}/thu-tuc/${procedureId}`);
    await page.locator('header').getByRole('link', { name: 'Cán bộ đăng nhập', includeHidden: true }).waitFor({ state: 'attached' });
    expect(await page.getByTestId('citizen-signed-in').count()).toBe(0);
    // The information page asks who is signed in (its live counters keep the network busy: no "idle" to wait for).
    const asked = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/citizen/me');
    await page.goto(`${server.baseUrl}/trang/phuong-an-thu`);
    expect((await asked).status()).toBe(401);
    expect(await page.locator('header [data-citizen]').isHidden()).toBe(true);
  });
});
