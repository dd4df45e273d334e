import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { captureOtps, injectAs, login, type OtpInbox, type Session } from '../server/test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree, TEST_PASSWORD } from '../server/test/factories.js';
import { multipart, pdf } from '../server/test/citizens.js';
import { startOidcProvider, type LocalProvider } from '../server/test/oidc-provider.js';
import { launchBrowser, seriousA11yViolations, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The online journey (toàn trình) in a real browser: a citizen signs in with VNeID (a local OpenID Connect provider),
 * submits a dossier with a prefilled e-form and an upload, pays the fee through the gateway simulator, the desk accepts
 * it in the console, the dossier is processed (through the API), the citizen downloads the result in the
 * portal and rates the handling. Each portal page passes axe (no serious or
 * critical WCAG 2.1 AA violation); the wizard works at phone width.
 */
const PROCEDURE = 'Đăng ký khai sinh';
const CITIZEN = { sub: 'vneid-e2e-1', name: 'Lê Thị Cúc', birthdate: '1992-07-08', gender: 'female', cccd: '001192000456' };

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('portal journey: VNeID sign-in, online submission, acceptance, payment, result online, rating', () => {
  let server: RunningServer;
  let idp: LocalProvider;
  let browser: Browser;
  let procedureId: string;
  let specialist: Session, leader: Session;
  let otp: OtpInbox;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/api/citizen/auth/oidc/callback`;
    idp = await startOidcProvider({ clientId: 'mot-cua', clientSecret: 'e2e-secret', redirectUri, identities: [CITIZEN] });
    server = await startServer({ port, env: { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: 'mot-cua', OIDC_CLIENT_SECRET: 'e2e-secret', OIDC_REDIRECT_URI: redirectUri } });
    otp = captureOtps(server.ctx);
    const db = server.ctx.db;
    const units = await buildUnitTree(db);
    await buildStaff(db, 'quantri', [{ role: 'admin', unit: units.province }]);
    await buildStaff(db, 'motcua', [{ role: 'desk_officer', unit: units.deskA }]);
    await buildStaff(db, 'chuyenvien', [{ role: 'specialist', unit: units.officeA }]);
    await buildStaff(db, 'lanhdao', [{ role: 'leader', unit: units.communeA }]);
    const admin = await login(server.app, 'quantri');
    const content = buildProcedureContent({
      fees: [{ name: 'Phí cấp bản sao trích lục', amountVnd: 8000 }],
      documents: [
        { name: 'Giấy chứng sinh', kind: 'original', count: 1, required: true },
        { name: 'Căn cước của người yêu cầu', kind: 'present', count: 1, required: true },
      ],
      eform: {
        type: 'object',
        properties: {
          hoTen: { type: 'string', title: 'Họ, chữ đệm, tên người yêu cầu', 'x-prefill': 'applicant.fullName' },
          soCCCD: { type: 'string', title: 'Số định danh cá nhân', 'x-prefill': 'applicant.idNumber' },
          ngaySinh: { type: 'string', format: 'date', title: 'Ngày sinh', 'x-prefill': 'applicant.birthDate' },
          tenTre: { type: 'string', title: 'Họ, chữ đệm, tên người được khai sinh' },
          quanHe: { type: 'string', title: 'Quan hệ với người được khai sinh', enum: ['Cha', 'Mẹ', 'Người thân'] },
        },
        required: ['hoTen', 'soCCCD', 'tenTre', 'quanHe'],
      },
    });
    const created = await injectAs(server.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: units.province.id, content } });
    procedureId = created.json().id;
    const published = await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    expect(published.statusCode, published.body).toBe(200);
    [specialist, leader] = [await login(server.app, 'chuyenvien'), await login(server.app, 'lanhdao')];
    browser = await launchBrowser();
  });

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const [i, p] of pages.entries()) await p.screenshot({ path: `${SHOTS}/mc-portal-failure-${i}.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await idp?.close();
  });

  async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    pages.push(page);
    return page;
  }

  const a11y = async (page: Page) => expect(await seriousA11yViolations(page)).toEqual([]);

  it('the citizen submits and pays, the desk accepts, the result is downloaded by its owner and rated', async () => {
    // Phone width: the whole journey on a 390 px screen.
    const citizen = await newPage({ width: 390, height: 844 });
    await citizen.goto(`${server.baseUrl}/thu-tuc/${procedureId}`);
    await citizen.getByRole('heading', { name: PROCEDURE, level: 1 }).waitFor();
    await citizen.getByRole('link', { name: 'Nộp trực tuyến' }).click();

    // Sign-in page (no session yet), then VNeID at the local provider (its development login and consent pages).
    await citizen.getByRole('heading', { name: 'Đăng nhập cổng dịch vụ công' }).waitFor();
    await a11y(citizen);
    await citizen.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
    await citizen.locator('input[name=login]').fill(CITIZEN.sub);
    await citizen.locator('input[name=password]').fill('any-password');
    await citizen.locator('button[type=submit]').click();
    await citizen.locator('input[name=prompt][value=consent]').waitFor({ state: 'attached' });
    await citizen.locator('button[type=submit]').click();

    // Back in the wizard: the e-form is prefilled from the identity (Công dân không viết).
    await citizen.getByRole('heading', { name: PROCEDURE, level: 1 }).waitFor();
    expect(new URL(citizen.url()).pathname).toBe(`/cong-dan/nop/${procedureId}`);
    expect(await citizen.getByLabel(/Họ, chữ đệm, tên người yêu cầu/).inputValue()).toBe('Lê Thị Cúc');
    expect(await citizen.getByLabel(/Số định danh cá nhân/).inputValue()).toBe('001192000456');
    expect(await citizen.getByLabel(/Ngày sinh/).inputValue()).toBe('08/07/1992');
    await a11y(citizen);
    await citizen.getByLabel(/Cơ quan giải quyết/).selectOption({ label: 'Phường An Thử' });
    // The child's name is someone else's: not filled with the citizen's.
    expect(await citizen.getByLabel(/Họ, chữ đệm, tên người được khai sinh/).inputValue()).toBe('');
    await citizen.getByLabel(/Họ, chữ đệm, tên người được khai sinh/).fill('Nguyễn Lê Minh');
    await citizen.getByLabel(/Quan hệ với người được khai sinh/).selectOption('Mẹ');
    await citizen.getByRole('button', { name: 'Lưu nháp' }).click();
    await citizen.getByText(/Đã lưu nháp lúc/).waitFor();
    await citizen.screenshot({ path: `${SHOTS}/mc-portal-wizard.png`, fullPage: true });
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

    // Documents: the birth certificate uploaded now (it joins the store); the ID card is shown at the desk.
    await citizen.getByRole('heading', { name: '2. Giấy tờ' }).waitFor();
    await citizen.getByLabel('hoặc tải tệp mới').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: pdf('giay chung sinh') });
    await citizen.locator('select option', { hasText: 'giay-chung-sinh.pdf' }).waitFor({ state: 'attached' });
    await a11y(citizen);
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

    // Review with the fee, the result online, submit.
    await citizen.getByRole('heading', { name: '3. Xem lại và nộp' }).waitFor();
    expect(await citizen.locator('.facts').innerText()).toMatch(/8\.000\s?₫/);
    expect(await citizen.getByLabel('Trực tuyến trên cổng').isChecked()).toBe(true);
    expect(await citizen.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await a11y(citizen);
    await citizen.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await citizen.getByText('Chờ tiếp nhận', { exact: true }).waitFor();
    const dossierId = new URL(citizen.url()).pathname.split('/').pop()!;
    await a11y(citizen);
    await citizen.screenshot({ path: `${SHOTS}/mc-portal-submitted.png`, fullPage: true });

    // The citizen pays the fee online right away, through the gateway simulator, before the desk has accepted.
    await citizen.getByText('Chưa thanh toán').waitFor();
    await citizen.getByRole('button', { name: 'Thanh toán qua VNPay' }).click();
    await citizen.waitForURL(/\/sim\/vnpay\/pay\?/);
    expect(await citizen.locator('#amount').textContent()).toBe('8.000 đồng');
    await citizen.getByRole('button', { name: 'Thanh toán' }).click();
    await citizen.getByRole('heading', { name: 'Thanh toán thành công' }).waitFor();
    await a11y(citizen);
    const paid = await server.ctx.db.query(`SELECT method, status FROM payment WHERE dossier_id = $1`, [dossierId]);
    expect(paid.rows).toEqual([{ method: 'vnpay', status: 'paid' }]);

    // The desk sees it in the online queue and accepts it in the console.
    const desk = await newPage();
    await signInToConsole(desk, server.baseUrl, 'motcua', TEST_PASSWORD);
    await desk.goto(`${server.baseUrl}/console/ho-so`);
    await desk.getByRole('tab', { name: /Trực tuyến chờ tiếp nhận/ }).click();
    await desk.locator('.ant-table-row', { hasText: 'Lê Thị Cúc' }).waitFor();
    await desk.goto(`${server.baseUrl}/console/ho-so/${dossierId}`);
    await desk.getByRole('group', { name: 'Thao tác xử lý hồ sơ' }).getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    const dialog = desk.getByRole('dialog');
    await dialog.waitFor();
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: 'Tiếp nhận' }).click();
    await desk.locator('h2 .ant-tag', { hasText: 'Đã tiếp nhận' }).waitFor();

    // Accepted: the fee paid at submission shows as paid.
    await citizen.goto(`${server.baseUrl}/cong-dan/ho-so/${dossierId}`);
    await citizen.getByText('Đã thanh toán').waitFor();

    // Processing through the API: the desk forwards, the specialist forwards, the leader attaches the result and approves.
    const deskSession = await login(server.app, 'motcua');
    const act = (s: Session, action: string) => injectAs(server.app, s, { method: 'POST', url: `/api/dossiers/${dossierId}/actions`, payload: { action } });
    expect((await act(deskSession, 'forward')).statusCode).toBe(200);
    expect((await act(specialist, 'forward')).statusCode).toBe(200);
    const m = multipart({ name: 'giay-khai-sinh.pdf', content: pdf('ket qua giay khai sinh') }, { documentName: 'Giấy khai sinh', kind: 'result' });
    expect((await injectAs(server.app, leader, { method: 'POST', url: `/api/dossiers/${dossierId}/files`, payload: m.payload, headers: m.headers })).statusCode).toBe(201);
    expect((await act(leader, 'approve')).json().status).toBe('result_ready');

    // The citizen sees the result and downloads it; it is in their document store.
    await citizen.reload();
    await citizen.getByText('Đã có kết quả, chờ trả', { exact: true }).waitFor();
    expect(await citizen.locator('h1').innerText()).toMatch(/-\d{6}-000001$/);
    const [download] = await Promise.all([citizen.waitForEvent('download'), citizen.getByRole('link', { name: /Tải kết quả: Giấy khai sinh/ }).click()]);
    const chunks: Buffer[] = [];
    for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString('latin1')).toContain('ket qua giay khai sinh');
    await a11y(citizen);

    // With the result in hand, the citizen rates the handling of the dossier on the nine indicators, once.
    // Signed in, they rate on their dossier's page, without typing its code again.
    const rating = citizen.locator('section[aria-labelledby="own-rate-title"]');
    await rating.getByRole('heading', { name: 'Đánh giá việc giải quyết hồ sơ này' }).waitFor();
    for (let i = 1; i <= 9; i++) await rating.getByRole('group', { name: new RegExp(`^${i}\\. `) }).getByRole('radio').first().check();
    await a11y(citizen);
    await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await rating.getByText('Cảm ơn ông/bà đã đánh giá!').waitFor();
    const rated = await server.ctx.db.query(`SELECT channel FROM satisfaction_rating WHERE dossier_id = $1`, [dossierId]);
    expect(rated.rows).toEqual([{ channel: 'portal' }]);
    await citizen.goto(`${server.baseUrl}/cong-dan/ho-so/${dossierId}`);
    await citizen.getByText('Đã có kết quả, chờ trả', { exact: true }).waitFor();

    await citizen.screenshot({ path: `${SHOTS}/mc-portal-result.png`, fullPage: true });
    await citizen.getByRole('link', { name: 'Kho dữ liệu' }).click();
    await citizen.getByRole('heading', { name: 'Kho dữ liệu' }).waitFor();
    await citizen.getByText('Kết quả TTHC').waitFor();
    await a11y(citizen);
    await citizen.getByRole('link', { name: 'Hồ sơ của tôi' }).first().click();
    await citizen.getByRole('heading', { name: 'Hồ sơ của tôi', level: 1 }).waitFor();
    await a11y(citizen);
    await citizen.getByRole('link', { name: 'Thông tin cá nhân' }).click();
    await citizen.getByRole('heading', { name: 'Thông tin cá nhân' }).waitFor();
    expect(await citizen.getByLabel(/Số căn cước/).inputValue()).toBe('001192000456');
    await a11y(citizen);

    // Another browser without the citizen's session cannot fetch the result.
    const stranger = await newPage();
    const res = await stranger.request.get(`${server.baseUrl}/api/citizen/dossiers/${dossierId}`);
    expect(res.status()).toBe(401);
    expect(pageErrors).toEqual([]);
  });

  it('without VNeID: registration by phone, sign-out, password sign-in, profile and document store', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(`${server.baseUrl}/cong-dan/dang-nhap`);
    await page.getByRole('button', { name: 'Chưa có tài khoản? Đăng ký' }).click();
    await page.getByRole('heading', { name: 'Đăng ký tài khoản' }).waitFor();
    await a11y(page);
    await page.getByLabel('E-mail hoặc số điện thoại di động').fill('0912 345 678');
    await page.getByLabel('Mật khẩu').fill('Mat-khau-cong-dan-1');
    await page.getByLabel('Họ, chữ đệm và tên').fill('Nguyễn Văn An');
    await page.getByLabel('Số căn cước (12 chữ số)').fill('087090001234');
    await page.getByLabel('Ngày sinh').fill('01/05/1990');
    await page.getByLabel('Giới tính').selectOption('male');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    // The phone is proven by the code sent to it before any account exists.
    await page.getByRole('status').filter({ hasText: 'Mã xác thực đã được gửi tới số điện thoại' }).waitFor();
    await a11y(page);
    await page.getByLabel('Mã xác thực (6 chữ số)').fill(otp.lastCode('0912345678'));
    await page.getByRole('button', { name: 'Xác nhận đăng ký' }).click();
    await page.getByRole('heading', { name: 'Hồ sơ của tôi', level: 1 }).waitFor();
    await page.getByText('Bạn chưa có hồ sơ nào', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.goto(`${server.baseUrl}/cong-dan/kho`);
    await page.getByRole('heading', { name: 'Đăng nhập cổng dịch vụ công' }).waitFor();
    await page.getByLabel('E-mail hoặc số điện thoại di động').fill('+84912345678');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'không đúng' }).waitFor();
    await page.getByLabel('Mật khẩu').fill('Mat-khau-cong-dan-1');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { name: 'Kho dữ liệu', level: 1 }).waitFor();

    await page.getByLabel('Tên giấy tờ').fill('Giấy khai sinh bản sao');
    await page.getByLabel(/^Tệp/).setInputFiles({ name: 'khai-sinh.pdf', mimeType: 'application/pdf', buffer: pdf('ban sao khai sinh') });
    await page.getByRole('button', { name: 'Tải lên' }).click();
    await page.getByRole('link', { name: 'Giấy khai sinh bản sao' }).waitFor();
    await page.getByLabel('Tên giấy tờ').fill('Không phải PDF');
    await page.getByLabel(/^Tệp/).setInputFiles({ name: 'gia.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>gia</html>') });
    await page.getByRole('button', { name: 'Tải lên' }).click();
    await page.getByRole('alert').filter({ hasText: 'không đúng định dạng' }).waitFor();
    await a11y(page);

    await page.getByRole('link', { name: 'Thông tin cá nhân' }).click();
    await page.getByLabel('Địa chỉ (số nhà, đường, thôn/tổ)').fill('Số 1 đường Lê Lợi');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu.').waitFor();
    // The phone proved at registration is shown, changed only through a code (ContactChange).
    expect(await page.getByTestId('contact-phone-current').innerText()).toBe('0912345678');
    await a11y(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
