import { describe, expect, it } from 'vitest';
import type { FormKey } from '../rule-sets/rule-set.rules.js';
import { vnInstant } from '../working-calendar/vn-time.js';
import type { FormBlock, FormModel, FormTable, TFormRuleSetId } from './forms.contract.js';
import {
  sampleApology,
  sampleControlSlip,
  sampleReceipt,
  sampleRefusal,
  sampleStopNotice,
  sampleSupplementation,
  sampleTrackingBook,
} from './forms.fixtures.js';
import {
  buildApologyForm,
  buildControlSlipForm,
  buildReceiptForm,
  buildRefusalForm,
  buildStopNoticeForm,
  buildSupplementationRequestForm,
  buildTrackingBookForm,
  formSpecOf,
  trackingBookColumns,
} from './forms.rules.js';
import { formatDateLine, formatProcessingTime, formatVnDate, formatVnDateTime, formatVnShortDateTime, formatVnd } from './vn-format.rules.js';

const RULE_SETS: TFormRuleSetId[] = ['nd61-2018', 'nd118-2025'];

function fields(m: FormModel): Record<string, string> {
  return Object.fromEntries(m.body.flatMap((b) => (b.kind === 'field' ? [[b.label, b.value]] : [])));
}
function paragraphs(m: FormModel): string[] {
  return m.body.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
}
function table(m: FormModel): FormTable {
  const t = m.body.find((b: FormBlock): b is FormTable => b.kind === 'table');
  if (!t) throw new Error('no table');
  return t;
}
function errorOf(fn: () => unknown): { code?: string; messageVi?: string } {
  try {
    fn();
  } catch (e) {
    return e as { code?: string; messageVi?: string };
  }
  throw new Error('did not throw');
}

describe('Vietnamese formatting (Vietnam time, whatever TZ)', () => {
  it('prints times the way Mẫu 01 does', () => {
    expect(formatVnDateTime(vnInstant('2026-11-25', '08:30'))).toBe('08 giờ 30 phút, ngày 25/11/2026');
    expect(formatVnDateTime(new Date('2026-11-24T17:05:00Z'))).toBe('00 giờ 05 phút, ngày 25/11/2026');
    expect(formatVnDateTime(new Date('2026-12-31T16:59:00Z'))).toBe('23 giờ 59 phút, ngày 31/12/2026');
    expect(formatVnDate(new Date('2026-02-28T18:00:00Z'))).toBe('01/03/2026');
    expect(formatVnShortDateTime(vnInstant('2026-11-25', '16:00'))).toBe('25/11/2026 16:00');
  });

  it.each([
    ['2026-11-25', 'An Bình, ngày 25 tháng 11 năm 2026'],
    ['2026-01-05', 'An Bình, ngày 05 tháng 01 năm 2026'],
    ['2026-02-14', 'An Bình, ngày 14 tháng 02 năm 2026'],
    ['2026-03-09', 'An Bình, ngày 09 tháng 3 năm 2026'],
  ])('date line for %s (NĐ 30/2020: zero before days < 10 and months 1, 2)', (date, line) => {
    expect(formatDateLine('An Bình', vnInstant(date, '07:00'))).toBe(line);
  });

  it('prints money in đồng with dots', () => {
    expect(formatVnd(15000)).toBe('15.000 đồng');
    expect(formatVnd(0)).toBe('0 đồng');
    expect(formatVnd(999)).toBe('999 đồng');
    expect(formatVnd(1234567)).toBe('1.234.567 đồng');
    expect(() => formatVnd(-1)).toThrow(RangeError);
    expect(() => formatVnd(1.5)).toThrow(RangeError);
  });

  it('prints the legal processing time', () => {
    expect(formatProcessingTime({ amount: 5, unit: 'working_day' })).toBe('5 ngày làm việc');
    expect(formatProcessingTime({ amount: 0.5, unit: 'working_day' })).toBe('0,5 ngày làm việc');
    expect(formatProcessingTime({ amount: 4, unit: 'working_hour' })).toBe('4 giờ làm việc');
    expect(formatProcessingTime({ amount: 0, unit: 'same_day' })).toBe('Trong ngày');
  });
});

const expectedSpecs: Record<TFormRuleSetId, Partial<Record<FormKey, [string, string]>>> = {
  'nd61-2018': {
    receipt: ['Mẫu số 01', 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'],
    supplementation_request: ['Mẫu số 02', 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ'],
    refusal: ['Mẫu số 03', 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ'],
    apology: ['Mẫu số 04', 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ'],
    control_slip: ['Mẫu số 05', 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ'],
    tracking_book: ['Mẫu số 06', 'SỔ THEO DÕI HỒ SƠ'],
  },
  'nd118-2025': {
    receipt: ['Mẫu số 01', 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'],
    supplementation_request: ['Mẫu số 02', 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ'],
    refusal: ['Mẫu số 03', 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ'],
    apology: ['Mẫu số 04', 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT'],
    stop_notice: ['Mẫu số 05', 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ'],
    control_slip: ['Mẫu số 06', 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ'],
    tracking_book: ['Mẫu số 07', 'SỔ THEO DÕI HỒ SƠ'],
  },
};

function buildAll(rs: TFormRuleSetId): Partial<Record<FormKey, FormModel>> {
  return {
    receipt: buildReceiptForm(sampleReceipt(rs)),
    supplementation_request: buildSupplementationRequestForm(sampleSupplementation(rs)),
    refusal: buildRefusalForm(sampleRefusal(rs)),
    apology: buildApologyForm(sampleApology(rs)),
    control_slip: buildControlSlipForm(sampleControlSlip(rs)),
    tracking_book: buildTrackingBookForm(sampleTrackingBook(rs)),
    ...(rs === 'nd118-2025' ? { stop_notice: buildStopNoticeForm(sampleStopNotice(rs)) } : {}),
  };
}

describe.each(RULE_SETS)('common frame under %s', (rs) => {
  const models = buildAll(rs);
  const circular = rs === 'nd61-2018' ? 'Thông tư 01/2018/TT-VPCP' : 'Thông tư 03/2025/TT-VPCP';

  it('builds exactly the forms of the rule-set, numbered and titled from rule-set.rules.ts', () => {
    expect(Object.keys(models).sort()).toEqual(Object.keys(expectedSpecs[rs]).sort());
    for (const [key, [number, title]] of Object.entries(expectedSpecs[rs])) {
      const m = models[key as FormKey];
      expect([m?.formKey, m?.formNumber, m?.title, m?.circular, m?.ruleSetId]).toEqual([key, number, title, circular, rs]);
    }
  });

  it('prints the agency block, national heading, date line and QR of the dossier', () => {
    for (const [key, m] of Object.entries(models)) {
      expect(m.nationalHeading).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']);
      if (key === 'apology') continue; // the competent agency's header, checked below
      expect(m.agencyLines).toEqual(['UBND PHƯỜNG AN BÌNH', 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG']);
      if (key === 'tracking_book') {
        expect([m.paper, m.orientation, m.qr, m.dateLine]).toEqual(['A4', 'landscape', null, null]);
        continue;
      }
      expect([m.paper, m.orientation]).toEqual(['A5', 'portrait']);
      const code = sampleReceipt(rs).header.dossierCode;
      expect(m.qr).toEqual({ payload: `https://dichvucong.example.vn/tra-cuu?ma=${code}`, caption: code });
      expect(m.subtitle[0]).toBe(`Mã hồ sơ: ${code}`);
    }
    expect(models.receipt?.dateLine).toBe(rs === 'nd61-2018' ? 'An Bình, ngày 05 tháng 3 năm 2024' : 'An Bình, ngày 25 tháng 11 năm 2026');
    expect(models.apology?.agencyLines).toEqual(['UBND PHƯỜNG AN BÌNH']);
  });
});

describe.each(RULE_SETS)('(a) Giấy tiếp nhận hồ sơ và hẹn trả kết quả under %s', (rs) => {
  const input = sampleReceipt(rs);
  const m = buildReceiptForm(input);
  const day = rs === 'nd61-2018' ? ['05/03/2024', '12/03/2024'] : ['25/11/2026', '02/12/2026'];

  it('has the fields of Mẫu 01 in order', () => {
    expect(fields(m)).toEqual({
      'Bộ phận tiếp nhận và trả kết quả': 'Trung tâm Phục vụ hành chính công',
      'Tiếp nhận hồ sơ của': 'Nguyễn Thị Ánh Tuyết',
      'Địa chỉ': 'Số 12 đường Lê Lợi, tổ dân phố 3, phường An Bình',
      'Số điện thoại': '0905 123 456',
      Email: 'anhtuyet@example.vn',
      'Nội dung yêu cầu giải quyết': 'Cấp bản sao trích lục hộ tịch',
      '2. Số lượng hồ sơ': '01 bộ',
      '3. Thời gian giải quyết hồ sơ theo quy định': '5 ngày làm việc',
      '4. Thời gian nhận hồ sơ': `08 giờ 30 phút, ngày ${day[0]}`,
      '5. Thời gian trả kết quả giải quyết hồ sơ': `16 giờ 00 phút, ngày ${day[1]}`,
      '6. Đăng ký nhận kết quả tại': 'Bộ phận tiếp nhận và trả kết quả (Trung tâm Phục vụ hành chính công)',
      '7. Phí, lệ phí': 'Lệ phí cấp bản sao trích lục: 8.000 đồng; Phí chuyển phát: 15.000 đồng. Tổng cộng: 23.000 đồng',
    });
  });

  it('lists the documents received, the book entry, both signatures and the two copies', () => {
    expect(paragraphs(m)).toEqual(['1. Thành phần hồ sơ nộp gồm:', 'Vào Sổ theo dõi hồ sơ, Quyển số: 01, Số thứ tự: 125']);
    expect(table(m).columns.map((c) => c.header)).toEqual(['TT', 'Tên giấy tờ', 'Hình thức', 'Số lượng']);
    expect(table(m).rows).toEqual([
      ['1', 'Tờ khai cấp bản sao trích lục hộ tịch', 'Bản chính', '1'],
      ['2', 'Căn cước công dân của người yêu cầu', 'Bản sao', '1'],
      ['3', 'Giấy ủy quyền (trường hợp ủy quyền)', 'Bản sao chứng thực', '1'],
    ]);
    expect(m.signatures).toEqual([
      { capacity: ['NGƯỜI NỘP HỒ SƠ'], hint: '(Ký và ghi rõ họ tên)', name: 'Nguyễn Thị Ánh Tuyết' },
      { capacity: ['NGƯỜI TIẾP NHẬN HỒ SƠ'], hint: '(Ký và ghi rõ họ tên)', name: 'Trần Văn Bình' },
    ]);
    expect(m.footer).toEqual(['Liên 1: Lưu; Liên 2: Giao người nộp.']);
    expect([m.addressee, m.recipients, m.documentNumber]).toEqual([null, null, null]);
  });

  it('prints the delivery channel, fees and time units of each case', () => {
    const variant = (patch: Partial<typeof input>) => fields(buildReceiptForm({ ...input, ...patch }));
    expect(variant({ resultDelivery: { channel: 'post', address: '5 Trần Phú, An Bình' } })['6. Đăng ký nhận kết quả tại']).toBe(
      'Địa chỉ nhận qua dịch vụ bưu chính công ích: 5 Trần Phú, An Bình',
    );
    expect(variant({ resultDelivery: { channel: 'online' } })['6. Đăng ký nhận kết quả tại']).toBe(
      rs === 'nd118-2025' ? 'Trực tuyến, trên Cổng Dịch vụ công quốc gia' : 'Trực tuyến, trên Cổng Dịch vụ công',
    );
    expect(variant({ fees: [] })['7. Phí, lệ phí']).toBe('Không');
    expect(variant({ fees: [{ name: 'Lệ phí', amountVnd: 15000 }] })['7. Phí, lệ phí']).toBe('Lệ phí: 15.000 đồng');
    expect(variant({ processingTime: { amount: 0, unit: 'same_day' } })['3. Thời gian giải quyết hồ sơ theo quy định']).toBe('Trong ngày');
    expect(variant({ setCount: 12 })['2. Số lượng hồ sơ']).toBe('12 bộ');
    const blank = fields(buildReceiptForm({ ...input, applicant: { name: 'Lò Văn Páo' } }));
    expect([blank['Địa chỉ'], blank['Số điện thoại'], blank.Email]).toEqual(['', '', '']);
  });

  it('refuses an appointment before the receipt', () => {
    const e = errorOf(() => buildReceiptForm({ ...input, appointmentAt: new Date(input.receivedAt.getTime() - 60_000) }));
    expect(e.code).toBe('FORMS.INCONSISTENT_DATES');
    expect(e.messageVi).toBe('Thời gian hẹn trả kết quả phải sau thời gian nhận hồ sơ.');
  });
});

describe.each(RULE_SETS)('(b) Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ under %s', (rs) => {
  const m = buildSupplementationRequestForm(sampleSupplementation(rs));
  it('numbers the slip and lists what to supplement, why, and whom to call', () => {
    expect(m.documentNumber).toBe('Số: 15/PYCBS');
    expect(fields(m)['Hồ sơ của']).toBe('Nguyễn Thị Ánh Tuyết');
    expect(fields(m)['Thời gian nộp hồ sơ']).toBe(`08 giờ 15 phút, ngày ${rs === 'nd61-2018' ? '05/03/2024' : '25/11/2026'}`);
    expect(fields(m)['Lý do']).toBe('Tờ khai chưa ghi đủ thông tin; thiếu giấy ủy quyền của người được cấp trích lục.');
    expect(table(m).rows).toEqual([
      ['1', 'Tờ khai cấp bản sao trích lục hộ tịch', 'Bản chính', '1', 'Ghi đầy đủ ngày, tháng, năm sinh; ký ghi rõ họ tên'],
      ['2', 'Giấy ủy quyền', 'Bản sao chứng thực', '1', ''],
    ]);
    expect(paragraphs(m)).toEqual([
      'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:',
      'Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với Trần Văn Bình, số điện thoại 0236 3888 999 để được hướng dẫn.',
    ]);
    expect(m.signatures).toEqual([{ capacity: ['NGƯỜI HƯỚNG DẪN'], hint: '(Ký và ghi rõ họ tên)', name: 'Trần Văn Bình' }]);
  });
});

describe.each(RULE_SETS)('(c) Phiếu từ chối tiếp nhận giải quyết hồ sơ under %s', (rs) => {
  const m = buildRefusalForm(sampleRefusal(rs));
  it('states the refusal and each reason', () => {
    expect(paragraphs(m)).toEqual([
      'Qua xem xét, Trung tâm Phục vụ hành chính công thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
      'Xin thông báo cho Ông/Bà được biết và thực hiện./.',
    ]);
    expect(m.body.find((b) => b.kind === 'list')).toEqual({
      kind: 'list',
      items: ['Thủ tục không thuộc thẩm quyền giải quyết của UBND phường An Bình.', 'Đề nghị Ông/Bà liên hệ Sở Tư pháp.'],
    });
    expect(m.signatures).toEqual([{ capacity: ['NGƯỜI TIẾP NHẬN HỒ SƠ'], hint: '(Ký và ghi rõ họ tên)', name: 'Trần Văn Bình' }]);
  });
});

describe('(d) apology for a late dossier', () => {
  it('2018: Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu số 04)', () => {
    const m = buildApologyForm(sampleApology('nd61-2018'));
    expect([m.formNumber, m.title, m.documentNumber, m.addressee]).toEqual([
      'Mẫu số 04',
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      'Số: 25/XL-UBND',
      'Kính gửi: Ông/Bà Nguyễn Thị Ánh Tuyết',
    ]);
    expect(m.dateLine).toBe('An Bình, ngày 12 tháng 3 năm 2024');
    expect(paragraphs(m)).toEqual([
      'Ngày 05/03/2024, UBND phường An Bình tiếp nhận giải quyết hồ sơ của Ông/Bà, mã hồ sơ 000.00.12.H40-240305-0012, thủ tục: Cấp bản sao trích lục hộ tịch.',
      'Tuy nhiên, đến nay UBND phường An Bình chưa thể trả kết quả giải quyết hồ sơ cho Ông/Bà đúng thời hạn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
      'Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. UBND phường An Bình thành thật xin lỗi Ông/Bà và hẹn lại thời gian trả kết quả như sau:',
      'Rất mong nhận được sự thông cảm của Ông/Bà./.',
    ]);
    expect(fields(m)).toMatchObject({
      'Thời gian hẹn trả kết quả ban đầu': '16 giờ 00 phút, ngày 12/03/2024',
      'Lý do': 'Cần xác minh thông tin đăng ký hộ tịch tại cơ quan lưu trữ sổ gốc.',
      'Thời gian hẹn trả kết quả lại': '16 giờ 00 phút, ngày 15/03/2024',
    });
    expect(m.recipients).toEqual(['- Như trên;', '- Bộ phận Một cửa;', '- Lưu: VT.']);
    expect(m.signatures).toEqual([{ capacity: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], hint: '(Ký, ghi rõ họ tên và đóng dấu)', name: 'Lê Hoàng Minh' }]);
  });

  it('2025: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (Mẫu số 04)', () => {
    const m = buildApologyForm({ ...sampleApology('nd118-2025'), recipients: ['Ông/Bà Nguyễn Thị Ánh Tuyết;', 'Trung tâm PVHCC', 'Lưu: VT, VP.'] });
    expect([m.formNumber, m.title]).toEqual(['Mẫu số 04', 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT']);
    expect(paragraphs(m)[2]).toBe(
      'UBND phường An Bình thành thật xin lỗi Ông/Bà về sự chậm trễ này và đề nghị gia hạn thời gian giải quyết hồ sơ như sau:',
    );
    expect(fields(m)['Thời gian gia hạn trả kết quả đến']).toBe('16 giờ 00 phút, ngày 07/12/2026');
    expect(fields(m)['Thời gian hẹn trả kết quả lại']).toBeUndefined();
    expect(m.recipients).toEqual(['- Ông/Bà Nguyễn Thị Ánh Tuyết;', '- Trung tâm PVHCC;', '- Lưu: VT, VP.']);
  });

  it.each(RULE_SETS)('%s: the new appointment must be later than the first one', (rs) => {
    const input = sampleApology(rs);
    const e = errorOf(() => buildApologyForm({ ...input, newAppointmentAt: input.originalAppointmentAt }));
    expect([e.code, e.messageVi]).toEqual(['FORMS.INCONSISTENT_DATES', 'Thời gian hẹn trả kết quả mới phải sau thời gian hẹn ban đầu.']);
  });
});

describe('(e) Thông báo dừng giải quyết hồ sơ', () => {
  it('2025: Mẫu số 05, citing Điều 21 Nghị định 118/2025/NĐ-CP', () => {
    const m = buildStopNoticeForm(sampleStopNotice('nd118-2025'));
    expect([m.formNumber, m.title, m.documentNumber, m.addressee]).toEqual([
      'Mẫu số 05',
      'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
      'Số: 03/TB-TTPVHCC',
      'Kính gửi: Ông/Bà Nguyễn Thị Ánh Tuyết',
    ]);
    expect(paragraphs(m)).toEqual([
      'Căn cứ Điều 21 Nghị định 118/2025/NĐ-CP; ngày 02/12/2026, Trung tâm Phục vụ hành chính công nhận được đề nghị dừng giải quyết hồ sơ của Ông/Bà như sau:',
      'Trung tâm Phục vụ hành chính công thông báo dừng giải quyết hồ sơ nêu trên kể từ 10 giờ 00 phút, ngày 02/12/2026.',
      'Hồ sơ giấy được trả lại cho Ông/Bà tại Bộ phận Một cửa.',
      'Xin thông báo để Ông/Bà được biết./.',
    ]);
    expect(fields(m)).toMatchObject({
      'Thủ tục hành chính': 'Cấp bản sao trích lục hộ tịch',
      'Thời gian tiếp nhận hồ sơ': '08 giờ 30 phút, ngày 25/11/2026',
      'Lý do dừng': 'Theo đề nghị của người nộp hồ sơ',
    });
    expect(m.signatures[0]?.capacity).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
  });

  it('2018: refused with a clear error (the form does not exist before Thông tư 03/2025)', () => {
    const e = errorOf(() => buildStopNoticeForm(sampleStopNotice('nd61-2018')));
    expect(e.code).toBe('FORMS.NOT_IN_RULE_SET');
    expect(e.messageVi).toBe(
      'Mẫu "Thông báo dừng giải quyết hồ sơ" không có trong Thông tư 01/2018/TT-VPCP; hồ sơ này được giải quyết theo Nghị định 61/2018/NĐ-CP.',
    );
    expect(() => formSpecOf('nd61-2018', 'stop_notice')).toThrow('does not exist in this rule-set');
    expect(formSpecOf('nd118-2025', 'stop_notice')).toEqual({ number: 'Mẫu số 05', titleVi: 'Thông báo dừng giải quyết hồ sơ', paper: 'A5' });
  });
});

describe.each(RULE_SETS)('(f) Phiếu kiểm soát quá trình giải quyết hồ sơ under %s', (rs) => {
  const m = buildControlSlipForm(sampleControlSlip(rs));
  const [d1, d2] = rs === 'nd61-2018' ? ['05/03/2024', '12/03/2024'] : ['25/11/2026', '02/12/2026'];
  it('has one row per hand-over with its result', () => {
    expect(m.subtitle[1]).toBe('(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)');
    expect(table(m).columns.map((c) => c.header)).toEqual([
      'TT',
      'Tên cơ quan, người giao, nhận',
      'Thời gian giao, nhận hồ sơ',
      'Kết quả giải quyết hồ sơ (trước hạn/đúng hạn/quá hạn)',
      'Ghi chú',
    ]);
    expect(table(m).rows).toEqual([
      ['1', 'Giao: Bộ phận Một cửa (Trần Văn Bình)\nNhận: Phòng Văn hóa - Xã hội (Đỗ Quỳnh Như)', `${d1} 14:00`, 'Đúng hạn', ''],
      ['2', 'Giao: Phòng Văn hóa - Xã hội\nNhận: Lãnh đạo UBND phường', `${d2} 10:00`, 'Trước hạn', 'Trình ký'],
      ['3', 'Giao: Lãnh đạo UBND phường\nNhận: Bộ phận Một cửa', `${d2} 15:00`, '', ''],
    ]);
    expect(m.signatures).toEqual([]);
  });
});

describe.each(RULE_SETS)('(g) Sổ theo dõi hồ sơ under %s', (rs) => {
  const m = buildTrackingBookForm(sampleTrackingBook(rs, 3));
  it('has the twelve columns and one row per dossier, by sequence', () => {
    expect(table(m).columns.map((c) => c.header)).toEqual([...trackingBookColumns]);
    expect(trackingBookColumns).toEqual([
      'STT',
      'Mã hồ sơ',
      'Tên thủ tục hành chính',
      'Tên cá nhân, tổ chức',
      'Địa chỉ, số điện thoại',
      'Cơ quan chủ trì giải quyết',
      'Ngày nhận hồ sơ',
      'Ngày hẹn trả kết quả',
      'Ngày trả kết quả',
      'Phương thức nhận kết quả',
      'Ký nhận',
      'Ghi chú',
    ]);
    expect(m.subtitle).toEqual([`Quyển số: 01 – Năm ${rs === 'nd61-2018' ? 2024 : 2026}`]);
    const rows = table(m).rows;
    expect(rows.map((r) => r[0])).toEqual(['125', '126', '127']);
    const [d1, d2] = rs === 'nd61-2018' ? ['05/03/2024', '12/03/2024'] : ['25/11/2026', '02/12/2026'];
    expect(rows[2]).toEqual([
      '127',
      rs === 'nd61-2018' ? '000.00.12.H40-240305-0003' : 'H40.12-261125-000003',
      'Cấp bản sao trích lục hộ tịch',
      'Nguyễn Thị Ánh Tuyết',
      'Phường An Bình\n0905 123 456',
      'UBND phường An Bình',
      `${d1} 08:30`,
      `${d2} 16:00`,
      `${d2} 10:05`,
      'Trực tiếp',
      '',
      'Trả sớm, đã báo qua SMS',
    ]);
    expect(rows[1]?.[8]).toBe('');
    expect(rows[1]?.[9]).toBe('Qua dịch vụ bưu chính');
    expect(rows[0]?.[9]).toBe('Trực tuyến');
  });
});
