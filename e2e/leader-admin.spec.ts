import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { injectAs, login, type Session } from '../server/test/app.js';
import { registerCitizen } from '../server/test/citizens.js';
import { buildProcedureContent, buildStaff, buildUnit, TEST_PASSWORD } from '../server/test/factories.js';
import { launchBrowser, seriousA11yViolations, settled, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Issue 15, the leader and the administrator (1366 × 768): a ward's leader produces the ward's daily report now and
 * reads Biểu 06 with its column names; the administrator sees a version published for a later date as "Sắp áp dụng
 * từ …", builds an e-form in the designer (adds a field, marks it required, moves it up) and the citizen's portal, at
 * phone width, shows the new field where it was put.
 */
const now = new Date('2026-11-30T02:00:00Z'); // Monday 30/11/2026 09:00 in Vietnam
const NEW_FIELD = 'Nơi làm việc của người mẹ';

describe('leader and administrator journeys', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Session;
  let futureId: string, designedId: string;
  let citizenCookie: string;
  let officeCode: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let current: Page | null = null;

  beforeAll(async () => {
    server = await startServer({ clock: { now: () => now } });
    const db = server.ctx.db;
    const province = await buildUnit(db, { kind: 'province', name: 'Tỉnh Lãnh Đạo' });
    const ward = await buildUnit(db, { kind: 'commune', parent: province, name: 'Phường Tân Thử' });
    const desk = await buildUnit(db, { kind: 'desk', parent: ward, name: 'Bộ phận một cửa phường Tân Thử' });
    officeCode = (await buildUnit(db, { kind: 'office', parent: ward, name: 'Phòng Văn hóa - Xã hội phường' })).code;
    await buildStaff(db, 'quantri', [{ role: 'admin', unit: province }]);
    await buildStaff(db, 'motcua', [{ role: 'desk_officer', unit: desk }]);
    await buildStaff(db, 'lanhdao.phuong', [{ role: 'leader', unit: ward }]);
    admin = await login(server.app, 'quantri', TEST_PASSWORD);
    const create = async (code: string, name: string) => {
      const res = await injectAs(server.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: province.id, content: buildProcedureContent({ code, name }) } });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { id: string }).id;
    };
    const publish = async (id: string, effectiveFrom: string) => {
      const res = await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${id}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-11-01', effectiveFrom } });
      expect(res.statusCode, res.body).toBeLessThan(300);
    };
    const inForce = await create('1.001193', 'Đăng ký khai sinh');
    await publish(inForce, '2026-01-01');
    futureId = await create('1.001022', 'Đăng ký kết hôn');
    await publish(futureId, '2027-01-01');
    designedId = await create('1.004746', 'Đăng ký nhận cha, mẹ, con');

    const officer = await login(server.app, 'motcua', TEST_PASSWORD);
    for (const i of [1, 2]) {
      const res = await injectAs(server.app, officer, {
        method: 'POST',
        url: '/api/dossiers',
        payload: {
          idempotencyKey: `e2e-leader-${i}`,
          procedureId: inForce,
          receivingUnitId: desk.id,
          resolvingUnitId: ward.id,
          applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Nguyễn Văn An' },
          eform: { hoTen: 'Bé' },
          outcome: 'accept',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const citizen = await registerCitizen(server.app, { identifier: '0912345678', idNumber: '001192000456', fullName: 'Lê Thị Cúc', birthDate: '1992-07-08' });
    citizenCookie = citizen.cookie.split('=')[1]!;
    browser = await launchBrowser();
  });

  async function newPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport });
    await context.clock.install({ time: now });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    current = page;
    return page;
  }

  const signIn = (page: Page, username: string) => signInToConsole(page, server.baseUrl, username, TEST_PASSWORD);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && current) await current.screenshot({ path: `${SHOTS}/mc-leader-admin-failure.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('the ward leader produces the ward’s daily report now and reads Biểu 06 by its column names', async () => {
    const page = await newPage({ width: 1366, height: 768 });
    await signIn(page, 'lanhdao.phuong');
    await page.getByRole('menuitem', { name: 'Báo cáo' }).click();
    await page.getByTestId('report-unit').getByText('Phường Tân Thử').waitFor();
    // The figures come first; the charts after them, in their own chunk.
    await page.locator('[role=img][aria-label="Diễn biến theo tháng"] canvas').waitFor();
    expect(await page.locator('.ant-statistic').first().innerText()).toContain('2');
    // Both on-time rates are named, and each says how it is computed.
    await page.getByText('Tỷ lệ đúng hạn (cách tính Cổng DVCQG)').first().waitFor();
    await page.getByText('Tỷ lệ đúng hạn (hồ sơ đã giải quyết)').first().hover();
    await page.getByRole('tooltip').getByText(/NĐ 61\/2018 Điều 30/).waitFor();
    await page.mouse.move(0, 0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Báo cáo nhanh hằng ngày' }).click();
    await page.getByText('Lập ngay báo cáo nhanh hôm nay của Phường Tân Thử').waitFor();
    await page.getByRole('button', { name: 'Lập ngay' }).click();
    const view = page.getByTestId('daily-view');
    await view.getByRole('heading', { name: 'Báo cáo nhanh ngày 30/11/2026 — Phường Tân Thử' }).waitFor();
    const headers = await view.locator('thead th').allInnerTexts();
    const col = headers.findIndex((h) => h.trim() === 'Tiếp nhận trực tiếp');
    expect(col).toBeGreaterThan(0);
    const totalRow = view.locator('tbody tr.ant-table-row').first();
    expect(await totalRow.locator('td').nth(0).innerText()).toBe('Phường Tân Thử');
    expect(await totalRow.locator('td').nth(col).innerText()).toBe('2');
    // The ward's own dossiers on their own line, then its office before its desk (report order, not the alphabet).
    const lines = (await view.locator('tbody tr.ant-table-row').evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent?.trim() ?? '')));
    expect(lines).toEqual(['Phường Tân Thử', 'Phường Tân Thử (trực tiếp tại đơn vị)', 'Phòng Văn hóa - Xã hội phường', 'Bộ phận một cửa phường Tân Thử']);
    expect(await view.locator('tbody tr.ant-table-row').nth(1).locator('td').nth(col).innerText()).toBe('2');
    expect(await page.locator('.ant-table-row', { hasText: '30/11/2026' }).innerText()).toContain('Phường Tân Thử');
    await page.screenshot({ path: `${SHOTS}/mc-leader-daily.png`, fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Báo cáo kỳ (Biểu 06)' }).click();
    const head = page.locator('.ant-table-thead');
    await head.getByText('Số hồ sơ nhận giải quyết').waitFor();
    const names = (await head.locator('th').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    for (const name of ['Lĩnh vực, công việc giải quyết theo cấp (2)', 'Số hồ sơ nhận giải quyết', 'Tổng số (3)', 'Trực tuyến (4)', 'Trực tiếp, dịch vụ bưu chính (5)', 'Từ kỳ trước (6)', 'Số hồ sơ đã giải quyết', 'Trước hạn (8)', 'Đúng hạn (9)', 'Quá hạn (10)', 'Số hồ sơ đang giải quyết', 'Trong hạn (12)', 'Quá hạn (13)']) {
      expect(names, name).toContain(name);
    }
    // No column is a bare number.
    expect(names.filter((n) => /^\(\d+\)$/.test(n))).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/mc-leader-bieu06.png`, fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('a version published for a later date is "Sắp áp dụng từ", not in force', async () => {
    const page = await newPage({ width: 1366, height: 768 });
    await signIn(page, 'quantri');
    await page.goto(`${server.baseUrl}/console/thu-tuc/${futureId}`);
    await page.getByText(/Sắp áp dụng từ 01\/01\/2027/).first().waitFor();
    await page.getByRole('tab', { name: /Các phiên bản/ }).click();
    const row = page.getByRole('tabpanel', { name: /Các phiên bản/ }).locator('.ant-table-row').first();
    expect(await row.innerText()).toContain('Sắp áp dụng từ 01/01/2027');
    expect(await row.innerText()).not.toContain('Đang áp dụng');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('the administrator builds the e-form in the designer and the citizen’s portal shows it', async () => {
    const page = await newPage({ width: 1366, height: 768 });
    await signIn(page, 'quantri');
    await page.goto(`${server.baseUrl}/console/thu-tuc/${designedId}/sua`);
    const preview = page.getByTestId('designer-preview');
    await preview.getByText('Họ, chữ đệm, tên').waitFor();
    await page.getByRole('button', { name: 'Thêm trường' }).click();
    await page.getByLabel('Nhãn trường 2').fill(NEW_FIELD);
    await page.getByTestId('designer-field-2').getByRole('checkbox', { name: 'Bắt buộc' }).check();
    // What belongs to this case only is never offered from the citizen's earlier dossier (x-reuse: false).
    await page.getByTestId('designer-field-2').getByRole('checkbox', { name: 'Gợi ý dùng lại từ hồ sơ trước' }).uncheck();
    await page.getByRole('button', { name: `Đưa lên: ${NEW_FIELD}` }).click();
    // The preview is the portal's renderer: the new field first, marked required.
    await expect.poll(async () => (await preview.locator('.field > label').allInnerTexts()).map((s) => s.trim())).toEqual([`${NEW_FIELD} (bắt buộc)`, 'Họ, chữ đệm, tên (bắt buộc)']);
    expect(await page.getByLabel('Nhãn trường 1').inputValue()).toBe(NEW_FIELD);
    expect(await page.getByLabel('Mã trường 1').inputValue()).toBe('noiLamViecCuaNguoiMe');
    await settled(page);
    await page.screenshot({ path: `${SHOTS}/mc-form-designer.png`, fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The specialist's step is done by the ward's office, picked from the unit tree.
    await page.getByLabel('Đơn vị thực hiện').nth(1).click();
    await page.locator('.ant-select-tree').getByText('Phòng Văn hóa - Xã hội phường', { exact: false }).click();
    await page.getByRole('button', { name: 'Lưu dự thảo' }).first().click();
    await page.waitForURL(`**/console/thu-tuc/${designedId}`);

    const saved = await injectAs(server.app, admin, { method: 'GET', url: `/api/procedures/${designedId}` });
    const draftId = (saved.json() as { versions: { id: string; state: string }[] }).versions.find((v) => v.state === 'draft')!.id;
    const draft = (await injectAs(server.app, admin, { method: 'GET', url: `/api/procedures/${designedId}/versions/${draftId}` })).json() as { content: { steps: { unitCode?: string | null }[]; eform: { required: string[]; properties: Record<string, Record<string, unknown>> } } };
    expect(draft.content.steps[1]?.unitCode).toBe(officeCode);
    expect(draft.content.eform.required).toEqual(['noiLamViecCuaNguoiMe', 'hoTen']);
    expect(draft.content.eform.properties.noiLamViecCuaNguoiMe?.['x-reuse']).toBe(false);
    expect(draft.content.eform.properties.hoTen?.['x-reuse']).toBeUndefined();
    const res = await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${designedId}/publish`, payload: { decisionNo: '2/QĐ-UBND', decisionDate: '2026-11-30', effectiveFrom: '2026-11-30' } });
    expect(res.statusCode, `${res.body} ${saved.body.slice(0, 200)}`).toBeLessThan(300);

    // The citizen, on a phone, opens the online submission of that procedure: the new field is there, first, required.
    const phone = await newPage({ width: 390, height: 844 });
    await phone.context().addCookies([{ name: 'mc_citizen', value: citizenCookie, url: server.baseUrl }]);
    await phone.goto(`${server.baseUrl}/cong-dan/nop/${designedId}`);
    const field = phone.getByLabel(new RegExp(NEW_FIELD));
    await field.waitFor();
    expect(await field.getAttribute('required')).not.toBeNull();
    const labels = (await phone.locator('label[for^="ef-"]').allInnerTexts()).map((s) => s.trim());
    expect(labels[0]).toBe(`${NEW_FIELD} (bắt buộc)`);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${SHOTS}/mc-form-designer-portal.png`, fullPage: true });
    expect(await seriousA11yViolations(phone)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
