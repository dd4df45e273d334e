import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedDesk } from '../server/test/dossier-fixtures.js';
import { parseRss } from '../server/test/xml.js';
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
  let s: Awaited<ReturnType<typeof seedDesk>>;

  beforeAll(async () => {
    server = await startServer();
    s = await seedDesk(server.app, server.ctx.db);
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

  // Submitted empty (or with a wrong date), each form says what is wrong under each field, marks it aria-invalid and
  // focuses the first; nothing is joined into one message at the top (lib/validation.ts checkForm, components/Field.tsx).
  const wrong = [
    { path: '/thanh-toan', fill: null, first: 'ma', ids: ['ma', 'secret'] },
    { path: '/danh-gia', fill: null, first: 'ma', ids: ['ma', 'secret'] },
    { path: '/phan-anh/theo-doi', fill: null, first: 'ma', ids: ['ma', 'phone'] },
    { path: '/phan-anh', fill: null, first: 'unitId', ids: ['unitId', 'subject', 'content', 'name', 'address', 'phone'] },
    { path: '/phan-anh/cong-khai', fill: { id: 'reg-to', value: '31/02/2026' }, first: 'reg-to', ids: ['reg-to'] },
    { path: '/thu-tuc/buu-chinh/yeu-cau', fill: null, first: 'pk-procedure', ids: ['pk-procedure', 'pk-desk', 'pk-name', 'pk-id', 'pk-phone', 'pk-address'] },
  ];
  for (const w of wrong) {
    it(`${w.path}: each problem under its own field, the first focused`, async () => {
      await page.goto(`${server.baseUrl}${w.path}`);
      const form = page.locator('main form').last();
      await form.waitFor();
      await settled(page);
      if (w.fill) await page.locator(`#${w.fill.id}`).fill(w.fill.value);
      await form.locator('button[type=submit]').click();
      await page.locator(`#${w.ids[0]}-problem`).waitFor();
      for (const id of w.ids) {
        expect(await page.locator(`#${id}-problem`).innerText(), id).toMatch(/^(Chưa (nhập|chọn) "[^"]+"|"[^"]+" không phải ngày hợp lệ; .+|"[^"]+": tháng \d+ năm \d{4} chỉ có \d+ ngày, không có ngày \d+)\.$/);
        expect(await page.locator(`#${id}`).getAttribute('aria-invalid'), id).toBe('true');
        expect(await page.locator(`#${id}`).getAttribute('aria-describedby'), id).toContain(`${id}-problem`);
      }
      expect(await page.locator('main .field-problem').count()).toBe(w.ids.length);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(w.first);
      expect(await page.locator('main [role=alert]').count()).toBe(0);
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

  it('with JavaScript off, the public register shows its first page (published, redacted text)', async () => {
    const sent = await server.app.inject({
      method: 'POST',
      url: '/api/feedback/public',
      payload: { unitId: s.tree.deskA.id, subject: 'Đèn chiếu sáng ngõ 7 bị hỏng', content: 'Đèn chiếu sáng trong ngõ 7 đã hỏng hơn một tuần, đi lại ban đêm rất nguy hiểm.', sender: { name: 'Lê Văn Bảy', address: '7 Lê Lợi, phường An Thử', phone: '0912345671' } },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    // Published as the workflow would leave it (the workflow itself is covered by feedback.spec.ts).
    await server.ctx.db.query(`UPDATE feedback SET status = 'published', answered_at = received_at, published_at = received_at, public_answer = 'Phường đã thay bóng đèn ngày 02/12/2026.' WHERE code = $1`, [sent.json().code]);
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(`${server.baseUrl}/phan-anh/cong-khai`);
    await noJs.getByRole('heading', { name: 'Đèn chiếu sáng ngõ 7 bị hỏng' }).waitFor();
    const text = await noJs.locator('body').innerText();
    expect(text).toContain('Phường đã thay bóng đèn ngày 02/12/2026.');
    expect(text).not.toContain('Trang tra cứu cần bật JavaScript');
    expect(text).not.toContain('Lê Văn Bảy');
    const widths = await noJs.evaluate(() => document.documentElement.scrollWidth);
    expect(widths).toBeLessThanOrEqual(390);
    await noJs.screenshot({ path: `${SHOTS}/mc-register-nojs-phone.png`, fullPage: true });
    await context.close();
  });

  it('a feed item\'s link opens that item alone, with and without JavaScript, and the register filters by unit', async () => {
    const publish = async (subject: string) => {
      const sent = await server.app.inject({ method: 'POST', url: '/api/feedback/public', payload: { unitId: s.tree.deskA.id, subject, content: `${subject}, đề nghị phường kiểm tra xử lý.`, sender: { name: 'Phạm Thị Tám', address: '8 Lê Lợi, phường An Thử', phone: '0912345678' } } });
      expect(sent.statusCode, sent.body).toBe(201);
      await server.ctx.db.query(`UPDATE feedback SET status = 'published', answered_at = received_at, published_at = received_at, public_answer = 'Phường đã xử lý.' WHERE code = $1`, [sent.json().code]);
      return sent.json().code as string;
    };
    const one = await publish('Cống thoát nước hẻm 5 bị tắc');
    await publish('Vỉa hè đường Hùng Vương bị lấn chiếm');
    const rss = parseRss((await server.app.inject({ url: '/api/feedback/public/register.rss' })).body);
    const link = new URL(rss.items.find((i) => i.title === 'Cống thoát nước hẻm 5 bị tắc')!.link!);
    expect(link.searchParams.get('ma')).toBe(one);
    await page.goto(`${server.baseUrl}${link.pathname}${link.search}`);
    await page.getByText(`Đang xem phản ánh số ${one}.`).waitFor();
    await expect.poll(() => page.locator('.result-list > li h2').allInnerTexts()).toEqual(['Cống thoát nước hẻm 5 bị tắc']);
    await page.getByRole('link', { name: 'Xem toàn bộ' }).click();
    await expect.poll(async () => (await page.locator('.result-list > li h2').allInnerTexts()).slice(0, 2)).toEqual(['Vỉa hè đường Hùng Vương bị lấn chiếm', 'Cống thoát nước hẻm 5 bị tắc']);
    // By unit: the items were received at desk A; another commune has none of them.
    await page.locator('#reg-unit').selectOption(s.tree.communeB.id);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByText('Chưa có nội dung phù hợp.').waitFor();
    expect(new URL(page.url()).searchParams.get('dv')).toBe(s.tree.communeB.id);
    await page.locator('#reg-unit').selectOption(s.tree.deskA.id);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect.poll(async () => (await page.locator('.result-list > li h2').allInnerTexts()).slice(0, 2)).toEqual(['Vỉa hè đường Hùng Vương bị lấn chiếm', 'Cống thoát nước hẻm 5 bị tắc']);
    // The same link with JavaScript off: the page rendered by the server holds that item alone.
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(`${server.baseUrl}${link.pathname}${link.search}`);
    expect(await noJs.locator('body').innerText()).toContain('Cống thoát nước hẻm 5 bị tắc');
    expect(await noJs.locator('body').innerText()).not.toContain('Vỉa hè đường Hùng Vương');
    await context.close();
  });
});
