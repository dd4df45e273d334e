import { describe, expect, it } from 'vitest';
import { narrowOptions } from './procedure-narrow.js';

const shownFor_giam = [
  { code: '1.011607', name: 'Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm' },
  { code: '1.004837', name: 'Đăng ký giám hộ' },
];

describe('the picker never leaves a stale first line under a new search', () => {
  it('typing on from "giam" to "giam ho" keeps only names with both words', () => {
    expect(narrowOptions(shownFor_giam, 'giam ho').map((o) => o.code)).toEqual(['1.004837']);
    expect(narrowOptions(shownFor_giam, 'GIÁM  Hộ').map((o) => o.code)).toEqual(['1.004837']);
    expect(narrowOptions(shownFor_giam, '1.0116').map((o) => o.code)).toEqual(['1.011607']);
    expect(narrowOptions(shownFor_giam, '')).toEqual(shownFor_giam);
  });
});
