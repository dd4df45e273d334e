import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { injectAs, login, type Session } from '../server/test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree, TEST_PASSWORD } from '../server/test/factories.js';
import { submitOnline } from '../server/src/modules/dossiers/use-cases/submit-online.js';
import { launchBrowser, seriousA11yViolations, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The desk officer's day at 1366 × 768 (issue 15, "At the desk"):
 * - the online answers of a birth registration on the dossier page (child, mother, place of birth), in the form's order;
 * - a CCCD typed at intake fills the applicant the province knows, and the e-form's applicant field;
 * - the receipt's QR link typed by a scanner into the search box, then Enter, opens the dossier;
 * - at least ten queue rows on the screen, step times in working hours, the home page's counts;
 * - queue numbers called to a counter and shown on the hall's public screen; "?" shows the shortcuts.
 */
const now = new Date('2026-12-02T02:00:00Z'); // Wednesday 02/12/2026 09:00 in Vietnam
const MOTHER = { idNumber: '079190001111', fullName: 'Trần Thị Mai', birthDate: '1990-03-12', address: '25 Nguyễn Trãi, phường An Thử', phone: '0987654321', email: 'mai@example.vn' };
const ANSWERS = {
  hoTenTre: 'Nguyễn Minh Khang',
  ngaySinhTre: '2026-11-20',
  gioiTinhTre: 'F',
  noiSinh: 'Bệnh viện Phụ sản Thử, phường An Thử',
  hoTenMe: 'Trần Thị Mai',
  hoTenCha: 'Nguyễn Văn Hùng',
  nguoiYeuCau: 'Trần Thị Mai',
  quanHe: 'Mẹ',
};
/** The birth registration's e-form: the legal form's order is x-order, not the (sorted) order jsonb keeps. */
const BIRTH_EFORM = {
  type: 'object',
  'x-order': ['hoTenTre', 'ngaySinhTre', 'gioiTinhTre', 'noiSinh', 'hoTenMe', 'soDinhDanhMe', 'hoTenCha', 'nguoiYeuCau', 'quanHe'],
  required: ['hoTenTre', 'ngaySinhTre', 'noiSinh'],
  properties: {
    nguoiYeuCau: { type: 'string', title: 'Họ, chữ đệm, tên người yêu cầu', 'x-prefill': 'applicant.fullName' },
    quanHe: { type: 'string', title: 'Quan hệ với người được khai sinh' },
    hoTenTre: { type: 'string', title: 'Họ, chữ đệm, tên của trẻ', 'x-kind': 'person-name' },
    ngaySinhTre: { type: 'string', format: 'date', title: 'Ngày, tháng, năm sinh của trẻ' },
    // A coded answer (as the national forms keep it): the officer and the paper read the option's label.
    gioiTinhTre: { type: 'string', enum: ['M', 'F'], enumNames: ['Nam', 'Nữ'], title: 'Giới tính của trẻ' },
    noiSinh: { type: 'string', title: 'Nơi sinh' },
    hoTenMe: { type: 'string', title: 'Họ, chữ đệm, tên người mẹ', 'x-kind': 'person-name' },
    soDinhDanhMe: { type: 'string', title: 'Số định danh cá nhân của người mẹ', pattern: '^[0-9]{12}$' },
    hoTenCha: { type: 'string', title: 'Họ, chữ đệm, tên người cha', 'x-kind': 'person-name' },
  },
};
const TITLES = ['Họ, chữ đệm, tên của trẻ', 'Ngày, tháng, năm sinh của trẻ', 'Giới tính của trẻ', 'Nơi sinh', 'Họ, chữ đệm, tên người mẹ', 'Số định danh cá nhân của người mẹ', 'Họ, chữ đệm, tên người cha', 'Họ, chữ đệm, tên người yêu cầu', 'Quan hệ với người được khai sinh'];

type Seeded = { onlineId: string; deskDossiers: { id: string; code: string }[]; deskUnitId: string };

async function seed(server: RunningServer): Promise<Seeded> {
  const db = server.ctx.db;
  const units = await buildUnitTree(db);
  await buildStaff(db, 'quantri', [{ role: 'admin', unit: units.province }]);
  await buildStaff(db, 'motcua', [{ role: 'desk_officer', unit: units.deskA }]);
  const admin = await login(server.app, 'quantri', TEST_PASSWORD);
  const desk: Session = await login(server.app, 'motcua', TEST_PASSWORD);
  const publish = async (content: ReturnType<typeof buildProcedureContent>) => {
    const created = await injectAs(server.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: units.province.id, content } });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;
    const published = await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${id}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    expect(published.statusCode, published.body).toBe(200);
    return id;
  };
  const birth = await publish(buildProcedureContent({ eform: BIRTH_EFORM, documents: [{ name: 'Giấy chứng sinh', kind: 'copy', count: 1, required: false }] }));
  const other = await publish(buildProcedureContent({ code: '1.000656', name: 'Đăng ký thường trú', eform: null, onlineLevel: 'none' }));

  // The mother registered with VNeID and submitted the birth registration online.
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO citizen_account (oidc_subject, id_number, full_name, birth_date, gender, address, address_unit_id, phone, email, id_verified_at, id_verified_via, created_at, updated_at)
     VALUES ('vneid-mai', $1, $2, $3, 'female', $4, $5, $6, $7, $8, 'oidc', $8, $8) RETURNING id`,
    [MOTHER.idNumber, MOTHER.fullName, MOTHER.birthDate, MOTHER.address, units.communeA.id, MOTHER.phone, MOTHER.email, now],
  );
  const onlineId = await submitOnline(server.ctx, { kind: 'citizen', citizenId: rows[0]!.id, fullName: MOTHER.fullName }, {
    idempotencyKey: 'online-birth-0001',
    procedureId: birth,
    resolvingUnitId: units.communeA.id,
    applicant: { kind: 'citizen', ...MOTHER, addressUnitId: units.communeA.id },
    eform: ANSWERS,
    files: [],
    documentNames: [],
    resultDelivery: 'desk',
  });

  // Eleven dossiers received at the desk today: more than a screen's worth of queue rows.
  const deskDossiers: { id: string; code: string }[] = [];
  for (let i = 0; i < 11; i++) {
    const res = await injectAs(server.app, desk, {
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        idempotencyKey: `desk-intake-${i}-key`,
        procedureId: other,
        receivingUnitId: units.deskA.id,
        resolvingUnitId: units.communeA.id,
        applicant: { kind: 'citizen', idNumber: `0870900012${String(i).padStart(2, '0')}`, fullName: `Lê Văn Thử Số ${i + 1}`, phone: '0912345678' },
        outcome: 'accept',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    deskDossiers.push(res.json() as { id: string; code: string });
  }
  return { onlineId, deskDossiers, deskUnitId: units.deskA.id };
}

describe('at the desk (1366 × 768)', () => {
  let server: RunningServer;
  let seeded: Seeded;
  let browser: Browser;
  let page: Page;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ clock: { now: () => now } });
    seeded = await seed(server);
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
    await context.clock.install({ time: now });
    contexts.push(context);
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInToConsole(page, server.baseUrl, 'motcua', TEST_PASSWORD);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await page.screenshot({ path: `${SHOTS}/mc-desk-failure.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    expect(pageErrors).toEqual([]);
  });

  const noHorizontalScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  it('the home page shows the counts: waiting, online to accept, due soon, overdue', async () => {
    const counts = page.getByRole('region', { name: 'Việc của tôi hôm nay' });
    await counts.getByRole('link', { name: 'Đang chờ xử lý: 11' }).waitFor();
    await counts.getByRole('link', { name: 'Nộp trực tuyến chờ tiếp nhận: 1' }).waitFor();
    await counts.getByRole('link', { name: /Sắp đến hạn: \d+/ }).waitFor();
    await counts.getByRole('link', { name: 'Quá hạn: 0' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/mc-desk-home.png` });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('the online birth registration shows the child, the mother and the place of birth, in the form’s order, printable', async () => {
    await page.goto(`${server.baseUrl}/console/ho-so/${seeded.onlineId}`);
    const answers = page.locator('.eform-answers');
    await answers.waitFor();
    const labels = await answers.locator('.ant-descriptions-item-label').allInnerTexts();
    expect(labels.map((l) => l.replace(/:$/, '').trim())).toEqual(TITLES);
    const value = (label: string) => answers.locator('.ant-descriptions-item', { has: page.locator('.ant-descriptions-item-label', { hasText: new RegExp(`^${label}`) }) }).locator('.ant-descriptions-item-content').innerText();
    expect(await value('Họ, chữ đệm, tên của trẻ')).toBe('Nguyễn Minh Khang');
    expect(await value('Ngày, tháng, năm sinh của trẻ')).toBe('20/11/2026');
    expect(await value('Giới tính của trẻ')).toBe('Nữ');
    // Readable at 1366 px: every answer gets a real column, not a letter per line.
    const widths = await answers.locator('.ant-descriptions-item-content').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().width));
    expect(Math.min(...widths)).toBeGreaterThan(250);
    expect(await value('Nơi sinh')).toBe('Bệnh viện Phụ sản Thử, phường An Thử');
    expect(await value('Họ, chữ đệm, tên người mẹ')).toBe('Trần Thị Mai');
    expect(await value('Họ, chữ đệm, tên người cha')).toBe('Nguyễn Văn Hùng');
    await page.getByText('Công dân khai trực tuyến').waitFor();
    const print = page.getByRole('link', { name: /In tờ khai/ });
    const pdf = await page.request.get(new URL((await print.getAttribute('href'))!, server.baseUrl).href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // The paper says what the screen says (one renderer): each answer as shown, the option's label, never its code.
    const file = join(mkdtempSync(join(tmpdir(), 'desk-')), 'to-khai.pdf');
    writeFileSync(file, await pdf.body());
    const printed = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const label of ['Ngày, tháng, năm sinh của trẻ', 'Giới tính của trẻ', 'Nơi sinh', 'Họ, chữ đệm, tên người mẹ']) {
      expect(printed).toContain(`${label}: ${await value(label)}`);
    }
    expect(await noHorizontalScroll()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/mc-desk-online-answers.png`, fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('a CCCD typed at intake fills the known applicant and the e-form’s applicant field', async () => {
    await page.goto(`${server.baseUrl}/console/ho-so/tiep-nhan`);
    const picker = page.getByLabel('Thủ tục hành chính', { exact: true });
    await picker.click();
    const searched = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/dossiers/receivable-procedures' && new URL(r.url()).searchParams.get('q') === 'khai sinh');
    await picker.fill('khai sinh');
    await searched;
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Đăng ký khai sinh' }).first().click();
    await page.getByLabel('Họ, chữ đệm, tên người yêu cầu').waitFor();
    const looked = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/applicants/lookup');
    await page.getByLabel('Số CCCD').fill(MOTHER.idNumber);
    expect((await looked).status()).toBe(200);
    await page.getByRole('status').filter({ hasText: 'Đã điền thông tin người nộp đã biết' }).waitFor();
    expect(await page.getByLabel('Họ và tên', { exact: true }).inputValue()).toBe(MOTHER.fullName);
    expect(await page.getByLabel('Ngày sinh', { exact: true }).inputValue()).toBe('12/03/1990');
    expect(await page.getByLabel('Địa chỉ', { exact: true }).inputValue()).toBe(MOTHER.address);
    expect(await page.getByLabel('Số điện thoại', { exact: true }).inputValue()).toBe(MOTHER.phone);
    expect(await page.getByLabel('Thư điện tử', { exact: true }).inputValue()).toBe(MOTHER.email);
    expect(await page.getByLabel('Họ, chữ đệm, tên người yêu cầu').inputValue()).toBe(MOTHER.fullName);
    // A field about another person is never filled from the applicant.
    expect(await page.getByLabel('Họ, chữ đệm, tên của trẻ').inputValue()).toBe('');
    // Accepting with the child's fields empty: each required field says so in Vietnamese, by its label.
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByText('Nơi sinh là thông tin bắt buộc.').waitFor();
    await page.getByText('Họ, chữ đệm, tên của trẻ là thông tin bắt buộc.').waitFor();
    await page.getByLabel('Thư điện tử', { exact: true }).fill('mai@');
    await page.getByText('Thư điện tử không phải địa chỉ thư điện tử hợp lệ (ví dụ: ten@gmail.com).').waitFor();
    expect(await page.getByText(/is required|Please enter|mẫu kiểm tra|không phải kiểu/).count()).toBe(0);
    await page.getByLabel('Thư điện tử', { exact: true }).fill(MOTHER.email);
    // The mother's number in the e-form is a CCCD too: held to its rule at the field, spaces as read dropped.
    const mothersId = page.getByLabel('Số định danh cá nhân của người mẹ', { exact: true });
    const mothersProblem = page.locator('.ant-form-item', { has: mothersId }).locator('.ant-form-item-explain-error');
    await mothersId.fill('999190012345');
    await expect.poll(() => mothersProblem.textContent()).toBe('Ba chữ số đầu (999) không phải mã tỉnh, thành phố nơi đăng ký khai sinh.');
    await mothersId.fill('079 190 001 111');
    expect(await mothersId.inputValue()).toBe('079190001111');
    await expect.poll(() => mothersProblem.count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/mc-desk-cccd-filled.png`, fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('the officer learns at the field what the server would refuse: a province code, a birth year, a phone prefix', async () => {
    await page.goto(`${server.baseUrl}/console/ho-so/tiep-nhan`);
    const id = page.getByLabel('Số CCCD', { exact: true });
    const problemOf = (label: string) => page.locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) }).locator('.ant-form-item-explain-error');
    // 12 digits, as the old check wanted, but 999 is no province (TT 07/2016/TT-BCA Phụ lục 1).
    await id.fill('999190001234');
    await expect.poll(() => problemOf('Số CCCD').textContent()).toBe('Ba chữ số đầu (999) không phải mã tỉnh, thành phố nơi đăng ký khai sinh.');
    // A number encoding 1985 beside a date of birth in 1990: said at the number, as soon as the date is given.
    await id.fill('079 185 009 999');
    expect(await id.inputValue()).toBe('079185009999');
    await expect.poll(() => problemOf('Số CCCD').count()).toBe(0);
    await page.getByLabel('Ngày sinh', { exact: true }).fill('12/03/1990');
    await page.getByLabel('Ngày sinh', { exact: true }).press('Enter');
    await expect.poll(() => problemOf('Số CCCD').textContent()).toBe('Số định danh cá nhân ứng với năm sinh 1985, không khớp với ngày sinh đã khai (năm 1990).');
    // 10 digits from 0, as the old pattern wanted, but no network or area has the prefix 012.
    await page.getByLabel('Số điện thoại', { exact: true }).fill('0123 456 789');
    await expect.poll(() => problemOf('Số điện thoại').textContent()).toBe('Đầu số điện thoại không thuộc mã mạng di động hoặc mã vùng cố định nào của Việt Nam.');
    await page.getByLabel('Số điện thoại', { exact: true }).fill('0912 345 678');
    await expect.poll(() => problemOf('Số điện thoại').count()).toBe(0);
    // An organisation: its tax code's check digit (tax-code.rules.ts), not "9 to 14 digits".
    await page.getByText('Tổ chức, doanh nghiệp', { exact: true }).click();
    // The CCCD typed is no tax code: it goes with the switch, and so does what was said of it (the look-up's note too).
    const taxCode = page.getByLabel('Mã số thuế, mã số doanh nghiệp', { exact: true });
    expect(await taxCode.inputValue()).toBe('');
    await expect.poll(() => problemOf('Mã số thuế, mã số doanh nghiệp').allTextContents()).toEqual([]);
    expect(await page.getByText('Chưa có người nộp với số CCCD này').count()).toBe(0);
    await taxCode.fill('0100109107');
    await expect.poll(() => problemOf('Mã số thuế, mã số doanh nghiệp').textContent()).toBe('Mã số thuế không đúng (chữ số kiểm tra thứ 10 không khớp); vui lòng kiểm tra lại.');
    await taxCode.fill('0100109106-001');
    await expect.poll(() => problemOf('Mã số thuế, mã số doanh nghiệp').count()).toBe(0);
    expect(await noHorizontalScroll()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/mc-desk-id-checks.png`, fullPage: true });
  });

  it('ten queue rows fit the screen; a QR scan typed into the search box with Enter opens the dossier', async () => {
    await page.goto(`${server.baseUrl}/console/ho-so`);
    const rows = page.locator('.queue-table tbody tr.ant-table-row');
    await rows.nth(10).waitFor();
    const visible = await rows.evaluateAll((trs) => trs.filter((tr) => tr.getBoundingClientRect().bottom <= window.innerHeight).length);
    expect(visible).toBeGreaterThanOrEqual(10);
    expect(await noHorizontalScroll()).toBe(true);
    // Every row is one line high, and each tag (status, "Sắp đến hạn", "Quá hạn") ends inside its own cell.
    const layout = await rows.evaluateAll((trs) => ({
      heights: trs.map((tr) => Math.round(tr.getBoundingClientRect().height)),
      clipped: trs.flatMap((tr) =>
        [...tr.querySelectorAll('td .ant-tag')].filter((tag) => tag.getBoundingClientRect().right > tag.closest('td')!.getBoundingClientRect().right + 0.5).map((tag) => tag.textContent),
      ),
    }));
    expect(Math.max(...layout.heights) - Math.min(...layout.heights)).toBeLessThanOrEqual(2);
    expect(layout.clipped).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/mc-desk-queue.png` });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The scanner types the receipt's QR link, then Enter (the "/" shortcut puts the cursor in the box first).
    const target = seeded.deskDossiers[3]!;
    await page.locator('body').press('/');
    await page.keyboard.type(`${server.baseUrl}/thu-tuc/tra-cuu-ho-so?ma=${encodeURIComponent(target.code)}`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/console/ho-so/${target.id}`);
    await page.getByRole('heading', { name: new RegExp(target.code.replace(/\./g, '\\.')) }).waitFor();
    // Internal step times read as working hours.
    await page.getByText(/^Cán bộ một cửa · .+ · 2 giờ làm việc$/).first().waitFor();
    expect(await page.getByText(/0,25/).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/mc-desk-scanned.png`, fullPage: true });

    // A name without accents finds a dossier from any tab (here the online tab, which does not list it).
    await page.goto(`${server.baseUrl}/console/ho-so?queue=online`);
    // An online dossier not yet accepted is at no step yet, not at the first step's name.
    const waiting = page.locator('.queue-table tbody tr.ant-table-row', { hasText: MOTHER.fullName });
    expect(await waiting.innerText()).toMatch(/Chưa tiếp nhận[\s\S]*Chờ tiếp nhận/);
    await page.getByRole('searchbox').fill('le van thu so 7');
    await page.getByRole('searchbox').press('Enter');
    await page.locator('.queue-table tbody tr.ant-table-row', { hasText: 'Lê Văn Thử Số 7' }).waitFor();
    // What is shown matches what was searched: every dossier, so no tab is selected, and the page says so.
    expect(await page.getByRole('tab', { selected: true }).count()).toBe(0);
    await page.getByTestId('search-scope').filter({ hasText: 'trong tất cả hồ sơ' }).waitFor();
    // Choosing a tab (the same one) goes back to its list.
    await page.getByRole('tab', { name: /Trực tuyến chờ tiếp nhận/ }).first().click();
    await page.getByRole('tab', { selected: true }).waitFor();
    expect(await page.getByTestId('search-scope').count()).toBe(0);
  });

  it('"/" then a scanned code and Enter opens the dossier from any page, the home page and the intake page included', async () => {
    for (const [from, target] of [
      ['/console', seeded.deskDossiers[5]!],
      ['/console/ho-so/tiep-nhan', seeded.deskDossiers[6]!],
    ] as const) {
      await page.goto(`${server.baseUrl}${from}`);
      await page.locator('main h1, main h2').first().waitFor();
      await page.locator('body').press('/');
      // A scanner: the code then Enter, a few milliseconds a key, right after the key that left the page.
      await page.keyboard.type(target.code, { delay: 5 });
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/console/ho-so/${target.id}`);
      await page.getByRole('heading', { name: new RegExp(target.code.replace(/\./g, '\\.')) }).waitFor();
    }
  });

  it('queue numbers are called to a counter and shown on the hall’s public screen; "?" lists the shortcuts', async () => {
    await page.goto(`${server.baseUrl}/console/goi-so`);
    await page.getByRole('heading', { name: 'Số thứ tự tại quầy' }).waitFor();
    for (const n of [1, 2]) {
      await page.getByRole('button', { name: 'Phát số mới' }).click();
      await page.getByText(`Đã phát số ${n}`).waitFor();
    }
    await page.getByLabel('Quầy số').fill('3');
    await page.getByRole('heading', { name: 'Số thứ tự tại quầy' }).click();
    await page.keyboard.press('g');
    await page.getByRole('status').filter({ hasText: 'Mời công dân có số 1 đến quầy 3' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Phím tắt tại bộ phận một cửa' });
    await help.waitFor();
    // The list comes with its own chunk (antd's Table stays out of the console's first load): header + at least 5 keys.
    await help.getByRole('row').nth(5).waitFor();
    expect(await help.getByRole('row').count()).toBeGreaterThanOrEqual(6);
    await page.screenshot({ path: `${SHOTS}/mc-desk-shortcuts.png` });
    await page.keyboard.press('Escape');

    // The TV in the hall: no sign-in.
    const tv = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1920, height: 1080 } });
    contexts.push(tv);
    const screen = await tv.newPage();
    await screen.goto(`${server.baseUrl}/console/man-hinh-goi-so/${seeded.deskUnitId}`);
    await screen.getByTestId('hall-last-number').filter({ hasText: /^1$/ }).waitFor();
    await screen.getByText('ĐẾN QUẦY 3').waitFor();
    await screen.getByText('Đang chờ: 1 người').waitFor();
    await screen.screenshot({ path: `${SHOTS}/mc-desk-hall-screen.png` });
    expect(await seriousA11yViolations(screen)).toEqual([]);
  });

  /** The intake page with "Đăng ký thường trú" (no e-form) chosen and an applicant typed. */
  const intakeOf = async (idNumber: string, fullName: string) => {
    await page.goto(`${server.baseUrl}/console/ho-so/tiep-nhan`);
    const picker = page.getByLabel('Thủ tục hành chính', { exact: true });
    await picker.click();
    await picker.fill('thường trú');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Đăng ký thường trú' }).first().click();
    await page.getByLabel('Số CCCD', { exact: true }).fill(idNumber);
    await page.getByLabel('Họ và tên', { exact: true }).fill(fullName);
  };

  it('a first press recorded while its answer was lost: after a correction the officer is shown that dossier, or records this one as new', async () => {
    await intakeOf('087090005678', 'Phạm Thị Lan');
    await page.getByLabel('Số điện thoại', { exact: true }).fill('0912 345 670');
    // The desk's network drops the answer: the server records the dossier, the browser hears nothing.
    let first: { id: string; code: string } | null = null;
    await page.route(
      '**/api/dossiers',
      async (route) => {
        const res = await route.fetch();
        first = (await res.json()) as { id: string; code: string };
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    // The procedure's declaration is not ticked as received: each press asks, and the officer receives anyway.
    const accept = async () => {
      await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
      await page.getByRole('button', { name: 'Vẫn tiếp nhận' }).click();
    };
    await accept();
    await expect.poll(() => first).not.toBeNull();
    await page.getByRole('alert').first().waitFor();
    // The officer notices a wrong digit and presses again: not a second dossier, and not silence.
    await page.getByLabel('Số điện thoại', { exact: true }).fill('0912 345 678');
    await accept();
    const { id, code } = first!;
    const warning = page.getByRole('alert').filter({ hasText: `đã được ghi nhận thành hồ sơ ${code} (người nộp: Phạm Thị Lan)` });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('lần gửi này chưa được ghi nhận');
    const open = page.getByRole('link', { name: `Mở hồ sơ ${code}` });
    expect(await open.getAttribute('href')).toBe(`/console/ho-so/${id}`);
    expect(await noHorizontalScroll()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/mc-desk-first-press-recorded.png`, fullPage: true });
    // This is another dossier after all: one press records it, with a number of its own.
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/dossiers' && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Ghi nhận thành hồ sơ mới' }).click();
    expect((await answered).status()).toBe(201);
    await page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' }).waitFor();
    expect(await page.getByText(code, { exact: true }).count()).toBe(0);
    const both = await server.ctx.db.query<{ phone: string }>(`SELECT applicant->>'phone' AS phone FROM dossier WHERE applicant->>'idNumber' = '087090005678' ORDER BY code`);
    expect(both.rows.map((r) => r.phone)).toEqual(['0912345670', '0912345678']);
  });

  it('a press whose answer was lost, then the page left and the same applicant filled again: the dossier recorded, not a second', async () => {
    const fill = async () => {
      await intakeOf('087090006789', 'Võ Văn Tám');
      await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
      await page.getByRole('button', { name: 'Vẫn tiếp nhận' }).click();
    };
    let first: { code: string } | null = null;
    await page.route(
      '**/api/dossiers',
      async (route) => {
        first = (await (await route.fetch()).json()) as { code: string };
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    await fill();
    await expect.poll(() => first).not.toBeNull();
    await page.getByRole('alert').first().waitFor();
    // The officer thinks nothing happened, goes to the queue, comes back and receives the applicant again.
    await page.goto(`${server.baseUrl}/console/ho-so`);
    await fill();
    await page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' }).waitFor();
    await page.getByText(first!.code, { exact: true }).first().waitFor();
    const { rows } = await server.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dossier WHERE applicant->>'idNumber' = '087090006789'`);
    expect(rows[0]!.n).toBe(1);
  });

  it('what the officer types while the applicant look-up is on its way stays; the fields left alone are filled', async () => {
    await page.goto(`${server.baseUrl}/console/ho-so/tiep-nhan`);
    // A slow network at the desk: the look-up answers a second and a half later.
    await page.route('**/api/applicants/lookup**', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    const looked = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/applicants/lookup');
    await page.getByLabel('Số CCCD', { exact: true }).fill(MOTHER.idNumber);
    await page.getByLabel('Họ và tên', { exact: true }).pressSequentially('Trần Thị Mai Anh');
    await looked;
    await page.getByRole('status').filter({ hasText: 'Đã điền thông tin người nộp đã biết' }).waitFor();
    expect(await page.getByLabel('Họ và tên', { exact: true }).inputValue()).toBe('Trần Thị Mai Anh');
    expect(await page.getByLabel('Địa chỉ', { exact: true }).inputValue()).toBe(MOTHER.address);
    expect(await page.getByLabel('Số điện thoại', { exact: true }).inputValue()).toBe(MOTHER.phone);
    await page.unroute('**/api/applicants/lookup**');
  });
});
