import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { injectAs, type Session } from '../server/test/app.js';
import { APPLICANT, seedDesk } from '../server/test/dossier-fixtures.js';
import { buildProcedureContent, TEST_PASSWORD } from '../server/test/factories.js';
import { multipart, pdf, registerCitizen } from '../server/test/citizens.js';
import { citizenStoreFor } from '../server/src/modules/citizen-store/citizen-store.adapter.js';
import { pushDueResults } from '../server/src/modules/citizen-store/citizen-store.jobs.js';
import { jsonLineLog } from '../server/src/platform/log.js';
import { launchBrowser, seriousA11yViolations, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The citizen's data store on the national portal (ND 45/2020 Điều 16) and the population database (ND 224/2026 Điều 15
 * k1d), as the citizen lives them on a 390 × 844 phone: the result of a first dossier is pushed by the outbox job into
 * the (simulated) store; starting a new dossier, the citizen fills the form from the population database after
 * consenting, and attaches that result "Lấy từ kho dữ liệu" instead of uploading it; the officer (1366 × 768) sees the
 * component marked "từ kho dữ liệu". The fee is paid through the national payment platform, chosen on the payment page.
 * Every page fits the phone and passes axe.
 */
const PHONE = { width: 390, height: 844 };
const ADDRESS = 'Số 9 đường Nguyễn Huệ, phường An Thử, tỉnh Đồng Tháp';

describe('results reach the citizen\'s store and are reused', () => {
  let server: RunningServer;
  let browser: Browser;
  let s: Awaited<ReturnType<typeof seedDesk>>;
  let citizen: Session & { id: string };
  let residence: string;
  let firstCode: string;
  let phone: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    s = await seedDesk(server.app, server.ctx.db);
    const created = await injectAs(server.app, s.admin, {
      method: 'POST',
      url: '/api/procedures',
      payload: {
        ownerUnitId: s.tree.province.id,
        content: buildProcedureContent({
          code: '1.004222',
          name: 'Đăng ký thường trú',
          eform: {
            type: 'object',
            properties: {
              hoTen: { type: 'string', title: 'Họ, chữ đệm, tên', 'x-prefill': 'applicant.fullName' },
              ngaySinh: { type: 'string', format: 'date', title: 'Ngày sinh', 'x-prefill': 'applicant.birthDate' },
              noiThuongTru: { type: 'string', title: 'Nơi thường trú hiện nay', 'x-prefill': 'applicant.address' },
            },
            required: ['hoTen', 'noiThuongTru'],
          },
          documents: [{ name: 'Giấy chứng nhận kết hôn', kind: 'copy', count: 1, required: true }],
        }),
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    residence = created.json().id;
    await injectAs(server.app, s.admin, { method: 'POST', url: `/api/procedures/${residence}/publish`, payload: { decisionNo: '2/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    await server.ctx.db.query(`INSERT INTO population_sim_person (id_number, full_name, birth_date, sex, permanent_address) VALUES ($1, $2, '1990-05-01', 'male', $3)`, [APPLICANT.idNumber, APPLICANT.fullName, ADDRESS]);
    citizen = await registerCitizen(server.app, { identifier: 'an@example.vn', idNumber: APPLICANT.idNumber, fullName: APPLICANT.fullName, birthDate: '1990-05-01', gender: 'male' });
    // The desk checked An's card: the number is proven, so the store and the population record are his.
    expect((await injectAs(server.app, s.desk, { method: 'POST', url: `/api/citizen-accounts/${citizen.id}/verify-id`, payload: { idNumber: APPLICANT.idNumber, unitId: s.tree.deskA.id } })).statusCode).toBe(204);
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: PHONE });
    await context.addCookies([{ name: 'mc_citizen', value: citizen.cookie.replace(/^mc_citizen=/, ''), url: server.baseUrl }]);
    phone = await context.newPage();
    phone.on('pageerror', (err) => pageErrors.push(err.message));
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await phone.screenshot({ path: `${SHOTS}/mc-store-failure.png`, fullPage: true }).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function fits(name: string): Promise<void> {
    const w = await phone.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(w.scroll, `${name}: ${w.scroll}px on ${w.inner}px`).toBeLessThanOrEqual(w.inner);
    expect(await seriousA11yViolations(phone), name).toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/mc-store-${name}.png`, fullPage: true });
  }

  it('the result of a first dossier lands in the simulated store, pushed by the outbox job', async () => {
    const first = await s.receive();
    firstCode = first.code;
    const act = async (who: Session, action: string) => expect((await injectAs(server.app, who, { method: 'POST', url: `/api/dossiers/${first.id}/actions`, payload: { action } })).statusCode).toBe(200);
    await act(s.desk, 'forward');
    await act(s.specialist, 'claim');
    await act(s.specialist, 'forward');
    const m = multipart({ name: 'giay-chung-nhan-ket-hon.pdf', content: pdf('giay chung nhan ket hon') }, { documentName: 'Giấy chứng nhận kết hôn', kind: 'result' });
    expect((await injectAs(server.app, s.leader, { method: 'POST', url: `/api/dossiers/${first.id}/files`, payload: m.payload, headers: m.headers })).statusCode).toBe(201);
    await act(s.leader, 'approve');
    const store = citizenStoreFor(server.ctx);
    expect(await store.list(APPLICANT.idNumber)).toEqual([]);
    expect(await pushDueResults(server.ctx, store, jsonLineLog(() => undefined))).toMatchObject({ sent: 1 });
    expect(await store.list(APPLICANT.idNumber)).toMatchObject([{ name: 'Giấy chứng nhận kết hôn', dossierCode: first.code }]);
  });

  it('the "Kho dữ liệu" page lists the result held in the national store: name, source, issuer, date, dossier', async () => {
    await phone.goto(`${server.baseUrl}/cong-dan/kho`);
    await phone.getByRole('heading', { name: 'Kho dữ liệu', level: 1 }).waitFor();
    const item = phone.locator('.doc-list li', { hasText: 'Giấy chứng nhận kết hôn' });
    await item.waitFor();
    const text = await item.innerText();
    expect(text).toContain('Kho dữ liệu trên Cổng DVCQG');
    expect(text).toMatch(/Cấp bởi Phường An Thử, ngày \d{2}\/\d{2}\/\d{4}/);
    expect(text).toContain(firstCode);
    // Only in the national store so far: taken before use, not downloadable or deletable here yet.
    await item.getByRole('button', { name: 'Lấy Giấy chứng nhận kết hôn từ Kho dữ liệu trên Cổng DVCQG về để dùng khi nộp hồ sơ' }).waitFor();
    expect(await item.getByRole('link').count()).toBe(0);
    await fits('kho-national');
  });

  it('a new dossier: the form filled from the population database with consent, the document taken from the store', async () => {
    await phone.goto(`${server.baseUrl}/cong-dan/nop/${residence}`);
    await phone.getByRole('heading', { name: '1. Tờ khai' }).waitFor();
    // The profile knows no address: the state does.
    expect(await phone.locator('#ef-noiThuongTru').inputValue()).toBe('');
    // A look-up is made for a procedure at a resolving unit (logged with both): the unit is chosen first.
    await phone.locator('#unit').selectOption(s.tree.communeA.id);
    await phone.getByRole('button', { name: 'Lấy từ CSDL quốc gia về dân cư' }).click();
    await phone.getByText('Tôi đồng ý cho cơ quan giải quyết lấy họ tên').waitFor();
    await fits('population-consent');
    await phone.getByRole('button', { name: 'Đồng ý và lấy thông tin' }).click();
    await phone.getByRole('status').filter({ hasText: 'Đã điền họ tên, ngày sinh, giới tính, nơi thường trú' }).waitFor();
    expect(await phone.locator('#ef-noiThuongTru').inputValue()).toBe(ADDRESS);
    expect(await phone.locator('#ef-hoTen').inputValue()).toBe(APPLICANT.fullName);
    const logged = await server.ctx.db.query<{ actor_kind: string; purpose: string }>(`SELECT actor_kind, purpose FROM population_lookup WHERE id_number = $1`, [APPLICANT.idNumber]);
    expect(logged.rows).toEqual([{ actor_kind: 'citizen', purpose: 'Điền tờ khai: Đăng ký thường trú' }]);
    await fits('population-filled');
    await phone.getByRole('button', { name: 'Tiếp tục' }).click();

    await phone.getByRole('heading', { name: '2. Giấy tờ' }).waitFor();
    const pick = phone.locator('fieldset.doc-pick', { hasText: 'Giấy chứng nhận kết hôn' });
    await pick.getByRole('button', { name: 'Lấy từ kho dữ liệu' }).click();
    const kho = pick.getByRole('group', { name: 'Kho dữ liệu trên Cổng Dịch vụ công quốc gia' });
    await kho.getByText('Giấy chứng nhận kết hôn').waitFor();
    expect(await kho.innerText()).toMatch(/Cấp bởi .+, ngày \d{2}\/\d{2}\/\d{4}/);
    await fits('store-list');
    await kho.getByRole('button', { name: 'Dùng tài liệu này' }).click();
    await pick.getByRole('status').filter({ hasText: 'Đã lấy từ kho dữ liệu: Giấy chứng nhận kết hôn' }).waitFor();
    await fits('store-taken');
    await phone.getByRole('button', { name: 'Tiếp tục' }).click();
    await phone.getByRole('heading', { name: '3. Xem lại và nộp' }).waitFor();
    expect(await phone.locator('.facts').innerText()).toContain('giay-chung-nhan-ket-hon.pdf');
    await phone.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await phone.getByTestId('confirmation').waitFor();
    await fits('submitted');
    expect(pageErrors).toEqual([]);
  });

  it('once taken into the new dossier, the store lists the document once, downloadable, still marked as the national store\'s', async () => {
    await phone.goto(`${server.baseUrl}/cong-dan/kho`);
    const items = phone.locator('.doc-list li', { hasText: 'Giấy chứng nhận kết hôn' });
    await items.first().waitFor();
    expect(await items.count()).toBe(1);
    await items.getByRole('link', { name: 'Giấy chứng nhận kết hôn' }).waitFor();
    const text = await items.innerText();
    expect(text).toContain('Kho dữ liệu trên Cổng DVCQG');
    // Its provenance travels with the taken copy (issue 16): issuer, issue date and dossier code, not the time taken.
    expect(text).toMatch(/Cấp bởi Phường An Thử, ngày \d{2}\/\d{2}\/\d{4}/);
    expect(text).toContain(firstCode);
    await fits('kho-taken');
  });

  it('the citizen chooses the national payment platform on the payment page and pays through its simulator', async () => {
    const d = await s.receive();
    await phone.goto(`${server.baseUrl}/thu-tuc/tra-cuu-ho-so?ma=${encodeURIComponent(d.code)}`);
    await phone.getByLabel('Số điện thoại hoặc 4 số cuối căn cước').fill(APPLICANT.phone);
    await phone.getByRole('button', { name: 'Tra cứu' }).click();
    await phone.getByRole('heading', { name: d.code }).waitFor();
    await phone.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
    await phone.getByRole('heading', { name: 'Thanh toán phí, lệ phí' }).waitFor();
    await phone.getByLabel('Nền tảng thanh toán trực tuyến của Cổng Dịch vụ công quốc gia').check();
    await fits('payment-channel');
    await phone.getByRole('button', { name: 'Tiếp tục' }).click();
    await phone.waitForURL(/\/sim\/paygov\/pay\?/);
    expect(await phone.locator('#amount').textContent()).toBe('15.000 đồng');
    await phone.screenshot({ path: `${SHOTS}/mc-store-sim-paygov.png`, fullPage: true });
    await phone.getByRole('button', { name: 'Thanh toán', exact: true }).click();
    await phone.waitForURL(/\/thanh-toan\/ket-qua\?ref=/);
    await phone.getByRole('heading', { name: 'Thanh toán thành công' }).waitFor();
    await fits('payment-paid');
    // Confirmed by the platform's signed server-to-server callback.
    const events = await server.ctx.db.query(`SELECT p.method, e.kind, e.data->>'via' AS via FROM payment_event e JOIN payment p ON p.id = e.payment_id WHERE p.dossier_id = $1 ORDER BY e.id`, [d.id]);
    expect(events.rows).toEqual([{ method: 'paygov', kind: 'created', via: null }, { method: 'paygov', kind: 'paid', via: 'ipn' }]);
  });

  it('the officer sees the component marked as taken from the store', async () => {
    const { rows } = await server.ctx.db.query<{ id: string }>(`SELECT id FROM dossier WHERE procedure_id = $1`, [residence]);
    expect(rows).toHaveLength(1);
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
    const desk = await context.newPage();
    await signInToConsole(desk, server.baseUrl, 'motcua', TEST_PASSWORD);
    await desk.goto(`${server.baseUrl}/console/ho-so/${rows[0]!.id}`);
    const row = desk.locator('tr', { hasText: 'giay-chung-nhan-ket-hon.pdf' });
    await row.waitFor();
    expect(await row.locator('.from-store-tag').innerText()).toBe('từ kho dữ liệu');
    expect(await seriousA11yViolations(desk)).toEqual([]);
    await desk.screenshot({ path: `${SHOTS}/mc-store-officer.png`, fullPage: true });
  });
});
