import { vnInstant } from '../working-calendar/vn-time.js';
import type {
  TApologyForm,
  TControlSlipForm,
  TDossierFormHeader,
  TFormRuleSetId,
  TReceiptForm,
  TRefusalForm,
  TStopNoticeForm,
  TSupplementationRequestForm,
  TTrackingBookForm,
} from './forms.contract.js';

/**
 * Sample inputs for the form tests (one dossier of a ward centre). The 2018 samples are dated in March 2024, the 2025
 * ones in November 2026, so each date is valid under its rule-set.
 */

const dates = {
  'nd61-2018': { day: '2024-03-05', due: '2024-03-12', late: '2024-03-15', code: '000.00.12.H40-240305-0012' },
  'nd118-2025': { day: '2026-11-25', due: '2026-12-02', late: '2026-12-07', code: 'H40.12-261125-000012' },
} as const;

export function sampleHeader(ruleSetId: TFormRuleSetId): TDossierFormHeader {
  const d = dates[ruleSetId];
  return {
    ruleSetId,
    parentAgencyName: 'UBND phường An Bình',
    agencyName: 'Trung tâm Phục vụ hành chính công',
    placeName: 'An Bình',
    issuedAt: vnInstant(d.day, '08:30'),
    dossierCode: d.code,
    trackingUrl: `https://dichvucong.example.vn/tra-cuu?ma=${d.code}`,
  };
}

const applicant = {
  name: 'Nguyễn Thị Ánh Tuyết',
  address: 'Số 12 đường Lê Lợi, tổ dân phố 3, phường An Bình',
  phone: '0905 123 456',
  email: 'anhtuyet@example.vn',
};
const procedureName = 'Cấp bản sao trích lục hộ tịch';

export function sampleReceipt(ruleSetId: TFormRuleSetId): TReceiptForm {
  const d = dates[ruleSetId];
  return {
    header: sampleHeader(ruleSetId),
    applicant,
    procedureName,
    documents: [
      { name: 'Tờ khai cấp bản sao trích lục hộ tịch', form: 'original', count: 1 },
      { name: 'Căn cước công dân của người yêu cầu', form: 'copy', count: 1 },
      { name: 'Giấy ủy quyền (trường hợp ủy quyền)', form: 'certified_copy', count: 1 },
    ],
    setCount: 1,
    processingTime: { amount: 5, unit: 'working_day' },
    receivedAt: vnInstant(d.day, '08:30'),
    appointmentAt: vnInstant(d.due, '16:00'),
    resultDelivery: { channel: 'desk' },
    fees: [{ name: 'Lệ phí cấp bản sao trích lục', amountVnd: 8000 }, { name: 'Phí chuyển phát', amountVnd: 15000 }],
    receivingOfficer: { name: 'Trần Văn Bình' },
    bookEntry: { volume: '01', sequence: 125 },
  };
}

export function sampleSupplementation(ruleSetId: TFormRuleSetId): TSupplementationRequestForm {
  const d = dates[ruleSetId];
  return {
    header: sampleHeader(ruleSetId),
    applicant,
    procedureName,
    documentNumber: '15/PYCBS',
    submittedAt: vnInstant(d.day, '08:15'),
    items: [
      { name: 'Tờ khai cấp bản sao trích lục hộ tịch', form: 'original', count: 1, requirement: 'Ghi đầy đủ ngày, tháng, năm sinh; ký ghi rõ họ tên' },
      { name: 'Giấy ủy quyền', form: 'certified_copy', count: 1 },
    ],
    reason: 'Tờ khai chưa ghi đủ thông tin; thiếu giấy ủy quyền của người được cấp trích lục.',
    contactOfficer: { name: 'Trần Văn Bình', phone: '0236 3888 999' },
    issuingOfficer: { name: 'Trần Văn Bình' },
  };
}

export function sampleRefusal(ruleSetId: TFormRuleSetId): TRefusalForm {
  return {
    header: sampleHeader(ruleSetId),
    applicant,
    procedureName,
    submittedAt: vnInstant(dates[ruleSetId].day, '08:15'),
    reasons: ['Thủ tục không thuộc thẩm quyền giải quyết của UBND phường An Bình.', 'Đề nghị Ông/Bà liên hệ Sở Tư pháp.'],
    signer: { capacity: ['Người tiếp nhận hồ sơ'], name: 'Trần Văn Bình' },
  };
}

export function sampleApology(ruleSetId: TFormRuleSetId): TApologyForm {
  const d = dates[ruleSetId];
  return {
    header: { ...sampleHeader(ruleSetId), parentAgencyName: null, agencyName: 'UBND phường An Bình', issuedAt: vnInstant(d.due, '09:00') },
    applicant,
    procedureName,
    documentNumber: '25/XL-UBND',
    receivedAt: vnInstant(d.day, '08:30'),
    originalAppointmentAt: vnInstant(d.due, '16:00'),
    newAppointmentAt: vnInstant(d.late, '16:00'),
    reason: 'Cần xác minh thông tin đăng ký hộ tịch tại cơ quan lưu trữ sổ gốc.',
    signer: { capacity: ['KT. Chủ tịch', 'Phó Chủ tịch'], name: 'Lê Hoàng Minh' },
  };
}

export function sampleStopNotice(ruleSetId: TFormRuleSetId): TStopNoticeForm {
  const d = dates[ruleSetId];
  return {
    header: { ...sampleHeader(ruleSetId), issuedAt: vnInstant(d.due, '10:00') },
    applicant,
    procedureName,
    documentNumber: '03/TB-TTPVHCC',
    receivedAt: vnInstant(d.day, '08:30'),
    requestedAt: vnInstant(d.due, '09:15'),
    documentsReturn: 'Hồ sơ giấy được trả lại cho Ông/Bà tại Bộ phận Một cửa.',
    signer: { capacity: ['KT. Giám đốc', 'Phó Giám đốc'], name: 'Phạm Thu Hà' },
  };
}

export function sampleControlSlip(ruleSetId: TFormRuleSetId): TControlSlipForm {
  const d = dates[ruleSetId];
  return {
    header: sampleHeader(ruleSetId),
    applicant,
    procedureName,
    receivedAt: vnInstant(d.day, '08:30'),
    appointmentAt: vnInstant(d.due, '16:00'),
    handovers: [
      {
        fromUnit: 'Bộ phận Một cửa',
        fromPerson: 'Trần Văn Bình',
        toUnit: 'Phòng Văn hóa - Xã hội',
        toPerson: 'Đỗ Quỳnh Như',
        at: vnInstant(d.day, '14:00'),
        result: 'on_time',
      },
      { fromUnit: 'Phòng Văn hóa - Xã hội', toUnit: 'Lãnh đạo UBND phường', at: vnInstant(d.due, '10:00'), result: 'early', note: 'Trình ký' },
      { fromUnit: 'Lãnh đạo UBND phường', toUnit: 'Bộ phận Một cửa', at: vnInstant(d.due, '15:00'), result: null },
    ],
  };
}

export function sampleTrackingBook(ruleSetId: TFormRuleSetId, entries = 3): TTrackingBookForm {
  const d = dates[ruleSetId];
  const { dossierCode: _code, trackingUrl: _url, ...header } = sampleHeader(ruleSetId);
  return {
    header,
    volume: '01',
    year: Number(d.day.slice(0, 4)),
    entries: Array.from({ length: entries }, (_, i) => ({
      sequence: entries - i + 124,
      dossierCode: `${d.code.slice(0, -4)}${String(entries - i).padStart(4, '0')}`,
      procedureName: i % 2 === 0 ? procedureName : 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
      applicantName: i % 2 === 0 ? 'Nguyễn Thị Ánh Tuyết' : 'Hoàng Đức Lương',
      applicantAddress: 'Phường An Bình',
      applicantPhone: '0905 123 456',
      resolvingAgency: 'UBND phường An Bình',
      receivedAt: vnInstant(d.day, '08:30'),
      appointmentAt: vnInstant(d.due, '16:00'),
      returnedAt: i % 2 === 0 ? vnInstant(d.due, '10:05') : null,
      resultChannel: i % 3 === 0 ? 'desk' : i % 3 === 1 ? 'post' : 'online',
      ...(i === 0 ? { note: 'Trả sớm, đã báo qua SMS' } : {}),
    })),
  };
}
