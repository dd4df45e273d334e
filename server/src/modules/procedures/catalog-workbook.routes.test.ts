import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from '../../../test/factories.js';
import { readCatalogWorkbook, SHEETS, writeCatalogWorkbook } from './catalog-workbook.js';

/** Catalogue import and export in Excel (issue 15): template, row-level Vietnamese errors, all or nothing, round trip. */
let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let admin: Session, otherAdmin: Session, desk: Session;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => new Date('2026-12-01T02:00:00Z') } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'admin.khac', [{ role: 'admin', unit: tree.otherProvince }]);
  await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  [admin, otherAdmin, desk] = (await Promise.all(['admin.tinh', 'admin.khac', 'motcua'].map((u) => login(t.app, u)))) as [Session, Session, Session];
});
afterAll(() => t.close());

const boundary = '----motcua-xlsx';
const multipart = (content: Buffer) =>
  Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="thu-tuc.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
const upload = (s: Session | null, file: Buffer, unitId = tree.province.id) =>
  injectAs(t.app, s, { method: 'POST', url: `/api/procedures/import/xlsx?ownerUnitId=${unitId}`, payload: multipart(file), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
const count = async () => (await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM procedure WHERE owner_unit_id = $1`, [tree.province.id])).rows[0]!.n;

/** A workbook filled as an officer would: the template, then rows typed into its sheets. */
async function filled(rows: Partial<Record<keyof typeof SHEETS, (string | number)[][]>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeCatalogWorkbook([])) as unknown as ArrayBuffer);
  // Typed from row 2 down, under the header, as in a spreadsheet program (the template's drop-down lists reach row 200).
  for (const [key, list] of Object.entries(rows)) list.forEach((r, i) => (wb.getWorksheet(SHEETS[key as keyof typeof SHEETS])!.getRow(i + 2).values = r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const good = (code: string, name = 'Đăng ký khai sinh') => [code, name, 'Hộ tịch', 'Xã', 'UBND cấp xã', 1, 'Ngày làm việc', '', 'Giấy khai sinh', 'Toàn trình', 'Có', 'Có', 'Cá nhân', '', ''];

describe('the Excel template', () => {
  it('has the Vietnamese column headers on every sheet and no data; only catalogue managers get it', async () => {
    const res = await injectAs(t.app, admin, { method: 'GET', url: '/api/procedures/import/template' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...Object.values(SHEETS), 'Hướng dẫn']);
    const main = wb.getWorksheet(SHEETS.main)!;
    expect([1, 2, 4, 6, 7].map((c) => main.getRow(1).getCell(c).value)).toEqual(['Mã thủ tục', 'Tên thủ tục', 'Cấp thực hiện', 'Thời hạn giải quyết', 'Đơn vị thời hạn']);
    expect(main.getRow(2).values).toEqual([]);
    // The console's own labels, and no district level (abolished on 01/07/2025).
    expect(main.getCell('D2').dataValidation.formulae).toEqual(['"Cấp bộ,Cấp tỉnh,Cấp xã"']);
    expect((await injectAs(t.app, null, { method: 'GET', url: '/api/procedures/import/template' })).statusCode).toBe(401);
    expect((await injectAs(t.app, desk, { method: 'GET', url: '/api/procedures/import/template' })).statusCode).toBe(403);
  });
});

describe('importing a workbook', () => {
  it('lists every bad row in Vietnamese and imports nothing when any row fails', async () => {
    const before = await count();
    const file = await filled({
      main: [good('1.000001'), good('1.000002'), good('1.000003'), good('1.000004'), ['', 'Thủ tục không mã', 'Hộ tịch', 'Xã', 'UBND', 1, 'Ngày làm việc'], [...good('1.000006').slice(0, 3), 'Quận', ...good('1.000006').slice(4)], good('1.000002')],
      fees: [['1.000001', 'Lệ phí', 'năm chục'], ['1.000009', 'Lệ phí', 5000]],
      steps: [['1.000001', 'Tiếp nhận', 'Cán bộ một cửa', '', 1]],
    });
    const res = await upload(admin, file);
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json() as { code: string; message: string; details: { rows: string[] } };
    expect(body.code).toBe('PROCEDURE.WORKBOOK_INVALID');
    expect(body.details.rows).toEqual([
      // Row 1 is the header: the sixth data row is row 6 of the sheet, and so on.
      'Dòng 6: Mã thủ tục trống',
      'Dòng 7: Cấp thực hiện «Quận» không hợp lệ (chọn: Cấp bộ, Cấp tỉnh, Cấp xã)',
      'Dòng 8: Mã thủ tục 1.000002 bị lặp (đã có ở dòng 3)',
      'Trang «Phí, lệ phí», dòng 2: Số tiền (đồng) «năm chục» không phải là số',
      'Trang «Phí, lệ phí», dòng 3: Mã thủ tục 1.000009 không có ở trang «Thủ tục»',
    ]);
    expect(body.message).toMatch(/^Tệp có 5 lỗi, chưa nhập thủ tục nào\. Dòng 6: Mã thủ tục trống/);
    expect(await count()).toBe(before);
  });

  it('content rules are reported by sheet, row and column', async () => {
    const parsed = await readCatalogWorkbook(await filled({ main: [[...good('1.000011', 'AB')]], documents: [['1.000011', 'Tờ khai', 'Bản chính', 0]] }));
    expect(parsed).toEqual({ ok: false, errors: ['Dòng 2: Tên thủ tục cần ít nhất 3 ký tự', 'Trang «Thành phần hồ sơ», dòng 2: Số lượng phải từ 1 trở lên'] });
    expect(await readCatalogWorkbook(Buffer.from('không phải excel'))).toEqual({ ok: false, errors: ['Tệp không phải bảng tính Excel (.xlsx) đọc được.'] });
  });

  it('speaks in words an officer knows: no internal codes, no label said twice; the console labels are accepted (issue 15 finding 9)', async () => {
    const row = (code: string, level: string, unit: string, online: string) => [code, 'Đăng ký khai sinh', 'Hộ tịch', level, 'UBND cấp xã', 1, unit, '', 'Giấy khai sinh', online, 'Có', 'Có', 'Cá nhân', '', ''];
    const bad = await readCatalogWorkbook(
      await filled({ main: [row('1.000041', 'Cấp xã', '', ''), row('1.000042', 'Huyện', 'Ngày làm việc', 'Toàn trình'), row('1.00004', 'Xã', 'Ngày làm việc', 'Toàn trình')] }),
    );
    expect(bad).toEqual({
      ok: false,
      errors: [
        'Dòng 3: Cấp thực hiện «Huyện» không còn áp dụng (cấp huyện chấm dứt hoạt động từ 01/07/2025) (chọn: Cấp bộ, Cấp tỉnh, Cấp xã)',
        'Dòng 2: Đơn vị thời hạn trống',
        'Dòng 2: Mức độ dịch vụ công trực tuyến trống',
        'Dòng 4: Mã thủ tục không đúng dạng 1.000000',
      ],
    });
    for (const e of (bad as { errors: string[] }).errors) expect(e).not.toMatch(/"|none|partial|working_day|commune/);
    // What the console shows is accepted as it is written there.
    const ok = await readCatalogWorkbook(await filled({ main: [row('1.000043', 'Cấp xã', 'Ngày làm việc', 'DVC trực tuyến một phần'), row('1.000044', 'Tỉnh', 'Trong ngày', 'Không')] }));
    expect(ok.ok && ok.contents.map((c) => [c.level, c.processingTime.unit, c.onlineLevel])).toEqual([
      ['commune', 'working_day', 'partial'],
      ['province', 'same_day', 'none'],
    ]);
  });

  it('a clean workbook is imported as drafts; callers outside the unit, without the right, or with garbage are refused', async () => {
    const file = await filled({ main: [good('1.000021'), good('1.000022', 'Đăng ký kết hôn')], steps: [['1.000021', 'Tiếp nhận', 'Cán bộ một cửa', '', 0.5], ['1.000021', 'Ký duyệt', 'Lãnh đạo', '', 0.5]] });
    expect((await upload(otherAdmin, file)).statusCode).toBe(403);
    expect((await upload(desk, file)).statusCode).toBe(403);
    expect((await upload(null, file)).statusCode).toBe(401);
    expect((await upload(admin, file, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const junk = await upload(admin, Buffer.from('rác'));
    expect(junk.statusCode).toBe(422);
    const before = await count();
    const ok = await upload(admin, file);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ created: 2, updated: 0, revised: 0, skipped: 0 });
    expect(await count()).toBe(before + 2);
  });
});

describe('export and round trip', () => {
  it('exporting then importing the workbook gives the same contents', async () => {
    const rich = buildProcedureContent({
      code: '1.000031',
      fees: [{ name: 'Lệ phí cấp bản sao', amountVnd: 8000, per: 'copy', quantityField: 'soBanSao', channel: 'desk', note: 'Miễn cho hộ nghèo' }],
      documents: [{ name: 'Tờ khai', kind: 'original', count: 1, required: true, filledByEform: true }, { name: 'Giấy tờ tùy thân', kind: 'present', count: 1, required: false }],
      legalBasis: [{ number: '123/2015/NĐ-CP', title: 'Quy định chi tiết Luật Hộ tịch', issuedOn: '2015-11-15', issuer: 'Chính phủ' }],
      onlineLevel: 'partial',
      conditions: 'Trẻ sinh ra trên địa bàn',
    });
    const create = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.communeA.id, content: rich } });
    expect(create.statusCode, create.body).toBe(201);
    const exported = await injectAs(t.app, admin, { method: 'GET', url: `/api/procedures/export/xlsx?ownerUnitId=${tree.communeA.id}` });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('.xlsx');
    const json = await injectAs(t.app, admin, { method: 'GET', url: `/api/procedures/export?ownerUnitId=${tree.communeA.id}` });
    const stored = (json.json() as { procedures: { content: unknown }[] }).procedures.map((p) => p.content);
    expect(stored).toHaveLength(1);
    const back = await readCatalogWorkbook(exported.rawPayload);
    expect(back).toEqual({ ok: true, contents: stored });
    // Importing it unchanged into the same unit changes nothing but the draft it updates.
    const again = await upload(admin, exported.rawPayload, tree.communeA.id);
    expect(again.json()).toEqual({ created: 0, updated: 1, revised: 0, skipped: 0 });
    expect((await injectAs(t.app, otherAdmin, { method: 'GET', url: `/api/procedures/export/xlsx?ownerUnitId=${tree.communeA.id}` })).statusCode).toBe(403);
  });

  it("without a unit, exports the officer's own scope; several unrelated units answer a 422 with a code", async () => {
    const mine = await injectAs(t.app, admin, { method: 'GET', url: '/api/procedures/export' });
    expect(mine.statusCode, mine.body).toBe(200);
    const all = await injectAs(t.app, admin, { method: 'GET', url: `/api/procedures/export?ownerUnitId=${tree.province.id}` });
    expect(mine.json().procedures.map((p: { content: { code: string } }) => p.content.code)).toEqual(all.json().procedures.map((p: { content: { code: string } }) => p.content.code));
    expect((await injectAs(t.app, admin, { method: 'GET', url: '/api/procedures/export/xlsx' })).statusCode).toBe(200);
    await buildStaff(t.ctx.db, 'admin.hai.tinh', [{ role: 'admin', unit: tree.province }, { role: 'admin', unit: tree.otherProvince }]);
    const two = await injectAs(t.app, await login(t.app, 'admin.hai.tinh'), { method: 'GET', url: '/api/procedures/export' });
    expect([two.statusCode, two.json().code]).toEqual([422, 'PROCEDURE.EXPORT_UNIT_REQUIRED']);
    // A desk officer's scope is their desk, which owns no procedure: nothing from the province's catalogue.
    expect((await injectAs(t.app, desk, { method: 'GET', url: '/api/procedures/export' })).json().procedures).toEqual([]);
  });
});
