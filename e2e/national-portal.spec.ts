import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { injectAs, login, type Session } from '../server/test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree, TEST_PASSWORD } from '../server/test/factories.js';
import { nationalPortalOf } from '../server/src/modules/national-portal/national-portal.service.js';
import { simulatorFor } from '../server/src/modules/national-portal/national-portal.simulator.js';
import { dispatchNationalSync } from '../server/src/modules/national-portal/use-cases/dispatch-sync.js';
import { launchBrowser, seriousA11yViolations, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Journey with the national portal simulator (Cổng DVCQG): a citizen's dossier submitted "on the national portal" is
 * pushed to us and waits in the desk's online queue; the desk officer opens it (its e-form answers and the file from
 * the portal are there) and accepts it, the dossier is processed, and after each step the sync sends the change: the
 * simulator's copy goes 1 → 2 → 4 → 9 → 10 in the ledger's order. The console's sync page shows the counts.
 */
const now = new Date('2026-12-07T02:00:00Z'); // Monday 07/12/2026 09:00 in Vietnam
const PORTAL_FILE = 'https://dichvucong.gov.vn/tep/G22.99-261207-0099/xac-nhan-hon-nhan.pdf';
const pdf = Buffer.from('%PDF-1.4\n% to khai tu Cong DVCQG\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

describe('national portal: a dossier from DVCQG is processed and each status goes back in order', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let sessions: Record<'desk' | 'specialist' | 'leader' | 'inspector', Session>;
  let communeCode: string;

  beforeAll(async () => {
    server = await startServer({ clock: { now: () => now } });
    const db = server.ctx.db;
    const units = await buildUnitTree(db);
    communeCode = units.communeA.code;
    await buildStaff(db, 'quantri', [{ role: 'admin', unit: units.province }]);
    await buildStaff(db, 'motcua', [{ role: 'desk_officer', unit: units.deskA }]);
    await buildStaff(db, 'chuyenvien', [{ role: 'specialist', unit: units.officeA }]);
    await buildStaff(db, 'lanhdao', [{ role: 'leader', unit: units.communeA }]);
    await buildStaff(db, 'thanhtra', [{ role: 'inspector', unit: units.communeA }]);
    const admin = await login(server.app, 'quantri', TEST_PASSWORD);
    const created = await injectAs(server.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: units.province.id, content: buildProcedureContent({ code: '1.000894', name: 'Đăng ký kết hôn', national: { maTTHC: '1.000894', maTruongHop: 'KH-TN' } }) } });
    const procedureId = (created.json() as { id: string }).id;
    const published = await injectAs(server.app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    expect(published.statusCode, published.body).toBe(200);
    sessions = {
      desk: await login(server.app, 'motcua', TEST_PASSWORD),
      specialist: await login(server.app, 'chuyenvien', TEST_PASSWORD),
      leader: await login(server.app, 'lanhdao', TEST_PASSWORD),
      inspector: await login(server.app, 'thanhtra', TEST_PASSWORD),
    };
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The sync job's work, run now (the test moves no real time): until the outbox is empty. */
  async function sync(): Promise<void> {
    for (let i = 0; i < 20; i++) {
      const r = await dispatchNationalSync({ db: server.ctx.db, clock: server.ctx.clock, portal: nationalPortalOf(server.ctx)!, config: server.ctx.config });
      if (r.claimed === 0) return;
    }
  }

  /** An officer in their own browser context (own cookies), at 1366×768, the clock set to the server's. */
  async function signIn(username: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
    await context.clock.install({ time: now });
    contexts.push(context);
    const page = await context.newPage();
    await signInToConsole(page, server.baseUrl, username, TEST_PASSWORD);
    return page;
  }

  it('arrives in the online queue, is accepted and processed; the simulator sees 1, 2, 4, 9, 10 in order', async () => {
    const sim = simulatorFor(server.ctx);
    const pushed = await injectAs(server.app, sessions.inspector, {
      method: 'POST',
      url: '/api/national-sim/push',
      payload: {
        MaHoSo: 'G22.99-261207-0099',
        MaTTHC: '1.000894',
        MaTruongHop: 'KH-TN',
        TenTTHC: 'Đăng ký kết hôn',
        KenhThucHien: 2,
        ChuHoSo: 'Phạm Thị Dung',
        MaDoiTuong: '087090001234',
        SoDienThoai: '0912345678',
        DiaChi: 'Số 5 đường Nguyễn Huệ, phường An Thử',
        NgayNopHoSo: '20261207083000',
        TrangThaiHoSo: 1,
        DonViXuLy: communeCode,
        TaiKhoanDuocXacThucVoiVNeID: 1,
        DuocThanhToanTrucTuyen: 1,
        DanhSachPhiLePhi: [{ TenPhiLePhi: 'Lệ phí đăng ký kết hôn', Gia: 0 }],
        DanhSachTaiLieuNop: [
          { TenTepDinhKem: 'to-khai-dvcqg.pdf', TenGiayTo: 'Tờ khai đăng ký khai sinh', DuocSoHoa: true, NoiDungTep: pdf.toString('base64') },
          // The data set allows a file as a link only: the officer opens it on the portal.
          { TenTepDinhKem: 'xac-nhan-hon-nhan.pdf', TenGiayTo: 'Giấy xác nhận tình trạng hôn nhân', DuocSoHoa: true, DuongDanTaiLieu: PORTAL_FILE },
        ],
        // Validated against the procedure's e-form as online submission is (this test's procedure asks for hoTen).
        DuLieuBieuMau: { hoTen: 'Phạm Thị Dung' },
      },
    });
    expect(pushed.statusCode, pushed.body).toBe(201);
    const dossierId = (pushed.json() as { id: string }).id;
    await sync();
    const copy = () => sim.dossiers.get('G22.99-261207-0099')!;
    expect(copy().TrangThaiHoSo).toBe(1);

    // The desk sees it among the online dossiers waiting, with the portal's file and e-form answers, and accepts it.
    const desk = await signIn('motcua');
    await desk.goto(`${server.baseUrl}/console/ho-so`);
    await desk.getByRole('tab', { name: /Trực tuyến chờ tiếp nhận/ }).click();
    const row = desk.locator('.ant-table-row', { hasText: 'Phạm Thị Dung' });
    await row.waitFor();
    // The code the citizen holds (the national portal's) is under ours, which it has none of before acceptance.
    await row.getByText('DVCQG: G22.99-261207-0099').waitFor();
    await desk.screenshot({ path: `${SHOTS}/mc-dvcqg-online-queue.png` });
    expect(await desk.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await desk.goto(`${server.baseUrl}/console/ho-so/${dossierId}`);
    await desk.getByRole('link', { name: 'to-khai-dvcqg.pdf' }).waitFor();
    // The file sent only as a link: its row names the document, and the link opens the portal's copy in a new tab
    // that cannot reach back into the console.
    const linkRow = desk.locator('.ant-table-row', { hasText: 'Giấy xác nhận tình trạng hôn nhân' });
    const onPortal = linkRow.getByRole('link', { name: 'Tệp trên Cổng DVCQG' });
    await onPortal.waitFor();
    expect(await onPortal.getAttribute('href')).toBe(PORTAL_FILE);
    expect(await onPortal.getAttribute('target')).toBe('_blank');
    expect((await onPortal.getAttribute('rel'))?.split(' ')).toContain('noopener');
    await desk.screenshot({ path: `${SHOTS}/mc-dvcqg-linked-file.png` });
    await desk.locator('.ant-descriptions-item', { hasText: 'Mã hồ sơ trên Cổng DVCQG' }).getByText('G22.99-261207-0099').waitFor();
    await desk.getByText('Phạm Thị Dung').first().waitFor();
    await desk.getByRole('group', { name: 'Thao tác xử lý hồ sơ' }).getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    const dialog = desk.getByRole('dialog');
    await dialog.waitFor();
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: 'Tiếp nhận' }).click();
    await desk.locator('h2 .ant-tag', { hasText: 'Đã tiếp nhận' }).waitFor();
    await desk.screenshot({ path: `${SHOTS}/mc-dvcqg-accepted.png` });
    await sync();
    expect(copy().TrangThaiHoSo).toBe(2);
    expect(copy().NgayHenTra).toMatch(/^2026\d{10}$/);

    const act = async (s: Session, action: string, extra: Record<string, unknown> = {}) => {
      const r = await injectAs(server.app, s, { method: 'POST', url: `/api/dossiers/${dossierId}/actions`, payload: { action, ...extra } });
      expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
      await sync();
    };
    await act(sessions.desk, 'forward');
    await act(sessions.specialist, 'claim');
    expect(copy().TrangThaiHoSo).toBe(4);
    await act(sessions.specialist, 'forward');
    await act(sessions.leader, 'approve');
    expect(copy().TrangThaiHoSo).toBe(9);
    await act(sessions.desk, 'return_result', { receivedBy: 'Phạm Thị Dung' });
    expect(copy().TrangThaiHoSo).toBe(10);

    // Each status change reached the portal once, in the ledger's order.
    const statuses = sim.calls.filter((c) => c.maHoSo === 'G22.99-261207-0099').map((c) => c.trangThai);
    // Submitted, accepted, forwarded, claimed, forwarded (đang xử lý), approved (chờ trả), returned.
    expect(statuses).toEqual([1, 2, 4, 4, 4, 9, 10]);
    const { rows } = await server.ctx.db.query<{ id: string }>(`SELECT a.id::text AS id FROM dossier_action a WHERE a.dossier_id = $1 ORDER BY a.id`, [dossierId]);
    expect(copy().QuaTrinhXuLy.map((q) => q.MaQuaTrinh)).toEqual(rows.map((r) => r.id));

    // The citizen tracks it on our portal with the national portal's code, as they hold it (a phone, 390×844).
    const phone = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 390, height: 844 } });
    contexts.push(phone);
    const citizen = await phone.newPage();
    await citizen.goto(`${server.baseUrl}/thu-tuc/tra-cuu-ho-so`);
    await citizen.getByLabel('Mã hồ sơ hoặc mã nộp hồ sơ').fill('G22.99-261207-0099');
    await citizen.getByLabel('Số điện thoại hoặc 4 số cuối căn cước').fill('1234');
    await citizen.getByRole('button', { name: 'Tra cứu' }).click();
    await citizen.getByText('Đăng ký kết hôn').first().waitFor();
    await citizen.screenshot({ path: `${SHOTS}/mc-dvcqg-tracking-national-code.png`, fullPage: true });

    // The inspector's console: the sync page counts the dossier as synced, nothing waiting or failing.
    const inspector = await signIn('thanhtra');
    await inspector.getByRole('menuitem', { name: 'Đồng bộ Cổng DVCQG' }).click();
    await inspector.getByRole('heading', { name: 'Đồng bộ với Cổng Dịch vụ công quốc gia' }).waitFor();
    const counts = inspector.locator('.ant-statistic');
    await counts.first().waitFor();
    expect(await counts.allInnerTexts()).toEqual(['Đã đồng bộ\n1', 'Đang chờ gửi\n0', 'Lỗi, đang thử lại\n0']);
    await inspector.getByText('Không có sai lệch').first().waitFor();
    expect(await inspector.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousA11yViolations(inspector)).toEqual([]);
    await inspector.screenshot({ path: `${SHOTS}/mc-dvcqg-sync-page.png`, fullPage: true });
  });
});
