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

  it('has an English twin', () => {
    expect(workingDurationEn(0.25)).toBe('2 working hours');
    expect(workingDurationEn(1)).toBe('1 working day');
  });
});
