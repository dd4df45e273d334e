import type ExcelJS from 'exceljs';
import { loadExcel } from '../../platform/libraries.js';
import type { FormModel, FormTable } from './forms.contract.js';

/** Row of the column headers in the tracking-book workbook (rows above: agency, title, volume). */
export const TRACKING_BOOK_HEADER_ROW = 4;
export const TRACKING_BOOK_SHEET = 'Sổ theo dõi hồ sơ';

/**
 * The tracking book (Sổ theo dõi hồ sơ, Thông tư 01/2018/TT-VPCP Mẫu 06; Thông tư 03/2025/TT-VPCP Mẫu 07) as an Excel
 * workbook: agency and title rows, one header row with the Vietnamese column names, one row per dossier, set to print
 * A4 landscape. Takes the model of `buildTrackingBookForm`, so the PDF and the workbook say the same thing.
 */
export async function renderTrackingBookXlsx(model: FormModel): Promise<Buffer> {
  if (model.formKey !== 'tracking_book') throw new RangeError(`Not a tracking book: ${model.formKey}`);
  return renderTableXlsx(model, TRACKING_BOOK_SHEET);
}

/**
 * Any tabular form model (the tracking book, the statistical reports of the reports module) as an A4 landscape
 * workbook: agency, title and subtitle rows, the header row (row 4, frozen, filtered), one row per table row; cells
 * that are whole numbers are written as numbers so the sheet sums.
 */
export async function renderTableXlsx(model: FormModel, sheetName: string, moreSheets: readonly string[] = []): Promise<Buffer> {
  const tables = model.body.filter((b): b is FormTable => b.kind === 'table');
  if (tables.length === 0) throw new RangeError(`No table in ${model.formKey}`);

  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Một Cửa';
  wb.title = `${model.formNumber}: ${model.title}`;
  wb.subject = model.circular;
  // The first table on the named sheet; each further table on a sheet of its own when `moreSheets` names one for it.
  addTableSheet(wb, model, tables[0]!, sheetName, model.title);
  moreSheets.forEach((name, i) => {
    const table = tables[i + 1];
    if (table) addTableSheet(wb, model, table, name, table.caption ?? model.title);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addTableSheet(wb: ExcelJS.Workbook, model: FormModel, table: FormTable, sheetName: string, title: string): void {
  const columns = table.columns.length;
  const ws = wb.addWorksheet(sheetName, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${TRACKING_BOOK_HEADER_ROW}:${TRACKING_BOOK_HEADER_ROW}` },
    views: [{ state: 'frozen', ySplit: TRACKING_BOOK_HEADER_ROW }],
  });

  const banner = (row: number, text: string, font: Partial<ExcelJS.Font>) => {
    ws.mergeCells(row, 1, row, columns);
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.font = { name: 'Times New Roman', ...font };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  };
  banner(1, model.agencyLines.join(' - '), { bold: true, size: 12 });
  banner(2, title, { bold: true, size: 14 });
  banner(3, [...model.subtitle, `(${model.formNumber}, ${model.circular})`].join(' '), { italic: true, size: 11 });

  const header = ws.getRow(TRACKING_BOOK_HEADER_ROW);
  table.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: 'Times New Roman', bold: true, size: 11 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
    cell.border = thin;
    ws.getColumn(i + 1).width = Math.round(c.width * 1.8);
  });
  header.height = 32;

  table.rows.forEach((cells, r) => {
    const row = ws.getRow(TRACKING_BOOK_HEADER_ROW + 1 + r);
    cells.forEach((text, i) => {
      const cell = row.getCell(i + 1);
      // STT (and report counts and rates, "92,5") as numbers so the sheet sorts and sums; dates stay printed text in Vietnam time.
      cell.value = (i === 0 && /^\d+$/.test(text)) || (model.formKey === 'report' && /^\d+(,\d+)?$/.test(text)) ? Number(text.replace(',', '.')) : text;
      cell.font = { name: 'Times New Roman', size: 11 };
      cell.alignment = { horizontal: table.columns[i]?.align ?? 'left', vertical: 'top', wrapText: true };
      cell.border = thin;
    });
  });
  ws.autoFilter = { from: { row: TRACKING_BOOK_HEADER_ROW, column: 1 }, to: { row: TRACKING_BOOK_HEADER_ROW, column: columns } };
}

const side = { style: 'thin' } as const;
const thin: Partial<ExcelJS.Borders> = { top: side, left: side, bottom: side, right: side };
