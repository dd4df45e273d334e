import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { workingDurationEn, workingDurationVi } from './working-duration.rules.js';

describe('workingDurationVi', () => {
  it.each([
    [0.125, '1 giờ làm việc'],
    [0.25, '2 giờ làm việc'],
    [0.5, '4 giờ làm việc'],
    [1, '1 ngày làm việc'],
    [3, '3 ngày làm việc'],
    [1.5, '12 giờ làm việc'],
    [0.1, '48 phút làm việc'],
    [0.2, '1 giờ 36 phút làm việc'],
    [0, ''],
    [Number.NaN, ''],
  ])('%s day(s) → %s', (days, text) => expect(workingDurationVi(days)).toBe(text));

  it('never shows a fraction of a day, and says the same number of minutes back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 480 * 30 }), (minutes) => {
        const text = workingDurationVi(minutes / 480);
        expect(text).not.toMatch(/[,.]/);
        const m = /^(?:(\d+) ngày)?(?:(\d+) giờ)? ?(?:(\d+) phút)? làm việc$/.exec(text);
        expect(m, text).not.toBeNull();
        expect(Number(m![1] ?? 0) * 480 + Number(m![2] ?? 0) * 60 + Number(m![3] ?? 0)).toBe(minutes);
      }),
    );
  });

  // A province working 07:00–11:00 and 13:30–17:00 has 450-minute days: a quarter of one is 1 h 52,5 min → 113 min.
  it.each([
    [0.25, 450, '1 giờ 53 phút làm việc'],
    [0.2, 450, '1 giờ 30 phút làm việc'],
    [1, 450, '1 ngày làm việc'],
    [2, 540, '2 ngày làm việc'],
    [0.5, 540, '4 giờ 30 phút làm việc'],
    [0.25, 0, '2 giờ làm việc'], // no usable length: the default day
    [0.25, Number.NaN, '2 giờ làm việc'],
  ])('%s day(s) of %s minutes → %s', (days, dayMinutes, text) => expect(workingDurationVi(days, dayMinutes)).toBe(text));

  it('says back the minutes of the province’s own day length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 300, max: 600 }), fc.integer({ min: 1, max: 600 * 10 }), (day, minutes) => {
        const text = workingDurationVi(minutes / day, day);
        const m = /^(?:(\d+) ngày)?(?:(\d+) giờ)? ?(?:(\d+) phút)? làm việc$/.exec(text);
        expect(m, text).not.toBeNull();
        expect(Number(m![1] ?? 0) * day + Number(m![2] ?? 0) * 60 + Number(m![3] ?? 0)).toBe(minutes);
      }),
    );
  });

  it('has an English twin', () => {
    expect(workingDurationEn(0.2, 450)).toBe('1 working hour 30 min');
    expect(workingDurationEn(0.25)).toBe('2 working hours');
    expect(workingDurationEn(1)).toBe('1 working day');
  });
});
