import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { injectAs, login, type Session } from '../server/test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree, TEST_PASSWORD } from '../server/test/factories.js';
import { launchBrowser, seriousA11yViolations, settled, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * In processing, as officers live it (issue 15), at 1366×768:
 * A — the desk forwards to a chosen specialist, who finds it in "Chờ tôi xử lý" and sends it back with a reason; the
 *     desk sees the reason highlighted in its own "Chờ tôi xử lý".
 * B — the desk forwards in one click and undoes it.
 * C — the leader approves with "Phê duyệt" (no "next step" at the last one).
 * D — a dossier past its deadline gets its apology letter, marked late and signed by the head (pdftotext of the PDF).
 * E — the leader approves at the signing step before the desk's own last step ("Vào sổ, đóng dấu, trả kết quả"); the
 *     result waits in the desk's "Chờ trả kết quả" and the desk officer returns it from
 *     the queue row's "Trả kết quả"; the dossier reads "Đã trả kết quả".
 */
let now = new Date('2026-11-30T02:00:00Z'); // Monday 30/11/2026 09:00 in Vietnam
const contexts: BrowserContext[] = [];
async function setClock(vnWallClock: string): Promise<void> {
  now = new Date(`${vnWallClock}:00+07:00`);
  await Promise.all(contexts.map((c) => c.clock.setSystemTime(now)));
}

describe('processing: forward to someone, send back, undo, approve, late apology', () => {
  let server: RunningServer;
  let browser: Browser;
  let desk: Session;
  let ids: { procedure: string; cv2: string; cv1: string; leader: string; deskUnit: string; commune: string; province: string };
  const officers = new Map<string, Page>();
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ clock: { now: () => now } });
    const db = server.ctx.db;
    const units = await buildUnitTree(db);
    await buildStaff(db, 'quantri', [{ role: 'admin', unit: units.province }]);
    await buildStaff(db, 'motcua', [{ role: 'desk_officer', unit: units.deskA }]);
    const cv1 = await buildStaff(db, 'chuyenvien.mot', [{ role: 'specialist', unit: units.communeA }]);
    const cv2 = await buildStaff(db, 'chuyenvien.hai', [{ role: 'specialist', unit: units.communeA }]);
    const leader = await buildStaff(db, 'lanhdao', [{ role: 'leader', unit: units.communeA }]);
    const admin = await login(server.app, 'quantri', TEST_PASSWORD);
    const created = await injectAs(server.app, admin, {
      method: 'POST',
      url: '/api/procedures',
      payload: { ownerUnitId: units.province.id, content: buildProcedureContent({ code: '1.000894', name: 'Đăng ký kết hôn', processingTime: { amount: 3, unit: 'working_day' }, steps: [
        { name: 'Tiếp nhận hồ sơ', role: 'desk_officer', unitCode: null, workingDays: 0.5 },
        { name: 'Thẩm định', role: 'specialist', unitCode: null, workingDays: 2 },
        { name: 'Ký duyệt', role: 'leader', unitCode: null, workingDays: 0.5 },
      ] }) },
    });
    const procedure = (created.json() as { id: string }).id;
    await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${procedure}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    // The commune's letters are signed by its chairman.
    const signatory = await injectAs(server.app, admin, { method: 'POST', url: `/api/units/${units.communeA.id}/signers`, payload: { kind: 'head', fullName: 'Trần Thị Cúc', title: 'Chủ tịch', validFrom: '2026-01-01', validTo: null } });
    expect(signatory.statusCode, signatory.body).toBe(201);
    desk = await login(server.app, 'motcua', TEST_PASSWORD);
    ids = { procedure, cv1, cv2, leader, deskUnit: units.deskA.id, commune: units.communeA.id, province: units.province.id };
    browser = await launchBrowser();
  });

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const [u, page] of officers) await page.screenshot({ path: `${SHOTS}/mc-processing-failure-${u}.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  let seq = 0;
  async function intake(name: string): Promise<{ id: string; code: string }> {
    const res = await injectAs(server.app, desk, {
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        idempotencyKey: `processing-e2e-${++seq}`, procedureId: ids.procedure, receivingUnitId: ids.deskUnit, resolvingUnitId: ids.commune,
        applicant: { kind: 'citizen', idNumber: `08709000${1000 + seq}`, fullName: name }, outcome: 'accept', eform: { hoTen: name },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; code: string };
  }

  async function officer(username: string): Promise<Page> {
    const known = officers.get(username);
    if (known) return known;
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
    await context.clock.install({ time: now });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInToConsole(page, server.baseUrl, username, TEST_PASSWORD);
    officers.set(username, page);
    return page;
  }

  const bar = (page: Page) => page.getByRole('group', { name: 'Thao tác xử lý hồ sơ' });
  const statusTag = (page: Page, status: string) => page.locator('h2 .ant-tag', { hasText: status }).waitFor();
  async function openDossier(page: Page, d: { id: string; code: string }) {
    await page.goto(`${server.baseUrl}/console/ho-so/${d.id}`);
    await page.getByRole('heading', { name: new RegExp(d.code) }).waitFor();
  }
  const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('A: forwarded to a chosen officer, found in "Chờ tôi xử lý", sent back with a reason shown highlighted', async () => {
    const d = await intake('Nguyễn Văn An');
    const deskPage = await officer('motcua');
    await openDossier(deskPage, d);
    await bar(deskPage).getByRole('button', { name: 'Chọn người nhận' }).click();
    const menu = deskPage.locator('.ant-dropdown:visible');
    await menu.getByText('Chuyển cho Cán bộ chuyenvien.hai').waitFor();
    expect(await menu.innerText()).toMatch(/Chuyển vào hàng chờ của Phường An Thử[\s\S]*Chuyển cho Cán bộ chuyenvien\.hai/);
    await deskPage.screenshot({ path: `${SHOTS}/mc-processing-forward-menu.png` });
    await menu.getByText('Chuyển cho Cán bộ chuyenvien.hai').click();
    await deskPage.getByText('Đã chuyển hồ sơ đến bước Thẩm định.').waitFor();
    await statusTag(deskPage, 'Đang xử lý');

    const cv2 = await officer('chuyenvien.hai');
    await cv2.goto(`${server.baseUrl}/console/ho-so?queue=mine`);
    await cv2.getByRole('tab', { name: /Chờ tôi xử lý/, selected: true }).waitFor();
    await cv2.getByRole('link', { name: d.code }).waitFor();
    const other = await officer('chuyenvien.mot');
    await other.goto(`${server.baseUrl}/console/ho-so?queue=mine`);
    await other.getByText('Không có hồ sơ').or(other.locator('.ant-empty')).first().waitFor();
    expect(await other.getByRole('link', { name: d.code }).count()).toBe(0);

    await cv2.getByRole('link', { name: d.code }).click();
    await cv2.getByRole('heading', { name: new RegExp(d.code) }).waitFor();
    await bar(cv2).getByRole('button', { name: 'Trả lại bước trước', exact: true }).click();
    const dialog = cv2.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('textbox').last().fill('Thiếu bản sao giấy xác nhận tình trạng hôn nhân');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: 'Trả lại bước trước' }).click();
    await cv2.getByText('Đã thực hiện: Trả lại bước trước.').waitFor();
    await statusTag(cv2, 'Đã tiếp nhận');

    await deskPage.goto(`${server.baseUrl}/console/ho-so?queue=mine`);
    const row = deskPage.getByRole('row', { name: new RegExp(d.code) });
    await row.waitFor();
    const note = row.locator('.sent-back');
    expect(await note.innerText()).toMatch(/Bị trả lại — Cán bộ chuyenvien\.hai: Thiếu bản sao giấy xác nhận tình trạng hôn nhân/);
    // Highlighted: its own background and border, not plain text.
    expect(await note.evaluate((el) => getComputedStyle(el).borderLeftStyle)).toBe('solid');
    expect(await noHorizontalScroll(deskPage)).toBe(true);
    await deskPage.screenshot({ path: `${SHOTS}/mc-processing-sent-back.png` });
    expect(await seriousA11yViolations(deskPage)).toEqual([]);
  });

  it('B: a forward is one click and can be undone until the receiver opens it', async () => {
    const d = await intake('Lê Thị Hoa');
    const deskPage = await officer('motcua');
    await openDossier(deskPage, d);
    const forwarded = deskPage.waitForResponse((r) => r.url().endsWith(`/api/dossiers/${d.id}/actions`) && r.request().method() === 'POST');
    await bar(deskPage).getByRole('button', { name: 'Chuyển bước tiếp theo', exact: true }).click();
    expect((await forwarded).status()).toBe(204); // Prefer: return=minimal — the page reloads the dossier itself
    expect(await deskPage.getByRole('dialog').count()).toBe(0); // no confirmation for what can be undone
    await deskPage.getByText(/Bạn vừa chuyển hồ sơ\. Có thể hoàn tác đến 09:10/).waitFor();
    await deskPage.screenshot({ path: `${SHOTS}/mc-processing-undo-banner.png` });
    expect(await seriousA11yViolations(deskPage)).toEqual([]);
    const undone = deskPage.waitForResponse((r) => r.url().endsWith(`/api/dossiers/${d.id}/undo-forward`));
    await deskPage.getByRole('button', { name: 'Hoàn tác' }).click();
    expect((await undone).status()).toBe(204);
    await deskPage.getByText('Đã hoàn tác việc chuyển bước.').waitFor();
    await statusTag(deskPage, 'Đã tiếp nhận');
    expect(await deskPage.getByText(/Bạn vừa chuyển hồ sơ/).count()).toBe(0);
    // The undo is an entry of the history; the forward stays in it.
    await deskPage.locator('.detail-card', { hasText: 'Hoàn tác chuyển bước' }).waitFor();
    expect(await deskPage.locator('.detail-card', { hasText: 'Hoàn tác chuyển bước' }).innerText()).toContain('Chuyển bước tiếp theo');
  });

  it('C: the leader approves with "Phê duyệt"', async () => {
    const d = await intake('Phạm Văn Bình');
    const cv1 = await login(server.app, 'chuyenvien.mot', TEST_PASSWORD);
    expect((await injectAs(server.app, desk, { method: 'POST', url: `/api/dossiers/${d.id}/actions`, payload: { action: 'forward', assigneeId: ids.cv1 } })).statusCode).toBe(200);
    expect((await injectAs(server.app, cv1, { method: 'POST', url: `/api/dossiers/${d.id}/actions`, payload: { action: 'forward', assigneeId: ids.leader } })).statusCode).toBe(200);
    const leader = await officer('lanhdao');
    await leader.goto(`${server.baseUrl}/console/ho-so?queue=mine`);
    await leader.getByRole('link', { name: d.code }).click();
    await leader.getByRole('heading', { name: new RegExp(d.code) }).waitFor();
    const labels = await bar(leader).getByRole('button').allInnerTexts();
    expect(labels.map((l) => l.trim())).toContain('Phê duyệt');
    expect(labels.map((l) => l.trim())).not.toContain('Chuyển bước tiếp theo');
    await bar(leader).getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    const dialog = leader.getByRole('dialog');
    await dialog.waitFor();
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: 'Phê duyệt' }).click();
    await leader.getByText('Đã thực hiện: Phê duyệt.').waitFor();
    await statusTag(leader, 'Đã có kết quả, chờ trả');
    await leader.screenshot({ path: `${SHOTS}/mc-processing-approved.png` });
    expect(await seriousA11yViolations(leader)).toEqual([]);
  });

  it('D: past its deadline, the dossier still gets its letter, marked late and signed by the head', async () => {
    const d = await intake('Hoàng Thị Mai');
    await injectAs(server.app, desk, { method: 'POST', url: `/api/dossiers/${d.id}/actions`, payload: { action: 'forward' } });
    await setClock('2026-12-04T10:00'); // Friday: the due time (Thursday 03/12 09:00) has passed
    const deskPage = await officer('motcua');
    await deskPage.goto(`${server.baseUrl}/console/ho-so?queue=needs_apology`);
    await deskPage.getByRole('tab', { name: /Cần xin lỗi/, selected: true }).waitFor();
    await deskPage.getByRole('link', { name: d.code }).click();
    await deskPage.getByRole('heading', { name: new RegExp(d.code) }).waitFor();
    await bar(deskPage).getByRole('button', { name: 'Xin lỗi và hẹn lại', exact: true }).click();
    const dialog = deskPage.getByRole('dialog');
    await dialog.getByText(/Đã quá thời hạn gửi văn bản xin lỗi[\s\S]*phát hành muộn/).waitFor();
    await dialog.getByText('Người ký (nhân danh cơ quan có thẩm quyền): CHỦ TỊCH Trần Thị Cúc').waitFor();
    // Enter in the date field confirms the date, and never sends the letter.
    let posted = 0;
    deskPage.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/actions')) posted++;
    });
    // The picker offers working days only: Sunday 06/12 is disabled, Monday 07/12 is not.
    await dialog.getByLabel('Ngày giờ hẹn trả mới').click();
    const day = (n: number) => deskPage.locator('.ant-picker-dropdown:visible .ant-picker-cell-in-view').filter({ hasText: new RegExp(`^${n}$`) });
    await day(6).waitFor();
    expect(await day(6).getAttribute('class')).toContain('ant-picker-cell-disabled');
    expect(await day(7).getAttribute('class')).not.toContain('ant-picker-cell-disabled');
    await dialog.getByLabel('Ngày giờ hẹn trả mới').fill('09/12/2026 16:00');
    await dialog.getByLabel('Ngày giờ hẹn trả mới').press('Enter');
    await deskPage.waitForTimeout(300);
    expect(posted).toBe(0);
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.getByText('Cần ghi rõ lý do').count()).toBe(0);
    await dialog.getByLabel('Lý do chậm trễ').fill('Chờ kết quả xác minh của cơ quan phối hợp');
    await settled(deskPage);
    await deskPage.screenshot({ path: `${SHOTS}/mc-processing-late-apology.png` });
    expect(await seriousA11yViolations(deskPage)).toEqual([]);
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: 'Xin lỗi và hẹn lại' }).click();
    await deskPage.getByText('Đã thực hiện: Xin lỗi và hẹn lại.').waitFor();
    expect(posted).toBe(1);
    await deskPage.getByText('Hẹn ban đầu: 03/12/2026 09:00 → Hẹn lại: 09/12/2026 16:00').waitFor();
    // A second letter is not possible: the button says why before any form opens.
    const blocked = bar(deskPage).getByRole('button', { name: /Xin lỗi và hẹn lại: .*chỉ được hẹn lại một lần/ });
    expect(await blocked.isDisabled()).toBe(true);
    // Late before its letter, it stays late: in "Quá hạn" and in its count, though the new appointment is ahead
    // (ND 61/2018 Điều 19 k9).
    await deskPage.goto(`${server.baseUrl}/console/ho-so?queue=overdue`);
    const overdueTab = deskPage.getByRole('tab', { name: /Quá hạn/, selected: true });
    await overdueTab.waitFor();
    await deskPage.getByRole('link', { name: d.code }).waitFor();
    const shown = await deskPage.locator('.queue-table tbody tr.ant-table-row').count();
    expect(Number(await overdueTab.locator('.ant-badge sup').getAttribute('title'))).toBe(shown);
    expect(await deskPage.locator('.queue-table tbody tr.ant-table-row').filter({ hasText: d.code }).locator('.ant-tag').last().innerText()).toBe('Quá hạn');
    await settled(deskPage);
    await deskPage.screenshot({ path: `${SHOTS}/mc-processing-late-apology-overdue.png` });

    const pdf = await deskPage.request.get(`${server.baseUrl}/api/dossiers/${d.id}/forms/apology`);
    expect(pdf.status()).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), 'mc-letter-')), 'thu-xin-loi.pdf');
    writeFileSync(file, await pdf.body());
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    writeFileSync(`${SHOTS}/mc-processing-late-apology.txt`, text);
    expect(text).toContain('UBND PHƯỜNG AN THỬ');
    expect(text).toContain('Phát hành muộn');
    expect(text).toMatch(/CHỦ TỊCH[\s\S]*Trần Thị Cúc/);
    expect(text).not.toContain('Cán bộ motcua');
    expect(text).toContain('09/12/2026');
    expect(pageErrors).toEqual([]);
  });

  it('E: at "Vào sổ, đóng dấu, trả kết quả" the desk officer returns the result from the queue', async () => {
    await setClock('2026-12-07T09:00'); // Monday
    const admin = await login(server.app, 'quantri', TEST_PASSWORD);
    const created = await injectAs(server.app, admin, {
      method: 'POST',
      url: '/api/procedures',
      payload: { ownerUnitId: ids.province, content: buildProcedureContent({ code: '2.000986', name: 'Đăng ký khai sinh', processingTime: { amount: 3, unit: 'working_day' }, steps: [
        { name: 'Tiếp nhận, kiểm tra', role: 'desk_officer', unitCode: null, workingDays: 0.5 },
        { name: 'Thẩm định', role: 'specialist', unitCode: null, workingDays: 1.5 },
        { name: 'Chủ tịch UBND xã ký', role: 'leader', unitCode: null, workingDays: 0.5 },
        { name: 'Vào sổ, đóng dấu, trả kết quả', role: 'desk_officer', unitCode: null, workingDays: 0.5 },
      ] }) },
    });
    expect(created.statusCode, created.body).toBe(201);
    const procedure = (created.json() as { id: string }).id;
    await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${procedure}/publish`, payload: { decisionNo: '2/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    const res = await injectAs(server.app, desk, {
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        idempotencyKey: `processing-e2e-${++seq}`, procedureId: procedure, receivingUnitId: ids.deskUnit, resolvingUnitId: ids.commune,
        applicant: { kind: 'citizen', idNumber: '087090002468', fullName: 'Võ Thị Hồng' }, outcome: 'accept', eform: { hoTen: 'Võ Thị Hồng' },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json() as { id: string; code: string };
    const cv1 = await login(server.app, 'chuyenvien.mot', TEST_PASSWORD);
    const leader = await login(server.app, 'lanhdao', TEST_PASSWORD);
    for (const s of [desk, cv1]) expect((await injectAs(server.app, s, { method: 'POST', url: `/api/dossiers/${d.id}/actions`, payload: { action: 'forward' } })).statusCode).toBe(200);
    // At the leader's signing step, before the desk's return step: "Phê duyệt", not "next step" (the leader's own
    // explicit act); approving makes the result ready and hands it to the desk's "Chờ trả kết quả".
    expect((await injectAs(server.app, leader, { method: 'POST', url: `/api/dossiers/${d.id}/actions`, payload: { action: 'forward' } })).statusCode).toBe(409);
    const leaderPage = await officer('lanhdao');
    await leaderPage.goto(`${server.baseUrl}/console/ho-so/${d.id}`);
    await leaderPage.getByRole('heading', { name: new RegExp(d.code) }).waitFor();
    const labels = (await bar(leaderPage).getByRole('button').allInnerTexts()).map((l) => l.trim());
    expect(labels).toContain('Phê duyệt');
    expect(labels).not.toContain('Chuyển bước tiếp theo');
    await bar(leaderPage).getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await leaderPage.getByRole('dialog').locator('.ant-modal-footer').getByRole('button', { name: 'Phê duyệt' }).click();
    await leaderPage.getByText('Đã thực hiện: Phê duyệt.').waitFor();
    await statusTag(leaderPage, 'Đã có kết quả, chờ trả');

    const deskPage = await officer('motcua');
    await deskPage.goto(`${server.baseUrl}/console/ho-so?queue=result_ready`);
    const row = deskPage.getByRole('row', { name: new RegExp(d.code) });
    await row.waitFor();
    expect(await row.innerText()).toContain('Đã có kết quả, chờ trả');
    await settled(deskPage);
    await deskPage.screenshot({ path: `${SHOTS}/mc-processing-return-queue.png` });
    // The row with the return action is one line, like a row without it (ten rows fit a 1366×768 screen).
    expect(await row.evaluate((tr) => tr.getBoundingClientRect().height)).toBeLessThanOrEqual(44);
    await row.getByRole('button', { name: `Trả kết quả hồ sơ ${d.code}` }).click();
    await deskPage.getByRole('heading', { name: new RegExp(d.code) }).waitFor();
    const dialog = deskPage.getByRole('dialog');
    await dialog.getByLabel('Người nhận kết quả').waitFor();
    expect(await dialog.getByLabel('Người nhận kết quả').inputValue()).toBe('Võ Thị Hồng');
    expect(await seriousA11yViolations(deskPage)).toEqual([]);
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: 'Trả kết quả' }).click();
    await deskPage.getByText('Đã thực hiện: Trả kết quả.').waitFor();
    await statusTag(deskPage, 'Đã trả kết quả');
    // Nothing is left to do on it.
    expect(await bar(deskPage).getByRole('button').count()).toBe(0);
    await deskPage.screenshot({ path: `${SHOTS}/mc-processing-returned.png` });
    expect(pageErrors).toEqual([]);
  });
});
