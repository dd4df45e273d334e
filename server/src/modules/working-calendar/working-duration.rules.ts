/**
 * PURE: a step's working time in words, as officers count it. A part of a day reads in hours ("2 giờ làm việc"), never
 * as "0,25 ngày". A day is the province's working day (`dayMinutes`, from its office hours: 450 for 07:00–11:00 and
 * 13:30–17:00), the length the deadline rules give a fraction of a day; 480 (two sessions of 4 hours) by default.
 */
export const WORKING_DAY_MINUTES = 480;

function split(days: number, dayMinutes: number): { minutes: number; day: number } | null {
  if (!Number.isFinite(days) || days <= 0) return null;
  const day = Number.isFinite(dayMinutes) && dayMinutes > 0 ? Math.round(dayMinutes) : WORKING_DAY_MINUTES;
  return { minutes: Math.round(days * day), day };
}

export function workingDurationVi(days: number, dayMinutes = WORKING_DAY_MINUTES): string {
  const s = split(days, dayMinutes);
  if (!s) return '';
  const { minutes, day } = s;
  if (minutes % day === 0) return `${minutes / day} ngày làm việc`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (m === 0) return `${h} giờ làm việc`;
  return h === 0 ? `${m} phút làm việc` : `${h} giờ ${m} phút làm việc`;
}

export function workingDurationEn(days: number, dayMinutes = WORKING_DAY_MINUTES): string {
  const s = split(days, dayMinutes);
  if (!s) return '';
  const { minutes, day } = s;
  if (minutes % day === 0) return `${minutes / day} working day${minutes === day ? '' : 's'}`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = `${h} working hour${h === 1 ? '' : 's'}`;
  if (m === 0) return hours;
  return h === 0 ? `${m} working minutes` : `${hours} ${m} min`;
}
