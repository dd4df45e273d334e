import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { captureOtps, type OtpInbox } from '../server/test/app.js';
import { launchBrowser, seriousA11yViolations, SHOTS } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * "Quên mật khẩu" on a phone (390×844): strangers' wrong guesses hold a citizen's account; its owner gets back in at
 * once with a one-time code sent to their phone, sets a new password and lands in their dossiers.
 */
const PHONE = '0912 777 888';
const PASSWORD = 'Mat-khau-ban-dau-1';

describe('password recovery by one-time code', () => {
  let server: RunningServer;
  let browser: Browser;
  let otp: OtpInbox;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    otp = captureOtps(server.ctx);
    const app = server.app;
    const asked = await app.inject({ method: 'POST', url: '/api/citizen/auth/register', payload: { identifier: PHONE, password: PASSWORD, fullName: 'Trần Thị Mai', idNumber: '001195000321', birthDate: '1995-02-03', gender: 'female' } });
    expect(asked.statusCode, asked.body).toBe(202);
    const made = await app.inject({ method: 'POST', url: '/api/citizen/auth/register/confirm', payload: { identifier: PHONE, code: otp.lastCode(PHONE) } });
    expect(made.statusCode, made.body).toBe(201);
    // A stranger tries passwords until the account is held.
    for (let i = 0; i < 5; i++) await app.inject({ method: 'POST', url: '/api/citizen/auth/login', payload: { identifier: PHONE, password: `doan-${i}` }, remoteAddress: '198.51.100.5' });
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 390, height: 844 } });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await page.screenshot({ path: `${SHOTS}/mc-recovery-failure.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const a11y = async () => expect(await seriousA11yViolations(page)).toEqual([]);

  it('the held account’s owner recovers it with the code sent to their phone and is signed in', async () => {
    await page.goto(`${server.baseUrl}/cong-dan/dang-nhap`);
    await page.getByLabel('E-mail hoặc số điện thoại di động').fill(PHONE);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'đăng nhập sai nhiều lần' }).waitFor();
    expect(await alert.textContent()).toContain('Quên mật khẩu?');

    await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
    await page.getByRole('heading', { name: 'Lấy lại mật khẩu', level: 1 }).waitFor();
    await a11y();
    await page.getByLabel('E-mail hoặc số điện thoại di động').fill(PHONE);
    await page.getByRole('button', { name: 'Gửi mã xác thực' }).click();
    await page.getByRole('status').filter({ hasText: 'mã xác thực đã được gửi' }).waitFor();
    expect(otp.sent.at(-1)).toMatchObject({ recipient: '+84912777888', purpose: 'citizen_recovery', channel: 'sms' });
    await a11y();

    // A wrong code first: refused in Vietnamese, nothing changes.
    const code = otp.lastCode(PHONE);
    await page.getByLabel('Mã xác thực (6 chữ số)').fill(code === '000000' ? '111111' : '000000');
    await page.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)').fill('Mat-khau-moi-2026');
    await page.getByRole('button', { name: 'Đặt mật khẩu mới và đăng nhập' }).click();
    await page.getByRole('alert').filter({ hasText: 'Mã xác thực không đúng hoặc đã hết hạn' }).waitFor();

    await page.getByLabel('Mã xác thực (6 chữ số)').fill(code);
    await page.getByRole('button', { name: 'Đặt mật khẩu mới và đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Hồ sơ của tôi', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/mc-recovery-done.png` });

    // The new password works from now on; the old one does not.
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    const signIn = (password: string) => server.app.inject({ method: 'POST', url: '/api/citizen/auth/login', payload: { identifier: PHONE, password } });
    expect((await signIn(PASSWORD)).statusCode).toBe(401);
    expect((await signIn('Mat-khau-moi-2026')).statusCode).toBe(200);
    expect(pageErrors).toEqual([]);
  });
});
