import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedDesk } from '../server/test/dossier-fixtures.js';
import { launchBrowser, settled, SHOTS } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Every portal form with check boxes or radios, on a phone (390×844): nothing scrolls sideways, and a check box keeps
 * its own size beside its label (a form rule sizing text inputs at 100 % once made it a huge empty box).
 */
describe('portal forms on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    await seedDesk(server.app, server.ctx.db);
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 390, height: 844 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const pages = [
    { path: '/phan-anh', heading: 'Gửi phản ánh, kiến nghị', shot: 'send' },
    { path: '/phan-anh?ho-so=000.00.01.H56-261125-0001', heading: 'Phản ánh về hồ sơ 000.00.01.H56-261125-0001', shot: 'dossier' },
    { path: '/phan-anh?loai=hoi-dap', heading: 'Đặt câu hỏi về thủ tục hành chính', shot: 'question' },
    { path: '/thu-tuc/buu-chinh/yeu-cau', heading: null, shot: 'postal' },
  ];

  for (const p of pages) {
    it(`${p.path}: no sideways scroll, check boxes at their own size`, async () => {
      await page.goto(`${server.baseUrl}${p.path}`);
      if (p.heading) await page.getByRole('heading', { name: p.heading }).waitFor();
      else await page.locator('form').first().waitFor();
      await settled(page);
      const m = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        boxes: [...document.querySelectorAll<HTMLInputElement>('input[type=checkbox], input[type=radio]')].map((b) => {
          const r = b.getBoundingClientRect();
          const label = b.closest('label')?.getBoundingClientRect();
          return { width: r.width, height: r.height, labelRight: label ? label.right : 0 };
        }),
      }));
      expect(m.scrollWidth).toBeLessThanOrEqual(390);
      for (const b of m.boxes) {
        expect(b.width).toBeLessThanOrEqual(32);
        expect(b.height).toBeLessThanOrEqual(32);
        expect(b.labelRight).toBeLessThanOrEqual(390);
      }
      await page.screenshot({ path: `${SHOTS}/mc-form-phone-${p.shot}.png`, fullPage: true });
    });
  }

  it('the feedback form links to tracking and to the public register', async () => {
    await page.goto(`${server.baseUrl}/phan-anh`);
    const nav = page.getByRole('navigation', { name: 'Phản ánh, kiến nghị' });
    expect(await nav.getByRole('link', { name: 'Theo dõi phản ánh' }).getAttribute('href')).toBe('/phan-anh/theo-doi');
    expect(await nav.getByRole('link', { name: 'Phản ánh đã trả lời' }).getAttribute('href')).toBe('/phan-anh/cong-khai');
    await nav.getByRole('link', { name: 'Phản ánh đã trả lời' }).click();
    await page.getByRole('heading', { name: 'Phản ánh, kiến nghị đã trả lời' }).waitFor();
  });
});
