/**
 * The one-stop rules in force on a date (../shared/reference/vn-legal.md §0). Every dossier records the rule-set
 * it was received under; forms, dossier codes and deadline rules follow that rule-set for its whole life.
 */
export type FormKey =
  | 'receipt' // Giấy tiếp nhận hồ sơ và hẹn trả kết quả
  | 'supplementation_request' // Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
  | 'refusal' // Phiếu từ chối tiếp nhận giải quyết hồ sơ
  | 'apology' // Phiếu xin lỗi và hẹn lại ngày trả kết quả / Văn bản xin lỗi và đề nghị gia hạn
  | 'stop_notice' // Thông báo dừng giải quyết hồ sơ (only from 2025)
  | 'control_slip' // Phiếu kiểm soát quá trình giải quyết hồ sơ
  | 'tracking_book' // Sổ theo dõi hồ sơ
  | 'postal_dispatch' // Phiếu gửi hồ sơ (QĐ 45/2016/QĐ-TTg Điều 6; no rule-set number)
  | 'postal_handover' // Biên bản giao nhận hồ sơ (QĐ 45/2016/QĐ-TTg Điều 7; no rule-set number)
  | 'declaration'; // Tờ khai điền sẵn cho công dân ký (Công dân không viết), not a form of the circulars

export type FormSpec = { number: string; titleVi: string; paper: 'A4' | 'A5' };

export type DossierCodeFormat =
  /** TT 01/2018/TT-VPCP Điều 19: V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX (unit code + date + 4-digit daily sequence). */
  | 'unit-date-seq4'
  /** TT 03/2025/TT-VPCP Điều 13 k3 (added by TT 04/2025, from 25/01/2026): MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX. */
  | 'unit-date-system-seq';

export type RuleSet = {
  id: 'nd61-2018' | 'nd118-2025';
  titleVi: string;
  decree: string;
  circular: string;
  validFrom: string;
  validTo: string | null;
  forms: Partial<Record<FormKey, FormSpec>>;
  /** Paper dossiers received after this local time count from the next working day (ND 61/2018 Điều 18 k2). */
  paperCutoff: string;
  /** A late dossier needs an apology letter at least this many working days before its due time; once only. */
  apologyLeadWorkingDays: number;
  maxReappointments: number;
  /**
   * After appraisal, a request to supplement goes back through the desk within this many working days from receipt
   * (ND 61/2018 Điều 19 k4: "không quá 03 ngày làm việc"); the legal time restarts when the dossier is complete.
   */
  supplementWindowWorkingDays: number;
  /** Intake at any centre of the province regardless of administrative boundary (ND 118/2025). */
  intakeAnywhereInProvince: boolean;
};

export const ruleSets: readonly RuleSet[] = [
  {
    id: 'nd61-2018',
    titleVi: 'Cơ chế một cửa theo Nghị định 61/2018/NĐ-CP (sửa đổi bởi Nghị định 107/2021/NĐ-CP)',
    decree: 'Nghị định 61/2018/NĐ-CP',
    circular: 'Thông tư 01/2018/TT-VPCP',
    validFrom: '2018-06-21',
    validTo: '2025-06-30',
    forms: {
      receipt: { number: 'Mẫu số 01', titleVi: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', paper: 'A5' },
      supplementation_request: { number: 'Mẫu số 02', titleVi: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', paper: 'A5' },
      refusal: { number: 'Mẫu số 03', titleVi: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', paper: 'A5' },
      apology: { number: 'Mẫu số 04', titleVi: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả', paper: 'A5' },
      control_slip: { number: 'Mẫu số 05', titleVi: 'Phiếu kiểm soát quá trình giải quyết hồ sơ', paper: 'A5' },
      tracking_book: { number: 'Mẫu số 06', titleVi: 'Sổ theo dõi hồ sơ', paper: 'A4' },
    },
    paperCutoff: '15:00',
    apologyLeadWorkingDays: 1,
    maxReappointments: 1,
    supplementWindowWorkingDays: 3,
    intakeAnywhereInProvince: false,
  },
  {
    id: 'nd118-2025',
    titleVi: 'Cơ chế một cửa theo Nghị định 118/2025/NĐ-CP (sửa đổi bởi Nghị định 367/2025/NĐ-CP)',
    decree: 'Nghị định 118/2025/NĐ-CP',
    circular: 'Thông tư 03/2025/TT-VPCP',
    validFrom: '2025-07-01',
    validTo: null,
    // Field layouts of the 2025 forms are unverified (vn-legal.md §3.2): they follow the 2018 layouts plus the stop notice.
    forms: {
      receipt: { number: 'Mẫu số 01', titleVi: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', paper: 'A5' },
      supplementation_request: { number: 'Mẫu số 02', titleVi: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', paper: 'A5' },
      refusal: { number: 'Mẫu số 03', titleVi: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', paper: 'A5' },
      apology: { number: 'Mẫu số 04', titleVi: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết', paper: 'A5' },
      stop_notice: { number: 'Mẫu số 05', titleVi: 'Thông báo dừng giải quyết hồ sơ', paper: 'A5' },
      control_slip: { number: 'Mẫu số 06', titleVi: 'Phiếu kiểm soát quá trình giải quyết hồ sơ', paper: 'A5' },
      tracking_book: { number: 'Mẫu số 07', titleVi: 'Sổ theo dõi hồ sơ', paper: 'A4' },
    },
    paperCutoff: '15:00',
    apologyLeadWorkingDays: 1,
    // Whether ND 118 keeps "at most once" verbatim is unverified; provincial rules of 2025 still apply it.
    maxReappointments: 1,
    // Unverified whether ND 118 keeps the 3 days verbatim (vn-legal.md §1.7); provincial 2025 processes still use it.
    supplementWindowWorkingDays: 3,
    intakeAnywhereInProvince: true,
  },
];

/** The rule-set in force on a Vietnam calendar date (YYYY-MM-DD), or null before 21/06/2018. */
export function ruleSetOn(date: string): RuleSet | null {
  return ruleSets.find((r) => r.validFrom <= date && (r.validTo === null || date <= r.validTo)) ?? null;
}

/** The dossier-code format in force on a date: the 2026 format applies from 25/01/2026 (TT 04/2025/TT-VPCP). */
export function dossierCodeFormatOn(date: string): DossierCodeFormat {
  return date >= '2026-01-25' ? 'unit-date-system-seq' : 'unit-date-seq4';
}
