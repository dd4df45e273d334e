import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { injectAs, type Session } from '../server/test/app.js';
import { seedDesk } from '../server/test/dossier-fixtures.js';
import { buildProcedureContent } from '../server/test/factories.js';
import { changeContact, registerCitizen } from '../server/test/citizens.js';
import { dispatchDueNotifications } from '../server/src/modules/notifications/notification.jobs.js';
import { createLogSmsSender } from '../server/src/modules/notifications/sms.sender.js';
import { createZnsSender, parseTemplateIds } from '../server/src/modules/notifications/zalo.sender.js';
import { postZaloSimReceipts } from '../server/src/modules/notifications/zalo.simulator.js';
import { jsonLineLog } from '../server/src/platform/log.js';
import { launchBrowser, seriousA11yViolations, SHOTS } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The citizen chooses how they hear of their dossiers, on a 390 × 844 phone: the notices page shows the portal notice
 * as always on, e-mail and SMS as before; they choose Zalo only; the desk accepts their online dossier; the dispatcher
 * sends the ZNS message to the simulator over HTTP and the simulator's signed "user received" event comes back; the
 * page then shows the change in Vietnamese — agency, officer, time — with the Zalo message received.
 */
const PHONE = { width: 390, height: 844 };

describe('notice channels on the portal', () => {
  let server: RunningServer;
  let browser: Browser;
  let s: Awaited<ReturnType<typeof seedDesk>>;
  let citizen: Session & { id: string };
  let procedureId: string;
  let phone: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    s = await seedDesk(server.app, server.ctx.db);
    const created = await injectAs(server.app, s.admin, {
      method: 'POST',
      url: '/api/procedures',
      payload: { ownerUnitId: s.tree.province.id, content: buildProcedureContent({ code: '1.000656', name: 'Đăng ký thường trú', onlineLevel: 'partial', eform: null, documents: [{ name: 'Căn cước', kind: 'present', count: 1, required: true }] }) },
    });
    procedureId = created.json().id;
    await injectAs(server.app, s.admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '3/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    citizen = await registerCitizen(server.app, { identifier: 'an.thongbao@example.vn', idNumber: '087090001234', fullName: 'Nguyễn Văn An', birthDate: '1990-05-01', gender: 'male' });
    await changeContact(server.app, citizen, 'phone', '0987654321');
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: PHONE });
    await context.addCookies([{ name: 'mc_citizen', value: citizen.cookie.replace(/^mc_citizen=/, ''), url: server.baseUrl }]);
    phone = await context.newPage();
    phone.on('pageerror', (err) => pageErrors.push(err.message));
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await phone.screenshot({ path: `${SHOTS}/mc-notices-failure.png`, fullPage: true }).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function fits(name: string): Promise<void> {
    const w = await phone.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(w.scroll, `${name}: ${w.scroll}px on ${w.inner}px`).toBeLessThanOrEqual(w.inner);
    expect(await seriousA11yViolations(phone), name).toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/mc-notices-${name}.png`, fullPage: true });
  }

  it('the citizen chooses Zalo only; the accepted dossier shows on the page with the Zalo message received', async () => {
    await phone.goto(`${server.baseUrl}/cong-dan/thong-bao`);
    await phone.getByRole('heading', { name: 'Thông báo về hồ sơ' }).waitFor();
    await phone.getByText('Chưa có thông báo nào.').waitFor();
    const portal = phone.getByRole('checkbox', { name: 'Cổng dịch vụ công (luôn bật)' });
    expect(await portal.isChecked()).toBe(true);
    expect(await portal.isDisabled()).toBe(true);
    const email = phone.getByRole('checkbox', { name: /^E-mail/ });
    const sms = phone.getByRole('checkbox', { name: /^Tin nhắn SMS/ });
    const zalo = phone.getByRole('checkbox', { name: /^Zalo/ });
    expect([await email.isChecked(), await sms.isChecked(), await zalo.isChecked()]).toEqual([true, true, false]);
    await phone.getByText('(an.thongbao@example.vn)').waitFor();
    await phone.getByText('Nếu tin Zalo không gửi được, hệ thống gửi SMS thay thế.').waitFor();
    await fits('settings');

    await email.uncheck();
    await sms.uncheck();
    await zalo.check();
    await phone.getByRole('button', { name: 'Lưu lựa chọn' }).click();
    await phone.getByText('Đã lưu lựa chọn kênh nhận thông báo.').waitFor();

    // The dossier: submitted online, accepted at the desk; the outbox sends by Zalo; Zalo reports it received.
    const submitted = await injectAs(server.app, citizen, { method: 'POST', url: '/api/citizen/dossiers', payload: { idempotencyKey: 'e2e-thong-bao-1', procedureId, resolvingUnitId: s.tree.communeA.id, eform: {}, documents: [] } });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const accepted = await injectAs(server.app, s.desk, { method: 'POST', url: `/api/dossiers/${submitted.json().id}/actions`, payload: { action: 'accept' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const code = accepted.json().code as string;
    const log = jsonLineLog(() => undefined);
    const senders = {
      email: null,
      sms: createLogSmsSender({ log, clock: server.ctx.clock }),
      zalo: createZnsSender({ baseUrl: `${server.baseUrl}/sim/zalo`, accessToken: server.ctx.config.zaloAccessToken, templateIds: parseTemplateIds(server.ctx.config.zaloTemplateIds) }),
      log,
    };
    expect(await dispatchDueNotifications(server.ctx, senders)).toMatchObject({ sent: 1 });
    expect(senders.sms.sent).toEqual([]);
    const posted = await postZaloSimReceipts(server.ctx, async (body, headers) => (await fetch(`${server.baseUrl}/api/notifications/zalo/events`, { method: 'POST', body, headers })).status);
    expect(posted).toBe(1);

    await phone.reload();
    await phone.getByText('2 thông báo mới').waitFor();
    const item = phone.locator('.notice-item').filter({ hasText: 'Đã tiếp nhận tại' });
    await item.waitFor();
    const text = await item.innerText();
    expect(text).toContain(`Hồ sơ ${code}`);
    expect(text).toMatch(/Đã tiếp nhận tại .+ — cán bộ một cửa .+, \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    expect(text).toContain('Zalo: đã nhận');
    expect(text).toContain('Mới');
    await phone.locator('.notice-item').filter({ hasText: 'Đã nộp hồ sơ trực tuyến' }).waitFor();
    expect([await email.isChecked(), await sms.isChecked(), await zalo.isChecked()]).toEqual([false, false, true]);
    await fits('notices');

    await phone.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
    await phone.getByText('2 thông báo mới').waitFor({ state: 'detached' });
    expect(await phone.getByText('Mới', { exact: true }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('B: the page says where each dossier’s SMS go — the number given with it, not the profile’s; a desk dossier by what was given there', async () => {
    // His CCCD proven, a dossier received at the desk under it (phone 0912 345 678) is his too; his profile's phone changes.
    await server.ctx.db.query(`UPDATE citizen_account SET id_verified_at = $2, id_verified_via = 'oidc' WHERE id = $1`, [citizen.id, new Date()]);
    const atDesk = await s.receive();
    await changeContact(server.app, citizen, 'phone', '0977333444');
    await phone.goto(`${server.baseUrl}/cong-dan/thong-bao`);
    const list = phone.getByTestId('dossier-recipients');
    await list.waitFor();
    const sms = phone.getByRole('checkbox', { name: /^Tin nhắn SMS/ });
    expect(await sms.isDisabled()).toBe(false);
    expect(await phone.locator('label', { has: sms }).innerText()).toContain('đến số điện thoại đã khai trong từng hồ sơ');
    const online = list.locator('li').filter({ hasNotText: atDesk.code });
    const desk = list.locator('li').filter({ hasText: atDesk.code });
    // Zalo only chosen: the online dossier's Zalo goes to the number it was filed with; the desk's dossier keeps e-mail/SMS as given.
    expect(await online.innerText()).toMatch(/không gửi SMS; Zalo đến 0987654321/);
    expect(await desk.innerText()).toMatch(/SMS đến 0912345678/);
    expect(await desk.innerText()).toContain('Nộp tại bộ phận một cửa');
    expect(await list.innerText()).not.toContain('0977333444');

    // SMS chosen again: the online dossier's SMS go to 0987654321 (given with it), still not to the profile's new number.
    await sms.check();
    await phone.getByRole('button', { name: 'Lưu lựa chọn' }).click();
    await phone.getByText('Đã lưu lựa chọn kênh nhận thông báo.').waitFor();
    await expect.poll(() => online.innerText()).toMatch(/SMS đến 0987654321/);
    expect(await list.innerText()).not.toContain('0977333444');
    await fits('recipients');
    expect(pageErrors).toEqual([]);
  });
});
