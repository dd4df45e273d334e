import { describe, expect, it } from 'vitest';
import { baseFeeVnd, feeLines, feeSummary, feeTotal } from './fee.rules.js';

const birth = [
  { name: 'Lệ phí đăng ký khai sinh đúng hạn', amountVnd: 0 },
  { name: 'Phí cấp bản sao Trích lục khai sinh', amountVnd: 8000, per: 'copy' as const, quantityField: 'soBanSao' },
];
const residence = [
  { name: 'Lệ phí – nộp trực tiếp', amountVnd: 20000, channel: 'desk' as const },
  { name: 'Lệ phí – nộp trực tuyến', amountVnd: 10000, channel: 'online' as const },
];

describe('fees as the law sets them', () => {
  it('on-time birth registration is free; copies cost per copy times the number asked', () => {
    expect(feeTotal(feeLines(birth, { eform: { soBanSao: 0 }, channel: 'online' }))).toBe(0);
    const three = feeLines(birth, { eform: { soBanSao: 3 }, channel: 'online' });
    expect(three).toEqual([
      { name: 'Lệ phí đăng ký khai sinh đúng hạn', unitVnd: 0, quantity: 1, amountVnd: 0, per: 'case' },
      { name: 'Phí cấp bản sao Trích lục khai sinh', unitVnd: 8000, quantity: 3, amountVnd: 24000, per: 'copy' },
    ]);
    expect(feeTotal(three)).toBe(24000);
    expect(feeLines(birth, { eform: null, channel: 'online' })).toHaveLength(1);
    expect(feeTotal(feeLines(birth, { eform: { soBanSao: -2 }, channel: 'online' }))).toBe(0);
    expect(baseFeeVnd(birth, 'full')).toBe(0);
  });

  it('a fee set per channel applies only to that channel', () => {
    expect(feeTotal(feeLines(residence, { eform: {}, channel: 'online' }))).toBe(10000);
    expect(feeTotal(feeLines(residence, { eform: {}, channel: 'desk' }))).toBe(20000);
    expect(baseFeeVnd(residence, 'full')).toBe(10000);
    expect(baseFeeVnd(residence, 'none')).toBe(20000);
  });

  it('the summary names the once-charged fee and each per-copy fee with its unit amount', () => {
    expect(feeSummary(birth, 'full')).toEqual({ baseVnd: 0, perUnit: [{ name: 'Phí cấp bản sao Trích lục khai sinh', amountVnd: 8000, per: 'copy' }] });
    expect(feeSummary(residence, 'none')).toEqual({ baseVnd: 20000, perUnit: [] });
    // Only copies are charged (Cấp bản sao Trích lục hộ tịch): no "free" base shown beside them.
    expect(feeSummary([birth[1]!], 'full')).toEqual({ baseVnd: null, perUnit: [{ name: 'Phí cấp bản sao Trích lục khai sinh', amountVnd: 8000, per: 'copy' }] });
    expect(feeSummary([], 'full')).toEqual({ baseVnd: 0, perUnit: [] });
  });
});
