import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadDemoData } from '../server/src/seed/load-demo.js';
import { launchBrowser, seriousA11yViolations, SHOTS } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The demo as a visitor finds it, on a 390 × 844 phone: each province and commune of the demo has its information site,
 * so the footer shows the chosen unit's address, phone and e-mail (server/seed/sites.json); the statistics of the ward
 * with the demo dossiers are not empty.
 */
describe('the demo portal at phone width', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    await loadDemoData(server.ctx);
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 390, height: 844 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the footer shows the contacts of the chosen commune, else of its province', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Tỉnh Ninh Bình' });
    const unit = page.getByTestId('unit-contacts');
    await unit.getByText('Ủy ban nhân dân tỉnh Ninh Bình').waitFor();
    expect(await unit.innerText()).toContain('Số 2 đường Lê Hồng Phong, phường Hoa Lư, tỉnh Ninh Bình');
    await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Tỉnh Đồng Tháp' });
    await page.getByLabel('Xã, phường').selectOption({ label: 'Phường An Bình' });
    await unit.getByText('Ủy ban nhân dân phường An Bình').waitFor();
    const text = await unit.innerText();
    for (const s of ['Số 1 đường Lê Lợi, phường An Bình, tỉnh Đồng Tháp', '0277 3851 210', '0277 3851 211', 'ubnd.anbinh@dongthap.gov.vn']) expect(text).toContain(s);
    expect(await unit.getByRole('link', { name: '0277 3851 210' }).getAttribute('href')).toBe('tel:02773851210');
    expect(await unit.getByRole('link', { name: 'ubnd.anbinh@dongthap.gov.vn' }).getAttribute('href')).toBe('mailto:ubnd.anbinh@dongthap.gov.vn');
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/mc-demo-footer.png`, fullPage: true });

    // The ward's figures come from its demo dossiers.
    await page.goto(`${server.baseUrl}/thu-tuc/thong-ke`);
    await page.getByTestId('figures').getByRole('heading', { name: 'Phường An Bình' }).waitFor();
    expect(Number(await page.getByTestId('figure-received').innerText())).toBeGreaterThan(0);
  });
});
