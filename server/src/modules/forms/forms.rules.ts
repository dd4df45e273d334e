import { ruleSets, type FormKey, type FormSpec, type RuleSet } from '../rule-sets/rule-set.rules.js';
import type {
  FormBlock, FormField, FormModel, FormSignature,
  TApologyForm, TControlSlipForm, TDocumentForm, TDossierFormHeader, TFormApplicant, TFormHeader, TFormRuleSetId, TFormSigner,
  TReceiptForm, TRefusalForm, TResultChannel, TResultDelivery, TStepResult, TStopNoticeForm, TSupplementationRequestForm, TTrackingBookForm,
} from './forms.contract.js';
import { formErrors } from './forms.errors.js';
import { formatDateLine, formatProcessingTime, formatVnDate, formatVnDateTime, formatVnShortDateTime, formatVnd } from './vn-format.rules.js';

/**
 * PURE: the printed one-stop forms as layout-free models (title, fields, tables, signatures), all text in Vietnamese.
 * Which forms exist, their numbers, titles and paper come from the rule-set the dossier was received under
 * (Thông tư 01/2018/TT-VPCP Điều 9; Thông tư 03/2025/TT-VPCP Phụ lục I). See README.md.
 */

export const NATIONAL_HEADING = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] as const;

export const documentFormLabels: Record<TDocumentForm, string> = {
  original: 'Bản chính',
  copy: 'Bản sao',
  certified_copy: 'Bản sao chứng thực',
  electronic: 'Bản điện tử',
};

export const stepResultLabels: Record<TStepResult, string> = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' };

export const resultChannelLabels: Record<TResultChannel, string> = {
  desk: 'Trực tiếp',
  post: 'Qua dịch vụ bưu chính',
  online: 'Trực tuyến',
};

const SIGN_PERSON = '(Ký và ghi rõ họ tên)';
const SIGN_AGENCY = '(Ký, ghi rõ họ tên và đóng dấu)';

function upper(s: string): string {
  return s.toLocaleUpperCase('vi');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

// --- Frame shared by every form --------------------------------------------------------------------------------------

function ruleSetOf(id: TFormRuleSetId): RuleSet {
  const ruleSet = ruleSets.find((r) => r.id === id);
  if (!ruleSet) throw new RangeError(`Bộ quy tắc không tồn tại: ${id}`);
  return ruleSet;
}

/** Number, title and paper of a form under a rule-set; throws FORMS.NOT_IN_RULE_SET when that rule-set has no such form. */
export function formSpecOf(ruleSetId: TFormRuleSetId, key: FormKey): FormSpec {
  const ruleSet = ruleSetOf(ruleSetId);
  const spec = ruleSet.forms[key];
  if (!spec) {
    const title = ruleSets.map((r) => r.forms[key]?.titleVi).find((t) => t !== undefined) ?? key;
    throw formErrors.notInRuleSet(title, ruleSet.circular, ruleSet.decree);
  }
  return spec;
}

type FrameParts = Pick<FormModel, 'body'> & Partial<Pick<FormModel, 'subtitle' | 'addressee' | 'recipients' | 'signatures' | 'footer'>>;

function frame(key: FormKey, header: TFormHeader | TDossierFormHeader, documentNumber: string | undefined, parts: FrameParts): FormModel {
  const spec = formSpecOf(header.ruleSetId, key);
  const dossier = key !== 'tracking_book' && 'dossierCode' in header ? header : null;
  return {
    formKey: key,
    ruleSetId: header.ruleSetId,
    formNumber: spec.number,
    circular: ruleSetOf(header.ruleSetId).circular,
    paper: spec.paper,
    // TT 01/2018 Điều 9 k2: forms on A5, the tracking book on A4 (printed landscape for its twelve columns).
    orientation: key === 'tracking_book' ? 'landscape' : 'portrait',
    agencyLines: [header.parentAgencyName, header.agencyName].filter((s): s is string => s !== null).map(upper),
    nationalHeading: NATIONAL_HEADING,
    documentNumber: documentNumber ? `Số: ${documentNumber}` : null,
    dateLine: key === 'tracking_book' ? null : formatDateLine(header.placeName, header.issuedAt),
    qr: dossier ? { payload: dossier.trackingUrl, caption: dossier.dossierCode } : null,
    title: upper(spec.titleVi),
    subtitle: parts.subtitle ?? (dossier ? [`Mã hồ sơ: ${dossier.dossierCode}`] : []),
    addressee: parts.addressee ?? null,
    body: parts.body,
    recipients: parts.recipients ?? null,
    signatures: parts.signatures ?? [],
    footer: parts.footer ?? [],
  };
}

function field(label: string, value: string | undefined): FormField {
  return { kind: 'field', label, value: value ?? '' };
}

function contactFields(a: TFormApplicant): FormBlock[] {
  return [field('Địa chỉ', a.address), field('Số điện thoại', a.phone), field('Email', a.email)];
}

function signerBlock(s: TFormSigner, hint: string): FormSignature {
  return { capacity: s.capacity.map(upper), hint, name: s.name };
}

function resultPlace(d: TResultDelivery, header: TDossierFormHeader): string {
  switch (d.channel) {
    case 'desk':
      return `Bộ phận tiếp nhận và trả kết quả (${header.agencyName})`;
    case 'post':
      return `Địa chỉ nhận qua dịch vụ bưu chính công ích: ${d.address}`;
    case 'online':
      // ND 118/2025: online results are returned through Cổng Dịch vụ công quốc gia.
      return header.ruleSetId === 'nd118-2025' ? 'Trực tuyến, trên Cổng Dịch vụ công quốc gia' : 'Trực tuyến, trên Cổng Dịch vụ công';
  }
}

const paidHow = { cash: 'đã thu tiền mặt', transfer: 'đã nộp bằng chuyển khoản', online: 'đã nộp trực tuyến' } as const;

function feesText(fees: TReceiptForm['fees'], paid: TReceiptForm['feePaid']): string {
  if (fees.length === 0) return 'Không';
  const lines = fees.map((f) => `${f.name}: ${formatVnd(f.amountVnd)}`).join('; ');
  const total = fees.length === 1 ? lines : `${lines}. Tổng cộng: ${formatVnd(fees.reduce((sum, f) => sum + f.amountVnd, 0))}`;
  // A fee collected at intake is said so on the slip, with its receipt (the collector of a fee issues its biên lai,
  // Nghị định 123/2020/NĐ-CP), so the citizen is not asked to pay again when the result is handed over.
  if (!paid) return total;
  return `${total} (${paidHow[paid.method]}${paid.receiptNo ? `, biên lai số ${paid.receiptNo}` : ''}, ngày ${formatVnDate(paid.paidAt)})`;
}

function assertNotBefore(later: Date, earlier: Date, messageVi: string): void {
  if (later.getTime() < earlier.getTime()) throw formErrors.inconsistentDates(messageVi);
}

// --- (a)–(g) -----------------------------------------------------------------------------------------------------

/**
 * (a) Giấy tiếp nhận hồ sơ và hẹn trả kết quả: issued when a complete dossier is received (Nghị định 61/2018 Điều 17 k1
 * điểm c; the dossier code is printed on it, k3). Two copies: one stays at the desk with the control slip, one goes to
 * the applicant (Thông tư 01/2018 Điều 9).
 */
export function buildReceiptForm(input: TReceiptForm): FormModel {
  assertNotBefore(input.appointmentAt, input.receivedAt, 'Thời gian hẹn trả kết quả phải sau thời gian nhận hồ sơ.');
  const { header, applicant } = input;
  return frame('receipt', header, undefined, {
    body: [
      field('Bộ phận tiếp nhận và trả kết quả', header.agencyName),
      field('Tiếp nhận hồ sơ của', applicant.name),
      ...contactFields(applicant),
      field('Nội dung yêu cầu giải quyết', input.procedureName),
      { kind: 'paragraph', text: '1. Thành phần hồ sơ nộp gồm:', emphasis: 'bold' },
      {
        kind: 'table',
        columns: [
          { header: 'TT', width: 1, align: 'center' },
          { header: 'Tên giấy tờ', width: 7, align: 'left' },
          { header: 'Hình thức', width: 3, align: 'center' },
          { header: 'Số lượng', width: 2, align: 'center' },
        ],
        rows: input.documents.map((d, i) => [String(i + 1), d.name, documentFormLabels[d.form], String(d.count)]),
      },
      field('2. Số lượng hồ sơ', `${pad2(input.setCount)} bộ`),
      field('3. Thời gian giải quyết hồ sơ theo quy định', formatProcessingTime(input.processingTime)),
      field('4. Thời gian nhận hồ sơ', formatVnDateTime(input.receivedAt)),
      field('5. Thời gian trả kết quả giải quyết hồ sơ', formatVnDateTime(input.appointmentAt)),
      field('6. Đăng ký nhận kết quả tại', resultPlace(input.resultDelivery, header)),
      field('7. Phí, lệ phí', feesText(input.fees, input.feePaid)),
      {
        kind: 'paragraph',
        text: `Vào Sổ theo dõi hồ sơ, Quyển số: ${input.bookEntry.volume}, Số thứ tự: ${pad2(input.bookEntry.sequence)}`,
        emphasis: 'italic',
      },
    ],
    signatures: [
      { capacity: ['NGƯỜI NỘP HỒ SƠ'], hint: SIGN_PERSON, name: applicant.name },
      { capacity: ['NGƯỜI TIẾP NHẬN HỒ SƠ'], hint: SIGN_PERSON, name: input.receivingOfficer.name },
    ],
    footer: ['Liên 1: Lưu; Liên 2: Giao người nộp.'],
  });
}

/**
 * (b) Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: the applicant is told once, completely, what to add (Nghị định 61/2018
 * Điều 15 k3, Điều 17 k1 điểm a; after appraisal within 3 working days, Điều 19 k4).
 */
export function buildSupplementationRequestForm(input: TSupplementationRequestForm): FormModel {
  const { header, applicant, contactOfficer } = input;
  return frame('supplementation_request', header, input.documentNumber, {
    body: [
      field('Bộ phận tiếp nhận và trả kết quả', header.agencyName),
      field('Hồ sơ của', applicant.name),
      ...contactFields(applicant),
      field('Nội dung yêu cầu giải quyết', input.procedureName),
      field('Thời gian nộp hồ sơ', formatVnDateTime(input.submittedAt)),
      { kind: 'paragraph', text: 'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:', emphasis: 'bold' },
      {
        kind: 'table',
        columns: [
          { header: 'TT', width: 1, align: 'center' },
          { header: 'Thành phần hồ sơ', width: 5, align: 'left' },
          { header: 'Hình thức', width: 3, align: 'center' },
          { header: 'Số lượng', width: 2, align: 'center' },
          { header: 'Nội dung cần bổ sung, hoàn thiện', width: 5, align: 'left' },
        ],
        rows: input.items.map((it, i) => [String(i + 1), it.name, documentFormLabels[it.form], String(it.count), it.requirement ?? '']),
      },
      field('Lý do', input.reason),
      {
        kind: 'paragraph',
        text: `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với ${contactOfficer.name}, số điện thoại ${contactOfficer.phone} để được hướng dẫn.`,
      },
    ],
    signatures: [{ capacity: ['NGƯỜI HƯỚNG DẪN'], hint: SIGN_PERSON, name: input.issuingOfficer.name }],
  });
}

/**
 * (c) Phiếu từ chối tiếp nhận giải quyết hồ sơ: refusal with reasons, at intake (Nghị định 61/2018 Điều 17 k1 điểm b)
 * or after appraisal, through the one-stop desk and within the deadline (Điều 19 k8).
 */
export function buildRefusalForm(input: TRefusalForm): FormModel {
  const { header, applicant } = input;
  return frame('refusal', header, input.documentNumber, {
    body: [
      field('Bộ phận tiếp nhận và trả kết quả', header.agencyName),
      field('Hồ sơ của', applicant.name),
      ...contactFields(applicant),
      field('Nội dung yêu cầu giải quyết', input.procedureName),
      field('Thời gian nộp hồ sơ', formatVnDateTime(input.submittedAt)),
      {
        kind: 'paragraph',
        text: `Qua xem xét, ${header.agencyName} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`,
      },
      { kind: 'list', items: input.reasons },
      { kind: 'paragraph', text: 'Xin thông báo cho Ông/Bà được biết và thực hiện./.' },
    ],
    signatures: [signerBlock(input.signer, SIGN_PERSON)],
  });
}

/**
 * (d) Late dossier: the competent agency apologises in writing, gives the reason and a new date, at the latest one
 * working day before the deadline, once only (Nghị định 61/2018 Điều 19 k9). 2018: Phiếu xin lỗi và hẹn lại ngày trả
 * kết quả; 2025: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (Thông tư 03/2025 Mẫu 04).
 */
export function buildApologyForm(input: TApologyForm): FormModel {
  assertNotBefore(input.originalAppointmentAt, input.receivedAt, 'Thời gian hẹn trả kết quả phải sau ngày tiếp nhận hồ sơ.');
  if (input.newAppointmentAt.getTime() <= input.originalAppointmentAt.getTime()) {
    throw formErrors.inconsistentDates('Thời gian hẹn trả kết quả mới phải sau thời gian hẹn ban đầu.');
  }
  const { header, applicant } = input;
  const agency = header.agencyName;
  const extension = header.ruleSetId === 'nd118-2025';
  return frame('apology', header, input.documentNumber, {
    subtitle: [`Mã hồ sơ: ${header.dossierCode}`, ...(input.issuedLate ? ['(Phát hành muộn: sau thời hạn gửi văn bản xin lỗi)'] : [])],
    addressee: `Kính gửi: Ông/Bà ${applicant.name}`,
    body: [
      ...contactFields(applicant),
      {
        kind: 'paragraph',
        text: `Ngày ${formatVnDate(input.receivedAt)}, ${agency} tiếp nhận giải quyết hồ sơ của Ông/Bà, mã hồ sơ ${header.dossierCode}, thủ tục: ${input.procedureName}.`,
      },
      field('Thời gian hẹn trả kết quả ban đầu', formatVnDateTime(input.originalAppointmentAt)),
      {
        kind: 'paragraph',
        text: `Tuy nhiên, đến nay ${agency} chưa thể trả kết quả giải quyết hồ sơ cho Ông/Bà đúng thời hạn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.`,
      },
      field('Lý do', input.reason),
      {
        kind: 'paragraph',
        text: extension
          ? `${agency} thành thật xin lỗi Ông/Bà về sự chậm trễ này và đề nghị gia hạn thời gian giải quyết hồ sơ như sau:`
          : `Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. ${agency} thành thật xin lỗi Ông/Bà và hẹn lại thời gian trả kết quả như sau:`,
      },
      field(extension ? 'Thời gian gia hạn trả kết quả đến' : 'Thời gian hẹn trả kết quả lại', formatVnDateTime(input.newAppointmentAt)),
      { kind: 'paragraph', text: 'Rất mong nhận được sự thông cảm của Ông/Bà./.' },
    ],
    recipients: (input.recipients ?? ['Như trên', 'Bộ phận Một cửa', 'Lưu: VT']).map(
      (r, i, all) => `- ${r.replace(/[;.]+$/, '')}${i === all.length - 1 ? '.' : ';'}`,
    ),
    signatures: [signerBlock(input.signer, SIGN_AGENCY)],
  });
}

/**
 * (e) Thông báo dừng giải quyết hồ sơ: the applicant asked to stop before a decision exists (Nghị định 118/2025 Điều 21;
 * Thông tư 03/2025 Điều 7, Mẫu 05). Throws FORMS.NOT_IN_RULE_SET for dossiers under the 2018 rules.
 */
export function buildStopNoticeForm(input: TStopNoticeForm): FormModel {
  formSpecOf(input.header.ruleSetId, 'stop_notice'); // refuse before anything else under the 2018 rules
  assertNotBefore(input.requestedAt, input.receivedAt, 'Thời gian đề nghị dừng phải sau thời gian tiếp nhận hồ sơ.');
  const { header, applicant } = input;
  const decree = ruleSetOf(header.ruleSetId).decree;
  const body: FormBlock[] = [
    ...contactFields(applicant),
    {
      kind: 'paragraph',
      text: `Căn cứ Điều 21 ${decree}; ngày ${formatVnDate(input.requestedAt)}, ${header.agencyName} nhận được đề nghị dừng giải quyết hồ sơ của Ông/Bà như sau:`,
    },
    field('Thủ tục hành chính', input.procedureName),
    field('Thời gian tiếp nhận hồ sơ', formatVnDateTime(input.receivedAt)),
    field('Lý do dừng', input.reason ?? 'Theo đề nghị của người nộp hồ sơ'),
    {
      kind: 'paragraph',
      text: `${header.agencyName} thông báo dừng giải quyết hồ sơ nêu trên kể từ ${formatVnDateTime(header.issuedAt)}.`,
    },
  ];
  if (input.documentsReturn) body.push({ kind: 'paragraph', text: input.documentsReturn });
  body.push({ kind: 'paragraph', text: `Xin thông báo để Ông/Bà được biết./.` });
  return frame('stop_notice', header, input.documentNumber, {
    addressee: `Kính gửi: Ông/Bà ${applicant.name}`,
    body,
    signatures: [signerBlock(input.signer, SIGN_AGENCY)],
  });
}

/**
 * (f) Phiếu kiểm soát quá trình giải quyết hồ sơ: follows the dossier; each hand-over is one row, each step marked
 * early / on time / late (Nghị định 61/2018 Điều 19 k5; Thông tư 01/2018 Mẫu 05, Thông tư 03/2025 Mẫu 06).
 */
export function buildControlSlipForm(input: TControlSlipForm): FormModel {
  const { header } = input;
  const who = (unit: string, person: string | undefined) => (person ? `${unit} (${person})` : unit);
  return frame('control_slip', header, undefined, {
    subtitle: [`Mã hồ sơ: ${header.dossierCode}`, '(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)'],
    body: [
      field('Người nộp hồ sơ', input.applicant.name),
      field('Thủ tục hành chính', input.procedureName),
      field('Thời gian nhận hồ sơ', formatVnDateTime(input.receivedAt)),
      field('Thời gian hẹn trả kết quả', formatVnDateTime(input.appointmentAt)),
      {
        kind: 'table',
        columns: [
          { header: 'TT', width: 1, align: 'center' },
          { header: 'Tên cơ quan, người giao, nhận', width: 6, align: 'left' },
          { header: 'Thời gian giao, nhận hồ sơ', width: 4, align: 'center' },
          { header: 'Kết quả giải quyết hồ sơ (trước hạn/đúng hạn/quá hạn)', width: 4, align: 'center' },
          { header: 'Ghi chú', width: 3, align: 'left' },
        ],
        rows: input.handovers.map((h, i) => [
          String(i + 1),
          `Giao: ${who(h.fromUnit, h.fromPerson)}\nNhận: ${who(h.toUnit, h.toPerson)}`,
          formatVnShortDateTime(h.at),
          h.result === null ? '' : stepResultLabels[h.result],
          h.note ?? '',
        ]),
      },
    ],
  });
}

export const trackingBookColumns = [
  'STT', 'Mã hồ sơ', 'Tên thủ tục hành chính', 'Tên cá nhân, tổ chức', 'Địa chỉ, số điện thoại', 'Cơ quan chủ trì giải quyết',
  'Ngày nhận hồ sơ', 'Ngày hẹn trả kết quả', 'Ngày trả kết quả', 'Phương thức nhận kết quả', 'Ký nhận', 'Ghi chú',
] as const;

const trackingBookWidths = [3, 16, 13, 9, 10, 9, 7, 7, 7, 7, 6, 7] as const;

/**
 * (g) Sổ theo dõi hồ sơ: one line per dossier received; one book a year, numbering continuing through the year
 * (Thông tư 01/2018 Điều 10; Mẫu 06, Thông tư 03/2025 Mẫu 07).
 */
export function buildTrackingBookForm(input: TTrackingBookForm): FormModel {
  const entries = [...input.entries].sort((a, b) => a.sequence - b.sequence);
  return frame('tracking_book', input.header, undefined, {
    subtitle: [`Quyển số: ${input.volume} – Năm ${input.year}`],
    body: [
      {
        kind: 'table',
        columns: trackingBookColumns.map((header, i) => ({
          header,
          width: trackingBookWidths[i] ?? 6,
          align: i === 0 || i >= 6 ? 'center' : 'left',
        })),
        rows: entries.map((e) => [
          pad2(e.sequence),
          e.dossierCode,
          e.procedureName,
          e.applicantName,
          [e.applicantAddress, e.applicantPhone].filter((s) => s !== undefined && s !== '').join('\n'),
          e.resolvingAgency,
          formatVnShortDateTime(e.receivedAt),
          formatVnShortDateTime(e.appointmentAt),
          e.returnedAt === null ? '' : formatVnShortDateTime(e.returnedAt),
          resultChannelLabels[e.resultChannel],
          e.signedBy ?? '',
          e.note ?? '',
        ]),
      },
    ],
  });
}
