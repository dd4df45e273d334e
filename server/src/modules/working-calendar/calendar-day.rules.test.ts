import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayProblem, dayProblemText, isoDayProblem } from './calendar-day.rules.js';

describe('calendar days as typed', () => {
  it.each([
    ['2026-02-28', null],
    ['2028-02-29', null], // leap year (divisible by 4)
    ['2100-02-29', { kind: 'day', year: 2100, month: 2, day: 29, days: 28 }], // not leap: divisible by 100, not 400
    ['2000-02-29', null], // leap: divisible by 400
    ['2026-02-31', { kind: 'day', year: 2026, month: 2, day: 31, days: 28 }],
    ['2026-04-31', { kind: 'day', year: 2026, month: 4, day: 31, days: 30 }],
    ['2026-12-31', null],
    ['2026-13-01', { kind: 'month', month: 13 }],
    ['2026-00-10', { kind: 'month', month: 0 }],
    ['2026-01-00', { kind: 'day', year: 2026, month: 1, day: 0, days: 31 }],
    ['31/02/2026', { kind: 'format' }],
    ['2026-2-3', { kind: 'format' }],
  ])('%s', (text, expected) => {
    expect(isoDayProblem(text)).toEqual(expected);
  });

  it('says it in both languages', () => {
    expect(dayProblemText({ kind: 'day', year: 2026, month: 2, day: 31, days: 28 })).toEqual({
      vi: 'Tháng 2 năm 2026 chỉ có 28 ngày, không có ngày 31.',
      en: 'Month 2 of 2026 has 28 days, not a day 31.',
    });
  });

  it('finds no problem exactly for the days the calendar has (property, against Date)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const real = m >= 1 && m <= 12 && d >= 1 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
        expect(dayProblem(y, m, d) === null).toBe(real);
      }),
    );
  });
});
