import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compensatoryDaysOff, hungKingsDay, lunarNewYear, statutoryHolidays } from './holidays.rules.js';
import { dayNumberOf, isoWeekday } from './vn-time.js';

const weekday = (date: string) => isoWeekday(dayNumberOf(date)) <= 5;

describe('statutory holidays (BLLĐ 2019 Điều 112)', () => {
  it('lists the 11 days of 2026', () => {
    expect(statutoryHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-02-16', // 29 tháng Chạp Ất Tỵ (no 30th)
      '2026-02-17', // mùng 1 Bính Ngọ
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26', // Giỗ Tổ
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
  });

  it('names are Vietnamese with English translations', () => {
    const h = statutoryHolidays(2025);
    expect(h).toContainEqual({ date: '2025-01-29', nameVi: 'Tết Nguyên đán (mùng 1)', nameEn: 'Lunar New Year (day 1)' });
    expect(h).toContainEqual({ date: '2025-04-07', nameVi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', nameEn: "Hung Kings' Commemoration Day" });
    expect(h.every((x) => x.nameVi.length > 0 && x.nameEn.length > 0)).toBe(true);
  });

  it('Tết = last day of the lunar year + mùng 1..4 (5 consecutive days)', () => {
    for (let year = 2021; year <= 2100; year++) {
      const newYear = dayNumberOf(lunarNewYear(year));
      const tet = statutoryHolidays(year)
        .filter((h) => h.nameVi.startsWith('Tết Nguyên đán'))
        .map((h) => dayNumberOf(h.date));
      expect(tet).toEqual([newYear - 1, newYear, newYear + 1, newYear + 2, newYear + 3]);
      expect(statutoryHolidays(year)).toHaveLength(11);
    }
  });

  it('known dates', () => {
    expect(lunarNewYear(1985)).toBe('1985-01-21');
    expect(lunarNewYear(2007)).toBe('2007-02-17');
    expect(lunarNewYear(2024)).toBe('2024-02-10');
    expect(lunarNewYear(2025)).toBe('2025-01-29');
    expect(lunarNewYear(2026)).toBe('2026-02-17');
    expect(hungKingsDay(2026)).toBe('2026-04-26');
    expect(hungKingsDay(2025)).toBe('2025-04-07');
  });

  it('works up to the end of the lunar data (2199) and refuses later years', () => {
    expect(statutoryHolidays(2199)).toHaveLength(11);
    expect(() => statutoryHolidays(2200)).toThrow(RangeError);
  });

  it('the day adjacent to 2/9 defaults to 1/9; "after" gives 3/9 (as in 2024)', () => {
    expect(statutoryHolidays(2024).map((h) => h.date)).toContain('2024-09-01');
    const after = statutoryHolidays(2024, { nationalDayAdjacent: 'after' }).map((h) => h.date);
    expect(after).toContain('2024-09-03');
    expect(after).not.toContain('2024-09-01');
  });
});

describe('compensatory days off (BLLĐ 2019 Điều 111 k3)', () => {
  it('2022: 30/4 Sat and 1/5 Sun → Mon 2/5 and Tue 3/5', () => {
    const comp = compensatoryDaysOff(statutoryHolidays(2022), weekday).map((h) => h.date);
    expect(comp).toContain('2022-05-02');
    expect(comp).toContain('2022-05-03');
  });

  it('2023: 1/1 Sun → 2/1; Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon → Tue 2/5 and Wed 3/5; 2/9 Sat → Mon 4/9', () => {
    const comp = compensatoryDaysOff(statutoryHolidays(2023), weekday);
    const dates = comp.map((h) => h.date);
    expect(dates.filter((d) => d < '2023-01-10')).toEqual(['2023-01-02']);
    expect(dates.filter((d) => d > '2023-04-01' && d < '2023-06-01')).toEqual(['2023-05-02', '2023-05-03']);
    expect(dates.filter((d) => d > '2023-08-01')).toEqual(['2023-09-04']);
    expect(comp.find((h) => h.date === '2023-05-02')!.nameVi).toBe('Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)');
    // Tết Quý Mão (30 Tết = Sat 21/1) → the generator gives Mon 23 – Fri 27/1; the real days were Fri 20 –
    // Thu 26/1: that is what yearly adjustments are for.
    expect(dates.filter((d) => d.startsWith('2023-01-2'))).toEqual(['2023-01-26', '2023-01-27']);
  });

  it('2026: Giỗ Tổ on Sunday 26/4 → Monday 27/4', () => {
    expect(compensatoryDaysOff(statutoryHolidays(2026), weekday).map((h) => h.date)).toEqual(['2026-04-27']);
  });

  it('a Tết spanning a weekend still yields 5 weekdays off', () => {
    for (let year = 2014; year <= 2060; year++) {
      const all = statutoryHolidays(year);
      const tet = all.filter((h) => h.nameVi.startsWith('Tết Nguyên đán'));
      const comp = compensatoryDaysOff(all, weekday).filter((h) => h.nameVi.includes('Tết Nguyên đán'));
      expect(tet.filter((h) => weekday(h.date)).length + comp.length).toBe(5);
    }
  });
});

describe('the Labour Code in force in each year', () => {
  // Computed by hand from the texts: BLLĐ 1994 Điều 73 (8 days), Luật 84/2007/QH11 (Giỗ Tổ from 02/4/2007),
  // BLLĐ 2012 Điều 115 (Tết 5 days from 01/5/2013), BLLĐ 2019 Điều 112 (2/9 + adjacent day from 2021).
  const cases: [number, number, boolean, boolean, number][] = [
    // year, holidays, Giỗ Tổ, adjacent day of 2/9, Tết days
    [2005, 8, false, false, 4],
    [2006, 8, false, false, 4],
    [2007, 9, true, false, 4],
    [2013, 9, true, false, 4],
    [2014, 10, true, false, 5],
    [2019, 10, true, false, 5],
    [2020, 10, true, false, 5],
    [2021, 11, true, true, 5],
    [2026, 11, true, true, 5],
  ];
  it.each(cases)('%i: %i days', (year, n, hung, adjacent, tet) => {
    const h = statutoryHolidays(year);
    expect(h).toHaveLength(n);
    expect(h.some((x) => x.nameVi.startsWith('Giỗ Tổ'))).toBe(hung);
    expect(h.some((x) => x.nameVi.includes('liền kề'))).toBe(adjacent);
    expect(h.filter((x) => x.nameVi.startsWith('Tết Nguyên đán'))).toHaveLength(tet);
  });

  it('3/9/2019 and 1/9/2020 are working days; Giỗ Tổ 2006 (7/4) was not a holiday, 2007 (26/4) was', () => {
    expect(statutoryHolidays(2019, { nationalDayAdjacent: 'after' }).map((x) => x.date)).not.toContain('2019-09-03');
    expect(statutoryHolidays(2020).map((x) => x.date)).not.toContain('2020-09-01');
    expect(statutoryHolidays(2006).map((x) => x.date)).not.toContain(hungKingsDay(2006));
    expect(statutoryHolidays(2007).map((x) => x.date)).toContain('2007-04-26');
  });

  it('whatever the year, the days grow with the law and never shrink', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2199 }), (year) => {
        const n = statutoryHolidays(year).length;
        expect(n).toBe(year >= 2021 ? 11 : year >= 2014 ? 10 : year >= 2007 ? 9 : 8);
        expect(statutoryHolidays(year + 1 > 2199 ? 2199 : year + 1).length).toBeGreaterThanOrEqual(n);
      }),
    );
  });
});
