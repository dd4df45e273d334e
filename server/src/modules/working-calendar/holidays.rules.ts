/**
 * Statutory public holidays of Vietnam, as the Labour Code in force in each year sets them (a dossier of 2019 keeps
 * the calendar of its time):
 * - before 2007 (BLLĐ 1994 Điều 73): 8 days — 1/1, Tết 4 days, 30/4, 1/5, 2/9;
 * - 2007–2013 (Luật 84/2007/QH11 amending Điều 73, in force 02/4/2007): Giỗ Tổ Hùng Vương added, 9 days;
 * - Tết of 2014–2020 (BLLĐ 2012 Điều 115, in force 01/5/2013 — after Tết 2013): Tết 5 days, 10 days;
 * - from 2021 (BLLĐ 2019 Điều 112, in force 01/01/2021): 2/9 with one adjacent day, 11 days:
 *   a) Tết Dương lịch: 01 ngày (1/1 dương lịch);
 *   b) Tết Âm lịch: 05 ngày;
 *   c) Ngày Chiến thắng: 01 ngày (30/4 dương lịch);
 *   d) Ngày Quốc tế lao động: 01 ngày (1/5 dương lịch);
 *   đ) Quốc khánh: 02 ngày (2/9 dương lịch và 01 ngày liền kề trước hoặc sau);
 *   e) Giỗ Tổ Hùng Vương: 01 ngày (10/3 âm lịch).
 * Điều 112 khoản 3: the Prime Minister fixes the actual days of (b) and (đ) every year — this generator only
 * gives a *default* that yearly adjustments (official-adjustments.ts, or data entered by the administrator)
 * override. Điều 111 khoản 3: a holiday falling on the weekly rest day is compensated on the next working day
 * (`compensatoryDaysOff`).
 *
 * Lunar dates use the Vietnamese calendar at UTC+7 (see lunar.rules.ts).
 */
import { lunarToSolar } from './lunar.rules.js';
import { dateOfDayNumber, dayNumberOf, ymd } from './vn-time.js';

export type Holiday = { date: string /* YYYY-MM-DD */; nameVi: string; nameEn: string };

export type StatutoryHolidayOptions = {
  /**
   * Which adjacent day accompanies 2/9 (Điều 112 k1 điểm đ). Default `'before'` (1/9): the choice of 2025
   * (Mon 1/9 + Tue 2/9). 2024 used the day after (Tue 3/9); years differ, so record the official choice as an
   * adjustment.
   */
  nationalDayAdjacent?: 'before' | 'after';
};

const TET_DAY_NAMES: readonly [string, string][] = [
  ['ngày cuối năm âm lịch', 'last day of the lunar year'],
  ['mùng 1', 'day 1'],
  ['mùng 2', 'day 2'],
  ['mùng 3', 'day 3'],
  ['mùng 4', 'day 4'],
];

/** What the Labour Code in force in `year` grants (see the header): the holidays of that year follow it. */
export function labourCodeOf(year: number): { code: string; tetDays: number; hungKingsDay: boolean; nationalDayAdjacent: boolean } {
  if (year >= 2021) return { code: 'BLLĐ 2019 Điều 112', tetDays: 5, hungKingsDay: true, nationalDayAdjacent: true };
  if (year >= 2014) return { code: 'BLLĐ 2012 Điều 115', tetDays: 5, hungKingsDay: true, nationalDayAdjacent: false };
  if (year >= 2007) return { code: 'BLLĐ 1994 Điều 73 (sửa đổi 2007)', tetDays: 4, hungKingsDay: true, nationalDayAdjacent: false };
  return { code: 'BLLĐ 1994 Điều 73', tetDays: 4, hungKingsDay: false, nationalDayAdjacent: false };
}

/** Gregorian date (`YYYY-MM-DD`) of lunar new year's day (mùng 1 Tết) of lunar year `year`. */
export function lunarNewYear(year: number): string {
  const d = lunarToSolar(1, 1, year);
  if (!d) throw new RangeError(`Không tính được Tết Nguyên đán năm ${year}`);
  return ymd(d.year, d.month, d.day);
}

/** Gregorian date of Giỗ Tổ Hùng Vương (10/3 âm lịch, ordinary — not leap — month 3) of `year`. */
export function hungKingsDay(year: number): string {
  const d = lunarToSolar(10, 3, year);
  if (!d) throw new RangeError(`Không tính được ngày Giỗ Tổ Hùng Vương năm ${year}`);
  return ymd(d.year, d.month, d.day);
}

/**
 * The statutory holidays of Gregorian `year` under the Labour Code then in force (11 from 2021), sorted by date.
 * Default Tết days: the last day of the lunar year (29 or 30 tháng Chạp) and mùng 1 → mùng 4 (→ mùng 3 while Tết
 * had 4 days); the real days are fixed yearly by the Government.
 */
export function statutoryHolidays(year: number, options: StatutoryHolidayOptions = {}): Holiday[] {
  if (!Number.isInteger(year)) throw new RangeError(`Năm không hợp lệ: ${year}`);
  const law = labourCodeOf(year);
  const list: Holiday[] = [
    { date: ymd(year, 1, 1), nameVi: 'Tết Dương lịch', nameEn: "New Year's Day" },
    { date: ymd(year, 4, 30), nameVi: 'Ngày Chiến thắng', nameEn: 'Victory Day (Reunification Day)' },
    { date: ymd(year, 5, 1), nameVi: 'Ngày Quốc tế Lao động', nameEn: 'International Labour Day' },
    { date: ymd(year, 9, 2), nameVi: 'Quốc khánh', nameEn: 'National Day' },
  ];
  if (law.hungKingsDay) list.push({ date: hungKingsDay(year), nameVi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', nameEn: "Hung Kings' Commemoration Day" });
  if (law.nationalDayAdjacent) {
    list.push({
      date: ymd(year, 9, options.nationalDayAdjacent === 'after' ? 3 : 1),
      nameVi: 'Quốc khánh (ngày liền kề)',
      nameEn: 'National Day (adjacent day)',
    });
  }
  const newYearDay = dayNumberOf(lunarNewYear(year));
  TET_DAY_NAMES.slice(0, law.tetDays).forEach(([vi, en], i) => {
    list.push({
      date: dateOfDayNumber(newYearDay - 1 + i),
      nameVi: `Tết Nguyên đán (${vi})`,
      nameEn: `Lunar New Year (${en})`,
    });
  });
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Compensatory days off (nghỉ bù) — BLLĐ 2019 Điều 111 k3: when a holiday falls on a weekly rest day, the
 * next working day is taken off instead. Each holiday on a rest day gets its own compensatory day: the first
 * later day that is a weekly working day, not a holiday and not already a compensatory day (so a 5-day Tết
 * spanning a weekend still yields 5 weekdays off).
 *
 * @param isWeeklyWorkingDay whether the date's weekday is a normal working day in the weekly pattern.
 */
export function compensatoryDaysOff(holidays: readonly Holiday[], isWeeklyWorkingDay: (date: string) => boolean): Holiday[] {
  const taken = new Set(holidays.map((h) => h.date));
  const result: Holiday[] = [];
  const sorted = [...holidays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const h of sorted) {
    if (isWeeklyWorkingDay(h.date)) continue;
    let day = dayNumberOf(h.date) + 1;
    for (let guard = 0; guard < 366; guard++, day++) {
      const date = dateOfDayNumber(day);
      if (isWeeklyWorkingDay(date) && !taken.has(date)) {
        taken.add(date);
        result.push({ date, nameVi: `Nghỉ bù ${h.nameVi}`, nameEn: `Compensatory day off (${h.nameEn})` });
        break;
      }
    }
  }
  return result;
}
