import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { injectAs, login, otpInbox, type Session } from '../server/test/app.js';
import { buildProcedureContent, buildStaff, TEST_PASSWORD } from '../server/test/factories.js';
import { CITIZEN_PASSWORD } from '../server/test/citizens.js';
import { APPLICANT, seedDesk } from '../server/test/dossier-fixtures.js';
import { paymentLinkToken, paymentResultPath } from '../server/src/modules/payments/payment.links.js';
import { launchBrowser, seriousA11yViolations, SHOTS } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The citizen's place and the rest of issue 14, on a 390 × 844 phone: the citizen picks their province and commune and
 * the catalogue, the postal pages and the footer's contacts follow (a procedure two provinces publish is listed once
 * until then); a pickup request gives a code the citizen tracks; the signed-in citizen rates their dossier with a comment
 * from "Hồ sơ của tôi" without typing its code; notifications read with diacritics; a slow connection shows the page
 * shell and placeholders, never a blank page. Every portal page fits the screen (scrollWidth ≤ innerWidth) and passes axe.
 */
const PHONE = { width: 390, height: 844 };
const CITIZEN = { identifier: 'lan@example.vn', idNumber: '001192000789', fullName: 'Phạm Thị Lan', birthDate: '1992-03-04', gender: 'female' as const };

describe('the citizen\'s place, pickup tracking and rating at phone width', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let s: Awaited<ReturnType<typeof seedDesk>>;
  let postman: Session;
  let provinceOnlyId: string;
  let procedureId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    const db = server.ctx.db;
    // Tỉnh Thử publishes "Đăng ký kết hôn" (1.000894) and one procedure of its own; Tỉnh Khác publishes 1.000894 too.
    s = await seedDesk(server.app, db);
    procedureId = (await db.query<{ id: string }>(`SELECT id FROM procedure WHERE owner_unit_id = $1`, [s.tree.province.id])).rows[0]!.id;
    await buildStaff(db, 'quantri.khac', [{ role: 'admin', unit: s.tree.otherProvince }]);
    await buildStaff(db, 'buudien', [{ role: 'postal', unit: s.tree.communeA }]);
    const [admin, otherAdmin] = [await login(server.app, 'quantri', TEST_PASSWORD), await login(server.app, 'quantri.khac', TEST_PASSWORD)];
    postman = await login(server.app, 'buudien', TEST_PASSWORD);
    const publish = async (who: Session, ownerUnitId: string, content: ReturnType<typeof buildProcedureContent>) => {
      const created = await injectAs(server.app, who, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId, content } });
      expect(created.statusCode, created.body).toBe(201);
      const published = await injectAs(server.app, who, { method: 'POST', url: `/api/procedures/${created.json().id}/publish`, payload: { decisionNo: '2/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
      expect(published.statusCode, published.body).toBe(200);
      return created.json().id as string;
    };
    await publish(otherAdmin, s.tree.otherProvince.id, buildProcedureContent({ code: '1.000894', name: 'Đăng ký kết hôn' }));
    provinceOnlyId = await publish(admin, s.tree.province.id, buildProcedureContent({ code: '2.000635', name: 'Cấp bản sao Trích lục hộ tịch' }));
    // The commune's information site states its contacts (what the footer shows once the commune is picked).
    await db.query(
      `INSERT INTO portal_site (unit_id, slug, title, address, phone, feedback_phone, email, updated_at) VALUES ($1, 'phuong-an-thu', 'UBND phường An Thử', 'Số 2 đường Lê Lợi', '0277 3851 999', '0277 3851 022', 'motcua@anthu.gov.vn', $2)`,
      [s.tree.communeA.id, new Date()],
    );
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: PHONE });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: `${SHOTS}/mc-place-failure.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The page fits the phone (no horizontal scroll) and has no serious or critical accessibility violation. */
  async function fitsAndAccessible(name: string): Promise<void> {
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll, `${name}: ${widths.scroll}px wide on a ${widths.inner}px screen`).toBeLessThanOrEqual(widths.inner);
    expect(await seriousA11yViolations(page), name).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/mc-place-${name}.png`, fullPage: true });
  }

  const cardTitles = () => page.locator('.card-title').allInnerTexts();

  it('lists a procedure two provinces publish once; the picked province and commune drive the catalogue and the footer', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.locator('.card').first().waitFor();
    const titles = await cardTitles();
    expect(titles.filter((x) => x === 'Đăng ký kết hôn')).toHaveLength(1);
    expect(new Set(titles).size).toBe(titles.length);
    expect(await page.locator('.card', { hasText: 'Đăng ký kết hôn' }).innerText()).toContain('Áp dụng tại 2 tỉnh, thành phố');
    expect(await page.getByTestId('place-note').innerText()).toContain('Chọn tỉnh, thành phố');
    // The footer has the support line from the server's configuration.
    expect(await page.getByTestId('hotline').innerText()).toBe('Tổng đài hỗ trợ Cổng Dịch vụ công quốc gia: 1800 1096');
    await fitsAndAccessible('home-no-place');

    await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Tỉnh Khác' });
    await page.getByTestId('place-note').getByText('Thủ tục áp dụng tại Tỉnh Khác').waitFor();
    await page.waitForFunction(() => !document.querySelector('.results[aria-busy="true"]'));
    expect(await cardTitles()).toEqual(['Đăng ký kết hôn']);
    expect(await page.locator('.card').innerText()).toContain('Tỉnh Khác');

    await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Tỉnh Thử' });
    await page.locator('.card-title', { hasText: 'Cấp bản sao Trích lục hộ tịch' }).waitFor();
    expect((await cardTitles()).sort()).toEqual(['Cấp bản sao Trích lục hộ tịch', 'Đăng ký kết hôn']);
    await page.getByLabel('Xã, phường').selectOption({ label: 'Phường An Thử' });
    const unit = page.getByTestId('unit-contacts');
    await unit.waitFor();
    expect(await unit.innerText()).toContain('UBND phường An Thử');
    expect(await unit.innerText()).toContain('0277 3851 999');
    await fitsAndAccessible('home-place');

    // Remembered on this phone: the next visit opens on the same place.
    await page.reload();
    await page.locator('.card-title', { hasText: 'Cấp bản sao Trích lục hộ tịch' }).waitFor();
    // The communes are listed once GET /api/units answers, after the page has started: wait for the list, not a moment.
    await page.getByLabel('Xã, phường').locator(`option[value="${s.tree.communeA.id}"]`).waitFor({ state: 'attached' });
    expect(await page.getByLabel('Xã, phường').inputValue()).toBe(s.tree.communeA.id);

    // The postal list follows the province (its own procedure is there); the pickup form proposes the commune's desk.
    await page.goto(`${server.baseUrl}/thu-tuc/buu-chinh`);
    await page.locator('.postal-table').first().getByText('Cấp bản sao Trích lục hộ tịch').waitFor();
    const postalNames = await page.locator('.postal-table').first().locator('tbody td[data-label="Tên thủ tục"] a:first-child').allInnerTexts();
    expect(postalNames.filter((x) => x === 'Đăng ký kết hôn')).toHaveLength(1);
    await fitsAndAccessible('postal-list');
  });

  it('a pickup request gives a code the citizen tracks, up to the dossier the desk received', async () => {
    await page.goto(`${server.baseUrl}/thu-tuc/buu-chinh/yeu-cau?thu-tuc=${provinceOnlyId}`);
    await page.locator('#pk-desk option', { hasText: s.tree.deskA.name }).waitFor({ state: 'attached' });
    await page.waitForFunction(() => (document.querySelector('#pk-desk') as HTMLSelectElement | null)?.value !== '');
    expect(await page.locator('#pk-desk').inputValue()).toBe(s.tree.deskA.id);
    await page.locator('#pk-procedure').selectOption(procedureId);
    await page.locator('#pk-name').fill(APPLICANT.fullName);
    await page.locator('#pk-id').fill(APPLICANT.idNumber);
    await page.locator('#pk-phone').fill('0913 555 666');
    await page.locator('#pk-address').fill('12 Nguyễn Huệ, phường An Thử');
    await fitsAndAccessible('pickup-form');
    await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
    const code = await page.getByTestId('confirmation-code').innerText();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    await fitsAndAccessible('pickup-done');

    await page.getByRole('link', { name: 'Theo dõi yêu cầu bưu điện đến lấy hồ sơ' }).click();
    expect(await page.locator('#pk-ma').inputValue()).toBe(code);
    await page.locator('#pk-secret').fill('0913555666');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    expect(await page.getByTestId('pickup-status').innerText()).toBe('Chờ bưu điện đến lấy');
    await fitsAndAccessible('pickup-tracked');

    // The post picks it up, the desk signs the hand-over: the citizen now sees the dossier's code.
    const pickup = (await server.ctx.db.query<{ id: string }>(`SELECT id FROM postal_pickup WHERE confirmation_code = $1`, [code])).rows[0]!;
    const picked = await injectAs(server.app, postman, { method: 'POST', url: `/api/postal/pickups/${pickup.id}/pick-up`, payload: { documents: [{ name: 'Tờ khai', kind: 'original', count: 1 }], citizenSignedName: APPLICANT.fullName } });
    expect(picked.statusCode, picked.body).toBe(200);
    const handed = await injectAs(server.app, s.desk, { method: 'POST', url: `/api/postal/pickups/${pickup.id}/hand-over`, payload: { postalSignerName: 'Cán bộ buudien' } });
    expect(handed.statusCode, handed.body).toBe(200);
    await page.locator('#pk-ma').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByTestId('pickup-status').getByText('Đã giao cho bộ phận một cửa').waitFor();
    expect(await page.locator('.track-result').innerText()).toContain(handed.json().dossierCode as string);
    await page.getByRole('link', { name: 'Tra cứu tình trạng hồ sơ' }).click();
    expect(await page.locator('#ma').inputValue()).toBe(handed.json().dossierCode);
  });

  it('the signed-in citizen rates their dossier with a comment from "Hồ sơ của tôi"; its notices read with diacritics', async () => {
    const asked = await page.request.post(`${server.baseUrl}/api/citizen/auth/register`, { data: { ...CITIZEN, password: CITIZEN_PASSWORD } });
    expect(asked.status()).toBe(202);
    const reg = await page.request.post(`${server.baseUrl}/api/citizen/auth/register/confirm`, { data: { identifier: CITIZEN.identifier, code: otpInbox(server.app).lastCode(CITIZEN.identifier) } });
    expect(reg.status()).toBe(201);
    const citizenId = ((await reg.json()) as { id: string }).id;
    const d = await s.receive();
    await s.finish(d.id);
    // The dossier is this citizen's (as a dossier submitted online is); set as a fixture.
    await server.ctx.db.query(`UPDATE dossier SET citizen_id = $1 WHERE id = $2`, [citizenId, d.id]);

    await page.goto(`${server.baseUrl}/cong-dan/ho-so/${d.id}`);
    const rating = page.locator('section[aria-labelledby="own-rate-title"]');
    await rating.getByRole('heading', { name: 'Đánh giá việc giải quyết hồ sơ này' }).waitFor();
    // No code or secret asked: the form is there.
    expect(await rating.locator('input#ma, input#secret').count()).toBe(0);
    const notices = await page.locator('section[aria-labelledby="notif-title"]').innerText();
    expect(notices).toContain(`Tin nhắn: Hồ sơ ${d.code} đã được tiếp nhận`);
    expect(notices).not.toMatch(/da duoc tiep nhan|Ho so /);
    for (let i = 1; i <= 9; i++) await rating.getByRole('group', { name: new RegExp(`^${i}\\. `) }).getByRole('radio').first().check();
    await rating.getByLabel('Ý kiến thêm (không bắt buộc)').fill('Cán bộ hướng dẫn rất tận tình.');
    await fitsAndAccessible('own-rating');
    await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await rating.getByText('Cảm ơn ông/bà đã đánh giá!').waitFor();
    const row = await server.ctx.db.query(`SELECT channel, comment FROM satisfaction_rating WHERE dossier_id = $1`, [d.id]);
    expect(row.rows).toEqual([{ channel: 'portal', comment: 'Cán bộ hướng dẫn rất tận tình.' }]);
    await page.reload();
    await rating.getByText('Ông/bà đã đánh giá hồ sơ này.').waitFor();
    await fitsAndAccessible('own-rated');
  });

  it('the statistics follow the chosen province and commune, with the figures of the dossiers received there', async () => {
    // Two more dossiers at commune A's desk, one resolved: with those of the tests above, the figures are counted from
    // the dossier rows themselves.
    await s.receive();
    await s.finish((await s.receive()).id);
    const expected = async (path: string) =>
      (
        await server.ctx.db.query<{ received: number; resolved: number; onTime: number }>(
          `SELECT count(*) FILTER (WHERE received_at IS NOT NULL)::int AS received, count(*) FILTER (WHERE finished_at IS NOT NULL)::int AS resolved,
                  count(*) FILTER (WHERE finish_class IN ('early', 'on_time'))::int AS "onTime"
             FROM dossier WHERE resolving_path LIKE $1 || '%'`,
          [path],
        )
      ).rows[0]!;
    const province = await expected(s.tree.province.path);
    const other = await expected(s.tree.otherProvince.path);
    expect(province.received).toBeGreaterThanOrEqual(4);
    expect(other.received).toBe(0);
    const figure = (name: string) => page.getByTestId(`figure-${name}`).innerText();
    const shows = async (unitName: string, f: { received: number; resolved: number; onTime: number }) => {
      await page.getByTestId('figures').getByRole('heading', { name: unitName }).waitFor();
      expect(await figure('received')).toBe(String(f.received));
      expect(await figure('resolved')).toBe(String(f.resolved));
      if (f.resolved === 0) expect(await figure('on-time')).toBe('Chưa có số liệu');
      else expect(await figure('on-time')).toBe(`${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(Math.round((f.onTime / f.resolved) * 10000) / 100)} % (${f.onTime} / ${f.resolved} hồ sơ)`);
    };

    // The place picked on the home page earlier (Tỉnh Thử, Phường An Thử) is the statistics' place.
    await page.goto(`${server.baseUrl}/`);
    // On a phone the header's links are behind its menu button.
    await page.locator('header').getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Thống kê', exact: true }).click();
    await page.getByRole('heading', { name: 'Thống kê kết quả giải quyết hồ sơ' }).waitFor();
    await shows('Phường An Thử', await expected(s.tree.communeA.path));
    await fitsAndAccessible('statistics-commune');
    await page.getByLabel('Xã, phường').selectOption({ label: 'Xã Bình Thử' });
    await shows('Xã Bình Thử', await expected(s.tree.communeB.path));
    await page.getByLabel('Xã, phường').selectOption({ value: '' });
    await shows('Tỉnh Thử', province);
    await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Tỉnh Khác' });
    await shows('Tỉnh Khác', other);
    await page.getByLabel('Tỉnh, thành phố', { exact: true }).selectOption({ value: '' });
    await shows('Tất cả tỉnh, thành phố', await expected('/'));
    await fitsAndAccessible('statistics-everywhere');
    // Back to the place the other tests expect.
    await page.getByLabel('Tỉnh, thành phố', { exact: true }).selectOption({ label: 'Tỉnh Thử' });
    await page.getByLabel('Xã, phường', { exact: true }).selectOption({ label: 'Phường An Thử' });
  });

  it('a slow connection shows the page shell and placeholders, never a blank page', async () => {
    const html = await (await page.request.get(`${server.baseUrl}/thu-tuc/buu-chinh`)).text();
    expect(html).toContain('class="site-header"');
    expect(html).toContain('class="skeleton"');
    // The home page's first screen comes rendered, with its catalogue: the cards are in the HTML.
    expect(await (await page.request.get(`${server.baseUrl}/`)).text()).toContain('Đăng ký kết hôn</a>');
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/catalog/procedures?**', async (route) => {
      await held;
      await route.continue();
    });
    // A search is asked after the script (only the home page's first screen comes with the HTML).
    await page.goto(`${server.baseUrl}/?q=${encodeURIComponent('kết hôn')}`);
    await page.getByTestId('skeleton').waitFor();
    expect(await page.locator('.site-header').isVisible()).toBe(true);
    expect(await page.locator('.card').count()).toBe(0);
    await fitsAndAccessible('loading');
    release();
    await page.locator('.card').first().waitFor();
    expect(await page.getByTestId('skeleton').count()).toBe(0);
    await page.unroute('**/api/catalog/procedures?**');
  });

  it('no portal page scrolls sideways on the phone, and none has a serious accessibility violation', async () => {
    const urls = [
      '/',
      `/thu-tuc/${procedureId}`,
      '/thu-tuc/tra-cuu-ho-so',
      '/thu-tuc/buu-chinh',
      '/thu-tuc/buu-chinh/yeu-cau',
      '/thu-tuc/buu-chinh/tra-cuu',
      '/thu-tuc/thong-ke',
      '/thanh-toan',
      '/danh-gia',
      '/danh-gia/kiosk',
      '/phan-anh',
      '/hoi-dap',
      '/cong-dan/ho-so',
      '/cong-dan/thong-tin',
      '/cong-dan/kho',
      '/cong-dan/phan-anh',
      '/khong-co-trang-nay',
    ];
    for (const url of urls) {
      await page.goto(`${server.baseUrl}${url}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      await fitsAndAccessible(`page${url.replace(/[^a-z0-9]+/g, '-')}`);
    }
    expect(pageErrors).toEqual([]);
    // Seventeen pages, each with axe, on a shared 2-core machine.
  }, 300_000);

  it('the payment result of a dossier the province handles gives the province’s contacts, not the commune picked on this phone', async () => {
    const db = server.ctx.db;
    await db.query(
      `INSERT INTO portal_site (unit_id, slug, title, address, phone, feedback_phone, email, updated_at) VALUES ($1, 'tinh-thu', 'UBND tỉnh Thử', 'Số 1 đường Hùng Vương', '0277 3800 111', '0277 3800 222', 'motcua@tinhthu.gov.vn', $2)`,
      [s.tree.province.id, new Date()],
    );
    // Received at the commune's desk, resolved by the province (its own procedure, province level).
    const received = await injectAs(server.app, s.desk, {
      method: 'POST',
      url: '/api/dossiers',
      payload: { idempotencyKey: `e2e-province-${Date.now()}`, procedureId, receivingUnitId: s.tree.deskA.id, resolvingUnitId: s.tree.province.id, applicant: APPLICANT, documents: [{ name: 'Tờ khai', kind: 'original', count: 1 }], eform: { hoTen: 'Nguyễn Thị Bé' }, outcome: 'accept' },
    });
    expect(received.statusCode, received.body).toBe(201);
    const paid = await injectAs(server.app, s.desk, { method: 'POST', url: `/api/dossiers/${received.json().id}/payments/cash`, payload: {} });
    expect(paid.statusCode, paid.body).toBe(201);
    const reference = (paid.json().payments as { reference: string }[])[0]!.reference;
    // The commune picked on this phone earlier is Phường An Thử: its contacts are the footer's elsewhere.
    await page.goto(`${server.baseUrl}${paymentResultPath(reference, paymentLinkToken(server.ctx.config.receiptLinkSecret, reference))}`);
    await page.getByRole('heading', { name: /thành công|Thanh toán/ }).first().waitFor();
    const unit = page.getByTestId('unit-contacts');
    await expect.poll(() => unit.innerText().catch(() => '')).toContain('UBND tỉnh Thử');
    expect(await unit.innerText()).toContain('0277 3800 111');
    expect(await unit.innerText()).not.toContain('An Thử');
    await fitsAndAccessible('payment-result-province');
    // Back on the home page the footer is the picked commune's again.
    await page.goto(`${server.baseUrl}/`);
    await expect.poll(() => page.getByTestId('unit-contacts').innerText().catch(() => '')).toContain('UBND phường An Thử');
  });
});

