import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { injectAs } from '../server/test/app.js';
import { APPLICANT, seedDesk } from '../server/test/dossier-fixtures.js';
import { registerCitizen } from '../server/test/citizens.js';
import { launchBrowser, seriousA11yViolations, SHOTS } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Single sign-on from the national public-service portal, as a citizen lives it on a 390 × 844 phone: on our portal's
 * sign-in page she chooses "Đăng nhập bằng tài khoản Cổng Dịch vụ công quốc gia", signs in there (the demo's national
 * portal simulator, a real OpenID Connect provider: its sign-in and consent pages), and comes back signed in to the
 * account whose CCCD the desk proved — the same account, with the e-mail she registered. A national identity without
 * an account here and without a known CCCD does not get in.
 */
const PHONE = { width: 390, height: 844 };

describe('signing in with the national portal account', () => {
  let server: RunningServer;
  let browser: Browser;
  let phone: Page;
  let accountId: string;
  let deskFiledCode: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    const s = await seedDesk(server.app, server.ctx.db);
    // The population database (simulated) knows An; the national portal's sign-in gives his CCCD from it.
    await server.ctx.db.query(`INSERT INTO population_sim_person (id_number, full_name, birth_date, sex, permanent_address) VALUES ($1, $2, '1990-05-01', 'male', $3)`, [APPLICANT.idNumber, APPLICANT.fullName, APPLICANT.address]);
    const citizen = await registerCitizen(server.app, { identifier: 'an@example.vn', idNumber: APPLICANT.idNumber, fullName: APPLICANT.fullName, birthDate: '1990-05-01', gender: 'male' });
    accountId = citizen.id;
    expect((await injectAs(server.app, s.desk, { method: 'POST', url: `/api/citizen-accounts/${citizen.id}/verify-id`, payload: { idNumber: APPLICANT.idNumber, unitId: s.tree.deskA.id } })).statusCode).toBe(204);
    // A dossier the desk received for An under his CCCD, before he ever signed in online.
    deskFiledCode = (await s.receive()).code;
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: PHONE });
    phone = await context.newPage();
    phone.on('pageerror', (err) => pageErrors.push(err.message));
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await phone.screenshot({ path: `${SHOTS}/mc-national-sso-failure.png`, fullPage: true }).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The national portal's (simulated) sign-in and consent pages. */
  async function signInThere(login: string): Promise<void> {
    await phone.getByRole('link', { name: 'Đăng nhập bằng tài khoản Cổng Dịch vụ công quốc gia' }).click();
    await phone.waitForURL(/\/sim\/dvcqg\/sso\//);
    // The simulator's own sign-in page, in Vietnamese.
    expect(await phone.getAttribute('html', 'lang')).toBe('vi');
    await phone.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await phone.getByText('Tên đăng nhập hoặc số định danh cá nhân (CCCD)').waitFor();
    await phone.locator('input[name="login"]').fill(login);
    await phone.locator('input[name="password"]').fill('mat-khau-bat-ky');
    await phone.locator('button[type="submit"]').click();
    const consent = phone.locator('button[type="submit"]');
    await consent.waitFor({ timeout: 10_000 }).catch(() => undefined);
    if (phone.url().includes('/sim/dvcqg/sso/')) await consent.click();
  }

  it('lands the citizen in the account of her proven CCCD', async () => {
    await phone.goto(`${server.baseUrl}/cong-dan/dang-nhap`);
    await phone.getByRole('link', { name: 'Đăng nhập bằng tài khoản Cổng Dịch vụ công quốc gia' }).waitFor();
    expect(await seriousA11yViolations(phone)).toEqual([]);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await signInThere(APPLICANT.idNumber);
    await phone.waitForURL(/\/cong-dan\/ho-so$/);
    await expect.poll(() => phone.locator('.citizen-name').textContent()).toBe(APPLICANT.fullName);
    const me = await phone.evaluate(async () => (await fetch('/api/citizen/me')).json() as Promise<{ id: string; email: string | null; idVerified: boolean }>);
    expect(me).toMatchObject({ id: accountId, email: 'an@example.vn', idVerified: true });
    // "Hồ sơ của tôi" holds the dossier the desk filed under his proven CCCD.
    await phone.getByText(deskFiledCode).first().waitFor();
    await phone.screenshot({ path: `${SHOTS}/mc-national-sso-citizen.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('sends back to the sign-in page, with the reason, someone the national portal cannot prove', async () => {
    await phone.context().clearCookies();
    await phone.goto(`${server.baseUrl}/cong-dan/dang-nhap`);
    await signInThere('khong-co-so-cccd');
    await phone.waitForURL(/\/cong-dan\/dang-nhap\?loi=dvcqg/);
    await expect.poll(() => phone.getByRole('alert').textContent()).toContain('Đăng nhập bằng tài khoản Cổng Dịch vụ công quốc gia không thành công');
  });
});
