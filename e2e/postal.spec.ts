import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { injectAs, login, type Session } from '../server/test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree, TEST_PASSWORD } from '../server/test/factories.js';
import { launchBrowser, seriousA11yViolations, settled, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The public postal service end to end (Quyết định 45/2016/QĐ-TTg), with the local operator simulator:
 * a citizen asks on the portal for a pickup at home → the postal worker picks the dossier up (Phiếu gửi, fees) →
 * the desk signs the hand-over record and the dossier exists (channel "bưu chính") → it is processed (through the API) →
 * the postal worker takes the result, the operator's signed callback reports the delivery → the dossier is closed and the
 * citizen sees the delivered shipment when tracking.
 */
const PROCEDURE = 'Đăng ký khai sinh';
const APPLICANT = 'Nguyễn Văn An';
const PHONE = '0912345678';

describe('postal journey: pickup requested → picked up → received at the desk → processed → delivered by post', () => {
  let server: RunningServer;
  let browser: Browser;
  let sessions: { desk: Session; specialist: Session; leader: Session };
  const pages: Page[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    const db = server.ctx.db;
    const units = await buildUnitTree(db);
    await buildStaff(db, 'quantri', [{ role: 'admin', unit: units.province }]);
    await buildStaff(db, 'motcua', [{ role: 'desk_officer', unit: units.deskA }]);
    await buildStaff(db, 'chuyenvien', [{ role: 'specialist', unit: units.officeA }]);
    await buildStaff(db, 'lanhdao', [{ role: 'leader', unit: units.communeA }]);
    await buildStaff(db, 'buudien', [{ role: 'postal', unit: units.communeA }]);
    const admin = await login(server.app, 'quantri', TEST_PASSWORD);
    for (const content of [buildProcedureContent({ name: PROCEDURE }), buildProcedureContent({ code: '1.000001', name: 'Cấp bản sao trích lục tại chỗ', postalIntake: false, postalReturn: false })]) {
      const created = await injectAs(server.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: units.province.id, content } });
      const published = await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${created.json().id}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
      expect(published.statusCode, published.body).toBe(200);
    }
    sessions = { desk: await login(server.app, 'motcua', TEST_PASSWORD), specialist: await login(server.app, 'chuyenvien', TEST_PASSWORD), leader: await login(server.app, 'lanhdao', TEST_PASSWORD) };
    browser = await launchBrowser();
  });

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const [i, page] of pages.entries()) await page.screenshot({ path: `${SHOTS}/mc-postal-failure-${i}.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    pages.push(page);
    return page;
  }

  async function officer(username: string): Promise<Page> {
    const page = await newPage();
    await signInToConsole(page, server.baseUrl, username, TEST_PASSWORD);
    await page.getByRole('menuitem', { name: 'Bưu chính công ích' }).click();
    await page.getByRole('heading', { name: 'Bưu chính công ích', level: 2 }).waitFor();
    return page;
  }

  const confirmDialog = async (page: Page, button: string) => {
    const dialog = page.getByRole('dialog');
    await settled(page);
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: button }).click();
    await dialog.waitFor({ state: 'hidden' });
  };

  it('walks the whole loop in the browser with the operator simulator', async () => {
    // 1. The citizen reads the published lists and asks for a pickup.
    const citizen = await newPage();
    await citizen.goto(`${server.baseUrl}/thu-tuc/buu-chinh`);
    await citizen.getByRole('heading', { name: /Thủ tục tiếp nhận qua bưu chính \(1\)/ }).waitFor();
    await citizen.getByRole('heading', { name: /Thủ tục không tiếp nhận qua bưu chính \(1\)/ }).waitFor();
    expect(await seriousA11yViolations(citizen)).toEqual([]);
    await citizen.getByRole('row', { name: new RegExp(PROCEDURE) }).getByRole('link', { name: 'Yêu cầu bưu điện đến lấy hồ sơ' }).click();
    await citizen.getByRole('heading', { name: 'Yêu cầu bưu điện đến lấy hồ sơ', level: 1 }).waitFor();
    await citizen.locator('#pk-procedure option', { hasText: PROCEDURE }).waitFor({ state: 'attached' });
    expect(await citizen.getByLabel('Thủ tục').inputValue()).not.toBe('');
    await citizen.getByLabel('Nơi nhận hồ sơ (bộ phận một cửa)').selectOption({ label: 'Bộ phận một cửa phường An Thử' });
    await citizen.getByLabel('Họ và tên').fill(APPLICANT);
    await citizen.getByLabel('Số căn cước (12 số)').fill('087090001234');
    await citizen.getByLabel('Số điện thoại').fill(PHONE);
    await citizen.getByLabel('Địa chỉ nhận hồ sơ').fill('12 Lê Lợi, phường An Thử');
    await citizen.getByLabel('Thời gian thuận tiện (không bắt buộc)').fill('Sáng mai');
    expect(await seriousA11yViolations(citizen)).toEqual([]);
    await citizen.screenshot({ path: `${SHOTS}/mc-postal-request.png`, fullPage: true });
    await citizen.getByRole('button', { name: 'Gửi yêu cầu' }).click();
    const code = (await citizen.getByTestId('confirmation-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);

    // 2. The postal worker of the area picks it up: documents checked against the list, Phiếu gửi signed, fees collected.
    const postman = await officer('buudien');
    const row = postman.getByRole('row', { name: new RegExp(code) });
    await row.getByRole('button', { name: 'Nhận hồ sơ' }).click();
    const dialog = postman.getByRole('dialog');
    await dialog.getByLabel('Tên giấy tờ').first().waitFor();
    await settled(postman);
    expect(await dialog.getByLabel('Tên giấy tờ').first().inputValue()).toBe('Tờ khai đăng ký khai sinh');
    expect(await dialog.getByLabel('Người gửi ký tên').inputValue()).toBe(APPLICANT);
    await dialog.getByLabel('Cước bưu chính (đồng)').fill('25000');
    await confirmDialog(postman, 'Xác nhận');
    await row.getByText('Bưu điện đã nhận hồ sơ').waitFor();
    await row.getByRole('link', { name: 'Phiếu gửi' }).waitFor();
    expect(await seriousA11yViolations(postman)).toEqual([]);

    // 3. The desk receives the parcel and signs the hand-over record: the dossier exists from now, channel "bưu chính".
    const desk = await officer('motcua');
    const deskRow = desk.getByRole('row', { name: new RegExp(code) });
    await deskRow.getByRole('button', { name: 'Ký biên bản giao nhận' }).click();
    await desk.getByRole('dialog').getByLabel('Nhân viên bưu điện ký tên').waitFor();
    await settled(desk);
    expect(await desk.getByRole('dialog').getByLabel('Nhân viên bưu điện ký tên').inputValue()).toBe('Cán bộ buudien');
    const handedOver = desk.waitForResponse((r) => r.url().includes('/hand-over') && r.request().method() === 'POST');
    await confirmDialog(desk, 'Ký biên bản giao nhận');
    const pickup = (await (await handedOver).json()) as { dossierId: string; dossierCode: string; handedOverAt: string };
    await deskRow.getByRole('link', { name: pickup.dossierCode }).waitFor();
    await desk.screenshot({ path: `${SHOTS}/mc-postal-desk.png`, fullPage: true });
    const dossier = (await injectAs(server.app, sessions.desk, { method: 'GET', url: `/api/dossiers/${pickup.dossierId}` })).json();
    expect(dossier).toMatchObject({ channel: 'postal', status: 'received', submittedAt: pickup.handedOverAt, resultDelivery: 'post' });

    // 4. Processed by the specialist and the leader (through the API).
    for (const [s, action] of [[sessions.desk, 'forward'], [sessions.specialist, 'forward'], [sessions.leader, 'approve']] as const) {
      const res = await injectAs(server.app, s, { method: 'POST', url: `/api/dossiers/${pickup.dossierId}/actions`, payload: { action } });
      expect(res.statusCode, res.body).toBe(200);
    }

    // 5. The postal worker takes the result at the desk; the operator (simulator) reports the delivery by a signed callback.
    await postman.getByRole('button', { name: 'Làm mới' }).click();
    await postman.getByRole('tab', { name: 'Phát kết quả' }).click();
    const shipmentRow = postman.getByRole('row', { name: new RegExp(pickup.dossierCode) });
    await shipmentRow.getByRole('button', { name: 'Nhận kết quả' }).click();
    await postman.getByRole('dialog').getByLabel('Bản chính trả kèm').waitFor();
    await settled(postman);
    await postman.getByRole('dialog').getByLabel('Bản chính trả kèm').fill('Tờ khai bản chính');
    await confirmDialog(postman, 'Xác nhận');
    await shipmentRow.getByText('Bưu điện đang phát').waitFor();
    const trackingCode = (await shipmentRow.locator('td').nth(2).innerText()).trim();
    expect(trackingCode).toMatch(/^SIMD/);
    // The simulator's controls need a signed-in postal account; an anonymous caller is refused.
    const anonymous = await fetch(`${server.baseUrl}/api/postal-sim/orders/${trackingCode}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'delivered', receivedBy: APPLICANT }) });
    expect(anonymous.status).toBe(401);
    const operator = await login(server.app, 'buudien', TEST_PASSWORD);
    const sim = await injectAs(server.app, operator, { method: 'POST', url: `/api/postal-sim/orders/${trackingCode}/events`, payload: { status: 'delivered', receivedBy: APPLICANT } });
    expect(sim.json()).toMatchObject({ callbackStatus: 200, callback: { outcome: 'applied' } });
    await postman.getByRole('button', { name: 'Làm mới' }).click();
    await shipmentRow.getByText('Đã phát thành công').waitFor();
    await postman.screenshot({ path: `${SHOTS}/mc-postal-deliveries.png`, fullPage: true });

    // 6. The dossier is closed; the citizen sees the delivered shipment when tracking.
    const closed = (await injectAs(server.app, sessions.desk, { method: 'GET', url: `/api/dossiers/${pickup.dossierId}` })).json();
    expect(closed).toMatchObject({ status: 'returned' });
    await citizen.goto(`${server.baseUrl}/thu-tuc/tra-cuu-ho-so?ma=${encodeURIComponent(pickup.dossierCode)}`);
    await citizen.getByLabel('Số điện thoại hoặc 4 số cuối căn cước').fill(PHONE);
    await citizen.getByRole('button', { name: 'Tra cứu' }).click();
    await citizen.getByText('Đã trả kết quả', { exact: true }).waitFor();
    await citizen.getByText(new RegExp(`Đã phát thành công — Số hiệu bưu gửi: ${trackingCode}`)).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
