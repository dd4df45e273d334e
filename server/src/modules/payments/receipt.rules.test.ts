import { describe, expect, it } from 'vitest';
import { buildFeeReceipt, chargedFeeText } from './receipt.rules.js';

describe('fee receipt (biên lai thu phí, lệ phí)', () => {
  const input = {
    ruleSetId: 'nd118-2025' as const,
    parentAgencyName: 'UBND Phường An Thử',
    agencyName: 'Bộ phận một cửa phường An Thử',
    placeName: 'An Thử',
    receiptSeq: 12,
    receiptYear: 2026,
    reference: 'MCABCDEFGH23',
    payerName: 'Nguyễn Văn An',
    payerAddress: null,
    dossierCode: 'T001-261125-0001',
    procedureName: 'Đăng ký kết hôn',
    feeName: 'Lệ phí đăng ký kết hôn',
    amountVnd: 1_250_000,
    method: 'vnpay' as const,
    paidAt: new Date('2026-11-25T02:05:00Z'),
    gatewayTxnNo: '14000001',
    bankRef: null,
    collectorName: null,
    verifyUrl: 'http://localhost:3000/thanh-toan/ket-qua?ref=MCABCDEFGH23&t=x',
  };

  it('states the unit, number, payer, dossier, amount in figures and in words, and a QR to check it', () => {
    const m = buildFeeReceipt(input);
    const fields = Object.fromEntries(m.body.flatMap((b) => (b.kind === 'field' ? [[b.label, b.value]] : [])));
    expect(m.title).toBe('BIÊN LAI THU PHÍ, LỆ PHÍ');
    expect(m.documentNumber).toBe('Số: 0000012/2026');
    expect(m.agencyLines).toEqual(['UBND PHƯỜNG AN THỬ', 'BỘ PHẬN MỘT CỬA PHƯỜNG AN THỬ']);
    expect(m.dateLine).toBe('An Thử, ngày 25 tháng 11 năm 2026');
    expect(fields).toMatchObject({
      'Tên người nộp': 'Nguyễn Văn An',
      'Hồ sơ': 'T001-261125-0001 — Đăng ký kết hôn',
      'Số tiền': '1.250.000 đồng',
      'Viết bằng chữ': 'Một triệu hai trăm năm mươi nghìn đồng',
      'Hình thức thanh toán': 'Cổng thanh toán VNPay',
      'Thời điểm thanh toán': '09 giờ 05 phút, ngày 25/11/2026',
    });
    expect(m.qr).toEqual({ payload: input.verifyUrl, caption: 'MCABCDEFGH23' });
  });
});

describe('what the receipt names as charged (issue 14)', () => {
  const line = (name: string, unitVnd: number, quantity = 1, per: 'case' | 'copy' = 'case') => ({ name, unitVnd, quantity, amountVnd: unitVnd * quantity, per });

  it('only the lines with an amount; copies with their count', () => {
    const lines = [line('Lệ phí đăng ký khai sinh đúng hạn', 0), line('Phí cấp bản sao Trích lục khai sinh', 8000, 3, 'copy')];
    expect(chargedFeeText(lines, 24000)).toBe('Phí cấp bản sao Trích lục khai sinh (3 bản × 8.000 đồng)');
    expect(chargedFeeText([line('Lệ phí đăng ký kết hôn', 15000), line('Phí khai thác dữ liệu', 5000)], 20000)).toBe('Lệ phí đăng ký kết hôn; Phí khai thác dữ liệu');
  });

  it('the general name when the lines do not add up to what was paid (a fee set by hand at the desk)', () => {
    expect(chargedFeeText([line('Lệ phí đăng ký kết hôn', 15000)], 20000)).toBe('Phí, lệ phí giải quyết thủ tục hành chính');
    expect(chargedFeeText([line('Lệ phí đăng ký khai sinh đúng hạn', 0)], 10000)).toBe('Phí, lệ phí giải quyết thủ tục hành chính');
  });
});
