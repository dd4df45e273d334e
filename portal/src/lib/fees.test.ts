import { describe, expect, it } from 'vitest';
import { feeRateText, feeSummaryText } from './fees.js';

const birth = [
  { name: 'Lệ phí đăng ký khai sinh đúng hạn', amountVnd: 0 },
  { name: 'Phí cấp bản sao Trích lục khai sinh', amountVnd: 8000, per: 'copy' as const, quantityField: 'soBanSao' },
];

describe('the portal fee text (card and procedure page)', () => {
  it('writes the exemption and the per-copy fee', () => {
    expect(feeSummaryText(birth, 'full')).toBe('Miễn phí; bản sao 8.000\u00a0₫/bản');
  });
  it('writes only what is charged per copy when nothing is charged once', () => {
    expect(feeSummaryText([birth[1]!], 'full')).toBe('bản sao 8.000\u00a0₫/bản');
  });
  it('takes the channel the procedure is offered by', () => {
    const residence = [
      { name: 'trực tiếp', amountVnd: 20000, channel: 'desk' as const },
      { name: 'trực tuyến', amountVnd: 10000, channel: 'online' as const },
    ];
    expect(feeSummaryText(residence, 'full')).toBe('10.000\u00a0₫');
    expect(feeSummaryText(residence, 'none')).toBe('20.000\u00a0₫');
  });
  it('writes one fee with its unit', () => {
    expect(feeRateText(birth[1]!)).toBe('8.000\u00a0₫/bản');
    expect(feeRateText(birth[0]!)).toBe('Miễn');
  });
});
