import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { injectAs, login } from '../server/test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree, TEST_PASSWORD } from '../server/test/factories.js';
import { launchBrowser, seriousA11yViolations, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The console home page of a leader of two wards, at 1366 × 768 (issue 15): the counts are of both wards, or of the
 * ward chosen in the unit picker. Three dossiers are resolved by Phường An Thử and two by Xã Bình Thử, all received at
 * the ward's desk of An Thử (so An Thử sees all five, Bình Thử its two).
 */
const now = new Date('2026-12-02T02:00:00Z'); // Wednesday 09:00 in Vietnam

describe('home counts per unit (1366 × 768)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ clock: { now: () => now } });
    const db = server.ctx.db;
    const units = await buildUnitTree(db);
    await buildStaff(db, 'quantri', [{ role: 'admin', unit: units.province }]);
    await buildStaff(db, 'motcua', [{ role: 'desk_officer', unit: units.deskA }]);
    await buildStaff(db, 'lanhdao.hai.xa', [{ role: 'leader', unit: units.communeA }, { role: 'leader', unit: units.communeB }]);
    const admin = await login(server.app, 'quantri', TEST_PASSWORD);
    const desk = await login(server.app, 'motcua', TEST_PASSWORD);
    const created = await injectAs(server.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: units.province.id, content: buildProcedureContent({ eform: null, onlineLevel: 'none' }) } });
    expect(created.statusCode, created.body).toBe(201);
    const procedureId = (created.json() as { id: string }).id;
    const published = await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    expect(published.statusCode, published.body).toBe(200);
    const resolvers = [units.communeA, units.communeA, units.communeA, units.communeB, units.communeB];
    for (const [i, resolving] of resolvers.entries()) {
      const res = await injectAs(server.app, desk, {
        method: 'POST',
        url: '/api/dossiers',
        payload: {
          idempotencyKey: `home-units-${i}-key`, procedureId, receivingUnitId: units.deskA.id, resolvingUnitId: resolving.id,
          applicant: { kind: 'citizen', idNumber: `0870900012${String(i).padStart(2, '0')}`, fullName: `Lê Văn Thử Số ${i + 1}` }, outcome: 'accept',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
    await context.clock.install({ time: now });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInToConsole(page, server.baseUrl, 'lanhdao.hai.xa', TEST_PASSWORD);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await page.screenshot({ path: `${SHOTS}/mc-home-units-failure.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    expect(pageErrors).toEqual([]);
  });

  it('the leader of two wards chooses one; the counts are that ward\'s; back to both', async () => {
    const counts = page.getByRole('region', { name: 'Việc của tôi hôm nay' });
    await counts.getByRole('link', { name: 'Đang chờ xử lý: 5' }).waitFor();
    const picker = counts.getByLabel('Đơn vị', { exact: true });
    const choose = async (name: string) => {
      await picker.click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).click();
    };
    await choose('Xã Bình Thử');
    await counts.getByRole('link', { name: 'Đang chờ xử lý: 2' }).waitFor();
    await counts.getByRole('link', { name: 'Quá hạn: 0' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/mc-home-units.png` });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await choose('Phường An Thử');
    await counts.getByRole('link', { name: 'Đang chờ xử lý: 5' }).waitFor();
    await choose('Tất cả đơn vị của tôi');
    await counts.getByRole('link', { name: 'Đang chờ xử lý: 5' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  });
});
