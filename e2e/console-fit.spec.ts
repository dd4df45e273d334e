import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { buildStaff, buildUnit, TEST_PASSWORD } from '../server/test/factories.js';
import type { UnitRow } from '../server/src/modules/org-units/unit.repo.js';
import { actAndAwaitToast, launchBrowser, pastRightEdge, settled, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The console at the officers' screen, 1366 × 768, with unit names as long as real ones ("Phòng Kinh tế, Hạ tầng và Đô
 * thị phường …"): the staff user drawer, the calendar's adjustment modal and the unit modals keep every field inside
 * their body, their unit pickers pick and show the chosen unit from the field's start; the staff list and the
 * calendar's adjustments fit the page, the delete button in view.
 */
const now = new Date('2026-12-07T02:00:00Z'); // Monday 07/12/2026 09:00 in Vietnam
const OFFICE = 'Phòng Kinh tế, Hạ tầng và Đô thị phường An Bình Thử Nghiệm';
const DESK = 'Trung tâm Phục vụ hành chính công phường An Bình Thử Nghiệm';

describe('the console fits 1366 × 768', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let units: { province: UnitRow; commune: UnitRow; office: UnitRow; desk: UnitRow };
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ clock: { now: () => now } });
    const db = server.ctx.db;
    const province = await buildUnit(db, { kind: 'province', name: 'Tỉnh Đồng Tháp Thử Nghiệm' });
    const commune = await buildUnit(db, { kind: 'commune', parent: province, name: 'Phường An Bình Thử Nghiệm' });
    const office = await buildUnit(db, { kind: 'office', parent: commune, name: OFFICE });
    const desk = await buildUnit(db, { kind: 'desk', parent: commune, name: DESK });
    units = { province, commune, office, desk };
    await buildStaff(db, 'quantri', [{ role: 'admin', unit: province }]);
    // An officer whose role is held at the long-named office: the drawer opened on them showed the defect.
    await buildStaff(db, 'chuyenvien.dai', [{ role: 'specialist', unit: office }], commune);
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
    await context.clock.install({ time: now });
    contexts.push(context);
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInToConsole(page, server.baseUrl, 'quantri', TEST_PASSWORD);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await page.screenshot({ path: `${SHOTS}/mc-console-fit-failure-${context.task.name.slice(4, 20)}.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    expect(pageErrors).toEqual([]);
  });

  const pageScrollsSideways = () => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

  /** Opens a unit picker, searches, and picks the unit named `name` (a single picker closes its list). */
  async function pickUnit(field: Locator, search: string, name: string, { multiple = false } = {}): Promise<void> {
    await field.click();
    await field.fill(search);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).first();
    await option.waitFor();
    await settled(page); // a click while the list still slides open can be lost
    await option.click();
    if (!multiple) await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  }

  /** The antd picker a combobox belongs to. */
  const pickerOf = (field: Locator) => field.locator(`xpath=ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]`);

  /** The picker around a combobox, with what it shows and where the chosen name starts (px from the field's start). */
  async function shown(field: Locator, name: string): Promise<{ text: string; inset: number | null }> {
    return pickerOf(field).evaluate((select, n) => {
      const content = select.querySelector('.ant-select-content') ?? select;
      const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
      let inset: number | null = null;
      for (let node = walker.nextNode(); node && inset === null; node = walker.nextNode()) {
        if (!node.textContent?.includes(n)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        inset = range.getBoundingClientRect().left - content.getBoundingClientRect().left;
      }
      return { text: (content as HTMLElement).innerText, inset };
    }, name);
  }

  /** The picker is on screen, inside `body`, at least 150 px wide. */
  async function expectInside(field: Locator, body: Locator): Promise<void> {
    const select = pickerOf(field);
    expect(await select.isVisible()).toBe(true);
    const [s, b] = [await select.boundingBox(), await body.boundingBox()];
    expect(s!.x).toBeGreaterThanOrEqual(b!.x);
    expect(s!.x + s!.width).toBeLessThanOrEqual(b!.x + b!.width);
    expect(s!.width).toBeGreaterThan(150);
  }

  it('the staff user drawer keeps an officer’s long-named unit inside it, and its unit pickers pick', async () => {
    await page.goto(`${server.baseUrl}/console/can-bo`);
    await page.locator('.ant-table-row', { hasText: 'chuyenvien.dai' }).getByRole('button', { name: 'Sửa' }).click();
    const edit = page.getByRole('dialog', { name: 'Sửa tài khoản: Cán bộ chuyenvien.dai' });
    const editBody = edit.locator('.ant-drawer-body');
    const heldAt = edit.getByLabel('Đơn vị của vai trò');
    await heldAt.waitFor();
    await settled(page); // measured where the drawer rests, not while it slides in
    expect((await shown(heldAt, OFFICE)).text).toContain(OFFICE);
    expect(await pastRightEdge(editBody)).toEqual([]);
    await expectInside(heldAt, editBody);
    await page.screenshot({ path: `${SHOTS}/mc-console-fit-user-edit.png` });
    await edit.getByRole('button', { name: 'Hủy' }).click();
    await edit.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
    const create = page.getByRole('dialog', { name: 'Thêm tài khoản cán bộ' });
    const body = create.locator('.ant-drawer-body');
    await body.waitFor();
    await settled(page);
    await create.getByLabel('Tên đăng nhập').fill('motcua.moi');
    await create.getByLabel('Họ và tên').fill('Nguyễn Thị Mới');
    await create.getByLabel('Mật khẩu', { exact: true }).fill('Mat-khau-moi-2026');
    await create.getByLabel('Số điện thoại').fill('0912345678');
    const home = create.getByLabel('Đơn vị công tác');
    await pickUnit(home, 'phuong an binh', 'Phường An Bình Thử Nghiệm');
    expect((await shown(home, 'Phường An Bình Thử Nghiệm')).text).toContain('Phường An Bình Thử Nghiệm');

    // The first role (desk officer) at the one-stop centre, a second (specialist) at the office: both long names.
    const grantUnits = create.getByLabel('Đơn vị của vai trò');
    await pickUnit(grantUnits.nth(0), 'trung tam phuc vu', DESK);
    await create.getByRole('button', { name: 'Thêm vai trò' }).click();
    await pickUnit(grantUnits.nth(1), 'kinh te ha tang', OFFICE);
    for (const [field, name] of [[grantUnits.nth(0), DESK], [grantUnits.nth(1), OFFICE]] as const) {
      const { text, inset } = await shown(field, name);
      // The chosen unit shows, from the field's start (the list's indentation by depth stays in the list).
      expect(text).toContain(name.slice(0, 30));
      expect(inset).not.toBeNull();
      expect(inset!).toBeLessThan(2);
      await expectInside(field, body);
    }
    await page.mouse.move(0, 0);
    expect(await pastRightEdge(body)).toEqual([]);
    expect(await pageScrollsSideways()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/mc-console-fit-user-create.png` });

    await actAndAwaitToast(page, 'Đã tạo tài khoản.', () => create.getByRole('button', { name: 'Lưu' }).click());
    const { rows } = await server.ctx.db.query<{ role: string; unit_id: string; home_unit_id: string }>(
      `SELECT r.role, r.unit_id, u.home_unit_id FROM role_assignment r JOIN staff_user u ON u.id = r.user_id WHERE u.username = 'motcua.moi' ORDER BY r.role`,
    );
    expect(rows).toEqual([
      { role: 'desk_officer', unit_id: units.desk.id, home_unit_id: units.commune.id },
      { role: 'specialist', unit_id: units.office.id, home_unit_id: units.commune.id },
    ]);
  });

  it('the staff list fits beside the menu: no sideways scroll, the actions in view', async () => {
    await page.goto(`${server.baseUrl}/console/can-bo`);
    const row = page.locator('.ant-table-row', { hasText: 'motcua.moi' });
    await row.getByText(`Chuyên viên · ${OFFICE}`).waitFor();
    const table = page.locator('.ant-table-content');
    expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    const [lock, box] = [await row.getByRole('button', { name: 'Khóa tài khoản' }).boundingBox(), await table.boundingBox()];
    expect(lock!.x + lock!.width).toBeLessThanOrEqual(box!.x + box!.width);
    expect(await pageScrollsSideways()).toBe(false);
  });

  it('the calendar’s adjustment modal keeps its sessions and unit inside it; the adjustments table shows the delete button', async () => {
    await page.goto(`${server.baseUrl}/console/lich-lam-viec`);
    await page.getByRole('button', { name: 'Thêm điều chỉnh' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm điều chỉnh lịch làm việc' });
    const body = dialog.locator('.ant-modal-body');
    await body.waitFor();
    await settled(page);
    await dialog.getByText('Buổi tiếp nhận ngoài giờ').click();
    await dialog.getByLabel('Ngày', { exact: true }).fill('12/12/2026');
    await dialog.getByLabel('Ngày', { exact: true }).press('Enter');
    await dialog.getByLabel('Nội dung').fill('Tiếp nhận ngoài giờ sáng thứ Bảy');
    const unit = dialog.getByLabel('Đơn vị', { exact: true });
    await pickUnit(unit, 'trung tam phuc vu', DESK);
    const { text, inset } = await shown(unit, DESK);
    // An out-of-hours session comes with a morning; an afternoon is added (two rows in the sessions' fieldset).
    await dialog.getByRole('button', { name: 'Thêm khung giờ' }).click();
    expect(await dialog.getByLabel('Bắt đầu').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(['07:30', '13:30']);
    expect(text).toContain(DESK.slice(0, 30));
    expect(inset!).toBeLessThan(2);
    await expectInside(unit, body);
    expect(await pastRightEdge(body)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/mc-console-fit-adjustment.png` });
    await actAndAwaitToast(page, 'Đã thêm điều chỉnh.', () => dialog.getByRole('button', { name: 'Lưu' }).click());

    // The list shows a unit's own adjustments once that unit is chosen above it.
    await pickUnit(page.locator('.inline-field', { hasText: 'Đơn vị' }).getByRole('combobox'), 'trung tam phuc vu', DESK);
    const row = page.locator('.ant-table-row', { hasText: 'Tiếp nhận ngoài giờ sáng thứ Bảy' });
    await row.getByText(DESK).waitFor();
    expect(await row.innerText()).toContain('07:30–11:30, 13:30–17:30');
    const scroller = page.locator('.ant-table-wrapper', { has: row }).locator('.ant-table-content, .ant-table-body').first();
    expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    const [remove, box] = [await row.getByRole('button', { name: 'Xóa' }).boundingBox(), await scroller.boundingBox()];
    expect(remove!.x + remove!.width).toBeLessThanOrEqual(box!.x + box!.width);
    expect(await pageScrollsSideways()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/mc-console-fit-calendar.png` });
  });

  it('the unit modals keep their unit pickers inside, showing the chosen units', async () => {
    await page.goto(`${server.baseUrl}/console/don-vi`);
    await page.getByRole('button', { name: /Thêm đơn vị$/ }).click();
    const create = page.getByRole('dialog', { name: 'Thêm đơn vị' });
    const parent = create.getByLabel('Đơn vị cấp trên');
    await parent.waitFor();
    await settled(page);
    await pickUnit(parent, 'kinh te ha tang', OFFICE);
    const { text, inset } = await shown(parent, OFFICE);
    expect(text).toContain(OFFICE.slice(0, 30));
    expect(inset!).toBeLessThan(2);
    await expectInside(parent, create.locator('.ant-modal-body'));
    expect(await pastRightEdge(create.locator('.ant-modal-body'))).toEqual([]);
    await create.getByRole('button', { name: 'Hủy' }).click();
    await create.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Sắp xếp, sáp nhập' }).click();
    const reorganise = page.getByRole('dialog', { name: 'Sắp xếp đơn vị (sáp nhập, đổi tên, chia tách)' });
    const merged = reorganise.getByLabel('Đơn vị được sắp xếp');
    await merged.waitFor();
    await settled(page);
    await pickUnit(merged, 'kinh te ha tang', OFFICE, { multiple: true });
    await pickUnit(merged, 'trung tam phuc vu', DESK, { multiple: true });
    await merged.blur(); // closes the list, not the modal
    const tags = await pickerOf(merged).locator('.ant-select-selection-item').allInnerTexts();
    expect(tags.map((s) => s.trim().slice(0, 25))).toEqual([OFFICE.slice(0, 25), DESK.slice(0, 25)]);
    expect(await pastRightEdge(reorganise.locator('.ant-modal-body'))).toEqual([]);
    expect(await pageScrollsSideways()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/mc-console-fit-reorganise.png` });
  });
});
