/**
 * PURE: what is wrong with a calendar day as typed, said so that the person can correct it (walk 17: "31/02" was
 * refused as "không hợp lệ" without saying why). One rule for the server's contracts and the portal's forms.
 */
export type DayProblem = { kind: 'format' } | { kind: 'month'; month: number } | { kind: 'day'; year: number; month: number; day: number; days: number };

/** Why year-month-day is not a day of the Gregorian calendar; null when it is one. */
export function dayProblem(year: number, month: number, day: number): DayProblem | null {
  if (month < 1 || month > 12) return { kind: 'month', month };
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day < 1 || day > days ? { kind: 'day', year, month, day, days } : null;
}

/** The same for `YYYY-MM-DD` (the API's form of a day). */
export function isoDayProblem(text: string): DayProblem | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? dayProblem(Number(m[1]), Number(m[2]), Number(m[3])) : { kind: 'format' };
}

/** The problem in Vietnamese and English, as sentences. */
export function dayProblemText(p: DayProblem): { vi: string; en: string } {
  switch (p.kind) {
    case 'format':
      return { vi: 'Ngày cần viết dạng YYYY-MM-DD, ví dụ 2026-03-05.', en: 'A date is written YYYY-MM-DD, e.g. 2026-03-05.' };
    case 'month':
      return { vi: `Không có tháng ${p.month}; tháng từ 01 đến 12.`, en: `There is no month ${p.month}; months run 01 to 12.` };
    case 'day':
      return { vi: `Tháng ${p.month} năm ${p.year} chỉ có ${p.days} ngày, không có ngày ${p.day}.`, en: `Month ${p.month} of ${p.year} has ${p.days} days, not a day ${p.day}.` };
  }
}
