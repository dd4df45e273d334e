/**
 * PURE: a step's working time in words, as officers count it. A working day is 8 working hours (the calendar's two
 * sessions, 480 minutes); a part of a day reads in hours ("2 giờ làm việc"), never as "0,25 ngày".
 */
export const WORKING_DAY_MINUTES = 480;

export function workingDurationVi(days: number): string {
  if (!Number.isFinite(days) || days <= 0) return '';
  const minutes = Math.round(days * WORKING_DAY_MINUTES);
  if (minutes % WORKING_DAY_MINUTES === 0) return `${minutes / WORKING_DAY_MINUTES} ngày làm việc`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (m === 0) return `${h} giờ làm việc`;
  return h === 0 ? `${m} phút làm việc` : `${h} giờ ${m} phút làm việc`;
}

export function workingDurationEn(days: number): string {
  if (!Number.isFinite(days) || days <= 0) return '';
  const minutes = Math.round(days * WORKING_DAY_MINUTES);
  if (minutes % WORKING_DAY_MINUTES === 0) return `${minutes / WORKING_DAY_MINUTES} working day${minutes === WORKING_DAY_MINUTES ? '' : 's'}`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = `${h} working hour${h === 1 ? '' : 's'}`;
  if (m === 0) return hours;
  return h === 0 ? `${m} working minutes` : `${hours} ${m} min`;
}
