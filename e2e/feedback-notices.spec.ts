import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDesk } from '../server/test/dossier-fixtures.js';
import { TEST_PASSWORD } from '../server/test/factories.js';
import { changeContact, registerCitizen } from '../server/test/citizens.js';
import { injectAs, type Session } from '../server/test/app.js';
import { markNotificationFailed, markNotificationSent } from '../server/src/modules/notifications/notification.repo.js';
import { launchBrowser, seriousA11yViolations, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * What the sender sees of their own feedback, and the register's feeds:
 * D — a signed-in citizen's complaint is routed out with a letter; the e-mail to them fails for good and the SMS goes
 *     instead. On a phone (390×844) the citizen downloads the letter from "Phản ánh của tôi" (list and detail) and reads
 *     how they were told ("Đã gửi tin nhắn SMS đến số …4321 lúc …"), without the provider's error or the full address;
 *     another citizen and no session get nothing; the officer (1366×768) still reads the full history.
 * E — the public register names its RSS 2.0 feed in its <head>; the browser's own XML parser reads it.
 * F — the register filters by procedure (issue 17: "by unit, procedure and period"): on a phone the citizen types the
 *     procedure's name without accents, picks it from the list with the keyboard, adds a period; the address keeps the
 *     filters (opened again, the same page and the same choice); with JavaScript off the same address gives the same
 *     items and a form with the procedure and the period chosen.
 */
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 768 };

describe('feedback: the sender’s notices and letter, the register’s feeds', () => {
  let server: RunningServer;
  let browser: Browser;
  let s: Awaited<ReturnType<typeof seedDesk>>;
  const pageErrors: string[] = [];

  const context = async (viewport: { width: number; height: number }, citizen?: Session): Promise<BrowserContext> => {
    const c = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport, acceptDownloads: true });
    if (citizen) await c.addCookies([{ name: 'mc_citizen', value: citizen.cookie.replace(/^mc_citizen=/, ''), url: server.baseUrl }]);
    return c;
  };
  const pageOf = async (c: BrowserContext): Promise<Page> => {
    const page = await c.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    return page;
  };

  beforeAll(async () => {
    server = await startServer();
    s = await seedDesk(server.app, server.ctx.db);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('D: the citizen downloads their letter and reads that the SMS went instead of the failed e-mail; others cannot', async () => {
    const owner = await registerCitizen(server.app, { identifier: 'lan.khieunai@example.vn', idNumber: '087190004321', fullName: 'Phạm Thị Lan', birthDate: '1990-03-08', gender: 'female' });
    await changeContact(server.app, owner, 'phone', '0987654321');
    const other = await registerCitizen(server.app, { identifier: '0916000777', idNumber: '087090007777', fullName: 'Lê Văn Khác', birthDate: '1990-01-01' });
    // The profile has a phone but no address: the sender gives it (ND 20/2008 Điều 7 asks it of a signed-in sender too).
    const sent = await injectAs(server.app, owner, { method: 'POST', url: '/api/feedback/citizen', payload: { sender: { name: 'Chủ tài khoản', address: 'Số 3 đường Hùng Vương, phường An Thử' }, unitId: s.tree.deskA.id, subject: 'Khiếu nại quyết định thu hồi đất', content: 'Tôi khiếu nại quyết định thu hồi đất số 7/QĐ-UBND của phường.' } });
    expect(sent.statusCode, sent.body).toBe(201);
    const { id, code } = sent.json() as { id: string; code: string };
    const routed = await injectAs(server.app, s.desk, { method: 'POST', url: `/api/feedback/${id}/classify`, payload: { classification: 'complaint', note: 'Đề nghị bà gửi đơn khiếu nại đến Chủ tịch UBND phường An Thử.' } });
    expect(routed.json().status).toBe('routed_out');
    // Every e-mail to her fails for good (the mailbox refuses); each SMS sent instead is accepted by the gateway.
    const mails = (await server.ctx.db.query(`SELECT o.id, o.attempts FROM notification_outbox o JOIN feedback_message m ON m.notification_id = o.id WHERE m.feedback_id = $1 ORDER BY o.created_at`, [id])).rows;
    expect(mails).toHaveLength(2); // the receipt and the routing letter
    for (const m of mails) expect(await markNotificationFailed(server.ctx.db, m, '550 5.1.1 mailbox unavailable', new Date(), { permanent: true })).toBe('failed');
    const smsSentAt = new Date();
    for (const m of (await server.ctx.db.query(`SELECT id, attempts FROM notification_outbox WHERE fallback_of = ANY($1::uuid[])`, [mails.map((x) => x.id)])).rows) {
      expect(await markNotificationSent(server.ctx.db, m, smsSentAt)).toBe(true);
    }

    const phone = await pageOf(await context(PHONE, owner));
    await phone.goto(`${server.baseUrl}/cong-dan/phan-anh`);
    const card = phone.locator('.card', { hasText: 'Khiếu nại quyết định thu hồi đất' });
    await card.waitFor();
    // The letter from the list itself.
    const [fromList] = await Promise.all([phone.waitForEvent('download'), card.getByRole('link', { name: 'Tải văn bản hướng dẫn (PDF)' }).click()]);
    expect(fromList.suggestedFilename()).toBe(`huong-dan-${code}.pdf`);
    expect(readFileSync(await fromList.path()).subarray(0, 5).toString()).toBe('%PDF-');

    await card.getByRole('link', { name: 'Khiếu nại quyết định thu hồi đất' }).click();
    await phone.getByTestId('fb-status').filter({ hasText: 'Chuyển theo thủ tục khiếu nại, tố cáo' }).waitFor();
    const notices = await phone.getByTestId('fb-notices').innerText();
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(smsSentAt).replace(',', '');
    expect(notices).toContain(`Văn bản hướng dẫn: Đã gửi tin nhắn SMS đến số …4321 lúc ${time} (thay cho thư điện tử không gửi được)`);
    expect(notices).toContain('Văn bản hướng dẫn: Không gửi được thư điện tử đến l…@example.vn');
    expect(notices).toContain(`Thông báo tiếp nhận: Đã gửi tin nhắn SMS đến số …4321 lúc ${time}`);
    const whole = await phone.locator('main').innerText();
    // The gateway's words, not the bare '550': the dossier's code can carry those digits (PAKN-2026-T005.55087-…).
    for (const secret of ['550 5.1.1', '5.1.1', 'mailbox', 'lan.khieunai@example.vn', '0987654321', '+84987654321']) expect(whole).not.toContain(secret);
    const [fromDetail] = await Promise.all([phone.waitForEvent('download'), phone.getByTestId('fb-letter').click()]);
    expect(fromDetail.suggestedFilename()).toBe(`huong-dan-${code}.pdf`);
    const widths = await phone.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/mc-feedback-notices-phone.png`, fullPage: true });

    // Another citizen's session, and no session at all, get nothing from the same address.
    const letterUrl = `${server.baseUrl}/api/feedback/citizen/${id}/letter.pdf`;
    const stranger = await context(PHONE, other);
    const theirs = await stranger.request.get(letterUrl);
    expect(theirs.status()).toBe(404);
    expect((await theirs.json()).code).toBe('FEEDBACK.NOT_FOUND');
    expect((await (await context(PHONE)).request.get(letterUrl)).status()).toBe(401);

    // The officer reads the full history: the failed e-mail and the SMS sent instead, with the addresses.
    const desk = await pageOf(await context(DESKTOP));
    await signInToConsole(desk, server.baseUrl, 'motcua', TEST_PASSWORD);
    await desk.goto(`${server.baseUrl}/console/phan-anh/${id}`);
    await desk.getByText('Gửi thư điện tử không được, đã gửi thay bằng SMS đến +84987654321: đã gửi').first().waitFor();
    expect(await desk.locator('main').innerText()).toContain('Gửi e-mail đến lan.khieunai@example.vn: không gửi được');
    await desk.screenshot({ path: `${SHOTS}/mc-feedback-notices-officer.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('E: the register names its RSS feed in its head; the browser parses it as RSS 2.0 with the published item', async () => {
    const created = await server.app.inject({ method: 'POST', url: '/api/feedback/public', payload: { unitId: s.tree.deskA.id, subject: 'Đèn đường & vỉa hè <hỏng>', content: 'Đèn đường Lê Lợi hỏng & vỉa hè vỡ.', sender: { name: 'Trần Thị Hoa', address: 'Số 9 đường Lê Lợi', phone: '0987000111' } } });
    const code = created.json().code as string;
    const publishedAt = new Date('2026-11-24T03:30:00Z');
    await server.ctx.db.query(
      `UPDATE feedback SET status = 'published', published_at = $2, answered_at = $2, public_subject = subject, public_content = content, public_answer = 'Đã thay đèn & lát lại vỉa hè.' WHERE code = $1`,
      [code, publishedAt],
    );
    const phone = await pageOf(await context(PHONE));
    await phone.goto(`${server.baseUrl}/phan-anh/cong-khai`);
    await phone.getByRole('heading', { name: 'Phản ánh, kiến nghị đã trả lời' }).waitFor();
    const href = await phone.locator('head link[rel="alternate"][type="application/rss+xml"]').getAttribute('href');
    expect(href).toBe('/api/feedback/public/register.rss?kind=feedback');
    // Only one of each after the application has started (the server's and the page's are the same elements).
    expect(await phone.locator('head link[rel="alternate"]').count()).toBe(2);
    const feed = await phone.evaluate(async (url) => {
      const text = await (await fetch(url)).text();
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror')!.textContent };
      const ch = doc.querySelector('rss > channel')!;
      const item = ch.querySelector('item')!;
      return {
        version: doc.documentElement.getAttribute('version'),
        title: ch.querySelector(':scope > title')!.textContent,
        link: ch.querySelector(':scope > link')!.textContent,
        itemTitle: item.querySelector('title')!.textContent,
        guid: item.querySelector('guid')!.textContent,
        permalink: item.querySelector('guid')!.getAttribute('isPermaLink'),
        pubDate: item.querySelector('pubDate')!.textContent,
        parsedDate: new Date(item.querySelector('pubDate')!.textContent!).toISOString(),
      };
    }, href!);
    expect(feed).toEqual({
      version: '2.0',
      title: 'Phản ánh, kiến nghị đã trả lời',
      link: `${server.baseUrl}/phan-anh/cong-khai`,
      itemTitle: 'Đèn đường & vỉa hè <hỏng>',
      guid: `urn:motcua:feedback:${code}`,
      permalink: 'false',
      pubDate: 'Tue, 24 Nov 2026 03:30:00 GMT',
      parsedDate: publishedAt.toISOString(),
    });
    await phone.getByRole('link', { name: 'Nguồn tin RSS' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('F: the register filters by procedure (typed without accents) and period; the address keeps them, with or without JavaScript', async () => {
    const publish = async (subject: string, procedureId: string | null, publishedAt: string) => {
      const created = await server.app.inject({ method: 'POST', url: '/api/feedback/public', payload: { unitId: s.tree.deskA.id, subject, content: `${subject}: nội dung.`, sender: { name: 'Trần Văn Bình', address: 'Số 1 Lê Lợi', phone: '0987000222' } } });
      expect(created.statusCode, created.body).toBe(201);
      const code = created.json().code as string;
      await server.ctx.db.query(
        `UPDATE feedback SET procedure_id = $3, status = 'published', published_at = $2, answered_at = $2, public_subject = subject, public_content = content, public_answer = 'Đã trả lời.' WHERE code = $1`,
        [code, new Date(publishedAt), procedureId],
      );
      return code;
    };
    const marriage = await publish('Hẹn trả Giấy chứng nhận kết hôn bị trễ', s.procedureId, '2026-11-20T03:00:00Z');
    const earlier = await publish('Kết hôn: hỏi lại giấy tờ đã nộp', s.procedureId, '2026-10-02T03:00:00Z');
    const street = await publish('Đèn đường hỏng ở ngõ 5', null, '2026-11-21T03:00:00Z');

    const phone = await pageOf(await context(PHONE));
    await phone.goto(`${server.baseUrl}/phan-anh/cong-khai`);
    await phone.locator('.card', { hasText: street }).waitFor();
    const picker = phone.getByRole('combobox', { name: 'Thủ tục hành chính' });
    await picker.fill('dang ky ket hon');
    const option = phone.getByRole('option', { name: /Đăng ký kết hôn/ });
    await option.waitFor();
    await picker.press('ArrowDown');
    expect(await option.getAttribute('aria-selected')).toBe('true');
    await picker.press('Enter');
    expect(await picker.inputValue()).toBe('Đăng ký kết hôn');
    await phone.getByLabel('Từ ngày').fill('01/11/2026');
    await phone.getByRole('button', { name: 'Tìm', exact: true }).click();
    await phone.waitForURL((u) => u.searchParams.get('tt') === s.procedureId && u.searchParams.get('tu') === '2026-11-01');
    await expect.poll(async () => (await phone.locator('.result-list .card').allInnerTexts()).map((x) => x.split('\n')[0])).toEqual(['Hẹn trả Giấy chứng nhận kết hôn bị trễ']);
    expect(await phone.locator('.result-list').innerText()).toContain(marriage);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/mc-feedback-register-procedure.png`, fullPage: true });

    // The address is the filter: opened again (shared), the same items and the same procedure in the box.
    const shared = phone.url();
    const again = await pageOf(await context(PHONE));
    await again.goto(shared);
    await expect.poll(() => again.getByRole('combobox', { name: 'Thủ tục hành chính' }).inputValue()).toBe('Đăng ký kết hôn');
    await expect.poll(async () => (await again.locator('.result-list .card').allInnerTexts()).length).toBe(1);
    // Without the period, both items of the procedure; never the street lamp.
    await again.goto(`${server.baseUrl}/phan-anh/cong-khai?tt=${s.procedureId}`);
    await expect.poll(async () => (await again.locator('.result-list').innerText())).toContain(earlier);
    expect(await again.locator('.result-list').innerText()).not.toContain(street);

    // JavaScript off: the server's page reads the same address.
    const plain = await browser.newContext({ locale: 'vi-VN', viewport: PHONE, javaScriptEnabled: false });
    const noJs = await plain.newPage();
    await noJs.goto(shared);
    // The server's page (the application's empty shell has a <main> too, hidden without JavaScript).
    const main = noJs.locator('noscript ~ main, main').last();
    expect(await main.innerText()).toContain(marriage);
    expect(await main.innerText()).not.toContain(earlier);
    expect(await main.innerText()).not.toContain(street);
    expect(await noJs.locator('select[name="tt"] option:checked').innerText()).toMatch(/^Đăng ký kết hôn — /);
    expect(await noJs.locator('input[name="tu"]').inputValue()).toBe('2026-11-01');
    expect(await noJs.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await noJs.screenshot({ path: `${SHOTS}/mc-feedback-register-nojs.png`, fullPage: true });
    await plain.close();
    expect(pageErrors).toEqual([]);
  });
});
