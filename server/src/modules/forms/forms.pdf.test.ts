import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { FormModel, TFormRuleSetId } from './forms.contract.js';
import {
  sampleApology,
  sampleControlSlip,
  sampleReceipt,
  sampleRefusal,
  sampleStopNotice,
  sampleSupplementation,
  sampleTrackingBook,
} from './forms.fixtures.js';
import { renderFormPdf } from './forms.pdf.js';
import {
  buildApologyForm,
  buildControlSlipForm,
  buildReceiptForm,
  buildRefusalForm,
  buildStopNoticeForm,
  buildSupplementationRequestForm,
  buildTrackingBookForm,
  trackingBookColumns,
} from './forms.rules.js';
import { TRACKING_BOOK_HEADER_ROW, TRACKING_BOOK_SHEET, renderTrackingBookXlsx } from './forms.xlsx.js';

/** Set FORMS_PDF_OUT=/tmp to keep the rendered files for a visual check (pdftoppm -png -r 80). */
const OUT = process.env.FORMS_PDF_OUT;

const A5_PORTRAIT = '[0 0 419.53 595.28]';
const A4_LANDSCAPE = '[0 0 841.89 595.28]';

function pdfFacts(pdf: Buffer): { header: string; eof: boolean; pages: number; mediaBoxes: string[]; text: string } {
  const text = pdf.toString('latin1');
  return {
    header: text.slice(0, 5),
    eof: text.trimEnd().endsWith('%%EOF'),
    pages: (text.match(/\/Type \/Page(?![s\w])/g) ?? []).length,
    mediaBoxes: [...new Set([...text.matchAll(/\/MediaBox (\[[^\]]+\])/g)].map((m) => m[1] ?? ''))],
    text,
  };
}

type Case = [name: string, ruleSetId: TFormRuleSetId, build: () => FormModel];
const slips: Case[] = (['nd61-2018', 'nd118-2025'] as const).flatMap((rs): Case[] => [
  ['receipt', rs, () => buildReceiptForm(sampleReceipt(rs))],
  ['supplementation', rs, () => buildSupplementationRequestForm(sampleSupplementation(rs))],
  ['refusal', rs, () => buildRefusalForm(sampleRefusal(rs))],
  ['apology', rs, () => buildApologyForm(sampleApology(rs))],
  ['control-slip', rs, () => buildControlSlipForm(sampleControlSlip(rs))],
  ...(rs === 'nd118-2025' ? ([['stop-notice', rs, () => buildStopNoticeForm(sampleStopNotice(rs))]] satisfies Case[]) : []),
]);

describe('renderFormPdf', () => {
  it.each(slips)('%s (%s): one A5 portrait page with embedded DejaVu Serif and the QR image', async (name, rs, build) => {
    const pdf = await renderFormPdf(build());
    if (OUT) await writeFile(path.join(OUT, `forms-${rs}-${name}.pdf`), pdf);
    const f = pdfFacts(pdf);
    expect(f.header).toBe('%PDF-');
    expect(f.eof).toBe(true);
    expect(f.pages).toBe(1);
    expect(f.mediaBoxes).toEqual([A5_PORTRAIT]);
    expect(f.text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif\b/);
    expect(f.text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif-Bold\b/);
    expect(f.text).toContain('/Subtype /Image');
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(pdf.length).toBeLessThan(300_000);
  });

  it.each(['nd61-2018', 'nd118-2025'] as const)('tracking book (%s): A4 landscape, running over pages, no QR', async (rs) => {
    const pdf = await renderFormPdf(buildTrackingBookForm(sampleTrackingBook(rs, 40)));
    if (OUT) await writeFile(path.join(OUT, `forms-${rs}-tracking-book.pdf`), pdf);
    const f = pdfFacts(pdf);
    expect(f.header).toBe('%PDF-');
    expect(f.mediaBoxes).toEqual([A4_LANDSCAPE]);
    expect(f.pages).toBeGreaterThanOrEqual(2);
    expect(f.text).not.toContain('/Subtype /Image');
    const short = pdfFacts(await renderFormPdf(buildTrackingBookForm(sampleTrackingBook(rs, 2))));
    expect(short.pages).toBe(1);
  });

  it('a receipt with 30 documents runs onto a second A5 page', async () => {
    const input = sampleReceipt('nd118-2025');
    const documents = Array.from({ length: 30 }, (_, i) => ({ name: `Giấy tờ số ${i + 1} kèm theo hồ sơ`, form: 'copy' as const, count: 1 }));
    const f = pdfFacts(await renderFormPdf(buildReceiptForm({ ...input, documents })));
    expect(f.pages).toBeGreaterThanOrEqual(2);
    expect(f.mediaBoxes).toEqual([A5_PORTRAIT]);
  });
});

describe('renderTrackingBookXlsx', () => {
  it.each(['nd61-2018', 'nd118-2025'] as const)('round-trips through exceljs with the Vietnamese header and the rows (%s)', async (rs) => {
    const model = buildTrackingBookForm(sampleTrackingBook(rs, 3));
    const xlsx = await renderTrackingBookXlsx(model);
    if (OUT) await writeFile(path.join(OUT, `forms-${rs}-tracking-book.xlsx`), xlsx);
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(TRACKING_BOOK_SHEET);
    if (!ws) throw new Error('sheet missing');
    expect(ws.getCell(1, 1).value).toBe('UBND PHƯỜNG AN BÌNH - TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG');
    expect(ws.getCell(2, 1).value).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(ws.getCell(3, 1).value).toBe(
      rs === 'nd61-2018'
        ? 'Quyển số: 01 – Năm 2024 (Mẫu số 06, Thông tư 01/2018/TT-VPCP)'
        : 'Quyển số: 01 – Năm 2026 (Mẫu số 07, Thông tư 03/2025/TT-VPCP)',
    );
    const header = ws.getRow(TRACKING_BOOK_HEADER_ROW);
    expect(trackingBookColumns.map((_, i) => header.getCell(i + 1).value)).toEqual([...trackingBookColumns]);
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(25);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: TRACKING_BOOK_HEADER_ROW });

    const rows = [1, 2, 3].map((r) => trackingBookColumns.map((_, i) => ws.getRow(TRACKING_BOOK_HEADER_ROW + r).getCell(i + 1).value));
    expect(rows.map((r) => r[0])).toEqual([125, 126, 127]);
    const table = model.body.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table');
    expect(rows.map((r) => r.slice(1))).toEqual(table.rows.map((r) => r.slice(1)));
    expect(ws.getRow(TRACKING_BOOK_HEADER_ROW + 4).getCell(1).value).toBeNull();
  });

  it('refuses a model that is not the tracking book', async () => {
    await expect(renderTrackingBookXlsx(buildReceiptForm(sampleReceipt('nd61-2018')))).rejects.toThrow('Not a tracking book');
  });
});
