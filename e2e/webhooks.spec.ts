import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildStaff, TEST_PASSWORD } from '../server/test/factories.js';
import { seedDesk } from '../server/test/dossier-fixtures.js';
import { dispatchWebhooks } from '../server/src/modules/webhooks/use-cases/dispatch-webhooks.js';
import { SIGNATURE_HEADER, verifySignature } from '../server/src/modules/webhooks/webhook.rules.js';
import { sealKeyOf } from '../server/src/modules/webhooks/webhook.seal.js';
import { httpSender } from '../server/src/modules/webhooks/webhook.sender.js';
import { launchBrowser, seriousA11yViolations, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Journey of a commune's administrator (1366×768): creates a webhook subscription in the console and copies the
 * secret shown once; a dossier received at the desk reaches the subscriber's endpoint signed with that secret; the
 * delivery log shows it sent; "Gửi lại" queues it again and the subscriber receives the same body a second time.
 */
const now = new Date('2026-12-07T02:00:00Z'); // Monday 07/12/2026 09:00 in Vietnam

describe('webhooks: create a subscription, see a delivery, press "Gửi lại"', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let seed: Awaited<ReturnType<typeof seedDesk>>;
  const got: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end('ok');
    });
  });
  let hookUrl: string;

  beforeAll(async () => {
    server = await startServer({ clock: { now: () => now }, env: { WEBHOOK_PRIVATE_TARGETS: 'true' } });
    seed = await seedDesk(server.app, server.ctx.db);
    await buildStaff(server.ctx.db, 'quantri.xa', [{ role: 'admin', unit: seed.tree.communeA }]);
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/motcua`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => receiver.close(() => r()));
    await server?.close();
  });

  const dispatch = () => dispatchWebhooks({ db: server.ctx.db, clock: server.ctx.clock, send: httpSender('demo'), sealKey: sealKeyOf(server.ctx.config.webhookSecretKey) });

  async function signIn(username: string): Promise<Page> {
    context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
    await context.clock.install({ time: now });
    const page = await context.newPage();
    await signInToConsole(page, server.baseUrl, username, TEST_PASSWORD);
    return page;
  }

  it('the administrator subscribes, the dossier event arrives signed, and "Gửi lại" sends it once more', async () => {
    const page = await signIn('quantri.xa');
    await page.getByRole('menuitem', { name: 'Webhook liên thông' }).click();
    await page.getByRole('heading', { name: 'Webhook gửi sự kiện hồ sơ cho hệ thống khác' }).waitFor();
    await page.getByText('Chưa có đăng ký').waitFor();

    await page.getByRole('button', { name: 'Tạo đăng ký' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tạo đăng ký webhook' });
    await dialog.getByLabel('Tên hệ thống nhận').fill('Hệ thống quản lý văn bản của phường');
    await dialog.getByLabel('Địa chỉ nhận (URL)').fill(hookUrl);
    expect(await dialog.getByRole('checkbox', { name: 'Tiếp nhận hồ sơ' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Tạo đăng ký' }).click();

    const secretDialog = page.getByRole('dialog', { name: 'Khóa ký của đăng ký' });
    await secretDialog.getByText(/chỉ hiện một lần/).waitFor();
    const secret = (await secretDialog.getByTestId('webhook-secret').innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    await secretDialog.getByRole('button', { name: 'Đóng', exact: true }).last().click();
    const row = page.getByRole('row', { name: /Hệ thống quản lý văn bản của phường/ });
    await row.getByText('Đang bật').waitFor();
    // The actions stay in view on the officer's 1366 px screen, and nothing scrolls sideways.
    const off = await row.getByRole('button', { name: 'Tắt', exact: true }).boundingBox();
    expect(off && off.x + off.width).toBeLessThanOrEqual(1366);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // The desk receives a dossier of the commune; the dispatcher (the job's work, run now) posts it.
    const dossier = await seed.receive();
    expect(await dispatch()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(got).toHaveLength(1);
    const ts = Number(got[0]!.headers['x-motcua-timestamp']);
    expect(verifySignature(secret, got[0]!.headers[SIGNATURE_HEADER] as string, got[0]!.body, ts)).toBe(true);
    expect(JSON.parse(got[0]!.body)).toMatchObject({ event: 'accept', dossier: { code: dossier.code } });

    await page.reload();
    await page.getByRole('button', { name: 'Nhật ký gửi Hệ thống quản lý văn bản của phường' }).click();
    const delivery = page.getByRole('row', { name: new RegExp(dossier.code) });
    await delivery.getByText('Tiếp nhận hồ sơ').waitFor();
    await delivery.getByText('Đã gửi').waitFor();
    await delivery.getByText('HTTP 200').waitFor();
    // "Gửi lại từ" reads as the rest of the console does: dd/MM/yyyy HH:mm, today 00:00 in Vietnam.
    expect(await page.locator('#wh-from').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4} 00:00$/);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await delivery.getByRole('button', { name: 'Gửi lại' }).click();
    await page.getByText('Đã xếp lại vào hàng đợi gửi').waitFor();
    await page.getByRole('row', { name: /\(gửi lại\).*Đang chờ gửi/ }).waitFor();
    expect(await dispatch()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(got).toHaveLength(2);
    expect(got[1]!.body).toBe(got[0]!.body);

    await page.reload();
    await page.getByRole('button', { name: 'Nhật ký gửi Hệ thống quản lý văn bản của phường' }).click();
    await page.getByRole('row', { name: /\(gửi lại\).*Đã gửi/ }).waitFor();
    await page.getByText('Đã gửi 2 · chờ 0 · lỗi 0').waitFor();
    await page.screenshot({ path: `${SHOTS}/webhooks-1366.png`, fullPage: true });
  });
});
