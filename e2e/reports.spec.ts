import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { injectAs, login } from '../server/test/app.js';
import { buildProcedureContent, buildStaff, buildUnit, TEST_PASSWORD } from '../server/test/factories.js';
import { launchBrowser, seriousA11yViolations, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The office (văn phòng tổng hợp) reads the reports: opens the dashboard of the province, drills down through the
 * district to a commune, produces the daily quick report and downloads it as Excel and PDF.
 */
let now = new Date('2026-11-30T02:00:00Z'); // Monday 30/11/2026 09:00 in Vietnam

describe('reports journey', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ clock: { now: () => now } });
    const db = server.ctx.db;
    const province = await buildUnit(db, { kind: 'province', name: 'Tỉnh Báo Cáo' });
    const district = await buildUnit(db, { kind: 'district', parent: province, name: 'Huyện Hồng Thử' });
    const commune = await buildUnit(db, { kind: 'commune', parent: district, name: 'Xã Tân Thử' });
    const otherCommune = await buildUnit(db, { kind: 'commune', parent: district, name: 'Xã Phú Thử' });
    const desk = await buildUnit(db, { kind: 'desk', parent: commune, name: 'Bộ phận một cửa xã Tân Thử' });
    await buildStaff(db, 'quantri', [{ role: 'admin', unit: province }]);
    await buildStaff(db, 'motcua', [{ role: 'desk_officer', unit: province }]);
    await buildStaff(db, 'vanphong', [{ role: 'inspector', unit: province }]);
    const admin = await login(server.app, 'quantri', TEST_PASSWORD);
    const created = await injectAs(server.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: province.id, content: buildProcedureContent() } });
    const procedureId = (created.json() as { id: string }).id;
    await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    const officer = await login(server.app, 'motcua', TEST_PASSWORD);
    for (const [i, unit] of [commune, commune, commune, otherCommune].entries()) {
      const res = await injectAs(server.app, officer, {
        method: 'POST',
        url: '/api/dossiers',
        payload: {
          idempotencyKey: `e2e-report-${i}`,
          procedureId,
          receivingUnitId: desk.id,
          resolvingUnitId: unit.id,
          applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Nguyễn Văn An' },
          eform: { hoTen: 'Bé' },
          outcome: 'accept',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    // One dossier arrived online (written by the portal module in the same table).
    await db.query(`UPDATE dossier SET channel = 'online' WHERE idempotency_key LIKE '%:e2e-report-0'`);
    // Feedback on the commune (QĐ 766 group 5): one answered on time and not rated, one answered late and rated
    // unsatisfied — chỉ số 5.3 by the decision's formula is 50 %, satisfaction with the answer 0 %.
    for (const [i, f] of [{ late: 0, rating: null }, { late: 1, rating: 'unsatisfied' }].entries()) {
      const at = `2026-11-0${i + 3}T02:00:00Z`;
      await db.query(
        `INSERT INTO feedback (code, kind, category, channel, receiving_unit_id, receiving_path, unit_id, unit_path, subject, content, sender_name, sender_phone,
                               status, classification, received_at, day, refuse_due_at, info_due_at, transfer_due_at, answer_due_at, answered_at, late_steps, rating,
                               public_subject, public_content, updated_at)
         VALUES ($1, 'feedback', 'tthc', 'portal', $2, $3, $2, $3, 'Phản ánh', 'Nội dung phản ánh', 'Người gửi', '0912345678',
                 'answered', 'within_competence', $4, $5, $4, $4, $4, $4, $4, $6, $7, 'Phản ánh', 'Nội dung phản ánh', $4)`,
        [`PAKN-E2E-${i}`, commune.id, commune.path, at, at.slice(0, 10), f.late, f.rating],
      );
    }
    now = new Date('2026-11-30T09:00:00Z'); // 16:00, the daily report's hour

    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    await context.clock.install({ time: now });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await page.screenshot({ path: `${SHOTS}/mc-reports-failure.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the dashboard, drills down to a commune and downloads the daily report', async () => {
    await signInToConsole(page, server.baseUrl, 'vanphong', TEST_PASSWORD);

    await page.getByRole('menuitem', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { name: 'Báo cáo và chỉ số', level: 2 }).waitFor();
    await page.getByTestId('report-unit').getByText('Tỉnh Báo Cáo').waitFor();
    // The charts are drawn (ECharts canvases) and the province counts its four dossiers, one online.
    await page.locator('[role=img][aria-label="Diễn biến theo tháng"] canvas').waitFor();
    const provinceRow = page.locator('.ant-table-row', { hasText: 'Huyện Hồng Thử' });
    expect(await provinceRow.locator('td').nth(1).innerText()).toBe('4');
    expect(await provinceRow.locator('td').nth(2).innerText()).toBe('1');
    // QĐ 766 group 5 of the province for the year: both indices, each labelled, the decimal comma.
    const g5 = page.getByTestId('group5');
    await g5.getByText('Phản ánh, kiến nghị — nhóm 5, QĐ 766/QĐ-TTg').waitFor();
    const g5Text = (await g5.innerText()).replace(/\s+/g, ' ');
    expect(g5Text).toContain('5.1. PAKN tiếp nhận (theo phân loại) 2 Về quy định hành chính thuộc thẩm quyền: 2');
    expect(g5Text).toContain('5.2. Xử lý đúng hạn 50 % 1/2 PAKN đã xử lý');
    expect(g5Text).toContain('Chỉ số 5.3 (công thức QĐ 766) 50 % Theo công thức của QĐ 766, câu trả lời chưa được đánh giá được tính là hài lòng.');
    expect(g5Text).toContain('Hài lòng với câu trả lời 0 % 0/1 lượt đánh giá hài lòng');
    expect(g5Text).toContain('5.4. Hồ sơ bị phản ánh, kiến nghị 0');
    await page.screenshot({ path: `${SHOTS}/mc-reports-dashboard.png`, fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Xem đơn vị trực thuộc: Huyện Hồng Thử' }).click();
    await page.getByTestId('report-unit').getByText('Huyện Hồng Thử').waitFor();
    await page.getByRole('button', { name: 'Xem đơn vị trực thuộc: Xã Tân Thử' }).click();
    await page.getByTestId('report-unit').getByText('Xã Tân Thử').waitFor();
    expect(await page.locator('.ant-breadcrumb').innerText()).toMatch(/Tỉnh Báo Cáo\s*\/\s*Huyện Hồng Thử\s*\/\s*Xã Tân Thử/);
    const stats = await page.locator('.ant-statistic').first().innerText();
    expect(stats).toContain('3');
    await page.screenshot({ path: `${SHOTS}/mc-reports-commune.png`, fullPage: true });

    await page.getByRole('tab', { name: 'Báo cáo nhanh hằng ngày' }).click();
    await page.getByRole('button', { name: 'Lập ngay' }).click();
    await page.getByText(/Đã lập 1 báo cáo/).waitFor();
    const row = page.locator('.ant-table-row', { hasText: '30/11/2026' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Tỉnh Báo Cáo');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'Tải Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('bao-cao-nhanh-2026-11-30.xlsx');
    const xlsxBytes = await readDownload(await xlsx.createReadStream());
    expect(xlsxBytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const [pdf] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'Tải PDF' }).click()]);
    expect(pdf.suggestedFilename()).toBe('bao-cao-nhanh-2026-11-30.pdf');
    const pdfBytes = await readDownload(await pdf.createReadStream());
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.screenshot({ path: `${SHOTS}/mc-reports-daily.png`, fullPage: true });

    // The period report (this quarter) shows the same group 5 of the province under Biểu 06.
    await page.getByRole('tab', { name: 'Báo cáo kỳ (Biểu 06)' }).click();
    const periodG5 = page.getByRole('tabpanel', { name: 'Báo cáo kỳ (Biểu 06)' }).getByTestId('group5');
    await periodG5.getByText('Chỉ số 5.3 (công thức QĐ 766)').waitFor();
    const periodText = (await periodG5.innerText()).replace(/\s+/g, ' ');
    expect(periodText).toContain('5.2. Xử lý đúng hạn 50 % 1/2 PAKN đã xử lý');
    expect(periodText).toContain('Hài lòng với câu trả lời 0 % 0/1 lượt đánh giá hài lòng');
    await periodG5.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/mc-reports-period-group5.png` });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});

async function readDownload(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
