import { z } from 'zod';
import { ZFee, ZProcessingTime } from '../procedures/procedure.contract.js';
import type { FormKey, RuleSet } from '../rule-sets/rule-set.rules.js';

/**
 * Data of the printed one-stop forms (Thông tư 01/2018/TT-VPCP Điều 9, Mẫu 01–06; Thông tư 03/2025/TT-VPCP Phụ lục I,
 * Mẫu 01–07), independent of the database: a use case loads the dossier and fills these inputs. Instants are `Date`s
 * and are printed in Vietnam time whatever the process time zone.
 */

export const ZFormRuleSetId = z.enum(['nd61-2018', 'nd118-2025']) satisfies z.ZodType<RuleSet['id']>;
export type TFormRuleSetId = z.infer<typeof ZFormRuleSetId>;

/**
 * Top-left agency block and date line. Write the names in normal case ("UBND phường An Bình", "Trung tâm Phục vụ hành
 * chính công"); the header prints them in capitals, the body as written.
 */
export const ZFormHeader = z.object({
  ruleSetId: ZFormRuleSetId,
  /** Governing agency printed above the issuing agency, e.g. "UBND phường An Bình"; null when none. */
  parentAgencyName: z.string().min(1).max(200).nullable(),
  /** Issuing agency or desk, e.g. "Trung tâm Phục vụ hành chính công". */
  agencyName: z.string().min(1).max(200),
  /** Place name of the date line: "An Bình, ngày 25 tháng 11 năm 2026". */
  placeName: z.string().min(1).max(100),
  issuedAt: z.date(),
});
export type TFormHeader = z.infer<typeof ZFormHeader>;

/** Header of a form about one dossier: adds the dossier code and the public tracking URL printed as a QR code. */
export const ZDossierFormHeader = ZFormHeader.extend({
  /** Mã số hồ sơ (Nghị định 61/2018 Điều 26; Thông tư 01/2018 Điều 19). */
  dossierCode: z.string().min(1).max(64),
  trackingUrl: z.url(),
});
export type TDossierFormHeader = z.infer<typeof ZDossierFormHeader>;

export const ZFormApplicant = z.object({
  name: z.string().min(1).max(200),
  address: z.string().max(500).optional(),
  phone: z.string().max(30).optional(),
  email: z.string().max(254).optional(),
});
export type TFormApplicant = z.infer<typeof ZFormApplicant>;

/** How a document was handed in: bản chính, bản sao, bản sao chứng thực, bản điện tử. */
export const ZDocumentForm = z.enum(['original', 'copy', 'certified_copy', 'electronic']);
export type TDocumentForm = z.infer<typeof ZDocumentForm>;

export const ZFormDocument = z.object({
  name: z.string().min(1).max(500),
  form: ZDocumentForm,
  count: z.number().int().min(1).max(999),
});
export type TFormDocument = z.infer<typeof ZFormDocument>;

/** Where the applicant collects the result: at the desk, by public postal service (to an address), or online. */
export const ZResultDelivery = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('desk') }),
  z.object({ channel: z.literal('post'), address: z.string().min(1).max(500) }),
  z.object({ channel: z.literal('online') }),
]);
export type TResultDelivery = z.infer<typeof ZResultDelivery>;
export type TResultChannel = TResultDelivery['channel'];

export const ZFormPerson = z.object({ name: z.string().min(1).max(200), phone: z.string().max(30).optional() });

/** Who signs: capacity lines as printed above the signature ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") and the full name. */
export const ZFormSigner = z.object({ capacity: z.array(z.string().min(1).max(120)).min(1).max(3), name: z.string().min(1).max(200) });
export type TFormSigner = z.infer<typeof ZFormSigner>;

const dossierForm = {
  header: ZDossierFormHeader,
  applicant: ZFormApplicant,
  procedureName: z.string().min(1).max(1000),
};

/** (a) Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01; Nghị định 61/2018 Điều 17 k1 điểm c, k3). */
export const ZReceiptForm = z.object({
  ...dossierForm,
  documents: z.array(ZFormDocument).min(1).max(100),
  setCount: z.number().int().min(1).max(99),
  processingTime: ZProcessingTime,
  receivedAt: z.date(),
  appointmentAt: z.date(),
  resultDelivery: ZResultDelivery,
  fees: z.array(ZFee).max(20),
  /** The fee, when already paid: how, the receipt (biên lai) number and the day — the slip says it was collected. */
  feePaid: z.object({ method: z.enum(['cash', 'transfer', 'online']), receiptNo: z.string().max(40).nullable(), paidAt: z.date() }).nullable().optional(),
  receivingOfficer: ZFormPerson,
  /** "Vào Sổ theo dõi hồ sơ, Quyển số …, Số thứ tự …" (Thông tư 01/2018 Điều 10). */
  bookEntry: z.object({ volume: z.string().min(1).max(20), sequence: z.number().int().min(1) }),
});
export type TReceiptForm = z.infer<typeof ZReceiptForm>;

/** A missing or defective document to supplement. */
export const ZSupplementationItem = z.object({
  name: z.string().min(1).max(500),
  form: ZDocumentForm,
  count: z.number().int().min(1).max(999),
  /** What to fix, e.g. "Bổ sung chữ ký của người khai". */
  requirement: z.string().max(1000).optional(),
});

/** (b) Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02; Nghị định 61/2018 Điều 17 k1 điểm a, Điều 19 k4). */
export const ZSupplementationRequestForm = z.object({
  ...dossierForm,
  /** Number of the slip, e.g. "15/PYCBS" (printed "Số: 15/PYCBS"). */
  documentNumber: z.string().min(1).max(60),
  submittedAt: z.date(),
  items: z.array(ZSupplementationItem).min(1).max(100),
  reason: z.string().min(1).max(2000),
  /** The officer the applicant contacts about the request. */
  contactOfficer: ZFormPerson.extend({ phone: z.string().min(1).max(30) }),
  /** Signs as NGƯỜI HƯỚNG DẪN. */
  issuingOfficer: ZFormPerson,
});
export type TSupplementationRequestForm = z.infer<typeof ZSupplementationRequestForm>;

/** (c) Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03; Nghị định 61/2018 Điều 17 k1 điểm b, Điều 19 k8). */
export const ZRefusalForm = z.object({
  ...dossierForm,
  documentNumber: z.string().min(1).max(60).optional(),
  submittedAt: z.date(),
  reasons: z.array(z.string().min(1).max(2000)).min(1).max(20),
  /** At intake: capacity ["NGƯỜI TIẾP NHẬN HỒ SƠ"] and the officer; after appraisal (Điều 19 k8): the competent agency. */
  signer: ZFormSigner,
});
export type TRefusalForm = z.infer<typeof ZRefusalForm>;

/**
 * (d) Phiếu xin lỗi và hẹn lại ngày trả kết quả (2018, Mẫu 04; Nghị định 61/2018 Điều 19 k9) / Văn bản xin lỗi và đề nghị
 * gia hạn thời gian giải quyết (2025, Mẫu 04). Issued by the competent agency: its name goes in the header.
 */
export const ZApologyForm = z.object({
  ...dossierForm,
  documentNumber: z.string().min(1).max(60).optional(),
  receivedAt: z.date(),
  originalAppointmentAt: z.date(),
  newAppointmentAt: z.date(),
  reason: z.string().min(1).max(2000),
  signer: ZFormSigner,
  /** Issued after the legal window (one working day before the due time): the letter says so (phát hành muộn). */
  issuedLate: z.boolean().optional(),
  /** "Nơi nhận"; defaults to the applicant, the one-stop desk and the archive. */
  recipients: z.array(z.string().min(1).max(300)).min(1).max(10).optional(),
});
export type TApologyForm = z.infer<typeof ZApologyForm>;

/** (e) Thông báo dừng giải quyết hồ sơ (Thông tư 03/2025 Mẫu 05; Nghị định 118/2025 Điều 21). Not in the 2018 rule-set. */
export const ZStopNoticeForm = z.object({
  ...dossierForm,
  documentNumber: z.string().min(1).max(60).optional(),
  receivedAt: z.date(),
  /** When the applicant asked to stop. */
  requestedAt: z.date(),
  /** Defaults to "Theo đề nghị của người nộp hồ sơ". */
  reason: z.string().min(1).max(2000).optional(),
  /** What happens to the paper documents, e.g. "Hồ sơ giấy được trả lại tại Bộ phận Một cửa". */
  documentsReturn: z.string().min(1).max(1000).optional(),
  signer: ZFormSigner,
});
export type TStopNoticeForm = z.infer<typeof ZStopNoticeForm>;

/** Result of a processing step measured against its allotted time. */
export const ZStepResult = z.enum(['early', 'on_time', 'late']);
export type TStepResult = z.infer<typeof ZStepResult>;

/** One hand-over of the dossier between units (one row of the control slip). */
export const ZHandover = z.object({
  fromUnit: z.string().min(1).max(300),
  fromPerson: z.string().max(200).optional(),
  toUnit: z.string().min(1).max(300),
  toPerson: z.string().max(200).optional(),
  at: z.date(),
  /** Null while the receiving unit is still working on it. */
  result: ZStepResult.nullable(),
  note: z.string().max(1000).optional(),
});

/** (f) Phiếu kiểm soát quá trình giải quyết hồ sơ (2018 Mẫu 05, 2025 Mẫu 06; Nghị định 61/2018 Điều 19 k5). */
export const ZControlSlipForm = z.object({
  ...dossierForm,
  receivedAt: z.date(),
  appointmentAt: z.date(),
  handovers: z.array(ZHandover).min(1).max(100),
});
export type TControlSlipForm = z.infer<typeof ZControlSlipForm>;

/** One line of the tracking book. */
export const ZTrackingBookEntry = z.object({
  /** Sequence in the book; numbering continues from 01 through the year (Thông tư 01/2018 Điều 10). */
  sequence: z.number().int().min(1),
  dossierCode: z.string().min(1).max(64),
  procedureName: z.string().min(1).max(1000),
  applicantName: z.string().min(1).max(200),
  applicantAddress: z.string().max(500).optional(),
  applicantPhone: z.string().max(30).optional(),
  resolvingAgency: z.string().min(1).max(300),
  receivedAt: z.date(),
  appointmentAt: z.date(),
  returnedAt: z.date().nullable(),
  resultChannel: z.enum(['desk', 'post', 'online']),
  /** Name of who signed for the result, when recorded electronically; blank for a hand signature. */
  signedBy: z.string().max(200).optional(),
  note: z.string().max(1000).optional(),
});

/** (g) Sổ theo dõi hồ sơ (2018 Mẫu 06, 2025 Mẫu 07), printed A4 landscape. */
export const ZTrackingBookForm = z.object({
  header: ZFormHeader,
  /** Quyển số: one book a year (Thông tư 01/2018 Điều 10). */
  volume: z.string().min(1).max(20),
  year: z.number().int().min(2018).max(2100),
  entries: z.array(ZTrackingBookEntry).max(10_000),
});
export type TTrackingBookForm = z.infer<typeof ZTrackingBookForm>;

// ---------------------------------------------------------------------------------------------------------------
// The form model: what a form says, without layout. Renderers (PDF, Excel, a web preview) only place these strings.

/** "Label: value"; an empty value is printed as a dotted line to fill in by hand. */
export type FormField = { kind: 'field'; label: string; value: string };
export type FormParagraph = { kind: 'paragraph'; text: string; emphasis?: 'bold' | 'italic' };
/** Bulleted lines (reasons). */
export type FormList = { kind: 'list'; items: string[] };
export type FormColumn = { header: string; /** relative width */ width: number; align: 'left' | 'center' | 'right' };
/** A table; a cell may hold several lines separated by "\n". */
/** `caption`: the title of the table's own sheet when a workbook puts further tables on sheets of their own. */
export type FormTable = { kind: 'table'; columns: FormColumn[]; rows: string[][]; caption?: string };
export type FormBlock = FormField | FormParagraph | FormList | FormTable;

/** A signature block: capacity lines (bold), a hint "(Ký, ghi rõ họ tên)", then the printed name (may be empty). */
export type FormSignature = { capacity: string[]; hint: string; name: string };

export type FormModel = {
  /** The one-stop form, the fee receipt (biên lai thu phí, lệ phí) printed by payments, a statistical report (Biểu 06/VPCP/KSTT, daily quick report), or an administrative letter (feedback routed out). */
  formKey: FormKey | 'fee_receipt' | 'report' | 'letter';
  ruleSetId: TFormRuleSetId;
  /** "Mẫu số 01". */
  formNumber: string;
  /** The circular that defines the form, e.g. "Thông tư 01/2018/TT-VPCP". */
  circular: string;
  paper: 'A4' | 'A5';
  orientation: 'portrait' | 'landscape';
  /** Capitalised agency lines: the parent agency (if any), then the issuing agency (bold). */
  agencyLines: string[];
  nationalHeading: readonly [string, string];
  /** "Số: 15/PYCBS", or null. */
  documentNumber: string | null;
  /** "An Bình, ngày 25 tháng 11 năm 2026"; null on the tracking book. */
  dateLine: string | null;
  /** QR code content (tracking URL) and the caption printed under it (dossier code). */
  qr: { payload: string; caption: string } | null;
  /** Capitalised title. */
  title: string;
  /** Lines centred under the title ("Mã hồ sơ: …", "Quyển số: 01 – Năm 2026"). */
  subtitle: string[];
  /** "Kính gửi: …", or null. */
  addressee: string | null;
  body: FormBlock[];
  /** "Nơi nhận" list printed bottom-left, or null. */
  recipients: string[] | null;
  signatures: FormSignature[];
  /** Small print at the bottom ("Liên 1: Lưu; Liên 2: Giao người nộp"). */
  footer: string[];
};
