import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate as portalFormatDate, formatDateTime } from '../../../portal/src/lib/format.js';
import { formatDate, formatMonth, formatNumber, formatPercent } from './format.js';

describe('dates shown to people are in Vietnam time', () => {
  it.each([
    ['2026-12-03T23:03:00.000Z', '04/12/2026'], // the tester's answer at 04/12 06:03 Vietnam time
    ['2026-12-03T16:59:59.000Z', '03/12/2026'],
    ['2026-12-03T17:00:00.000Z', '04/12/2026'],
    ['2026-12-31T17:30:00+00:00', '01/01/2027'],
    ['2026-02-17', '17/02/2026'], // a calendar date stays the same date
    ['', ''],
    ['không phải ngày', 'không phải ngày'],
  ])('%s → %s', (iso, shown) => {
    expect(formatDate(iso)).toBe(shown);
    expect(portalFormatDate(iso)).toBe(shown);
  });
  it('the time of day agrees with the date', () => {
    expect(formatDateTime('2026-12-03T23:03:00.000Z')).toBe('04/12/2026 06:03');
  });
});

describe('numbers, rates and months as Vietnamese officers write them', () => {
  it.each([
    [24.08, '24,08'],
    [1234, '1.234'],
    [1234567.891, '1.234.567,89'],
    [0.125, '0,13'],
    [0, '0'],
    [-40, '-40'],
  ])('%s → %s', (n, shown) => expect(formatNumber(n)).toBe(shown));

  it.each([
    [24.08, '24,08 %'],
    [100, '100 %'],
    [null, '–'],
    [undefined, '–'],
  ])('rate %s → %s', (v, shown) => expect(formatPercent(v)).toBe(shown));

  it.each([
    ['2026-11', '11/2026'],
    ['2026-11-05', '11/2026'],
  ])('month %s → %s', (iso, shown) => expect(formatMonth(iso)).toBe(shown));

  it('reads back the number it shows: no dot as a decimal point, thousands grouped by dots', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }), (cents) => {
        const shown = formatNumber(cents / 100);
        expect(shown).toMatch(/^-?\d{1,3}(\.\d{3})*(,\d{1,2})?$/);
        expect(Number(shown.replaceAll('.', '').replace(',', '.'))).toBe(cents / 100);
      }),
    );
  });
});
