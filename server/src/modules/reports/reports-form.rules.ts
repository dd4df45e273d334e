import type { FormModel, FormTable } from '../forms/forms.contract.js';
import { NATIONAL_HEADING } from '../forms/forms.rules.js';
import type { TGroup5Figures } from '../feedback/use-cases/read-feedback.js';
import type { TDailyData, TForm06Row, TPeriodReport } from './reports.contract.js';

function upper(s: string): string {
  return s.toLocaleUpperCase('vi');
}

function dmy(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

function n(v: number | null): string {
  return v === null ? '–' : String(v);
}

/** Column headers of Biểu số 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP; vn-legal.md §7), numbered (1)–(13) as printed. */
export const form06Columns = [
  '(1) STT',
  '(2) Lĩnh vực, công việc giải quyết theo cấp',
  '(3) Số hồ sơ nhận giải quyết — Tổng số',
  '(4) Trong đó: Trực tuyến',
  '(5) Trực tiếp, dịch vụ bưu chính',
  '(6) Từ kỳ trước',
  '(7) Số hồ sơ đã giải quyết — Tổng số',
  '(8) Trước hạn',
  '(9) Đúng hạn',
  '(10) Quá hạn',
  '(11) Số hồ sơ đang giải quyết — Tổng số',
  '(12) Trong hạn',
  '(13) Quá hạn',
] as const;

const form06Widths = [3, 18, 7, 6, 7, 6, 7, 6, 6, 6, 7, 6, 6] as const;

function form06Cells(v: TForm06Row): string[] {
  return [v.total, v.online, v.deskPostal, v.carriedOver, v.resolved, v.early, v.onTime, v.late, v.open].map(String).concat([n(v.openOnTime), n(v.openOverdue)]);
}

/**
 * Biểu số 06/VPCP/KSTT "Tình hình, kết quả giải quyết TTHC tại cơ quan, đơn vị trực tiếp giải quyết TTHC" for a
 * period, one row per unit or per procedure grouped by field (lĩnh vực), then the total. A4 landscape.
 */
export function buildForm06(r: TPeriodReport, agencyName: string): FormModel {
  const rows: string[][] = [];
  let group: string | null = null;
  let i = 0;
  for (const row of r.rows) {
    if (row.group !== null && row.group !== group) {
      group = row.group;
      rows.push(['', group, ...form06Columns.slice(2).map(() => '')]);
    }
    rows.push([String(++i), row.label, ...form06Cells(row.values)]);
  }
  rows.push(['', 'Tổng cộng', ...form06Cells(r.total)]);
  const table: FormTable = {
    kind: 'table',
    columns: form06Columns.map((header, k) => ({ header, width: form06Widths[k] ?? 6, align: k === 1 ? 'left' : 'center' })),
    rows,
  };
  const group5 = group5Table(r.group5);
  return {
    formKey: 'report',
    ruleSetId: 'nd118-2025',
    formNumber: 'Biểu số 06/VPCP/KSTT',
    circular: 'Thông tư 01/2020/TT-VPCP',
    paper: 'A4',
    orientation: 'landscape',
    agencyLines: [upper(agencyName)],
    nationalHeading: NATIONAL_HEADING,
    documentNumber: null,
    dateLine: null,
    qr: null,
    title: 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
    subtitle: [`Kỳ báo cáo: từ ngày ${dmy(r.from)} đến ngày ${dmy(r.to)}`, 'Đơn vị tính: Số hồ sơ TTHC'],
    addressee: null,
    // Each table with its own note under it (walk 17: Biểu 06's note after group 5 sat alone on a page of its own).
    body: [
      table,
      { kind: 'paragraph', text: FORM06_NOTE, emphasis: 'italic' },
      { kind: 'paragraph', text: GROUP5_CAPTION, emphasis: 'bold' },
      group5,
      { kind: 'paragraph', text: GROUP5_NOTE, emphasis: 'italic' },
    ],
    recipients: null,
    signatures: [],
    footer: ['Lập bằng phần mềm Một Cửa.'],
  };
}

const FORM06_NOTE = '(3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13); (3) = (7) + (11).';

/** QĐ 766/QĐ-TTg group 5: receiving and handling feedback (phản ánh, kiến nghị — Nghị định 20/2008/NĐ-CP). */
export const GROUP5_CAPTION = 'TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ (Nhóm 5, Quyết định 766/QĐ-TTg)';
const GROUP5_NOTE =
  'Theo ngày tiếp nhận phản ánh trong kỳ. (6) = (5)/(4) (chỉ số 5.2); (10) = số đã xử lý đúng hạn, người gửi không đánh giá "không hài lòng" và không yêu cầu xem xét lại, trên (4) (chỉ số 5.3); (11) hồ sơ TTHC của đơn vị bị phản ánh.';

export const group5Columns = [
  '(1) STT',
  '(2) Đơn vị',
  '(3) Phản ánh, kiến nghị tiếp nhận',
  '(4) Đã xử lý',
  '(5) Xử lý đúng hạn',
  '(6) Tỷ lệ đúng hạn (%)',
  '(7) Đã đánh giá',
  '(8) Không hài lòng',
  '(9) Yêu cầu xem xét lại',
  '(10) Tỷ lệ hài lòng (%)',
  '(11) Hồ sơ bị phản ánh',
] as const;

/** A rate as printed in Vietnamese ("92,5"), or "–" without items. */
function rate(v: number | null): string {
  return v === null ? '–' : String(v).replace('.', ',');
}

function group5Cells(v: TGroup5Figures): string[] {
  return [String(v.received), String(v.handled), String(v.handledOnTime), rate(v.onTimeRate), String(v.rated), String(v.unsatisfied), String(v.reopened), rate(v.satisfactionRate), String(v.dossiersWithFeedback)];
}

/** Group 5 per sub-unit (grouped by level like Biểu 06), then the total; in the PDF under Biểu 06, in Excel on its own sheet. */
export function group5Table(g: TPeriodReport['group5']): FormTable {
  const rows: string[][] = [];
  let group: string | null = null;
  let i = 0;
  for (const row of g.rows) {
    if (row.group !== null && row.group !== group) {
      group = row.group;
      rows.push(['', group, ...group5Columns.slice(2).map(() => '')]);
    }
    rows.push([String(++i), row.label, ...group5Cells(row.values)]);
  }
  rows.push(['', 'Tổng cộng', ...group5Cells(g.total)]);
  return {
    kind: 'table',
    caption: GROUP5_CAPTION,
    columns: group5Columns.map((header, k) => ({ header, width: k === 1 ? 20 : k === 0 ? 3 : 7, align: k === 1 ? 'left' : 'center' })),
    rows,
  };
}

export const dailyColumns = [
  'STT', 'Đơn vị', 'Nhận: Trực tiếp', 'Nhận: Trực tuyến', 'Nhận: Bưu chính', 'Giải quyết: Trước hạn', 'Giải quyết: Đúng hạn',
  'Giải quyết: Quá hạn', 'Đang giải quyết: Trong hạn', 'Đang giải quyết: Quá hạn', 'Trả qua bưu chính', 'Thanh toán trực tuyến', 'Văn bản xin lỗi',
  // Among the letters, those issued late (phát hành muộn: after one working day before the due time, ND 61/2018 Điều 19 k9).
  'Xin lỗi: Phát hành muộn',
] as const;

/** The daily quick report (báo cáo nhanh 16 giờ): today's figures per unit, indented by level, then the total. */
export function buildDailyForm(d: TDailyData): FormModel {
  const cells = (f: TDailyData['total']) =>
    [f.receivedDesk, f.receivedOnline, f.receivedPostal, f.resolvedEarly, f.resolvedOnTime, f.resolvedLate, f.openOnTime, f.openOverdue, f.returnedByPost, f.paidOnline, f.apologies, f.apologiesLate].map(String);
  const rows = d.rows.map((r, i) => [String(i + 1), `${'  '.repeat(r.depth)}${r.name}`, ...cells(r.figures)]);
  rows.push(['', 'Tổng cộng', ...cells(d.total)]);
  const [hh, mm] = [d.at.slice(11, 13), d.at.slice(14, 16)];
  return {
    formKey: 'report',
    ruleSetId: 'nd118-2025',
    formNumber: 'Báo cáo nhanh',
    circular: 'Chế độ báo cáo nhanh hằng ngày của địa phương',
    paper: 'A4',
    orientation: 'landscape',
    agencyLines: [upper(d.unitName)],
    nationalHeading: NATIONAL_HEADING,
    documentNumber: null,
    dateLine: null,
    qr: null,
    title: 'BÁO CÁO NHANH KẾT QUẢ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH',
    subtitle: [`Ngày ${dmy(d.day)}, số liệu đến ${hh} giờ ${mm} phút`],
    addressee: null,
    body: [{ kind: 'table', columns: dailyColumns.map((header, k) => ({ header, width: k === 1 ? 18 : k === 0 ? 3 : 6, align: k === 1 ? 'left' : 'center' })), rows }],
    recipients: null,
    signatures: [],
    footer: ['Lập tự động bằng phần mềm Một Cửa.'],
  };
}
