import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { injectAs, login } from '../server/test/app.js';
import { APPLICANT, seedDesk } from '../server/test/dossier-fixtures.js';
import { buildStaff, TEST_PASSWORD } from '../server/test/factories.js';
import { launchBrowser, seriousA11yViolations, SHOTS } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The population-data look-up log in the console (1366 × 768): the desk officer records An's consent and fills his
 * data from the population database; the commune's inspector opens "Nhật ký tra cứu dân cư" and reads who looked up
 * which CCCD, when, why, on which consent — in Vietnamese; another commune's desk sees nothing of it.
 */
describe('the population look-up log', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    const s = await seedDesk(server.app, server.ctx.db);
    await buildStaff(server.ctx.db, 'thanhtra', [{ role: 'inspector', unit: s.tree.communeA }]);
    await server.ctx.db.query(`INSERT INTO population_sim_person (id_number, full_name, birth_date, sex, permanent_address) VALUES ($1, $2, '1990-05-01', 'male', $3)`, [APPLICANT.idNumber, APPLICANT.fullName, APPLICANT.address]);
    const desk = await login(server.app, 'motcua', TEST_PASSWORD);
    expect((await injectAs(server.app, desk, { method: 'POST', url: '/api/population/consents', payload: { idNumber: APPLICANT.idNumber, unitId: s.tree.deskA.id, purpose: 'Tiếp nhận hồ sơ đăng ký kết hôn' } })).statusCode).toBe(201);
    expect((await injectAs(server.app, desk, { method: 'POST', url: '/api/population/lookups', payload: { idNumber: APPLICANT.idNumber, unitId: s.tree.deskA.id } })).statusCode).toBe(200);
    browser = await launchBrowser();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page?.screenshot({ path: `${SHOTS}/mc-population-log-failure.png`, fullPage: true }).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(username: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
    const p = await context.newPage();
    await p.goto(`${server.baseUrl}/console`);
    await p.getByLabel('Tên đăng nhập').fill(username);
    await p.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await p.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await p.getByRole('heading', { name: /Xin chào/ }).waitFor();
    return p;
  }

  it("shows the inspector who looked up An's CCCD, why, and on which consent", async () => {
    page = await signIn('thanhtra');
    await page.getByRole('menuitem', { name: 'Nhật ký tra cứu dân cư' }).click();
    await page.getByRole('heading', { name: 'Nhật ký tra cứu CSDL quốc gia về dân cư' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(APPLICANT.idNumber) });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Cán bộ motcua');
    expect(text).toContain('Tiếp nhận hồ sơ đăng ký kết hôn');
    expect(text).toContain('Đồng ý tại bộ phận một cửa');
    expect(text).toContain('Có dữ liệu');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/mc-population-log.png`, fullPage: true });
  });

  it("another commune's desk officer sees none of it", async () => {
    page = await signIn('motcua.khac');
    await page.goto(`${server.baseUrl}/console/tra-cuu-dan-cu`);
    await page.getByRole('heading', { name: 'Nhật ký tra cứu CSDL quốc gia về dân cư' }).waitFor();
    await page.getByText('Chưa có lần tra cứu nào.').waitFor();
    expect(await page.getByText(APPLICANT.idNumber).count()).toBe(0);
  });
});
