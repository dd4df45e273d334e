import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canBeRated, indicatorAverage, indicatorKeys, indicators, withinKioskWindow } from './satisfaction.rules.js';

describe('satisfaction rules', () => {
  it('has the nine indicators of Thông tư 01/2018 Điều 13, in order, each with three answers 2 / 1 / 0', () => {
    expect(indicators.map((i) => i.key)).toEqual([...indicatorKeys]);
    expect(indicators.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const i of indicators) expect(Object.keys(i.choices).sort()).toEqual(['0', '1', '2']);
    expect(indicators[6]!.label).toMatch(/^Thái độ của cán bộ, công chức, viên chức/);
  });

  it('rates only dossiers with a result', () => {
    expect(['result_ready', 'returned'].every(canBeRated)).toBe(true);
    expect(['received', 'processing', 'supplement_requested', 'withdrawn', 'refused', 'not_accepted'].some(canBeRated)).toBe(false);
  });

  it('the kiosk takes dossiers returned in the last 14 days', () => {
    const now = new Date('2026-11-25T02:00:00Z');
    expect(withinKioskWindow(new Date('2026-11-20T02:00:00Z'), now)).toBe(true);
    expect(withinKioskWindow(new Date('2026-11-10T01:00:00Z'), now)).toBe(false);
    expect(withinKioskWindow(null, now)).toBe(false);
  });

  it('averages to one decimal and stays within 0..2 (Điều 15)', () => {
    expect(indicatorAverage(0, 0)).toBeNull();
    expect(indicatorAverage(5, 3)).toBe(1.7);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 1, 2), { minLength: 1, maxLength: 500 }), (xs) => {
        const avg = indicatorAverage(xs.reduce((a: number, b) => a + b, 0), xs.length)!;
        expect(avg).toBeGreaterThanOrEqual(0);
        expect(avg).toBeLessThanOrEqual(2);
        expect(Math.round(avg * 10)).toBeCloseTo(avg * 10, 9);
      }),
    );
  });
});
