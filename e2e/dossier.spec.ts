import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { injectAs, login, type Session } from '../server/test/app.js';
import { buildProcedureContent, buildSigner, buildStaff, buildUnitTree, TEST_PASSWORD } from '../server/test/factories.js';
import { launchBrowser, seriousA11yViolations, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Journeys of a dossier through the one-stop desk, on a server whose clock the test moves (and each browser's clock
 * with it, so the pages agree with the server on "now").
 * A — on time: the desk receives a dossier for a 3-step procedure with a PDF scan, the specialist forwards, the leader
 *     attaches the result and approves, the desk returns it: "Đã trả kết quả".
 * B — late: a second dossier falls behind; the leader issues the apology with a new appointment (the page shows the first
 *     and the new one), the dossier is approved and returned after the first date, and the history keeps the apology.
 * C — incomplete at the desk: no code, the missing documents come from the unticked checklist, Mẫu 02 prints.
 */
const PROCEDURE = 'Đăng ký kết hôn';
const APPLICANT = 'Nguyễn Văn An';
const CCCD = '087090001234';
/** Minimal valid PDFs (the server sniffs the content); distinct bytes, as the store keeps one file per content. */
const pdf = (title: string) => Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`, 'latin1');

let now = new Date('2026-11-30T02:00:00Z'); // Monday 30/11/2026 09:00 in Vietnam
const contexts: BrowserContext[] = [];

/** Moves the server's clock, and every open browser's clock (which then runs on from there), to a Vietnam wall-clock time. */
async function setClock(vnWallClock: string): Promise<void> {
  now = new Date(`${vnWallClock}:00+07:00`);
  await Promise.all(contexts.map((c) => c.clock.setSystemTime(now)));
}

/** "03/12/2026 09:00" — how the console shows an instant (Vietnam time). */
function vnText(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 16)}`;
}

type Seeded = { desk: Session; threeSteps: string; oneDay: string; deskUnitId: string; communeId: string };

async function seed(server: RunningServer): Promise<Seeded> {
  const db = server.ctx.db;
  const units = await buildUnitTree(db);
  await buildStaff(db, 'quantri', [{ role: 'admin', unit: units.province }]);
  await buildStaff(db, 'motcua', [{ role: 'desk_officer', unit: units.deskA }]);
  await buildStaff(db, 'chuyenvien', [{ role: 'specialist', unit: units.officeA }]);
  await buildStaff(db, 'lanhdao', [{ role: 'leader', unit: units.communeA }]);
  const admin = await login(server.app, 'quantri', TEST_PASSWORD);
  const publish = async (content: ReturnType<typeof buildProcedureContent>) => {
    const created = await injectAs(server.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: units.province.id, content } });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;
    const published = await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${id}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    expect(published.statusCode, published.body).toBe(200);
    return id;
  };
  const threeSteps = await publish(
    buildProcedureContent({
      code: '1.000894',
      name: PROCEDURE,
      processingTime: { amount: 3, unit: 'working_day' },
      fees: [
        { name: 'Lệ phí đăng ký kết hôn', amountVnd: 0 },
        { name: 'Phí cấp bản sao trích lục kết hôn', amountVnd: 8000, quantityField: 'soBanSao' },
      ],
      documents: [
        { name: 'Tờ khai đăng ký kết hôn', kind: 'original', count: 1, required: true },
        { name: 'Giấy xác nhận tình trạng hôn nhân', kind: 'original', count: 1, required: true },
        { name: 'Căn cước của hai bên', kind: 'present', count: 2, required: true },
      ],
      steps: [
        { name: 'Tiếp nhận hồ sơ', role: 'desk_officer', unitCode: null, workingDays: 0.5 },
        { name: 'Thẩm định', role: 'specialist', unitCode: null, workingDays: 2 },
        { name: 'Ký duyệt', role: 'leader', unitCode: null, workingDays: 0.5 },
      ],
      result: 'Giấy chứng nhận kết hôn',
      eform: {
        type: 'object',
        properties: {
          hoTenChong: { type: 'string', title: 'Họ, chữ đệm, tên người chồng' },
          hoTenVo: { type: 'string', title: 'Họ, chữ đệm, tên người vợ' },
          loaiViec: { type: 'string', title: 'Loại việc', enum: ['trong_nuoc', 'nuoc_ngoai'], enumNames: ['Kết hôn trong nước', 'Kết hôn có yếu tố nước ngoài'] },
          ngayDuKien: { type: 'string', format: 'date', title: 'Ngày dự kiến tổ chức đăng ký' },
          soBanSao: { type: 'integer', title: 'Số bản sao trích lục', minimum: 0, maximum: 10 },
          daTungKetHon: { type: 'boolean', title: 'Một trong hai bên đã từng kết hôn' },
        },
        required: ['hoTenChong', 'hoTenVo', 'loaiViec', 'soBanSao'],
        // Stored as jsonb, the properties lose their order; the explicit order keeps the form as designed.
        'x-order': ['hoTenChong', 'hoTenVo', 'loaiViec', 'ngayDuKien', 'soBanSao', 'daTungKetHon'],
      },
    }),
  );
  const oneDay = await publish(buildProcedureContent());
  await buildSigner(db, units.communeA, 'Đặng Quốc Việt');
  return { desk: await login(server.app, 'motcua', TEST_PASSWORD), threeSteps, oneDay, deskUnitId: units.deskA.id, communeId: units.communeA.id };
}

describe('dossier journeys: intake, processing, apology, return', () => {
  let server: RunningServer;
  let browser: Browser;
  let seeded: Seeded;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ clock: { now: () => now } });
    seeded = await seed(server);
    browser = await launchBrowser();
  });

  // On failure, what each officer's browser showed.
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const [username, page] of officers) await page.screenshot({ path: `${SHOTS}/mc-dossier-failure-${username}.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const officers = new Map<string, Page>();

  /** A signed-in officer in their own browser (own cookies, clock set to the server's); signed in once per run. */
  async function officer(username: string): Promise<Page> {
    const known = officers.get(username);
    if (known) return known;
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 900 } });
    await context.clock.install({ time: now });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInToConsole(page, server.baseUrl, username, TEST_PASSWORD);
    officers.set(username, page);
    return page;
  }

  /** Clicks an action of the header, confirms its dialog (one-click actions have none) and waits for the new status. */
  async function act(page: Page, action: string, status: string, fill?: (dialog: Locator) => Promise<void>) {
    if (['Chuyển bước tiếp theo', 'Nhận xử lý'].includes(action)) {
      const done = page.waitForResponse((r) => r.url().endsWith('/actions') && r.request().method() === 'POST');
      // The page reads the dossier again after a one-click action; its new actions are there once that read is in
      // (a claim keeps the status label, so the label alone does not say the page has moved on).
      const reloaded = page.waitForResponse((r) => /\/api\/dossiers\/[0-9a-f-]{36}$/.test(new URL(r.url()).pathname) && r.request().method() === 'GET');
      await page.getByRole('group', { name: 'Thao tác xử lý hồ sơ' }).getByRole('button', { name: action, exact: true }).click();
      // The page reloads what it shows, so it asks for no answer (Prefer: return=minimal → 204).
      const answered = await done;
      expect([answered.status(), answered.request().headers().prefer]).toEqual([204, 'return=minimal']);
      expect((await reloaded).status()).toBe(200);
      await page.locator('h2 .ant-tag', { hasText: status }).waitFor();
      return;
    }
    await page.getByRole('group', { name: 'Thao tác xử lý hồ sơ' }).getByRole('button', { name: action, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    if (fill) await fill(dialog);
    await confirm(dialog, action);
    await page.getByText(`Đã thực hiện: ${action}.`).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('h2 .ant-tag', { hasText: status }).waitFor();
  }

  /** The dialog's confirm button (its name may carry the spinner's "loading" label after an earlier submit). */
  const confirm = (dialog: Locator, name: string) => dialog.locator('.ant-modal-footer').getByRole('button', { name }).click();

  const actions = (page: Page) => page.getByRole('group', { name: 'Thao tác xử lý hồ sơ' }).getByRole('button').allInnerTexts();

  async function pickOption(page: Page, label: string, option: string, typed?: string) {
    const box = page.getByLabel(label, { exact: true });
    await box.click();
    if (typed) {
      // Wait for the search's own answer: clicking an option of the first list while it is replaced loses the click.
      const searched = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/dossiers/receivable-procedures' && new URL(r.url()).searchParams.get('q') === typed);
      await box.fill(typed);
      await searched;
    }
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  }

  it('A: the desk receives with a scan, the specialist forwards, the leader approves, the desk returns the result', async () => {
    const desk = await officer('motcua');
    await desk.getByRole('menuitem', { name: 'Tiếp nhận hồ sơ' }).click();
    await desk.getByRole('heading', { name: 'Tiếp nhận hồ sơ', level: 2 }).waitFor();
    await desk.screenshot({ path: `${SHOTS}/mc-dossier-intake-empty.png` });

    await pickOption(desk, 'Thủ tục hành chính', PROCEDURE, 'dang ky ket hon');
    await desk.getByRole('checkbox', { name: 'Đã nhận: Tờ khai đăng ký kết hôn' }).waitFor();
    // The competent unit defaults to the commune above the desk.
    expect(await desk.locator('.ant-form-item', { hasText: 'Đơn vị giải quyết' }).innerText()).toContain('Phường An Thử');
    await desk.getByLabel('Số CCCD').fill(CCCD);
    await desk.getByLabel('Họ và tên', { exact: true }).fill(APPLICANT);
    await desk.getByLabel('Địa chỉ').fill('12 Lê Lợi, phường An Thử');
    await desk.getByLabel('Số điện thoại').fill('0912 345 678');
    for (const doc of ['Tờ khai đăng ký kết hôn', 'Giấy xác nhận tình trạng hôn nhân', 'Căn cước của hai bên']) {
      await desk.getByRole('checkbox', { name: `Đã nhận: ${doc}` }).check();
    }
    await desk.getByLabel('Họ, chữ đệm, tên người chồng').fill(APPLICANT);
    await desk.getByLabel('Họ, chữ đệm, tên người vợ').fill('Trần Thị Bình');
    await pickOption(desk, 'Loại việc', 'Kết hôn trong nước');
    await desk.getByLabel('Ngày dự kiến tổ chức đăng ký').fill('04/12/2026');
    await desk.getByLabel('Ngày dự kiến tổ chức đăng ký').press('Enter');
    await desk.getByLabel('Số bản sao trích lục').fill('2');
    await desk.getByLabel('Một trong hai bên đã từng kết hôn').check();
    await desk.locator('input[type=file]').first().setInputFiles({ name: 'to-khai-ket-hon.pdf', mimeType: 'application/pdf', buffer: pdf('to khai') });
    await desk.locator('.scan-name', { hasText: 'to-khai-ket-hon.pdf' }).waitFor();
    expect(await desk.getByLabel('Giấy tờ của tệp to-khai-ket-hon.pdf').locator('xpath=ancestor::*[contains(@class,"ant-select")][1]').innerText()).toContain('Tờ khai đăng ký kết hôn');
    // The fee is the procedure's rule for these answers (two copies at 8.000 đồng, registration free), shown, not typed.
    expect((await desk.getByTestId('intake-fee').innerText()).replace(/\s/g, ' ')).toBe('16.000 ₫');
    await desk.screenshot({ path: `${SHOTS}/mc-dossier-intake-filled.png`, fullPage: true });
    expect(await seriousA11yViolations(desk)).toEqual([]);

    const received = desk.waitForResponse((r) => new URL(r.url()).pathname === '/api/dossiers' && r.request().method() === 'POST');
    await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    const answer = await received;
    const dossier = (await answer.json()) as { id: string; code: string; dueAt: string; status: string; applicantName: string };
    expect(dossier.status).toBe('received');
    // The console asks for the receipt only (Prefer: return=minimal): the dossier's whole view is not built for it.
    expect(answer.request().headers().prefer).toBe('return=minimal');
    expect(answer.headers()['preference-applied']).toBe('return=minimal');
    expect(dossier).not.toHaveProperty('steps');
    expect(dossier.applicantName).toBe(APPLICANT);
    await desk.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' }).waitFor();
    await desk.getByText('Đã đính kèm 1 bản quét.').waitFor();
    const receipt = await desk.locator('.intake-receipt').innerText();
    expect(receipt).toContain(dossier.code);
    expect(dossier.code).toMatch(/-261130-000001$/); // 2026 format (TT 04/2025): system code 00, then the sequence
    // Received Monday 09:00, three working days: Thursday 09:00.
    expect(vnText(dossier.dueAt)).toBe('03/12/2026 09:00');
    expect(receipt).toContain('03/12/2026 09:00');
    expect(receipt).toContain(APPLICANT);
    await desk.screenshot({ path: `${SHOTS}/mc-dossier-intake-done.png`, fullPage: true });
    const receiptForm = await desk.request.get(`${server.baseUrl}${await desk.getByRole('link', { name: /Giấy tiếp nhận hồ sơ và hẹn trả kết quả/ }).getAttribute('href')}`);
    expect(receiptForm.status()).toBe(200);
    expect(receiptForm.headers()['content-type']).toContain('application/pdf');

    await desk.getByRole('link', { name: 'Xem hồ sơ' }).click();
    await desk.getByRole('heading', { name: new RegExp(dossier.code) }).waitFor();
    await desk.getByRole('link', { name: 'to-khai-ket-hon.pdf' }).waitFor();
    expect(await actions(desk)).toContain('Chuyển bước tiếp theo');
    expect(await actions(desk)).not.toContain('Trả kết quả');
    await desk.screenshot({ path: `${SHOTS}/mc-dossier-detail-received.png`, fullPage: true });
    const scan = await desk.request.get(`${server.baseUrl}${await desk.getByRole('link', { name: 'to-khai-ket-hon.pdf' }).getAttribute('href')}`);
    expect(scan.headers()['content-type']).toContain('application/pdf');
    await act(desk, 'Chuyển bước tiếp theo', 'Đang xử lý');

    await setClock('2026-11-30T14:00');
    const specialist = await officer('chuyenvien');
    await specialist.getByRole('menuitem', { name: /Hồ sơ$/ }).click();
    await specialist.getByRole('link', { name: dossier.code }).waitFor();
    expect(await specialist.getByRole('row', { name: new RegExp(dossier.code) }).innerText()).toMatch(/Thẩm định[\s\S]*Đang xử lý[\s\S]*03\/12\/2026 09:00[\s\S]*Trong hạn/);
    await specialist.screenshot({ path: `${SHOTS}/mc-dossier-queue.png`, fullPage: true });
    expect(await seriousA11yViolations(specialist)).toEqual([]);
    await specialist.getByRole('link', { name: dossier.code }).click();
    await specialist.getByRole('heading', { name: new RegExp(dossier.code) }).waitFor();
    expect(await actions(specialist)).not.toContain('Phê duyệt');
    await act(specialist, 'Nhận xử lý', 'Đang xử lý');
    await act(specialist, 'Chuyển bước tiếp theo', 'Đang xử lý');
    await specialist.screenshot({ path: `${SHOTS}/mc-dossier-detail-processing.png`, fullPage: true });

    await setClock('2026-12-01T09:00');
    const leader = await officer('lanhdao');
    await leader.goto(`${server.baseUrl}/console/ho-so/${dossier.id}`);
    await leader.getByRole('heading', { name: new RegExp(dossier.code) }).waitFor();
    await leader.getByRole('button', { name: 'Đính kèm tệp' }).click();
    const attach = leader.getByRole('dialog');
    await attach.locator('input[type=file]').setInputFiles({ name: 'giay-chung-nhan-ket-hon.pdf', mimeType: 'application/pdf', buffer: pdf('ket qua') });
    // At the last step the file is filed as the result.
    await attach.getByText('Kết quả giải quyết').waitFor();
    // The result's số, ký hiệu (MaGiayToKetQua), typed as it is printed on the certificate.
    await attach.getByLabel('Số, ký hiệu văn bản kết quả').fill('15/GCNKH');
    await confirm(attach, 'Đính kèm tệp');
    await leader.getByRole('link', { name: 'giay-chung-nhan-ket-hon.pdf' }).waitFor();
    expect(await leader.locator('tr', { has: leader.getByRole('link', { name: 'giay-chung-nhan-ket-hon.pdf' }) }).locator('.result-number').innerText()).toBe('Số: 15/GCNKH');
    await act(leader, 'Phê duyệt', 'Đã có kết quả, chờ trả');
    expect(await leader.locator('.detail-card', { hasText: 'Quy trình xử lý' }).innerText()).toMatch(/Trước hạn/);

    await setClock('2026-12-01T10:00');
    await desk.getByRole('menuitem', { name: /Hồ sơ$/ }).click();
    await desk.getByRole('tab', { name: /Chờ trả kết quả\s*1/ }).click();
    await desk.getByRole('link', { name: dossier.code }).waitFor();
    await desk.screenshot({ path: `${SHOTS}/mc-dossier-queue-result-ready.png`, fullPage: true });
    await desk.getByRole('link', { name: dossier.code }).click();
    await desk.getByRole('heading', { name: new RegExp(dossier.code) }).waitFor();
    await act(desk, 'Trả kết quả', 'Đã trả kết quả', async (dialog) => {
      expect(await dialog.getByLabel('Người nhận kết quả').inputValue()).toBe(APPLICANT);
    });
    expect(await actions(desk)).toEqual([]);
    const history = await desk.locator('.detail-card', { hasText: 'Lịch sử xử lý' }).innerText();
    for (const label of ['Tiếp nhận', 'Đính kèm tệp', 'Chuyển bước tiếp theo', 'Nhận xử lý', 'Phê duyệt', 'Trả kết quả']) expect(history).toContain(label);
    expect(history).toMatch(/Đã có kết quả, chờ trả\s*→\s*Đã trả kết quả/);
    await desk.screenshot({ path: `${SHOTS}/mc-dossier-detail-returned.png`, fullPage: true });
    expect(await seriousA11yViolations(desk)).toEqual([]);

    // The applicant follows the link printed on the receipt and checks the status with the last digits of the CCCD.
    const citizen = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1280, height: 900 } });
    const portal = await citizen.newPage();
    portal.on('pageerror', (err) => pageErrors.push(err.message));
    await portal.goto(`${server.baseUrl}/thu-tuc/tra-cuu-ho-so?ma=${encodeURIComponent(dossier.code)}`);
    await portal.getByRole('heading', { name: 'Tra cứu tình trạng hồ sơ', level: 1 }).waitFor();
    expect(await portal.getByLabel('Mã hồ sơ').inputValue()).toBe(dossier.code);
    await portal.getByLabel('Số điện thoại hoặc 4 số cuối căn cước').fill('9999');
    await portal.getByRole('button', { name: 'Tra cứu' }).click();
    await portal.getByRole('alert').filter({ hasText: 'Không tìm thấy hồ sơ' }).waitFor();
    await portal.getByLabel('Số điện thoại hoặc 4 số cuối căn cước').fill(CCCD.slice(-4));
    await portal.getByRole('button', { name: 'Tra cứu' }).click();
    await portal.getByRole('heading', { name: dossier.code, level: 2 }).waitFor();
    const tracked = await portal.locator('.track-result').innerText();
    expect(tracked).toContain('Đã trả kết quả');
    expect(tracked).toContain('03/12/2026 09:00');
    expect(tracked).not.toContain(APPLICANT);
    await portal.screenshot({ path: `${SHOTS}/mc-dossier-tracking.png`, fullPage: true });
    expect(await seriousA11yViolations(portal)).toEqual([]);
    await portal.setViewportSize({ width: 390, height: 844 });
    await portal.screenshot({ path: `${SHOTS}/mc-dossier-tracking-phone.png`, fullPage: true });
    expect(await portal.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await citizen.close();
    expect(pageErrors).toEqual([]);
  });

  it('B: a late dossier gets the apology with a new appointment, then is approved and returned after the first date', async () => {
    await setClock('2026-12-01T08:00'); // Tuesday
    const intake = async (procedureId: string, fullName: string) => {
      const res = await injectAs(server.app, seeded.desk, {
        method: 'POST',
        url: '/api/dossiers',
        payload: {
          idempotencyKey: `e2e-${fullName}`,
          procedureId,
          receivingUnitId: seeded.deskUnitId,
          resolvingUnitId: seeded.communeId,
          applicant: { kind: 'citizen', idNumber: '087090005678', fullName, phone: '0987654321' },
          documents: [{ name: 'Tờ khai', kind: 'original', count: 1 }],
          eform: procedureId === seeded.threeSteps ? { hoTenChong: fullName, hoTenVo: 'Lê Thị Cúc', loaiViec: 'trong_nuoc', soBanSao: 1 } : { hoTen: 'Lê Văn Con' },
          outcome: 'accept',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      const d = res.json() as { id: string; code: string; dueAt: string };
      expect((await injectAs(server.app, seeded.desk, { method: 'POST', url: `/api/dossiers/${d.id}/actions`, payload: { action: 'forward' } })).statusCode).toBe(200);
      return d;
    };
    const late = await intake(seeded.threeSteps, 'Phạm Văn Dũng');
    const overdue = await intake(seeded.oneDay, 'Hoàng Thị Em');
    const firstDue = vnText(late.dueAt);
    expect(firstDue).toBe('04/12/2026 08:00');

    await setClock('2026-12-02T10:00'); // Wednesday: the one-day dossier is overdue, the marriage one will not make it
    const leader = await officer('lanhdao');
    await leader.goto(`${server.baseUrl}/console/ho-so?queue=unit`);
    await leader.getByRole('link', { name: late.code }).waitFor();
    expect(await leader.getByRole('row', { name: new RegExp(overdue.code) }).innerText()).toContain('Quá hạn');
    expect(await leader.getByRole('row', { name: new RegExp(late.code) }).innerText()).toContain('Trong hạn');
    await leader.getByRole('tab', { name: /Quá hạn\s*1/ }).waitFor();
    await leader.screenshot({ path: `${SHOTS}/mc-dossier-queue-late.png`, fullPage: true });

    // Late for the overdue one: the letter is still possible, and the dialog says it will be marked late (issue 15).
    await leader.getByRole('link', { name: overdue.code }).click();
    await leader.getByRole('heading', { name: new RegExp(overdue.code) }).waitFor();
    await leader.getByRole('group', { name: 'Thao tác xử lý hồ sơ' }).getByRole('button', { name: 'Xin lỗi và hẹn lại' }).click();
    let dialog = leader.getByRole('dialog');
    await dialog.getByText(/Đã quá thời hạn gửi văn bản xin lỗi/).waitFor();
    await leader.screenshot({ path: `${SHOTS}/mc-dossier-apology-late.png` });
    await dialog.getByRole('button', { name: 'Hủy' }).click();

    await leader.goto(`${server.baseUrl}/console/ho-so/${late.id}`);
    await leader.getByRole('heading', { name: new RegExp(late.code) }).waitFor();
    await leader.getByRole('group', { name: 'Thao tác xử lý hồ sơ' }).getByRole('button', { name: 'Xin lỗi và hẹn lại' }).click();
    dialog = leader.getByRole('dialog');
    await dialog.getByText(`Hạn hiện tại: ${firstDue}`).waitFor();
    // Enter in the date field confirms the date and never submits the letter.
    await dialog.getByLabel('Ngày giờ hẹn trả mới').fill('09/12/2026 16:00');
    await dialog.getByLabel('Ngày giờ hẹn trả mới').press('Enter');
    expect(await dialog.getByText('Cần ghi rõ lý do').count()).toBe(0);
    await dialog.getByLabel('Lý do chậm trễ').fill('Cần xác minh tình trạng hôn nhân tại nơi cư trú trước đây');
    await leader.waitForFunction(() => !document.querySelector('.ant-modal[class*="zoom-"]'));
    await leader.screenshot({ path: `${SHOTS}/mc-dossier-apology.png` });
    await confirm(dialog, 'Xin lỗi và hẹn lại');
    await leader.getByText('Đã thực hiện: Xin lỗi và hẹn lại.').waitFor();
    await leader.getByText(`Hẹn ban đầu: ${firstDue} → Hẹn lại: 09/12/2026 16:00`).waitFor();
    // A second letter is not possible: the button stays, disabled, with the reason (issue 15).
    expect(await leader.getByRole('group', { name: 'Thao tác xử lý hồ sơ' }).getByRole('button', { name: /^Xin lỗi và hẹn lại/ }).isDisabled()).toBe(true);
    await leader.screenshot({ path: `${SHOTS}/mc-dossier-detail-apologised.png`, fullPage: true });

    await setClock('2026-12-07T09:00'); // Monday, after the first appointment, before the new one
    const specialist = await officer('chuyenvien');
    await specialist.goto(`${server.baseUrl}/console/ho-so/${late.id}`);
    await specialist.getByRole('heading', { name: new RegExp(late.code) }).waitFor();
    await act(specialist, 'Chuyển bước tiếp theo', 'Đang xử lý');
    await leader.reload();
    await leader.getByRole('heading', { name: new RegExp(late.code) }).waitFor();
    await act(leader, 'Phê duyệt', 'Đã có kết quả, chờ trả');

    await setClock('2026-12-07T10:00');
    const desk = await officer('motcua');
    await desk.goto(`${server.baseUrl}/console/ho-so?queue=result_ready`);
    await desk.getByRole('link', { name: late.code }).click();
    await desk.getByRole('heading', { name: new RegExp(late.code) }).waitFor();
    await act(desk, 'Trả kết quả', 'Đã trả kết quả');
    const page = await desk.locator('#main').innerText();
    expect(page).toContain(`Hẹn ban đầu: ${firstDue}`);
    expect(page).toContain('09/12/2026 16:00');
    expect(page).toMatch(/Trước hạn/); // approved before the new appointment
    const history = await desk.locator('.detail-card', { hasText: 'Lịch sử xử lý' }).innerText();
    expect(history).toMatch(/Xin lỗi và hẹn lại[\s\S]*Cần xác minh tình trạng hôn nhân/);
    expect(history).toMatch(/07\/12\/2026 10:00[\s\S]*Trả kết quả/);
    await desk.screenshot({ path: `${SHOTS}/mc-dossier-detail-late-returned.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('C: an incomplete dossier is recorded without a code, with the missing documents prefilled from the checklist', async () => {
    const desk = await officer('motcua');
    await desk.goto(`${server.baseUrl}/console/ho-so/tiep-nhan`);
    await pickOption(desk, 'Thủ tục hành chính', PROCEDURE, 'ket hon');
    await desk.getByRole('checkbox', { name: 'Đã nhận: Tờ khai đăng ký kết hôn' }).check();
    await desk.getByLabel('Số CCCD').fill('087090009999');
    await desk.getByLabel('Họ và tên', { exact: true }).fill('Vũ Thị Giang');
    await desk.getByRole('button', { name: 'Hồ sơ chưa đầy đủ' }).click();
    const dialog = desk.getByRole('dialog');
    await dialog.getByText('Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)').waitFor();
    const missing = await dialog.getByLabel('Tên giấy tờ').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
    expect(missing).toEqual(['Giấy xác nhận tình trạng hôn nhân', 'Căn cước của hai bên']);
    await dialog.getByLabel('Lý do, hướng dẫn').fill('Bổ sung giấy xác nhận tình trạng hôn nhân do UBND nơi cư trú cấp.');
    await desk.waitForFunction(() => !document.querySelector('.ant-modal[class*="zoom-"]')); // the opening animation is over
    await desk.screenshot({ path: `${SHOTS}/mc-dossier-intake-incomplete.png` });
    await confirm(dialog, 'Hồ sơ chưa đầy đủ');
    await desk.getByRole('heading', { name: 'Đã ghi nhận hồ sơ chưa đầy đủ và hướng dẫn bổ sung' }).waitFor();
    const form = await desk.request.get(`${server.baseUrl}${await desk.getByRole('link', { name: /Phiếu yêu cầu bổ sung/ }).getAttribute('href')}`);
    expect(form.headers()['content-type']).toContain('application/pdf');
    await desk.getByRole('link', { name: 'Xem hồ sơ' }).click();
    await desk.getByRole('heading', { name: /Chưa cấp mã/ }).waitFor();
    expect(await desk.locator('h2 .ant-tag').innerText()).toBe('Không được tiếp nhận');
    expect(await actions(desk)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
