import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { injectAs, login } from '../server/test/app.js';
import { buildProcedureContent, buildStaff, buildUnit, TEST_PASSWORD } from '../server/test/factories.js';
import { launchBrowser, seriousA11yViolations, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The information portal of a commune (NĐ 224/2026 Điều 9–13): an editor writes an article with an image and a
 * live-figure block, a reviewer publishes it, a reader on a phone finds it by an accent-free search, rates it and
 * comments; the moderator approves the comment; the counters move.
 */
const now = new Date('2026-12-01T02:00:00Z'); // Tuesday 01/12/2026 09:00 in Vietnam

describe('information portal journey', () => {
  let server: RunningServer;
  let browser: Browser;
  let deskId = '';
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let current: Page | null = null;

  async function open(viewport: { width: number; height: number }, javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport, javaScriptEnabled });
    await context.clock.install({ time: now });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    current = page;
    return page;
  }
  const signIn = (page: Page, username: string) => signInToConsole(page, server.baseUrl, username, TEST_PASSWORD);

  beforeAll(async () => {
    server = await startServer({ clock: { now: () => now } });
    const db = server.ctx.db;
    const province = await buildUnit(db, { kind: 'province', name: 'Tỉnh Đồng Thử' });
    const commune = await buildUnit(db, { kind: 'commune', parent: province, name: 'Phường Phú Hài' });
    const desk = await buildUnit(db, { kind: 'desk', parent: commune, name: 'Bộ phận một cửa phường Phú Hài' });
    deskId = desk.id;
    await buildStaff(db, 'quantri', [{ role: 'admin', unit: province }]);
    await buildStaff(db, 'motcua', [{ role: 'desk_officer', unit: desk }]);
    await buildStaff(db, 'bientap', [{ role: 'specialist', unit: commune }]);
    await buildStaff(db, 'duyettin', [{ role: 'leader', unit: commune }]);
    const admin = await login(server.app, 'quantri', TEST_PASSWORD);
    const site = await injectAs(server.app, admin, {
      method: 'PUT',
      url: `/api/info-portal/sites/${commune.id}`,
      payload: { slug: 'phuong-phu-hai', title: 'Trang thông tin điện tử phường Phú Hài', address: 'Số 1 Lê Duẩn, phường Phú Hài', phone: '0252 3822 000', feedbackPhone: '0252 3822 999' },
    });
    expect(site.statusCode, site.body).toBe(200);
    await injectAs(server.app, admin, { method: 'POST', url: `/api/info-portal/sites/${commune.id}/members`, payload: { username: 'bientap', role: 'editor' } });
    await injectAs(server.app, admin, { method: 'POST', url: `/api/info-portal/sites/${commune.id}/members`, payload: { username: 'duyettin', role: 'reviewer' } });
    const created = await injectAs(server.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: province.id, content: buildProcedureContent() } });
    const procedureId = (created.json() as { id: string }).id;
    await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    const officer = await login(server.app, 'motcua', TEST_PASSWORD);
    for (let i = 0; i < 4; i++) {
      const res = await injectAs(server.app, officer, {
        method: 'POST',
        url: '/api/dossiers',
        payload: { idempotencyKey: `e2e-portal-${i}`, procedureId, receivingUnitId: desk.id, resolvingUnitId: commune.id, applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Nguyễn Văn An' }, eform: { hoTen: 'Bé' }, outcome: 'accept' },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    // One of the four arrived online (as the portal module writes it): the block must say 25,00 % without anyone typing it.
    await db.query(`UPDATE dossier SET channel = 'online' WHERE idempotency_key LIKE '%:e2e-portal-0'`);
    browser = await launchBrowser();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && current) await current.screenshot({ path: `${SHOTS}/mc-info-portal-failure.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('an editor writes, a reviewer publishes, a phone reader finds, rates and comments, the moderator approves', async () => {
    // 1. The editor, at the office (1366×768).
    const editor = await open({ width: 1366, height: 768 });
    await signIn(editor, 'bientap');
    await editor.getByRole('menuitem', { name: 'Trang thông tin' }).click();
    await editor.getByRole('button', { name: 'Viết bài' }).click();
    await editor.getByLabel('Tiêu đề').fill('Phường Phú Hài đẩy mạnh dịch vụ công trực tuyến');
    await editor.getByLabel('Sa-pô (tóm tắt)').fill('Tỷ lệ hồ sơ trực tuyến của phường được cập nhật tự động từ hệ thống một cửa.');
    const body = editor.locator('.rich-editor .tiptap');
    await body.click();
    await editor.keyboard.type('Sáng nay, UBND phường tổ chức hội nghị về số hóa hồ sơ. Kết quả như sau:');
    const png = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#2a6f4e' } }).png().toBuffer();
    await editor.getByTestId('image-input').setInputFiles({ name: 'hoi-nghi.png', mimeType: 'image/png', buffer: png });
    await body.locator('img[src^="/trang/media/"]').waitFor();
    await editor.getByRole('button', { name: 'Chèn số liệu trực tiếp' }).click();
    await body.locator('[data-live-figures]').waitFor();
    await editor.getByLabel('Chuyên mục').click();
    await editor.getByTitle('Tin tức').click();
    await editor.getByLabel('Tác giả').fill('Văn phòng HĐND và UBND phường');
    expect(await seriousA11yViolations(editor)).toEqual([]);
    await editor.screenshot({ path: `${SHOTS}/mc-info-portal-editor.png`, fullPage: true });
    await editor.getByRole('button', { name: 'Lưu' }).click();
    await editor.getByRole('button', { name: 'Gửi duyệt' }).click();
    await editor.locator('.ant-tag', { hasText: 'Chờ duyệt' }).waitFor();
    // An editor is not offered the approval.
    expect(await editor.getByRole('button', { name: 'Duyệt và đăng' }).count()).toBe(0);

    // 2. The reviewer publishes.
    const reviewer = await open({ width: 1366, height: 768 });
    await signIn(reviewer, 'duyettin');
    await reviewer.getByRole('menuitem', { name: 'Trang thông tin' }).click();
    await reviewer.getByRole('link', { name: 'Phường Phú Hài đẩy mạnh dịch vụ công trực tuyến' }).click();
    await reviewer.getByRole('button', { name: 'Duyệt và đăng' }).click();
    await reviewer.locator('.ant-tag', { hasText: 'Đã đăng' }).waitFor();
    await reviewer.getByText('v3 · publish').waitFor(); // v1 create, v2 submit, v3 publish

    // 3. A reader on a phone (390×844) searches without accents.
    const reader = await open({ width: 390, height: 844 });
    await reader.goto(`${server.baseUrl}/trang/phuong-phu-hai`);
    const todayBefore = Number(await reader.locator('[data-counter="today"]').innerText());
    expect(todayBefore).toBe(1);
    await reader.getByLabel('Tìm kiếm bài viết, trang, thủ tục').fill('day manh dich vu cong truc tuyen');
    await reader.getByRole('button', { name: 'Tìm', exact: true }).click();
    await reader.getByRole('status').filter({ hasText: 'Tìm thấy 1 bài viết' }).waitFor();
    await reader.getByRole('link', { name: 'Phường Phú Hài đẩy mạnh dịch vụ công trực tuyến' }).click();
    await reader.getByRole('heading', { name: 'Phường Phú Hài đẩy mạnh dịch vụ công trực tuyến', level: 1 }).waitFor();
    expect(await reader.locator('[data-figure="online"]').innerText()).toBe('25,00 %');
    expect(await reader.locator('.live-figures').innerText()).toContain('1/4 hồ sơ');
    const img = reader.locator('.body img');
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1600);
    await reader.getByRole('heading', { name: 'Bài viết khác' }).waitFor();
    expect(await seriousA11yViolations(reader)).toEqual([]);
    await reader.getByLabel('5 điểm').check();
    await reader.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await reader.getByText('Cảm ơn bạn đã đánh giá bài viết.').waitFor();
    expect(await reader.locator('[data-rating]').innerText()).toBe('5 điểm (1 đánh giá)');
    await reader.getByLabel('Họ và tên').fill('Trần Thị Bình');
    await reader.getByLabel('Nội dung').fill('Cảm ơn phường, thủ tục nộp trực tuyến rất nhanh.');
    await reader.getByRole('button', { name: 'Gửi bình luận' }).click();
    await reader.getByText('Bình luận của bạn đã được gửi và đang chờ kiểm duyệt.').waitFor();
    expect(await reader.getByText('thủ tục nộp trực tuyến rất nhanh').count()).toBe(0);
    await reader.screenshot({ path: `${SHOTS}/mc-info-portal-article-phone.png`, fullPage: true });

    // 4. The moderator approves the comment; the reader sees it, and the editors see the reads.
    await reviewer.getByRole('button', { name: 'Quay lại' }).click();
    await reviewer.getByRole('tab', { name: 'Bình luận chờ duyệt' }).click();
    await reviewer.getByText('Cảm ơn phường, thủ tục nộp trực tuyến rất nhanh.').waitFor();
    await reviewer.getByRole('button', { name: 'Duyệt' }).click();
    await reviewer.getByText('Không có bình luận chờ duyệt.').waitFor();
    await reader.reload();
    await reader.getByText('Cảm ơn phường, thủ tục nộp trực tuyến rất nhanh.').waitFor();
    const reads = (await server.ctx.db.query(`SELECT reads FROM portal_article_reads`)).rows[0] as { reads: number };
    expect(reads.reads).toBeGreaterThanOrEqual(3);
    await reviewer.getByRole('tab', { name: 'Bài viết' }).click();
    await reviewer.reload(); // the list shows the counts as of its loading
    const row = reviewer.locator('.ant-table-row', { hasText: 'Phường Phú Hài đẩy mạnh' });
    await row.waitFor();
    expect(Number(await row.locator('td').nth(4).innerText())).toBe(reads.reads);
    expect(await row.locator('td').nth(5).innerText()).toBe('5 (1)');

    // 5. The same page with JavaScript off, in a fresh browser (no cookie) from the same address: readable, and the
    //    reader is recognised as having rated (one rating per address per article), so nothing is counted twice.
    const noJs = await open({ width: 390, height: 844 }, false);
    const articleUrl = `${server.baseUrl}/trang/phuong-phu-hai/bai-viet/phuong-phu-hai-day-manh-dich-vu-cong-truc-tuyen`;
    await noJs.goto(articleUrl);
    expect(await noJs.locator('[data-figure="online"]').innerText()).toBe('25,00 %');
    await noJs.getByText('Bạn đã đánh giá bài viết này.').waitFor();
    expect(await noJs.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);
    for (let i = 0; i < 3; i++) {
      const again = await fetch(`${articleUrl}/danh-gia`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'diem=1', redirect: 'manual' });
      expect(again.headers.get('location')).toContain('tb=PORTAL.ALREADY_RATED');
    }
    await noJs.reload();
    expect(await noJs.locator('[data-rating]').innerText()).toBe('5 điểm (1 đánh giá)');
    // Visits: two browsers from one address are one visitor today; the page views moved.
    const day = (await server.ctx.db.query(`SELECT visits, views FROM portal_visit_day`)).rows[0] as { visits: number; views: number };
    expect(day.visits).toBe(1);
    expect(day.views).toBeGreaterThanOrEqual(6);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('the province admin picks any unit of the province from a tree (communes, desks) to create its site', async () => {
    const page = await open({ width: 1366, height: 768 });
    await signIn(page, 'quantri');
    await page.getByRole('menuitem', { name: 'Trang thông tin' }).click();
    await page.getByRole('combobox', { name: 'Trang' }).click();
    const tree = page.locator('.ant-select-dropdown:visible');
    // The commune (which has a site) is shown under the province, by its site's title.
    await tree.locator('.ant-select-tree-title', { hasText: 'Trang thông tin điện tử phường Phú Hài' }).waitFor();
    await tree.locator('.ant-select-tree-title', { hasText: 'Tỉnh Đồng Thử' }).waitFor();
    await page.getByRole('combobox', { name: 'Trang' }).fill('Bộ phận một cửa');
    await tree.locator('.ant-select-tree-title', { hasText: 'Bộ phận một cửa phường Phú Hài — Tạo trang cho đơn vị' }).click();
    await page.getByRole('tab', { name: 'Cấu hình trang' }).waitFor();
    await page.getByRole('button', { name: 'Tạo trang cho đơn vị' }).waitFor();
    expect(page.url()).toContain(`site=${deskId}`);
    await page.screenshot({ path: `${SHOTS}/mc-info-portal-site-tree.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
