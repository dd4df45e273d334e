import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TEST_PASSWORD } from '../server/test/factories.js';
import { seedDesk } from '../server/test/dossier-fixtures.js';
import { actAndAwaitToast, launchBrowser, seriousA11yViolations, settled, SHOTS } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Issue 16, officers' single sign-on from the national portal (1366 × 768): the administrator links the desk officer
 * "motcua" to the national identity "dvcqg.motcua" on "Đăng nhập qua Cổng DVCQG"; the officer then signs in to the
 * console through the national portal (the simulator's Vietnamese sign-in and consent pages); the administrator
 * revokes the link ("Thu hồi", confirmed), and the same national sign-in is then refused with the reason in Vietnamese.
 */
const DESKTOP = { width: 1366, height: 768 };
const SUBJECT = 'dvcqg.motcua';

describe('staff links to the national portal', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let current: Page | null = null;
  /** The officer's console, signed in through the link in the first test and still open when the link is revoked. */
  let linkedOfficer: Page;

  beforeAll(async () => {
    server = await startServer();
    await seedDesk(server.app, server.ctx.db);
    browser = await launchBrowser();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await current?.screenshot({ path: `${SHOTS}/mc-staff-links-failure.png`, fullPage: true }).catch(() => undefined);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: DESKTOP });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    current = page;
    return page;
  }

  const noSidewaysScroll = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(DESKTOP.width);

  /** The officer, in a fresh browser, chooses the national portal on the console's sign-in page and signs in there. */
  async function officerSignsInThroughNationalPortal(): Promise<Page> {
    const page = await newPage();
    await page.goto(`${server.baseUrl}/console`);
    await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản Cổng Dịch vụ công quốc gia' }).click();
    await page.waitForURL(/\/sim\/dvcqg\/sso\//);
    // The simulator's own pages, in Vietnamese.
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.getByLabel('Tên đăng nhập hoặc số định danh cá nhân (CCCD)').fill(SUBJECT);
    await page.getByLabel('Mật khẩu').fill('mat-khau-bat-ky');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const allow = page.getByRole('button', { name: 'Đồng ý' });
    await allow.waitFor({ timeout: 10_000 }).catch(() => undefined);
    if (page.url().includes('/sim/dvcqg/sso/')) await allow.click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sim/'));
    return page;
  }

  it('the administrator links an officer, who then signs in through the national portal', async () => {
    admin = await newPage();
    await admin.goto(`${server.baseUrl}/console`);
    await admin.getByLabel('Tên đăng nhập').fill('quantri');
    await admin.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await admin.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await admin.getByRole('heading', { name: /Xin chào/ }).waitFor();
    await admin.getByRole('navigation').getByRole('link', { name: 'Đăng nhập qua Cổng DVCQG' }).click();
    await admin.getByRole('heading', { name: 'Liên kết tài khoản với Cổng Dịch vụ công quốc gia' }).waitFor();
    await admin.getByText('Chưa có cán bộ nào được liên kết.').waitFor();

    // A subject with spaces is refused in Vietnamese before anything is sent.
    await admin.getByRole('button', { name: 'Liên kết tài khoản' }).click();
    await admin.getByText('Chọn cán bộ cần liên kết').waitFor();
    await admin.getByLabel('Định danh trên Cổng DVCQG').fill('dvcqg motcua');
    await admin.getByText('Định danh không chứa khoảng trắng').waitFor();

    await admin.getByLabel('Cán bộ', { exact: true }).fill('motcua');
    await admin.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Cán bộ motcua (motcua)' }).first().click();
    await admin.getByLabel('Định danh trên Cổng DVCQG').fill(SUBJECT);
    await actAndAwaitToast(admin, `Đã liên kết Cán bộ motcua với định danh ${SUBJECT}.`, () => admin.getByRole('button', { name: 'Liên kết tài khoản' }).click());
    const row = admin.getByRole('row', { name: /Cán bộ motcua \(motcua\)/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(SUBJECT);
    expect(await row.textContent()).toContain('Bộ phận một cửa');
    expect(await row.textContent()).toContain('Cán bộ quantri');
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await noSidewaysScroll(admin);
    // Nor inside the table: the row's "Thu hồi" is on screen, no column scrolled out of the card.
    const revokeBox = await row.getByRole('button', { name: 'Thu hồi Cán bộ motcua' }).boundingBox();
    expect(revokeBox!.x + revokeBox!.width).toBeLessThanOrEqual(DESKTOP.width);
    expect(await admin.locator('.ant-table-content, .ant-table-body').evaluateAll((els) => els.map((e) => e.scrollWidth - e.clientWidth))).toEqual([0]);
    await admin.screenshot({ path: `${SHOTS}/mc-staff-links.png`, fullPage: true });

    const officer = await officerSignsInThroughNationalPortal();
    await officer.getByRole('heading', { name: 'Xin chào, Cán bộ motcua' }).waitFor();
    const me = await officer.evaluate(async () => (await fetch('/api/auth/me')).json() as Promise<{ username: string }>);
    expect(me.username).toBe('motcua');
    linkedOfficer = officer;
  });

  it('after "Thu hồi" the same national sign-in is refused, in Vietnamese', async () => {
    current = admin;
    await admin.getByRole('button', { name: 'Thu hồi Cán bộ motcua' }).click();
    await admin.getByText(`Thu hồi liên kết của Cán bộ motcua? Từ nay định danh ${SUBJECT} không đăng nhập được phần mềm một cửa.`).waitFor();
    await settled(admin);
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await actAndAwaitToast(admin, 'Đã thu hồi liên kết của Cán bộ motcua.', () => admin.locator('.ant-popconfirm').getByRole('button', { name: 'Thu hồi' }).click());
    await admin.getByText('Chưa có cán bộ nào được liên kết.').waitFor();

    // The console the officer opened through the link is signed out at once: its next page shows the sign-in form.
    current = linkedOfficer;
    expect(await linkedOfficer.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(401);
    await linkedOfficer.goto(`${server.baseUrl}/console/ho-so`);
    await linkedOfficer.getByLabel('Tên đăng nhập').waitFor();
    expect(await linkedOfficer.getByRole('heading', { name: 'Xin chào, Cán bộ motcua' }).count()).toBe(0);
    await linkedOfficer.screenshot({ path: `${SHOTS}/mc-staff-links-session-ended.png` });

    const officer = await officerSignsInThroughNationalPortal();
    await officer.waitForURL(/\/console\?loi=dvcqg/);
    await expect.poll(() => officer.getByRole('alert').textContent()).toContain('Không đăng nhập được bằng tài khoản Cổng Dịch vụ công quốc gia: tài khoản này chưa được quản trị viên gắn với cán bộ nào');
    expect(await officer.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(401);
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await noSidewaysScroll(officer);
    expect(pageErrors).toEqual([]);
  });
});
