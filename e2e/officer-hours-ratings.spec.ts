import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { injectAs } from '../server/test/app.js';
import { APPLICANT, seedDesk } from '../server/test/dossier-fixtures.js';
import { TEST_PASSWORD } from '../server/test/factories.js';
import { actAndAwaitToast, launchBrowser, seriousA11yViolations, settled, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Issue 15 at 1366 × 768: the province administrator sets the province's working hours from a date on the working
 * calendar page (validated; the hours in force and the default shown), and a desk officer reads "Đánh giá về tôi" —
 * the ratings about them, with the dossier code, the day, the scores, the comment and the averages — and nobody else's.
 */
const now = new Date('2026-11-25T02:00:00Z'); // Wednesday 25/11/2026 09:00 in Vietnam

describe('working hours and ratings about me', () => {
  let server: RunningServer;
  let browser: Browser;
  let s: Awaited<ReturnType<typeof seedDesk>>;
  let mineCode: string, otherCode: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let current: Page | null = null;

  beforeAll(async () => {
    server = await startServer({ clock: { now: () => now } });
    s = await seedDesk(server.app, server.ctx.db);
    const rate = async (code: string, n: number, officerScore: number, comment?: string) => {
      const scores = Object.fromEntries(['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8', 'i9'].map((k) => [k, n]));
      const res = await server.app.inject({ method: 'POST', url: '/api/satisfaction/public/ratings', payload: { code, secret: APPLICANT.phone, scores, officerScore, ...(comment ? { comment } : {}) } });
      expect(res.statusCode, res.body).toBe(201);
    };
    const mine = await s.receive();
    await s.finish(mine.id);
    await rate(mine.code, 2, 2, 'Chị Mai hướng dẫn rất tận tình');
    mineCode = mine.code;
    // A dossier of the other commune, received and returned by its own desk officer: not about "motcua".
    const other = await injectAs(server.app, s.otherDesk, {
      method: 'POST',
      url: '/api/dossiers',
      payload: { idempotencyKey: 'e2e-other', procedureId: s.procedureId, receivingUnitId: s.tree.communeB.id, resolvingUnitId: s.tree.communeB.id, applicant: APPLICANT, documents: [], eform: { hoTen: 'Bé' }, outcome: 'refuse', reason: 'Không thuộc thẩm quyền' },
    });
    expect(other.statusCode, other.body).toBe(201);
    otherCode = 'KHONG-CO';
    browser = await launchBrowser();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
    await context.clock.install({ time: now });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    current = page;
    return page;
  }

  const signIn = (page: Page, username: string) => signInToConsole(page, server.baseUrl, username, TEST_PASSWORD);

  const noSidewaysScroll = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && current) await current.screenshot({ path: `${SHOTS}/mc-hours-ratings-failure.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('the province administrator sets the working hours from a date; a wrong time is refused on the form', async () => {
    const page = await newPage();
    await signIn(page, 'quantri');
    await page.getByRole('menuitem', { name: 'Lịch làm việc' }).click();
    // The administrator sees every province in the unit list; they pick their own.
    await page.locator('.inline-field', { hasText: 'Đơn vị' }).locator('.ant-select').click();
    await page.locator('.ant-select-item-option', { hasText: 'Tỉnh Thử' }).first().click();
    const card = page.locator('.ant-card', { has: page.getByRole('heading', { name: 'Giờ làm việc Tỉnh Thử' }) });
    await card.getByText('Tỉnh chưa đặt giờ làm việc riêng.').waitFor();
    expect(await card.getByTestId('hours-in-force').innerText()).toBe('07:30–11:30, 13:30–17:30');
    await card.getByLabel('Áp dụng từ ngày').fill('2026-12-01');
    await card.getByLabel('Sáng từ').fill('07:00');
    await card.getByLabel('Sáng đến').fill('06:30');
    await card.getByRole('button', { name: 'Lưu giờ làm việc' }).click();
    await card.getByText('Giờ kết thúc phải sau giờ bắt đầu').waitFor();
    await card.getByLabel('Sáng đến').fill('11:00');
    await card.getByLabel('Chiều từ').fill('13:30');
    await card.getByLabel('Chiều đến').fill('17:00');
    await card.getByRole('button', { name: 'Lưu giờ làm việc' }).click();
    await page.screenshot({ path: `${SHOTS}/mc-working-hours-saving.png`, fullPage: true });
    await page.getByText('Đã lưu giờ làm việc.').waitFor();
    const row = card.locator('.ant-table-row').first();
    await row.getByText('01/12/2026').waitFor();
    expect(await row.innerText()).toContain('07:00–11:00');
    expect(await row.innerText()).toContain('13:30–17:00');
    // Today is still on the old hours: the new ones start on 01/12.
    expect(await card.getByTestId('hours-in-force').innerText()).toBe('07:30–11:30, 13:30–17:30');
    // The server holds the same, and computes with it (07:15 on 02/12, one working day → 07:15 on 03/12).
    const due = await injectAs(server.app, s.desk, { method: 'POST', url: '/api/calendar/due', payload: { receivedAt: '2026-12-02T07:15:00+07:00', amount: 1, unit: 'working_day', unitId: s.tree.deskA.id } });
    expect((due.json() as { dueAtText: string }).dueAtText).toBe('07:15 ngày 03/12/2026');
    await settled(page);
    await noSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/mc-working-hours.png`, fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Hours set by mistake (a wrong date) go again while nothing uses them.
    await card.getByLabel('Áp dụng từ ngày').fill('2026-12-20');
    await card.getByRole('button', { name: 'Lưu giờ làm việc' }).click();
    await card.locator('.ant-table-row', { hasText: '20/12/2026' }).waitFor();
    await noSidewaysScroll(page);
    await card.getByRole('button', { name: 'Xóa giờ làm việc từ 20/12/2026' }).click();
    await page.getByText('Chỉ xóa được giờ chưa áp dụng').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await actAndAwaitToast(page, 'Đã xóa giờ làm việc.', () => page.locator('.ant-popconfirm .ant-btn-primary').click());
    await card.locator('.ant-table-row', { hasText: '20/12/2026' }).waitFor({ state: 'detached' });
    expect(await card.locator('.ant-table-row').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('a desk officer reads the ratings about them, with their averages, and nobody else’s', async () => {
    const page = await newPage();
    await signIn(page, 'motcua');
    await page.getByRole('menuitem', { name: 'Đánh giá hài lòng' }).click();
    await page.getByRole('tab', { name: 'Đánh giá về tôi' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Đánh giá về tôi' });
    const row = panel.locator('.ant-table-row', { hasText: mineCode });
    await row.waitFor();
    const text = await row.innerText();
    for (const part of ['25/11/2026', 'Đăng ký kết hôn', 'Rất hài lòng', '18/18', 'Chị Mai hướng dẫn rất tận tình']) expect(text).toContain(part);
    expect(await panel.locator('.ant-table-row').count()).toBe(1);
    expect(await page.getByText(otherCode).count()).toBe(0);
    const stats = (await panel.locator('.ant-statistic').allInnerTexts()).map((x) => x.replace(/\s+/g, ' '));
    expect(stats).toEqual(['Lượt đánh giá về tôi 1', 'Mức hài lòng với tôi (trung bình, tối đa 2) 2,0', 'Tổng điểm 9 chỉ số (trung bình, tối đa 18) 18,0']);
    await settled(page);
    await noSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/mc-ratings-about-me.png`, fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The other commune's desk officer has no rating about them.
    const other = await newPage();
    await signIn(other, 'motcua.khac');
    await other.goto(`${server.baseUrl}/console/danh-gia?tab=ve-toi`);
    await other.getByText('Chưa có đánh giá nào về bạn trong kỳ.').waitFor();
    expect(await other.getByText(mineCode).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
