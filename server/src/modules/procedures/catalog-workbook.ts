import type ExcelJS from 'exceljs';
import { loadExcel } from '../../platform/libraries.js';
import type { z } from 'zod';
import { ZProcedureContent, type TProcedureContent } from './procedure.contract.js';

/**
 * The procedure catalogue as an Excel workbook (Vietnamese column headers), for administrators who keep their list of
 * procedures in a spreadsheet (the catalogue published under Nghị định 63/2010/NĐ-CP Điều 15 and Thông tư 02/2017/TT-VPCP).
 * One sheet per part of a procedure, joined by "Mã thủ tục"; exporting then importing gives the same contents.
 * Parsing reports every problem by sheet, row and column, in Vietnamese ("Dòng 7: Mã thủ tục trống").
 */
export const SHEETS = {
  main: 'Thủ tục',
  documents: 'Thành phần hồ sơ',
  fees: 'Phí, lệ phí',
  steps: 'Quy trình',
  legal: 'Căn cứ pháp lý',
  templates: 'Mẫu đơn, tờ khai',
  eform: 'Biểu mẫu điện tử',
} as const;
type SheetKey = keyof typeof SHEETS;

const CODE = 'Mã thủ tục';
const labels = <T extends string>(m: Record<T, string>) => m;
const L = {
  // No district level offered: the district tier ended on 01/07/2025 (Nghị quyết 76/2025/UBTVQH15, the two-level reform).
  level: labels({ ministry: 'Cấp bộ', province: 'Cấp tỉnh', commune: 'Cấp xã' }),
  unit: labels({ working_day: 'Ngày làm việc', working_hour: 'Giờ làm việc', same_day: 'Trong ngày' }),
  online: labels({ none: 'Không', partial: 'Một phần', full: 'Toàn trình' }),
  reason: labels({ presence_required: 'Phải có mặt', onsite_verification: 'Xác minh tại chỗ', technical_incident: 'Sự cố kỹ thuật', other_technical: 'Vấn đề kỹ thuật khác' }),
  kind: labels({ original: 'Bản chính', copy: 'Bản sao', certified_copy: 'Bản sao chứng thực', original_or_copy: 'Bản chính hoặc bản sao', present: 'Xuất trình' }),
  per: labels({ case: 'Hồ sơ', copy: 'Bản', page: 'Trang' }),
  channel: labels({ online: 'Trực tuyến', desk: 'Trực tiếp' }),
  role: labels({ admin: 'Quản trị', desk_officer: 'Cán bộ một cửa', specialist: 'Chuyên viên', head: 'Trưởng phòng', leader: 'Lãnh đạo', postal: 'Bưu điện', inspector: 'Thanh tra' }),
  bool: labels({ true: 'Có', false: 'Không' }),
};

/**
 * Other words accepted on import for a coded column: the short forms of earlier templates and the labels the console
 * itself shows (an officer copies "Cấp xã" or "DVC trực tuyến một phần" from the screen).
 */
const ALIASES: Record<string, Record<string, string>> = {
  level: { 'Bộ': 'ministry', 'Tỉnh': 'province', 'Xã': 'commune', 'Phường': 'commune', 'Cấp phường': 'commune', 'Đặc khu': 'commune' },
  'processingTime.unit': { 'Ngày': 'working_day', 'Giờ': 'working_hour' },
  onlineLevel: { 'Chưa cung cấp trực tuyến': 'none', 'DVC trực tuyến một phần': 'partial', 'DVC trực tuyến toàn trình': 'full', 'Trực tuyến một phần': 'partial', 'Trực tuyến toàn trình': 'full' },
  kind: { 'Bản sao có chứng thực': 'certified_copy' },
  role: { 'Quản trị hệ thống': 'admin', 'Nhân viên bưu điện': 'postal', 'Văn phòng/Thanh tra': 'inspector' },
};
/** Labels written for values no longer offered (a procedure of the former district level still exports readably). */
const RETIRED: Record<string, Record<string, string>> = { level: { district: 'Cấp huyện' } };

/** Column headers of each sheet, with the content field each one fills (the field names the error messages use). */
const COLUMNS: Record<SheetKey, readonly { header: string; field: string; width: number; list?: Record<string, string> }[]> = {
  main: [
    { header: CODE, field: 'code', width: 16 },
    { header: 'Tên thủ tục', field: 'name', width: 50 },
    { header: 'Lĩnh vực', field: 'field', width: 24 },
    { header: 'Cấp thực hiện', field: 'level', width: 14, list: L.level },
    { header: 'Cơ quan thực hiện', field: 'agency', width: 30 },
    { header: 'Thời hạn giải quyết', field: 'processingTime.amount', width: 12 },
    { header: 'Đơn vị thời hạn', field: 'processingTime.unit', width: 16, list: L.unit },
    { header: 'Ghi chú thời hạn', field: 'processingTime.note', width: 24 },
    { header: 'Kết quả thực hiện', field: 'result', width: 30 },
    { header: 'Mức độ dịch vụ công trực tuyến', field: 'onlineLevel', width: 16, list: L.online },
    { header: 'Nhận hồ sơ qua bưu chính', field: 'postalIntake', width: 12, list: L.bool },
    { header: 'Trả kết quả qua bưu chính', field: 'postalReturn', width: 12, list: L.bool },
    { header: 'Đối tượng thực hiện', field: 'applicants', width: 20 },
    { header: 'Yêu cầu, điều kiện', field: 'conditions', width: 30 },
    { header: 'Trình tự thực hiện', field: 'sequence', width: 30 },
    { header: 'Mã TTHC trên CSDL quốc gia', field: 'national.maTTHC', width: 16 },
    { header: 'Mã trường hợp', field: 'national.maTruongHop', width: 14 },
    { header: 'Lý do chưa toàn trình', field: 'notFullyOnline.reason', width: 18, list: L.reason },
    { header: 'Giải trình', field: 'notFullyOnline.explanation', width: 24 },
    { header: 'Căn cứ chưa toàn trình', field: 'notFullyOnline.legalBasis', width: 24 },
  ],
  documents: [
    { header: CODE, field: 'code', width: 16 },
    { header: 'Tên giấy tờ', field: 'name', width: 50 },
    { header: 'Loại bản', field: 'kind', width: 22, list: L.kind },
    { header: 'Số lượng', field: 'count', width: 10 },
    { header: 'Bắt buộc', field: 'required', width: 10, list: L.bool },
    { header: 'Thay bằng tờ khai điện tử', field: 'filledByEform', width: 14, list: L.bool },
    { header: 'Tên mẫu', field: 'template.name', width: 24 },
    { header: 'Mã tệp mẫu (SHA-256)', field: 'template.fileId', width: 24 },
    { header: 'Tên tệp mẫu', field: 'template.fileName', width: 20 },
  ],
  fees: [
    { header: CODE, field: 'code', width: 16 },
    { header: 'Tên phí, lệ phí', field: 'name', width: 30 },
    { header: 'Số tiền (đồng)', field: 'amountVnd', width: 14 },
    { header: 'Tính theo', field: 'per', width: 12, list: L.per },
    { header: 'Kênh nộp', field: 'channel', width: 12, list: L.channel },
    { header: 'Trường số lượng', field: 'quantityField', width: 16 },
    { header: 'Ghi chú', field: 'note', width: 30 },
  ],
  steps: [
    { header: CODE, field: 'code', width: 16 },
    { header: 'Tên bước', field: 'name', width: 30 },
    { header: 'Người thực hiện', field: 'role', width: 18, list: L.role },
    { header: 'Mã đơn vị thực hiện', field: 'unitCode', width: 18 },
    { header: 'Số ngày làm việc', field: 'workingDays', width: 12 },
  ],
  legal: [
    { header: CODE, field: 'code', width: 16 },
    { header: 'Số ký hiệu', field: 'number', width: 20 },
    { header: 'Trích yếu', field: 'title', width: 50 },
    { header: 'Ngày ban hành', field: 'issuedOn', width: 14 },
    { header: 'Cơ quan ban hành', field: 'issuer', width: 24 },
  ],
  templates: [
    { header: CODE, field: 'code', width: 16 },
    { header: 'Tên mẫu', field: 'name', width: 40 },
    { header: 'Mã tệp (SHA-256)', field: 'fileId', width: 24 },
    { header: 'Tên tệp', field: 'fileName', width: 24 },
  ],
  eform: [
    { header: CODE, field: 'code', width: 16 },
    { header: 'Biểu mẫu điện tử (JSON Schema)', field: 'eform', width: 100 },
  ],
};

const isoToVn = (iso: string) => iso.split('-').reverse().join('/');
const labelOf = (list: Record<string, string>, v: string | boolean | undefined | null) => (v === undefined || v === null ? '' : (list[String(v)] ?? String(v)));

/** Rows of each sheet for the given contents, in column order (plain values; dates as DD/MM/YYYY). */
function rowsOf(contents: readonly TProcedureContent[]): Record<SheetKey, (string | number)[][]> {
  const out: Record<SheetKey, (string | number)[][]> = { main: [], documents: [], fees: [], steps: [], legal: [], templates: [], eform: [] };
  for (const c of contents) {
    out.main.push([
      c.code, c.name, c.field, labelOf({ ...L.level, ...RETIRED.level }, c.level), c.agency, c.processingTime.amount, labelOf(L.unit, c.processingTime.unit), c.processingTime.note ?? '',
      c.result, labelOf(L.online, c.onlineLevel), labelOf(L.bool, c.postalIntake), labelOf(L.bool, c.postalReturn), c.applicants, c.conditions, c.sequence,
      c.national?.maTTHC ?? '', c.national?.maTruongHop ?? '', labelOf(L.reason, c.notFullyOnline?.reason), c.notFullyOnline?.explanation ?? '', c.notFullyOnline?.legalBasis ?? '',
    ]);
    for (const d of c.documents) {
      out.documents.push([c.code, d.name, labelOf(L.kind, d.kind), d.count, labelOf(L.bool, d.required), labelOf(L.bool, d.filledByEform), d.template?.name ?? '', d.template?.fileId ?? '', d.template?.fileName ?? '']);
    }
    for (const f of c.fees) out.fees.push([c.code, f.name, f.amountVnd, labelOf(L.per, f.per), labelOf(L.channel, f.channel), f.quantityField ?? '', f.note ?? '']);
    for (const s of c.steps) out.steps.push([c.code, s.name, labelOf(L.role, s.role), s.unitCode ?? '', s.workingDays]);
    for (const b of c.legalBasis) out.legal.push([c.code, b.number, b.title, b.issuedOn ? isoToVn(b.issuedOn) : '', b.issuer ?? '']);
    for (const t of c.templates) out.templates.push([c.code, t.name, t.fileId ?? '', t.fileName ?? '']);
    if (c.eform) out.eform.push([c.code, JSON.stringify(c.eform)]);
  }
  return out;
}

/** The workbook: a guidance sheet, then one sheet per part with a frozen header row and drop-down lists for coded columns. */
export async function writeCatalogWorkbook(contents: readonly TProcedureContent[]): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Một Cửa';
  wb.title = 'Danh mục thủ tục hành chính';
  const rows = rowsOf(contents);
  for (const key of Object.keys(SHEETS) as SheetKey[]) {
    const ws = wb.addWorksheet(SHEETS[key], { views: [{ state: 'frozen', ySplit: 1 }] });
    const cols = COLUMNS[key];
    ws.columns = cols.map((c) => ({ header: c.header, width: c.width }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
    for (const r of rows[key]) ws.addRow(r);
    cols.forEach((c, i) => {
      if (!c.list) return;
      const letter = ws.getColumn(i + 1).letter;
      const formula = `"${Object.values(c.list).join(',')}"`;
      for (let r = 2; r <= Math.max(200, rows[key].length + 50); r++) {
        ws.getCell(`${letter}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: true, errorTitle: c.header, error: `Chọn một trong: ${Object.values(c.list).join(', ')}` };
      }
    });
  }
  const guide = wb.addWorksheet('Hướng dẫn');
  guide.columns = [{ width: 120 }];
  for (const line of [
    'Mỗi thủ tục là một dòng ở trang "Thủ tục"; các trang khác nối với thủ tục bằng cột "Mã thủ tục" (dạng 1.000000), mỗi dòng một giấy tờ, một khoản phí, một bước, một văn bản.',
    'Dòng đầu của mỗi trang là tên cột, giữ nguyên. Cột có danh sách chọn: chọn đúng một giá trị trong danh sách.',
    'Ngày ghi dạng ngày/tháng/năm (31/12/2025). Số tiền ghi bằng số, không có dấu chấm ngăn cách.',
    'Khi nhập, nếu một dòng bất kỳ có lỗi thì không thủ tục nào được nhập; danh sách lỗi chỉ rõ trang, dòng và cột để sửa.',
    'Thủ tục được nhập thành bản dự thảo; việc công bố vẫn làm trên phần mềm.',
  ]) guide.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Origin = { sheet: SheetKey; row: number };
const where = (o: Origin) => (o.sheet === 'main' ? `Dòng ${o.row}` : `Trang «${SHEETS[o.sheet]}», dòng ${o.row}`);

/** A cell as text: numbers as written, dates as YYYY-MM-DD, rich text joined; blank as ''. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return v.result === undefined || v.result === null ? '' : cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v).trim();
}

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

/** The code behind a label or an accepted alias; undefined when the text matches nothing. Internal codes are not words. */
function codeOf(list: Record<string, string>, text: string, aliases: Record<string, string> = {}): string | undefined {
  const f = fold(text);
  return Object.entries(list).find(([, label]) => fold(label) === f)?.[0] ?? Object.entries(aliases).find(([alias]) => fold(alias) === f)?.[1];
}

/**
 * Vietnamese for a schema problem of one cell, in words an officer knows: never the internal codes of a list
 * ("none"|"partial"|"full"), which zod's own messages would show; `choices` are the column's labels.
 */
function issueVi(i: z.core.$ZodIssue, choices?: Record<string, string>): string {
  if (i.code === 'invalid_value') return i.input === undefined || i.input === '' ? 'trống' : choices ? `không hợp lệ (chọn: ${Object.values(choices).join(', ')})` : 'không hợp lệ';
  if (i.code === 'too_small') return i.origin === 'string' ? `cần ít nhất ${String(i.minimum)} ký tự` : i.origin === 'array' ? `cần ít nhất ${String(i.minimum)} dòng` : `phải từ ${String(i.minimum)} trở lên`;
  if (i.code === 'too_big') return i.origin === 'string' ? `dài quá ${String(i.maximum)} ký tự` : i.origin === 'array' ? `quá ${String(i.maximum)} dòng` : `phải không quá ${String(i.maximum)}`;
  if (i.code === 'invalid_type') return i.input === undefined ? 'trống' : 'không đúng kiểu';
  // The contract's own Vietnamese message (code format, e-form problems), unless it quotes internal values.
  if (/[À-ỹ]/.test(i.message) && !/["|]/.test(i.message)) return i.message;
  return 'không hợp lệ';
}

export type WorkbookParse = { ok: true; contents: TProcedureContent[] } | { ok: false; errors: string[] };

/**
 * Reads a catalogue workbook: every row is checked (empty code, unknown label, a number that is not one, a row whose
 * procedure is not on the first sheet, the content rules of the catalogue), and every problem is listed by row.
 */
export async function readCatalogWorkbook(file: Buffer): Promise<WorkbookParse> {
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return { ok: false, errors: ['Tệp không phải bảng tính Excel (.xlsx) đọc được.'] };
  }
  const errors: string[] = [];
  const main = wb.getWorksheet(SHEETS.main);
  if (!main) return { ok: false, errors: [`Không có trang «${SHEETS.main}»; hãy dùng tệp mẫu.`] };

  /** Data rows of a sheet as { header → text }, after checking the header row names the expected columns. */
  const read = (key: SheetKey): { origin: Origin; cells: Record<string, string> }[] => {
    const ws = wb.getWorksheet(SHEETS[key]);
    if (!ws) return [];
    const headers = new Map<number, string>();
    ws.getRow(1).eachCell((cell, col) => headers.set(col, cellText(cell.value)));
    const missing = COLUMNS[key].filter((c) => ![...headers.values()].some((h) => fold(h) === fold(c.header)));
    if (missing.length) {
      errors.push(`Trang «${SHEETS[key]}» thiếu cột: ${missing.map((c) => c.header).join(', ')}.`);
      return [];
    }
    const out: { origin: Origin; cells: Record<string, string> }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const cells: Record<string, string> = {};
      for (const [col, h] of headers) {
        const c = COLUMNS[key].find((x) => fold(x.header) === fold(h));
        if (c) cells[c.field] = cellText(row.getCell(col).value);
      }
      if (Object.values(cells).some((v) => v !== '')) out.push({ origin: { sheet: key, row: rowNumber }, cells });
    });
    return out;
  };

  type Built = { content: Record<string, unknown>; origin: Origin; parts: Record<string, Origin[]> };
  const byCode = new Map<string, Built>();
  const header = (key: SheetKey, field: string) => COLUMNS[key].find((c) => c.field === field)?.header ?? field;
  const list = (key: SheetKey, field: string) => COLUMNS[key].find((c) => c.field === field)?.list ?? {};

  /** Helpers that read one cell of a row, recording a Vietnamese error when it cannot be read. */
  const reader = (key: SheetKey, origin: Origin, cells: Record<string, string>) => ({
    text: (f: string) => cells[f] ?? '',
    opt: (f: string) => (cells[f] ? cells[f] : undefined),
    num: (f: string): number | undefined => {
      const raw = cells[f] ?? '';
      if (raw === '') return undefined;
      const n = Number(raw.replace(',', '.'));
      if (!Number.isFinite(n)) errors.push(`${where(origin)}: ${header(key, f)} «${raw}» không phải là số`);
      return Number.isFinite(n) ? n : undefined;
    },
    coded: (f: string): string | undefined => {
      const raw = cells[f] ?? '';
      if (raw === '') return undefined;
      const c = codeOf(list(key, f), raw, ALIASES[f]);
      if (c === undefined) {
        const retired = Object.entries(RETIRED[f] ?? {}).find(([, label]) => [fold(label), fold(label.replace(/^Cấp /, ''))].includes(fold(raw)));
        const why = retired ? 'không còn áp dụng (cấp huyện chấm dứt hoạt động từ 01/07/2025)' : 'không hợp lệ';
        errors.push(`${where(origin)}: ${header(key, f)} «${raw}» ${why} (chọn: ${Object.values(list(key, f)).join(', ')})`);
      }
      return c;
    },
    bool: (f: string): boolean | undefined => {
      const raw = cells[f] ?? '';
      if (raw === '') return undefined;
      const c = codeOf(L.bool, raw);
      if (c === undefined) errors.push(`${where(origin)}: ${header(key, f)} «${raw}» phải là Có hoặc Không`);
      return c === undefined ? undefined : c === 'true';
    },
    date: (f: string): string | undefined => {
      const raw = cells[f] ?? '';
      if (raw === '') return undefined;
      const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
      const iso = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : raw;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(Date.parse(iso))) errors.push(`${where(origin)}: ${header(key, f)} «${raw}» không phải ngày (dạng 31/12/2025)`);
      return iso;
    },
  });

  for (const { origin, cells } of read('main')) {
    const r = reader('main', origin, cells);
    const code = r.text('code');
    if (!code) {
      errors.push(`${where(origin)}: ${CODE} trống`);
      continue;
    }
    if (byCode.has(code)) {
      errors.push(`${where(origin)}: ${CODE} ${code} bị lặp (đã có ở dòng ${byCode.get(code)!.origin.row})`);
      continue;
    }
    const reason = r.coded('notFullyOnline.reason');
    const maTTHC = r.text('national.maTTHC');
    const content: Record<string, unknown> = {
      code, name: r.text('name'), field: r.text('field'), level: r.coded('level'), agency: r.text('agency'),
      processingTime: { amount: r.num('processingTime.amount'), unit: r.coded('processingTime.unit'), ...(r.opt('processingTime.note') ? { note: r.text('processingTime.note') } : {}) },
      result: r.text('result'), onlineLevel: r.coded('onlineLevel'), postalIntake: r.bool('postalIntake') ?? false, postalReturn: r.bool('postalReturn') ?? false,
      applicants: r.opt('applicants'), conditions: r.opt('conditions'), sequence: r.opt('sequence'),
      national: maTTHC ? { maTTHC, maTruongHop: r.text('national.maTruongHop') } : null,
      notFullyOnline: reason ? { reason, explanation: r.text('notFullyOnline.explanation'), legalBasis: r.text('notFullyOnline.legalBasis') } : null,
      documents: [], fees: [], steps: [], legalBasis: [], templates: [], eform: null,
    };
    byCode.set(code, { content, origin, parts: {} });
  }

  const child = (key: Exclude<SheetKey, 'main'>, target: string, build: (r: ReturnType<typeof reader>) => unknown) => {
    for (const { origin, cells } of read(key)) {
      const code = cells.code ?? '';
      if (!code) {
        errors.push(`${where(origin)}: ${CODE} trống`);
        continue;
      }
      const b = byCode.get(code);
      if (!b) {
        errors.push(`${where(origin)}: ${CODE} ${code} không có ở trang «${SHEETS.main}»`);
        continue;
      }
      const value = build(reader(key, origin, cells));
      if (target === 'eform') b.content.eform = value;
      else (b.content[target] as unknown[]).push(value);
      (b.parts[target] ??= []).push(origin);
    }
  };
  child('documents', 'documents', (r) => {
    const tName = r.opt('template.name');
    return {
      name: r.text('name'), kind: r.coded('kind'), count: r.num('count') ?? 1, required: r.bool('required') ?? true,
      ...(r.bool('filledByEform') !== undefined ? { filledByEform: r.bool('filledByEform') } : {}),
      ...(tName ? { template: { name: tName, ...(r.opt('template.fileId') ? { fileId: r.text('template.fileId') } : {}), ...(r.opt('template.fileName') ? { fileName: r.text('template.fileName') } : {}) } } : {}),
    };
  });
  child('fees', 'fees', (r) => ({
    name: r.text('name'), amountVnd: r.num('amountVnd'),
    ...(r.opt('per') ? { per: r.coded('per') } : {}), ...(r.opt('channel') ? { channel: r.coded('channel') } : {}),
    ...(r.opt('quantityField') ? { quantityField: r.text('quantityField') } : {}), ...(r.opt('note') ? { note: r.text('note') } : {}),
  }));
  child('steps', 'steps', (r) => ({ name: r.text('name'), role: r.coded('role'), unitCode: r.opt('unitCode') ?? null, workingDays: r.num('workingDays') }));
  child('legal', 'legalBasis', (r) => ({ number: r.text('number'), title: r.text('title'), ...(r.opt('issuedOn') ? { issuedOn: r.date('issuedOn') } : {}), ...(r.opt('issuer') ? { issuer: r.text('issuer') } : {}) }));
  child('templates', 'templates', (r) => ({ name: r.text('name'), ...(r.opt('fileId') ? { fileId: r.text('fileId') } : {}), ...(r.opt('fileName') ? { fileName: r.text('fileName') } : {}) }));
  child('eform', 'eform', (r) => {
    try {
      return JSON.parse(r.text('eform')) as unknown;
    } catch {
      return '(JSON sai)';
    }
  });

  const contents: TProcedureContent[] = [];
  const fieldSheet: Record<string, Exclude<SheetKey, 'main'>> = { documents: 'documents', fees: 'fees', steps: 'steps', legalBasis: 'legal', templates: 'templates', eform: 'eform' };
  for (const b of byCode.values()) {
    const parsed = ZProcedureContent.safeParse(b.content);
    if (parsed.success) {
      contents.push(parsed.data);
      continue;
    }
    // One message per cell: a label already reported as unknown is not reported again as empty.
    const add = (o: Origin, column: string, problem: string) => {
      const prefix = `${where(o)}: ${column} `;
      if (errors.some((e) => e.startsWith(prefix))) return;
      // A message that already names its column ("Mã thủ tục dạng 1.000000") is not prefixed with it again.
      errors.push(fold(problem).startsWith(fold(column)) ? `${where(o)}: ${column} không đúng ${problem.slice(column.length).trim()}` : `${prefix}${problem}`);
    };
    for (const i of parsed.error.issues) {
      const [head, index, ...rest] = i.path.map(String);
      const sheet = head ? fieldSheet[head] : undefined;
      if (sheet && sheet !== 'eform' && index !== undefined && b.parts[head!]?.[Number(index)]) {
        add(b.parts[head!]![Number(index)]!, header(sheet, rest.join('.')), issueVi(i, list(sheet, rest.join('.'))));
      } else if (sheet === 'eform') {
        add(b.parts.eform?.[0] ?? b.origin, ['Biểu mẫu điện tử', ...i.path.slice(1).map(String)].join(' '), issueVi(i));
      } else {
        add(b.origin, header('main', i.path.join('.')), issueVi(i, list('main', i.path.join('.'))));
      }
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, contents };
}
