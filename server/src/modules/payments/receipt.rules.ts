import type { FormModel, TFormRuleSetId } from '../forms/forms.contract.js';
import { NATIONAL_HEADING } from '../forms/forms.rules.js';
import { formatDateLine, formatVnDateTime, formatVnd } from '../forms/vn-format.rules.js';
import { vndInWords } from '../forms/vnd-words.rules.js';
import { formatReceiptNo, methodLabels, type PaymentMethod } from './payment.rules.js';
import type { FeeLine } from '../procedures/fee.rules.js';

const GENERIC_FEE = 'Phí, lệ phí giải quyết thủ tục hành chính';

/**
 * PURE: what the receipt names as charged — only the case's lines with an amount (an exemption, a fee of the other
 * channel or copies not asked are not on it), a per-copy line with its count ("3 bản × 8.000 đồng"). When the lines do
 * not add up to the amount paid (the desk set the fee by hand), the general name, never a list that does not match.
 */
export function chargedFeeText(lines: FeeLine[], amountPaidVnd: number): string {
  const charged = lines.filter((l) => l.amountVnd > 0);
  if (charged.length === 0 || charged.reduce((s, l) => s + l.amountVnd, 0) !== amountPaidVnd) return GENERIC_FEE;
  const unit = { copy: 'bản', page: 'trang', case: 'lần' } as const;
  return charged
    .map((l) => (l.quantity > 1 ? `${l.name} (${l.quantity} ${unit[l.per]} × ${formatVnd(l.unitVnd)})` : l.name))
    .join('; ');
}

/**
 * PURE: the electronic fee receipt (biên lai thu phí, lệ phí) as a form model printed by forms/forms.pdf.ts: issuing unit,
 * receipt number in the unit's yearly series, payer, dossier, fee, the amount in figures and in words, how it was paid,
 * and a QR code that opens the receipt's page on the portal to check it. The content follows the receipts of Nghị định
 * 123/2020/NĐ-CP (chứng từ: biên lai thu phí, lệ phí); the exact national template and its symbol (ký hiệu) are
 * unverified and left out.
 */
export type FeeReceiptInput = {
  ruleSetId: TFormRuleSetId;
  parentAgencyName: string | null;
  agencyName: string;
  placeName: string;
  receiptSeq: number;
  receiptYear: number;
  reference: string;
  payerName: string;
  payerAddress: string | null;
  dossierCode: string;
  procedureName: string;
  feeName: string;
  amountVnd: number;
  method: PaymentMethod;
  paidAt: Date;
  gatewayTxnNo: string | null;
  bankRef: string | null;
  collectorName: string | null;
  verifyUrl: string;
};

export function buildFeeReceipt(r: FeeReceiptInput): FormModel {
  const upper = (s: string) => s.toLocaleUpperCase('vi');
  const field = (label: string, value: string) => ({ kind: 'field' as const, label, value });
  const transaction = r.gatewayTxnNo ? `Mã giao dịch cổng thanh toán: ${r.gatewayTxnNo}` : r.bankRef ? `Mã giao dịch ngân hàng: ${r.bankRef}` : '';
  return {
    formKey: 'fee_receipt',
    ruleSetId: r.ruleSetId,
    formNumber: 'Biên lai điện tử',
    circular: 'Nghị định 123/2020/NĐ-CP',
    paper: 'A5',
    orientation: 'portrait',
    agencyLines: [r.parentAgencyName, r.agencyName].filter((s): s is string => s !== null).map(upper),
    nationalHeading: NATIONAL_HEADING,
    documentNumber: `Số: ${formatReceiptNo(r.receiptSeq)}/${r.receiptYear}`,
    dateLine: formatDateLine(r.placeName, r.paidAt),
    qr: { payload: r.verifyUrl, caption: r.reference },
    title: 'BIÊN LAI THU PHÍ, LỆ PHÍ',
    subtitle: [`Mã hồ sơ: ${r.dossierCode}`],
    addressee: null,
    body: [
      field('Đơn vị thu', r.agencyName),
      field('Tên người nộp', r.payerName),
      field('Địa chỉ', r.payerAddress ?? ''),
      field('Hồ sơ', `${r.dossierCode} — ${r.procedureName}`),
      field('Tên loại phí, lệ phí', r.feeName),
      field('Số tiền', formatVnd(r.amountVnd)),
      field('Viết bằng chữ', vndInWords(r.amountVnd)),
      field('Hình thức thanh toán', methodLabels[r.method]),
      field('Thời điểm thanh toán', formatVnDateTime(r.paidAt)),
      ...(transaction ? [{ kind: 'paragraph' as const, text: transaction, emphasis: 'italic' as const }] : []),
      { kind: 'paragraph', text: `Mã thanh toán: ${r.reference}. Quét mã QR để kiểm tra biên lai trên Cổng dịch vụ công.`, emphasis: 'italic' },
    ],
    recipients: null,
    signatures: [
      { capacity: ['NGƯỜI NỘP TIỀN'], hint: '(Ký, ghi rõ họ tên)', name: r.method === 'cash' ? r.payerName : '' },
      { capacity: ['NGƯỜI THU TIỀN'], hint: r.method === 'cash' ? '(Ký, ghi rõ họ tên)' : '(Biên lai điện tử, không cần chữ ký)', name: r.collectorName ?? '' },
    ],
    footer: ['Biên lai điện tử do Hệ thống thông tin giải quyết thủ tục hành chính lập.'],
  };
}
