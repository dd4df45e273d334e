import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { injectAs, login } from '../server/test/app.js';
import { buildStaff, buildUnitTree, TEST_PASSWORD } from '../server/test/factories.js';
import { ZProcedureContent } from '../server/src/modules/procedures/procedure.contract.js';
import { launchBrowser, seriousA11yViolations, signInToConsole, SHOTS } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Desk intake at 1366 × 768 fills the e-form with the portal's rules (issue 14; eform.rules.ts followPrefill,
 * citizen.rules.ts applicantOffer — one implementation), with the seed's real e-forms (server/seed/procedures.json):
 * - birth registration (1.001193): the requester's fields take the applicant typed at the counter; the child's name,
 *   birth date and gender stay empty; dân tộc / quốc tịch start with the form's defaults; each such field says so
 *   ("Điền sẵn từ thông tin người nộp", "Giá trị mặc định") until the officer changes it; a value typed over a
 *   prefilled one stays when the applicant is corrected;
 * - the fee shown is the procedure's rule (fee.rules.ts, as on the portal): "Miễn" with no copy asked, 8.000 đ a copy;
 * - copy of a civil-status extract (2.000635): the subject is the applicant only while "Bản thân" is chosen (x-prefill-when).
 */
const APPLICANT = { idNumber: '079190002222', fullName: 'Phạm Thị Hoa', birthDate: '12/03/1990', address: '12 Lý Thường Kiệt, phường An Thử' };

describe('desk intake fills the e-form as the portal does (1366 × 768)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    const db = server.ctx.db;
    const units = await buildUnitTree(db);
    await buildStaff(db, 'quantri', [{ role: 'admin', unit: units.province }]);
    await buildStaff(db, 'motcua', [{ role: 'desk_officer', unit: units.deskA }]);
    const admin = await login(server.app, 'quantri', TEST_PASSWORD);
    const seed = JSON.parse(fs.readFileSync(path.resolve('server/seed/procedures.json'), 'utf8')) as { code: string }[];
    for (const code of ['1.001193', '2.000635']) {
      const content = ZProcedureContent.parse(seed.find((p) => p.code === code));
      const created = await injectAs(server.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: units.province.id, content } });
      expect(created.statusCode, created.body).toBe(201);
      const published = await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${created.json().id}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
      expect(published.statusCode, published.body).toBe(200);
    }
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInToConsole(page, server.baseUrl, 'motcua', TEST_PASSWORD);
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: `${SHOTS}/mc-desk-prefill-failure.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    expect(pageErrors).toEqual([]);
  });

  const value = (label: string) => page.getByLabel(label, { exact: true }).inputValue();
  /** What is said under the field and tied to it (antd's `extra`, read through aria-describedby). */
  const hintOf = (label: string) =>
    page.getByLabel(label, { exact: true }).evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.querySelector('.field-origin')?.textContent?.trim() ?? '')
        .join(''),
    );
  const noHorizontalScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  async function pickProcedure(words: string, name: string): Promise<void> {
    const picker = page.getByLabel('Thủ tục hành chính', { exact: true });
    await picker.click();
    const searched = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/dossiers/receivable-procedures' && new URL(r.url()).searchParams.get('q') === words);
    await picker.fill(words);
    await searched;
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).first().click();
  }

  async function choose(label: string, option: string): Promise<void> {
    await page.getByLabel(label, { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: new RegExp(`^${option}$`) }).click();
  }

  it('a birth registration: the requester is the applicant, the child is nobody\'s prefill, defaults say so', async () => {
    await page.goto(`${server.baseUrl}/console/ho-so/tiep-nhan`);
    await pickProcedure('khai sinh', 'Đăng ký khai sinh');
    await page.getByLabel('Họ, chữ đệm, tên người đi khai sinh').waitFor();
    // The form's own defaults, before any applicant is typed.
    expect(await value('Dân tộc')).toBe('Kinh');
    expect(await value('Quốc tịch')).toBe('Việt Nam');
    expect(await hintOf('Dân tộc')).toBe('Giá trị mặc định');
    expect(await hintOf('Họ, chữ đệm, tên người đi khai sinh')).toBe('');

    const looked = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/applicants/lookup');
    await page.getByLabel('Số CCCD').fill(APPLICANT.idNumber);
    await looked;
    await page.getByLabel('Họ và tên', { exact: true }).fill(APPLICANT.fullName);
    await page.getByLabel('Ngày sinh', { exact: true }).fill(APPLICANT.birthDate);
    await page.getByLabel('Ngày sinh', { exact: true }).press('Enter');
    await page.getByLabel('Địa chỉ', { exact: true }).fill(APPLICANT.address);

    // The applicant's own fields, each from its fact, and saying so.
    expect(await value('Họ, chữ đệm, tên người đi khai sinh')).toBe(APPLICANT.fullName);
    expect(await value('Số định danh cá nhân của người đi khai sinh')).toBe(APPLICANT.idNumber);
    expect(await value('Nơi cư trú của người đi khai sinh')).toBe(APPLICANT.address);
    for (const label of ['Họ, chữ đệm, tên người đi khai sinh', 'Số định danh cá nhân của người đi khai sinh', 'Nơi cư trú của người đi khai sinh']) {
      expect(await hintOf(label), label).toBe('Điền sẵn từ thông tin người nộp');
    }
    // The child is another person: never the applicant's name, birth date or gender.
    expect(await value('Họ, chữ đệm, tên người được khai sinh')).toBe('');
    expect(await value('Ngày, tháng, năm sinh')).toBe('');
    expect(await page.locator('.ant-form-item', { has: page.getByLabel('Giới tính', { exact: true }) }).locator('.ant-select-selection-item').count()).toBe(0);
    expect(await hintOf('Họ, chữ đệm, tên người được khai sinh')).toBe('');
    expect(await value('Họ, chữ đệm, tên người mẹ')).toBe('');
    expect(await noHorizontalScroll()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/mc-desk-prefill-birth.png`, fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The officer corrects the requester's address in the e-form: the hint goes, and the value stays when the
    // applicant's name is corrected (which the untouched name field follows).
    await page.getByLabel('Nơi cư trú của người đi khai sinh').fill('Tổ 4, phường An Thử');
    expect(await hintOf('Nơi cư trú của người đi khai sinh')).toBe('');
    await page.getByLabel('Dân tộc', { exact: true }).fill('Tày');
    expect(await hintOf('Dân tộc')).toBe('');
    await page.getByLabel('Họ và tên', { exact: true }).fill('Phạm Thị Hoa Mai');
    await page.getByLabel('Địa chỉ', { exact: true }).fill('12 Lý Thường Kiệt');
    expect(await value('Họ, chữ đệm, tên người đi khai sinh')).toBe('Phạm Thị Hoa Mai');
    expect(await hintOf('Họ, chữ đệm, tên người đi khai sinh')).toBe('Điền sẵn từ thông tin người nộp');
    expect(await value('Nơi cư trú của người đi khai sinh')).toBe('Tổ 4, phường An Thử');
    expect(await value('Họ, chữ đệm, tên người được khai sinh')).toBe('');

    // The fee is the procedure's rule, as on the portal: on-time registration is free, each copy of the extract asked
    // costs 8.000 đồng (fee.rules.ts; the server records the same).
    const fee = page.getByTestId('intake-fee');
    expect(await fee.textContent()).toBe('Miễn');
    await page.getByLabel('Số bản sao Trích lục khai sinh đề nghị cấp').fill('2');
    await expect.poll(() => fee.textContent()).toMatch(/^16\.000\s₫$/);
    await page.getByLabel('Số bản sao Trích lục khai sinh đề nghị cấp').fill('0');
    await expect.poll(() => fee.textContent()).toBe('Miễn');
  });

  it('a copy of an extract: the subject takes the applicant only while "Bản thân" is chosen', async () => {
    await page.goto(`${server.baseUrl}/console/ho-so/tiep-nhan`);
    await page.getByLabel('Số CCCD').fill(APPLICANT.idNumber);
    await page.getByLabel('Họ và tên', { exact: true }).fill(APPLICANT.fullName);
    await page.getByLabel('Ngày sinh', { exact: true }).fill(APPLICANT.birthDate);
    await page.getByLabel('Ngày sinh', { exact: true }).press('Enter');
    await pickProcedure('trích lục', 'Cấp bản sao Trích lục hộ tịch');
    await page.getByLabel('Họ, chữ đệm, tên người yêu cầu', { exact: true }).waitFor();
    // Typed before the procedure was picked: the new form is filled at once.
    expect(await value('Họ, chữ đệm, tên người yêu cầu')).toBe(APPLICANT.fullName);
    expect(await value('Họ, chữ đệm, tên người được cấp bản sao')).toBe('');
    expect(await value('Số bản sao đề nghị cấp')).toBe('1');
    expect(await hintOf('Số bản sao đề nghị cấp')).toBe('Giá trị mặc định');

    await choose('Quan hệ với người được cấp bản sao', 'Bản thân');
    expect(await value('Họ, chữ đệm, tên người được cấp bản sao')).toBe(APPLICANT.fullName);
    expect(await value('Ngày sinh người được cấp bản sao')).toBe(APPLICANT.birthDate);
    expect(await hintOf('Họ, chữ đệm, tên người được cấp bản sao')).toBe('Điền sẵn từ thông tin người nộp');
    await page.screenshot({ path: `${SHOTS}/mc-desk-prefill-copy-self.png`, fullPage: true });

    await choose('Quan hệ với người được cấp bản sao', 'Con');
    expect(await value('Họ, chữ đệm, tên người được cấp bản sao')).toBe('');
    expect(await value('Ngày sinh người được cấp bản sao')).toBe('');
    // What the officer types for another person stays when the answer goes back to "Bản thân".
    await page.getByLabel('Họ, chữ đệm, tên người được cấp bản sao', { exact: true }).fill('Nguyễn Minh Khang');
    await choose('Quan hệ với người được cấp bản sao', 'Bản thân');
    expect(await value('Họ, chữ đệm, tên người được cấp bản sao')).toBe('Nguyễn Minh Khang');
    expect(await hintOf('Họ, chữ đệm, tên người được cấp bản sao')).toBe('');
    // The birth date, untouched, is the applicant's again.
    expect(await value('Ngày sinh người được cấp bản sao')).toBe(APPLICANT.birthDate);
    expect(await noHorizontalScroll()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
