import type { FormModel } from '../forms/forms.contract.js';
import { NATIONAL_HEADING, documentFormLabels } from '../forms/forms.rules.js';
import { formatDateLine, formatVnDateTime, formatVnd } from '../forms/vn-format.rules.js';

/**
 * PURE: the two papers of the postal intake (Quyết định 45/2016/QĐ-TTg), as form models the forms module prints.
 * The decision names them but publishes no layout: the content follows its articles — Phiếu gửi hồ sơ (Điều 6: sender,
 * competent agency, procedure, document list, signed by the citizen and the postal worker) and Biên bản giao nhận hồ sơ
 * (Điều 7: dossiers, waybill numbers, completeness, signed by the agency's receiver and the postal worker).
 */
export type PostalFormFacts = {
  agencyName: string;
  parentAgencyName: string | null;
  placeName: string;
  procedureName: string;
  confirmationCode: string;
  trackingCode: string | null;
  trackingUrl: string;
  applicant: { fullName: string; idNumber: string };
  address: string;
  phone: string;
  documents: { name: string; kind: string; count: number }[];
  feeVnd: number;
  feeReceiptNo: string | null;
  postageVnd: number;
  pickedUpAt: Date | null;
  pickedUpByName: string | null;
  citizenSignedName: string | null;
  handedOverAt: Date | null;
  deskSignedName: string | null;
  postalSignerName: string | null;
  dossierCode: string | null;
};

const kindLabel = (k: string) => (k in documentFormLabels ? documentFormLabels[k as keyof typeof documentFormLabels] : k === 'present' ? 'Xuất trình' : 'Bản chính hoặc bản sao');
const upper = (s: string) => s.toLocaleUpperCase('vi');

function base(f: PostalFormFacts, key: 'postal_dispatch' | 'postal_handover', title: string, at: Date): Omit<FormModel, 'body' | 'signatures'> {
  return {
    formKey: key,
    ruleSetId: 'nd118-2025',
    formNumber: key === 'postal_dispatch' ? 'Phiếu gửi' : 'Biên bản',
    circular: 'Quyết định 45/2016/QĐ-TTg',
    paper: 'A5',
    orientation: 'portrait',
    agencyLines: [f.parentAgencyName, f.agencyName].filter((s): s is string => s !== null).map(upper),
    nationalHeading: NATIONAL_HEADING,
    documentNumber: null,
    dateLine: formatDateLine(f.placeName, at),
    qr: { payload: f.trackingUrl, caption: f.dossierCode ?? f.confirmationCode },
    title: upper(title),
    subtitle: [`Mã yêu cầu: ${f.confirmationCode}${f.trackingCode ? ` — Số hiệu bưu gửi: ${f.trackingCode}` : ''}`],
    addressee: null,
    recipients: null,
    footer: [],
  };
}

const documentsTable = (f: PostalFormFacts) => ({
  kind: 'table' as const,
  columns: [
    { header: 'TT', width: 1, align: 'center' as const },
    { header: 'Tên giấy tờ', width: 8, align: 'left' as const },
    { header: 'Hình thức', width: 3, align: 'center' as const },
    { header: 'Số lượng', width: 2, align: 'center' as const },
  ],
  rows: f.documents.map((d, i) => [String(i + 1), d.name, kindLabel(d.kind), String(d.count)]),
});

/** Phiếu gửi hồ sơ, signed at the citizen's home by the citizen and the postal worker (Điều 6). */
export function buildDispatchSlip(f: PostalFormFacts): FormModel {
  const at = f.pickedUpAt ?? new Date(0);
  return {
    ...base(f, 'postal_dispatch', 'Phiếu gửi hồ sơ', at),
    body: [
      { kind: 'field', label: 'Người gửi', value: `${f.applicant.fullName} (số định danh ${f.applicant.idNumber})` },
      { kind: 'field', label: 'Địa chỉ', value: f.address },
      { kind: 'field', label: 'Số điện thoại', value: f.phone },
      { kind: 'field', label: 'Cơ quan có thẩm quyền', value: f.agencyName },
      { kind: 'field', label: 'Thủ tục hành chính', value: f.procedureName },
      { kind: 'paragraph', text: 'Thành phần hồ sơ (đã kiểm đếm, đối chiếu với danh mục công bố):', emphasis: 'bold' },
      documentsTable(f),
      { kind: 'field', label: 'Phí, lệ phí đã thu', value: f.feeVnd > 0 ? `${formatVnd(f.feeVnd)} — biên lai số ${f.feeReceiptNo ?? ''}` : 'Không' },
      { kind: 'field', label: 'Cước dịch vụ bưu chính', value: formatVnd(f.postageVnd) },
      { kind: 'field', label: 'Thời điểm nhận hồ sơ', value: f.pickedUpAt ? formatVnDateTime(f.pickedUpAt) : '' },
      { kind: 'paragraph', text: 'Hồ sơ được đóng gói, niêm phong trước mặt người gửi (Quyết định 45/2016/QĐ-TTg Điều 6).', emphasis: 'italic' },
    ],
    signatures: [
      { capacity: ['NGƯỜI GỬI'], hint: '(Ký và ghi rõ họ tên)', name: f.citizenSignedName ?? '' },
      { capacity: ['NHÂN VIÊN BƯU CHÍNH'], hint: '(Ký và ghi rõ họ tên)', name: f.pickedUpByName ?? '' },
    ],
  };
}

/** Biên bản giao nhận hồ sơ, signed at the desk: from that moment the dossier counts as submitted (Điều 7). */
export function buildHandoverRecord(f: PostalFormFacts): FormModel {
  const at = f.handedOverAt ?? new Date(0);
  return {
    ...base(f, 'postal_handover', 'Biên bản giao nhận hồ sơ', at),
    body: [
      { kind: 'paragraph', text: `Hôm nay, ${f.handedOverAt ? formatVnDateTime(f.handedOverAt) : '…'}, tại ${f.agencyName}, bên giao (doanh nghiệp bưu chính) và bên nhận (bộ phận tiếp nhận và trả kết quả) cùng kiểm đếm, đối chiếu hồ sơ với Phiếu gửi hồ sơ:` },
      { kind: 'field', label: 'Mã hồ sơ', value: f.dossierCode ?? '' },
      { kind: 'field', label: 'Số hiệu bưu gửi', value: f.trackingCode ?? '' },
      { kind: 'field', label: 'Người nộp hồ sơ', value: f.applicant.fullName },
      { kind: 'field', label: 'Thủ tục hành chính', value: f.procedureName },
      documentsTable(f),
      { kind: 'field', label: 'Tình trạng', value: 'Đầy đủ theo Phiếu gửi hồ sơ' },
      { kind: 'field', label: 'Phí, lệ phí bàn giao', value: f.feeVnd > 0 ? `${formatVnd(f.feeVnd)} (biên lai số ${f.feeReceiptNo ?? ''})` : 'Không' },
      { kind: 'paragraph', text: 'Hồ sơ được coi là đã nộp hợp lệ tại thời điểm ký biên bản này (Quyết định 45/2016/QĐ-TTg Điều 7).', emphasis: 'italic' },
    ],
    signatures: [
      { capacity: ['BÊN GIAO', 'NHÂN VIÊN BƯU CHÍNH'], hint: '(Ký và ghi rõ họ tên)', name: f.postalSignerName ?? '' },
      { capacity: ['BÊN NHẬN', 'CÁN BỘ TIẾP NHẬN'], hint: '(Ký và ghi rõ họ tên)', name: f.deskSignedName ?? '' },
    ],
  };
}
