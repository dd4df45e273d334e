import { describe, expect, it } from 'vitest';
import { t } from './i18n.js';

describe('numbers put into messages are written the Vietnamese way', () => {
  it('a fraction takes a decimal comma ("18,4/48", not "18.4/48"); whole numbers, years included, stay as they are', () => {
    expect(t('reports.indicators766', { points: 18.4, max: 48 })).toBe('Chỉ số QĐ 766/QĐ-TTg: 18,4/48 điểm có dữ liệu');
    expect(t('reports.indicators766', { points: 2026, max: 48 })).toBe('Chỉ số QĐ 766/QĐ-TTg: 2026/48 điểm có dữ liệu');
    expect(t('reports.indicators766', { points: 1 / 3, max: 48 })).toBe('Chỉ số QĐ 766/QĐ-TTg: 0,33/48 điểm có dữ liệu');
  });
});
