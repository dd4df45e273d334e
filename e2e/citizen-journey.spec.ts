import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { injectAs, login, otpInbox } from '../server/test/app.js';
import { buildStaff, buildUnitTree } from '../server/test/factories.js';
import { CITIZEN_PASSWORD, pdf } from '../server/test/citizens.js';
import { ZProcedureContent } from '../server/src/modules/procedures/procedure.contract.js';
import { pdfText } from '../server/test/pdf-text.js';
import { launchBrowser, seriousA11yViolations, SHOTS } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The citizen's journey as a citizen lives it (issue 14), on a 390 × 844 phone, with the real birth registration of
 * the seed (server/seed/procedures.json, 1.001193): the e-form fills the applicant's own fields and leaves the child's
 * empty; the declaration typed online is not asked for again as a scan; the confirmation gives a reference that tracks
 * at once, also typed without its dashes; the on-time registration is "Miễn" and copies cost 8.000 đồng each; an
 * unknown address answers with a Vietnamese page. Every page fits the screen (scrollWidth ≤ innerWidth) and passes axe.
 */
const PHONE = { width: 390, height: 844 };
const CITIZEN = { identifier: 'cuc@example.vn', idNumber: '001192000456', fullName: 'Lê Thị Cúc', birthDate: '1992-07-08', gender: 'female' as const };

describe('the citizen journey at phone width', () => {
  let server: RunningServer;
  let browser: Browser;
  let procedureId: string;
  let copyId: string;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    const db = server.ctx.db;
    const units = await buildUnitTree(db);
    await buildStaff(db, 'quantri', [{ role: 'admin', unit: units.province }]);
    const admin = await login(server.app, 'quantri');
    const seed = JSON.parse(fs.readFileSync(path.resolve('server/seed/procedures.json'), 'utf8')) as { code: string }[];
    const content = ZProcedureContent.parse(seed.find((p) => p.code === '1.001193'));
    const created = await injectAs(server.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: units.province.id, content } });
    expect(created.statusCode, created.body).toBe(201);
    procedureId = created.json().id;
    const published = await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    expect(published.statusCode, published.body).toBe(200);
    // The copy of a civil-status extract: its subject is prefilled only when the applicant asks for themself (x-prefill-when).
    const copy = await injectAs(server.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: units.province.id, content: ZProcedureContent.parse(seed.find((p) => p.code === '2.000635')) } });
    expect(copy.statusCode, copy.body).toBe(201);
    copyId = copy.json().id;
    const copyPublished = await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${copyId}/publish`, payload: { decisionNo: '2/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    expect(copyPublished.statusCode, copyPublished.body).toBe(200);
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: PHONE });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: `${SHOTS}/mc-citizen-journey-failure.png`, fullPage: true }).catch(() => undefined);
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
    await page.screenshot({ path: `${SHOTS}/mc-citizen-${name}.png`, fullPage: true });
  }

  /** What is said about the field beside its label (aria-describedby), without the problem line. */
  async function hintOf(selector: string): Promise<string> {
    return page.locator(selector).evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter((id) => id && !id.endsWith('-problem'))
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
        .join(' '),
    );
  }

  it('finds the procedure: the on-time birth registration is free, a copy costs per copy', async () => {
    await page.goto(`${server.baseUrl}/`);
    const card = page.locator('.card', { hasText: 'Đăng ký khai sinh' });
    await card.waitFor();
    // The card shows what the rule charges: the exemption and the per-copy fee of the extract (fee.rules.ts feeSummary).
    expect(await card.innerText()).toMatch(/Phí, lệ phí: Miễn phí; bản sao 8\.000\s₫\/bản/);
    await fitsAndAccessible('home');

    await page.goto(`${server.baseUrl}/thu-tuc/${procedureId}`);
    await page.getByRole('heading', { name: 'Đăng ký khai sinh', level: 1 }).waitFor();
    const fees = await page.locator('main').innerText();
    expect(fees).toMatch(/Lệ phí đăng ký khai sinh đúng hạn: Miễn/);
    // The same summary as the card, from the same formatter (lib/fees.ts).
    expect(await page.getByTestId('fee-summary').innerText()).toMatch(/^Miễn phí; bản sao 8\.000\s₫\/bản$/);
    expect(fees).toMatch(/Phí cấp bản sao Trích lục khai sinh \(nếu có yêu cầu\): 8\.000\s₫\/bản/);
    // The unit is said once ("8.000 ₫/bản"), the note gives the legal basis only.
    expect(fees).toMatch(/8\.000\s₫\/bản — Thông tư 281\/2016\/TT-BTC\./);
    // The forms are downloadable: the declaration rendered blank from the e-form, as PDF and DOCX — no dead file name.
    const forms = page.locator('#s-templates').locator('xpath=..');
    expect(await forms.innerText()).not.toContain('.docx');
    const links = forms.getByRole('link');
    expect(await links.evaluateAll((as) => as.map((a) => a.textContent))).toEqual(['PDF Tờ khai đăng ký khai sinh', 'DOCX Tờ khai đăng ký khai sinh']);
    const pdfFile = await page.request.get(`${server.baseUrl}${await links.first().getAttribute('href')}`);
    expect(pdfFile.status()).toBe(200);
    expect((await pdfFile.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const docxFile = await page.request.get(`${server.baseUrl}${await links.nth(1).getAttribute('href')}`);
    expect(docxFile.headers()['content-disposition']).toContain('mau-to-khai-1.001193.docx');
    expect((await docxFile.body()).subarray(0, 2).toString()).toBe('PK');
    // The documents' table offers the same files beside the declaration.
    expect(await page.locator('.doc-table a[href*="/declaration?format=pdf"]').count()).toBe(1);
    await fitsAndAccessible('procedure');
  });

  it('the registration form says what is wrong, field by field, in Vietnamese', async () => {
    await page.goto(`${server.baseUrl}/cong-dan/dang-nhap`);
    await page.getByRole('button', { name: 'Chưa có tài khoản? Đăng ký' }).click();
    await page.getByRole('heading', { name: 'Đăng ký tài khoản' }).waitFor();
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.locator('#identifier-problem').waitFor();
    expect(await page.locator('#identifier-problem').innerText()).toBe('Chưa nhập "E-mail hoặc số điện thoại di động".');
    expect(await page.locator('#identifier').getAttribute('aria-invalid')).toBe('true');
    // The first wrong field has the focus: the citizen starts there.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('identifier');
    await page.locator('#identifier').fill('0168 912 3456');
    await page.locator('#password').fill('ngan');
    await page.locator('#fullName').fill('lê thị cúc');
    await page.locator('#idNumber').fill('123456789');
    await page.locator('#birthDate').fill('31/02/1992');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.locator('#birthDate-problem').waitFor();
    expect(await page.locator('#identifier-problem').innerText()).toContain('cần là số di động (ví dụ 0912 345 678) hoặc thư điện tử');
    expect(await page.locator('#password-problem').innerText()).toBe('"Mật khẩu" cần ít nhất 8 ký tự.');
    expect(await page.locator('#idNumber-problem').innerText()).toContain('số chứng minh nhân dân 9 số không còn giá trị sử dụng');
    expect(await page.locator('#birthDate-problem').innerText()).toBe('"Ngày sinh": tháng 2 năm 1992 chỉ có 29 ngày, không có ngày 31.');
    expect(await page.locator('#fullName-problem').count()).toBe(0);
    await fitsAndAccessible('register-problems');
  });

  it('the form fills the applicant\'s fields and only those; the declaration is not asked for again; the fee multiplies by the copies', async () => {
    // Registered with a password; the profile has the address and phone.
    // Registration is proved by the one-time code sent to the phone or mailbox (the test's inbox).
    const asked = await page.request.post(`${server.baseUrl}/api/citizen/auth/register`, { data: { ...CITIZEN, password: CITIZEN_PASSWORD } });
    expect(asked.status()).toBe(202);
    const reg = await page.request.post(`${server.baseUrl}/api/citizen/auth/register/confirm`, { data: { identifier: CITIZEN.identifier, code: otpInbox(server.app).lastCode(CITIZEN.identifier) } });
    expect(reg.status()).toBe(201);
    const { csrfToken } = (await reg.json()) as { csrfToken: string };
    const units = await server.ctx.db.query<{ id: string }>(`SELECT id FROM unit WHERE name = 'Phường An Thử'`);
    const patched = await page.request.patch(`${server.baseUrl}/api/citizen/me`, { data: { address: 'Số 5 đường Trần Hưng Đạo', addressUnitId: units.rows[0]!.id }, headers: { 'x-csrf-token': csrfToken } });
    expect(patched.status()).toBe(200);
    // A phone is the citizen's once the code sent to it comes back.
    expect((await page.request.post(`${server.baseUrl}/api/citizen/me/contact`, { data: { kind: 'phone', value: '0912345678' }, headers: { 'x-csrf-token': csrfToken } })).status()).toBe(202);
    const phoneCode = otpInbox(server.app).lastCode('0912345678');
    expect((await page.request.post(`${server.baseUrl}/api/citizen/me/contact/confirm`, { data: { kind: 'phone', value: '0912345678', code: phoneCode }, headers: { 'x-csrf-token': csrfToken } })).status()).toBe(200);

    await page.goto(`${server.baseUrl}/cong-dan/nop/${procedureId}`);
    await page.getByRole('heading', { name: '1. Tờ khai' }).waitFor();
    // The legal form's order: the requester first.
    const order = await page.locator('[id^="ef-"]').evaluateAll((els) => els.map((e) => e.id));
    expect(order.slice(0, 5)).toEqual(['ef-hoTenNguoiYeuCau', 'ef-noiCuTruNguoiYeuCau', 'ef-soDinhDanhNguoiYeuCau', 'ef-quanHe', 'ef-hoTen']);
    // The applicant's fields are filled, the child's are empty.
    expect(await page.locator('#ef-hoTenNguoiYeuCau').inputValue()).toBe('Lê Thị Cúc');
    expect(await page.locator('#ef-soDinhDanhNguoiYeuCau').inputValue()).toBe('001192000456');
    expect(await page.locator('#ef-noiCuTruNguoiYeuCau').inputValue()).toBe('Số 5 đường Trần Hưng Đạo');
    expect(await page.locator('#ef-hoTen').inputValue()).toBe('');
    expect(await page.locator('#ef-ngaySinh').inputValue()).toBe('');
    expect(await page.locator('#ef-gioiTinh').inputValue()).toBe('');
    expect(await page.locator('#ef-hoTenMe').inputValue()).toBe('');
    // The legal form's own defaults are there: the citizen types only what differs.
    expect(await page.locator('#ef-danToc').inputValue()).toBe('Kinh');
    expect(await page.locator('#ef-quocTich').inputValue()).toBe('Việt Nam');
    // Each value the citizen did not type says where it came from, next to the field and in what a screen reader hears.
    expect(await hintOf('#ef-hoTenNguoiYeuCau')).toBe('Điền sẵn từ hồ sơ của bạn');
    expect(await hintOf('#ef-soDinhDanhNguoiYeuCau')).toBe('Điền sẵn từ hồ sơ của bạn');
    expect(await hintOf('#ef-noiCuTruNguoiYeuCau')).toBe('Điền sẵn từ hồ sơ của bạn');
    expect(await hintOf('#ef-danToc')).toBe('Giá trị mặc định');
    expect(await hintOf('#ef-quocTich')).toBe('Giá trị mặc định');
    expect(await hintOf('#ef-hoTen')).toBe('');
    expect(await hintOf('#ef-quanHe')).toBe('');
    expect(await page.getByTestId('origin-noiCuTruNguoiYeuCau').isVisible()).toBe(true);
    await fitsAndAccessible('form');
    // Once the citizen changes the value, the hint goes; the value is theirs.
    await page.locator('#ef-noiCuTruNguoiYeuCau').fill('Số 5 đường Trần Hưng Đạo, tổ 3');
    await page.locator('#ef-danToc').fill('Tày');
    expect(await hintOf('#ef-noiCuTruNguoiYeuCau')).toBe('');
    expect(await hintOf('#ef-danToc')).toBe('');
    expect(await page.getByTestId('origin-noiCuTruNguoiYeuCau').count()).toBe(0);
    await page.locator('#ef-danToc').fill('Kinh');

    // Going on with the child's fields empty: what is wrong is said under each field, in Vietnamese.
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.locator('#ef-hoTen-problem', { hasText: 'Chưa nhập "Họ, chữ đệm, tên người được khai sinh".' }).waitFor();
    expect(await page.locator('#ef-ngaySinh').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#ef-ngaySinh').fill('31/02/2026');
    expect(await page.locator('#ef-ngaySinh-problem').innerText()).toContain('tháng 2 năm 2026 chỉ có 28 ngày, không có ngày 31.');
    await fitsAndAccessible('form-problems');

    await page.locator('#ef-hoTen').fill('nguyễn  lê minh');
    await page.locator('#ef-hoTen').blur();
    expect(await page.locator('#ef-hoTen').inputValue()).toBe('Nguyễn Lê Minh');
    await page.locator('#ef-ngaySinh').fill('05/11/2026');
    await page.locator('#ef-gioiTinh').selectOption('Nam');
    await page.locator('#ef-noiSinh').fill('Bệnh viện Đa khoa tỉnh');
    await page.locator('#ef-hoTenMe').fill('Lê Thị Cúc');
    await page.locator('#ef-quanHe').selectOption('Mẹ');
    await page.locator('#ef-soBanSao').fill('3');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // Documents: the declaration was typed online — no scan of it is asked for; it can be read as PDF.
    await page.getByRole('heading', { name: '2. Giấy tờ' }).waitFor();
    const done = page.getByTestId('declaration-done');
    expect(await done.innerText()).toContain('không cần tải bản chụp');
    expect(await page.locator('fieldset.doc-pick legend').allInnerTexts()).not.toContainEqual(expect.stringContaining('Tờ khai'));
    const declaration = await page.request.get(`${server.baseUrl}${await done.getByRole('link', { name: 'Xem tờ khai (PDF)' }).getAttribute('href')}`);
    expect((await declaration.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.locator('fieldset.doc-pick', { hasText: 'Giấy chứng sinh' }).getByLabel('hoặc tải tệp mới').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: pdf('giay chung sinh') });
    await page.locator('select option', { hasText: 'giay-chung-sinh.pdf' }).first().waitFor({ state: 'attached' });
    await fitsAndAccessible('documents');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // Review: dates as dd/MM/yyyy, the exemption and the copies × 8.000 đồng.
    await page.getByRole('heading', { name: '3. Xem lại và nộp' }).waitFor();
    // The document added at step 2 is in the saved draft: a citizen who leaves now finds it when coming back.
    await expect.poll(async () => (await server.ctx.db.query<{ n: number }>(`SELECT jsonb_array_length(data->'documents')::int AS n FROM citizen_draft WHERE procedure_id = $1`, [procedureId])).rows[0]?.n).toBe(1);
    expect(await page.locator('.facts').innerText()).toContain('05/11/2026');
    const fee = await page.getByTestId('fee-review').innerText();
    expect(fee).toContain('Lệ phí đăng ký khai sinh đúng hạn: Miễn');
    expect(fee).toMatch(/3 × 8\.000\s₫ = 24\.000\s₫/);
    expect(await page.getByTestId('fee-total').innerText()).toMatch(/Tổng cộng: 24\.000\s₫/);
    await fitsAndAccessible('review');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();

    // The confirmation: a reference to track at once, what comes next, the expected date, how the citizen is told.
    const confirmation = page.getByTestId('confirmation');
    await confirmation.waitFor();
    const reference = await page.getByTestId('submission-reference').innerText();
    expect(reference).toMatch(/^NOP-[0-9A-F]{5}-[0-9A-F]{5}$/);
    const text = await confirmation.innerText();
    expect(text).toContain('Đã nộp hồ sơ thành công');
    expect(text).toMatch(/kết quả dự kiến vào \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(text).toContain('0912345678');
    expect(await page.locator('main').innerText()).not.toContain('Chưa cấp');
    const row = await server.ctx.db.query<{ fee: number }>(`SELECT fee_vnd::int AS fee FROM dossier WHERE citizen_id IS NOT NULL`);
    expect(row.rows).toEqual([{ fee: 24000 }]);
    await fitsAndAccessible('confirmation');

    // Tracked at once, typed without dashes and in lower case.
    await page.goto(`${server.baseUrl}/thu-tuc/tra-cuu-ho-so`);
    await page.locator('#ma').fill(reference.replace(/-/g, '').toLowerCase());
    await page.locator('#secret').fill('0456');
    await page.locator('main form button[type=submit]').click();
    await page.getByText('Chờ tiếp nhận', { exact: true }).first().waitFor();
    // Not yet received: the dates say so, never an empty line.
    const facts = await page.locator('main dl.facts').innerText();
    expect(facts).toMatch(/Ngày tiếp nhận\s+Chưa tiếp nhận/);
    expect(facts).toMatch(/Hẹn trả kết quả\s+Hẹn khi bộ phận một cửa tiếp nhận hồ sơ/);
    await fitsAndAccessible('tracking');
  });

  it('a second birth: the earlier answers are offered, never the earlier child', async () => {
    await page.goto(`${server.baseUrl}/cong-dan/nop/${procedureId}`);
    await page.getByRole('heading', { name: '1. Tờ khai' }).waitFor();
    const offer = page.getByRole('group', { name: /Dùng lại thông tin từ hồ sơ trước\?/ });
    await offer.waitFor();
    // Nothing is carried over before the citizen asks.
    expect(await page.locator('#ef-hoTenMe').inputValue()).toBe('');
    await fitsAndAccessible('reuse-offer');
    await offer.getByRole('button', { name: 'Dùng lại' }).click();
    await page.getByText('Đã điền các trường còn trống từ hồ sơ trước', { exact: false }).waitFor();
    expect(await page.locator('#ef-hoTenMe').inputValue()).toBe('Lê Thị Cúc');
    expect(await page.locator('#ef-noiSinh').inputValue()).toBe('');
    expect(await page.locator('#ef-hoTen').inputValue()).toBe('');
    expect(await page.locator('#ef-ngaySinh').inputValue()).toBe('');
    expect(await page.locator('#ef-gioiTinh').inputValue()).toBe('');
  });

  it('a copy of an extract: the subject is the applicant only when the citizen says "Bản thân"', async () => {
    await page.goto(`${server.baseUrl}/cong-dan/nop/${copyId}`);
    await page.getByRole('heading', { name: '1. Tờ khai' }).waitFor();
    expect(await page.locator('#ef-hoTenNguoiYeuCau').inputValue()).toBe('Lê Thị Cúc');
    expect(await page.locator('#ef-hoTenNguoiDuocCap').inputValue()).toBe('');
    await page.locator('#ef-quanHe').selectOption('Bản thân');
    expect(await page.locator('#ef-hoTenNguoiDuocCap').inputValue()).toBe('Lê Thị Cúc');
    expect(await page.locator('#ef-ngaySinhNguoiDuocCap').inputValue()).toBe('08/07/1992');
    expect(await hintOf('#ef-hoTenNguoiDuocCap')).toBe('Điền sẵn từ hồ sơ của bạn');
    expect(await hintOf('#ef-soBanSao')).toBe('Giá trị mặc định');
    await fitsAndAccessible('copy-self');
    await page.locator('#ef-quanHe').selectOption('Con');
    expect(await page.locator('#ef-hoTenNguoiDuocCap').inputValue()).toBe('');
    expect(await page.locator('#ef-ngaySinhNguoiDuocCap').inputValue()).toBe('');
    // What the citizen types for another person stays when the answer changes back and forth.
    await page.locator('#ef-hoTenNguoiDuocCap').fill('Nguyễn Lê Minh');
    await page.locator('#ef-quanHe').selectOption('Bản thân');
    expect(await page.locator('#ef-hoTenNguoiDuocCap').inputValue()).toBe('Nguyễn Lê Minh');
    expect(await hintOf('#ef-hoTenNguoiDuocCap')).toBe('');
  });

  it('a list field is ticked, not typed: the land-data request sends what is asked, in the form\'s order', async () => {
    // Cung cấp thông tin, dữ liệu đất đai (1.012789, fully online): "Thông tin, dữ liệu yêu cầu cung cấp" is a list of
    // choices, at least one; typed as text it could never be submitted.
    const admin = await login(server.app, 'quantri');
    const ownerUnitId = (await server.ctx.db.query<{ owner_unit_id: string }>(`SELECT owner_unit_id FROM procedure WHERE id = $1`, [procedureId])).rows[0]!.owner_unit_id;
    const seed = JSON.parse(fs.readFileSync(path.resolve('server/seed/procedures.json'), 'utf8')) as { code: string }[];
    const created = await injectAs(server.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId, content: ZProcedureContent.parse(seed.find((p) => p.code === '1.012789')) } });
    expect(created.statusCode, created.body).toBe(201);
    const landId = created.json().id as string;
    const published = await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${landId}/publish`, payload: { decisionNo: '3/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    expect(published.statusCode, published.body).toBe(200);

    await page.goto(`${server.baseUrl}/cong-dan/nop/${landId}`);
    await page.getByRole('heading', { name: '1. Tờ khai' }).waitFor();
    const group = page.getByRole('group', { name: /Thông tin, dữ liệu yêu cầu cung cấp/ });
    expect(await group.getByRole('checkbox').count()).toBe(6);
    // The requester is the citizen: name and CCCD come filled from the profile (the seed's e-form declares it).
    expect(await page.locator('#ef-hoTenNguoiYeuCau').inputValue()).toBe(CITIZEN.fullName);
    expect(await page.locator('#ef-soDinhDanh').inputValue()).toBe(CITIZEN.idNumber);
    await page.locator('#ef-diaChi').fill('Số 5 đường Trần Hưng Đạo');
    await page.locator('#ef-mucDichSuDung').fill('Chuẩn bị hồ sơ chuyển nhượng');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    expect(await page.locator('#ef-noiDungYeuCau-problem').innerText()).toContain('Thông tin, dữ liệu yêu cầu cung cấp');
    // Ticked out of order, kept in the form's order.
    await group.getByRole('checkbox', { name: 'Giá đất' }).check();
    await group.getByRole('checkbox', { name: 'Trích lục bản đồ địa chính' }).check();
    expect(await page.locator('#ef-noiDungYeuCau-problem').count()).toBe(0);
    await fitsAndAccessible('list-field');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '2. Giấy tờ' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '3. Xem lại và nộp' }).waitFor();
    expect(await page.locator('.facts').innerText()).toContain('Trích lục bản đồ địa chính; Giá đất');
    const submitted = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/citizen\/dossiers/.test(new URL(r.url()).pathname));
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    expect((await submitted).status()).toBe(201);
    const { rows } = await server.ctx.db.query<{ asked: unknown }>(`SELECT eform->'noiDungYeuCau' AS asked FROM dossier WHERE procedure_id = $1`, [landId]);
    expect(rows).toEqual([{ asked: ['Trích lục bản đồ địa chính', 'Giá đất'] }]);
    // The declaration goes to the agency that receives it (not the People's Committee) and prints the citizen's facts.
    const dossierId = (await server.ctx.db.query<{ id: string }>(`SELECT id FROM dossier WHERE procedure_id = $1`, [landId])).rows[0]!.id;
    const declaration = await page.request.get(`${server.baseUrl}/api/citizen/dossiers/${dossierId}/declaration?format=pdf`);
    expect(declaration.status()).toBe(200);
    const text = pdfText(Buffer.from(await declaration.body())).replace(/\s+/g, ' ');
    expect(text).toMatch(/Kính gửi: Văn phòng đăng ký đất đai /);
    expect(text).not.toMatch(/Kính gửi: Ủy ban nhân dân/);
    expect(text).toContain(CITIZEN.fullName.toUpperCase());
    expect(text).toContain('0912345678');
  });

  it('every other portal page fits the phone: postal pages, the citizen\'s pages', async () => {
    for (const [name, url] of [['postal', '/thu-tuc/buu-chinh'], ['pickup', '/thu-tuc/buu-chinh/yeu-cau'], ['my-dossiers', '/cong-dan/ho-so'], ['profile', '/cong-dan/thong-tin'], ['store', '/cong-dan/kho']] as const) {
      await page.goto(`${server.baseUrl}${url}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      await fitsAndAccessible(name);
    }
    // The list shows the reference, never "Chưa cấp".
    await page.goto(`${server.baseUrl}/cong-dan/ho-so`);
    await page.locator('.card').first().waitFor();
    expect(await page.locator('.card').first().innerText()).toMatch(/Mã nộp hồ sơ: NOP-/);
  });

  it('a document leaves the store only after the citizen confirms, and the page says so', async () => {
    await page.goto(`${server.baseUrl}/cong-dan/kho`);
    const items = page.locator('.doc-list > li');
    await items.first().waitFor();
    const before = await items.count();
    const first = items.first();
    const name = await first.locator('a').first().innerText();
    await first.getByRole('button', { name: `Xóa ${name} khỏi kho` }).click();
    await page.getByText(`Xóa “${name}” khỏi kho dữ liệu? Hồ sơ đã nộp kèm giấy tờ này vẫn giữ bản của hồ sơ.`).waitFor();
    await fitsAndAccessible('store-confirm-delete');
    await page.getByRole('button', { name: 'Không xóa' }).click();
    expect(await items.count()).toBe(before);
    await first.getByRole('button', { name: `Xóa ${name} khỏi kho` }).click();
    await page.getByRole('button', { name: 'Xóa khỏi kho' }).click();
    await page.getByRole('status').getByText(`Đã xóa “${name}” khỏi kho dữ liệu.`).waitFor();
    expect(await items.count()).toBe(before - 1);
    await fitsAndAccessible('store-deleted');
  });

  it('a new phone number is set only with the code sent to it', async () => {
    await page.goto(`${server.baseUrl}/cong-dan/thong-tin`);
    await page.getByRole('button', { name: 'Đổi số điện thoại' }).click();
    await page.getByLabel('Số điện thoại mới').fill('0903 456 780');
    await page.getByRole('button', { name: 'Gửi mã xác thực' }).click();
    await page.getByText('Mã xác thực đã được gửi tới số điện thoại mới').waitFor();
    await page.getByLabel('Mã xác thực (6 chữ số)').fill(otpInbox(server.app).lastCode('0903456780') === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText('Mã xác thực không đúng', { exact: false }).waitFor();
    await fitsAndAccessible('profile-phone-code');
    await page.getByLabel('Mã xác thực (6 chữ số)').fill(otpInbox(server.app).lastCode('0903456780'));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText('Đã đổi số điện thoại.').waitFor();
    expect(await page.getByTestId('contact-phone-current').innerText()).toBe('0903456780');
    await fitsAndAccessible('profile-phone-changed');
  });

  it('an unknown address shows a Vietnamese page; the API answers JSON', async () => {
    const res = await page.goto(`${server.baseUrl}/trang-khong-co`);
    expect(res?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Không tìm thấy trang', level: 1 }).waitFor();
    await fitsAndAccessible('not-found');
    const api = await page.request.get(`${server.baseUrl}/api/khong-co`, { headers: { accept: 'text/html' } });
    expect(api.status()).toBe(404);
    expect((await api.json()).code).toBe('COMMON.NOT_FOUND');
    expect(pageErrors).toEqual([]);
  });
});
