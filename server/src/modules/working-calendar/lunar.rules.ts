/**
 * Vietnamese lunar → Gregorian conversion.
 *
 * Source: `@dqcai/vn-lunar`, Hồ Ngọc Đức's pre-computed tables TK13…TK22. Facts established by the tests:
 * - from 1968 the tables are the Vietnamese calendar at UTC+7 (all Tết/Giỗ Tổ dates checked agree);
 * - BEFORE 1968 they follow UTC+8 (the calendar Vietnam used until the 1967 reform), not UTC+7;
 * - the library does NOT validate its input: a day that does not exist (30/12 in a 29-day month) silently
 *   rolls over into the next month, a leap month that does not exist is silently treated as the ordinary
 *   month, and outside its data (before 1200, after 2199-12-31) it returns `{ day: 0, month: 0, year: 0 }`.
 * `lunarToSolar` therefore round-trips every result through `getLunarDate` and refuses years outside
 * [LUNAR_MIN_YEAR, LUNAR_MAX_YEAR].
 *
 * `astronomicalLunarToSolar` is an own implementation of Hồ Ngọc Đức's published (simplified) astronomical
 * algorithm, used by the tests as an independent cross-check. It agrees with the tables on every month start
 * 1968–2199 except a handful where the new moon falls within ~3 minutes of midnight, where the simplified
 * algorithm is not precise enough (a Meeus ch. 49 computation sides with the tables where it can decide).
 */
import { getLunarDate, getSolarDate } from '@dqcai/vn-lunar';

export type GregorianDate = { year: number; month: number; day: number };

/**
 * Lunar years the library can convert. Its data stops at JD 2524593 = 2199-12-31 (`LAST_DAY`), although
 * tables named TK13…TK22 are shipped: 1/1/2200 already returns zeros, and months 11–12 of 2199 fail.
 */
export const LUNAR_MIN_YEAR = 1200;
export const LUNAR_MAX_YEAR = 2199;

/**
 * Gregorian date of the lunar date `day/month/year` (Vietnamese calendar, UTC+7 from 1968), or `undefined`
 * if that lunar date does not exist (day 30 of a 29-day month, missing leap month) or lies past 2199-12-31.
 */
export function lunarToSolar(day: number, month: number, year: number, leap = false): GregorianDate | undefined {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new RangeError(`Năm âm lịch ngoài phạm vi hỗ trợ (${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}): ${year}`);
  }
  const s = getSolarDate(day, month, year, leap);
  if (s.year === 0) return undefined;
  const back = getLunarDate(s.day, s.month, s.year);
  if (back.day !== day || back.month !== month || back.year !== year || back.leap !== leap) return undefined;
  return { year: s.year, month: s.month, day: s.day };
}

/** Julian day number → Gregorian date (valid for the Gregorian era). */
export function jdToGregorian(jd: number): GregorianDate {
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((b * 146097) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: b * 100 + d - 4800 + Math.floor(m / 10),
  };
}

/** Gregorian date → Julian day number (Gregorian era only). */
export function gregorianToJd(day: number, month: number, year: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
}

// ---------------------------------------------------------------------------------------------------------
// Hồ Ngọc Đức's astronomical algorithm (https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html).
// ---------------------------------------------------------------------------------------------------------

const DR = Math.PI / 180;

/** Day (JDN, local at time zone tz) of the k-th new moon after 1900-01-01. */
function newMoonDay(k: number, tz: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DR);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DR) + 0.0021 * Math.sin(2 * DR * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * DR) + 0.0161 * Math.sin(DR * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(DR * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(DR * 2 * F) - 0.0051 * Math.sin(DR * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(DR * (M - Mpr)) + 0.0004 * Math.sin(DR * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(DR * (2 * F - M)) - 0.0006 * Math.sin(DR * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(DR * (2 * F - Mpr)) + 0.0005 * Math.sin(DR * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return Math.floor(jd1 + c1 - deltaT + 0.5 + tz / 24);
}

/** Sun longitude sector (0..11, 30° each) at local midnight starting day `jdn`. */
function sunLongitudeSector(jdn: number, tz: number): number {
  const T = (jdn - 2451545.5 - tz / 24) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DR * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(DR * 2 * M) + 0.00029 * Math.sin(DR * 3 * M);
  let L = (L0 + DL) * DR;
  L = L - Math.PI * 2 * Math.floor(L / (Math.PI * 2));
  return Math.floor((L / Math.PI) * 6);
}

/** Start (JDN) of lunar month 11 — the month containing the winter solstice — of Gregorian year `yy`. */
function lunarMonth11(yy: number, tz: number): number {
  const off = gregorianToJd(31, 12, yy) - 2415021;
  const k = Math.floor(off / 29.530588853);
  const nm = newMoonDay(k, tz);
  return sunLongitudeSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

function leapMonthOffset(a11: number, tz: number): number {
  const k = Math.floor((a11 - 2415021.076998695) / 29.530588853 + 0.5);
  let i = 1;
  let arc = sunLongitudeSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunLongitudeSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

/**
 * Lunar → Gregorian by Hồ Ngọc Đức's astronomical algorithm at time zone `tz` (default UTC+7). Returns
 * `undefined` for a lunar date that does not exist (missing leap month, or day 30 of a 29-day month).
 */
export function astronomicalLunarToSolar(
  day: number,
  month: number,
  year: number,
  leap = false,
  tz = 7,
): GregorianDate | undefined {
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1, tz);
    b11 = lunarMonth11(year, tz);
  } else {
    a11 = lunarMonth11(year, tz);
    b11 = lunarMonth11(year + 1, tz);
  }
  const k = Math.floor(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return undefined;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return undefined;
  }
  const monthStart = newMoonDay(k + off, tz);
  const nextMonthStart = newMoonDay(k + off + 1, tz);
  if (day < 1 || monthStart + day - 1 >= nextMonthStart) return undefined;
  return jdToGregorian(monthStart + day - 1);
}
