import type { TProcessingTime } from '../procedures/procedure.contract.js';
import { MINUTE_MS, formatTime, vnDateOf, vnMsOfDay } from '../working-calendar/vn-time.js';

/**
 * PURE: how the printed forms write dates, times, money and durations in Vietnamese. Instants are read in Vietnam time
 * through vn-time.ts, so the output does not depend on the process time zone.
 */

function vnDateParts(instant: Date): { year: string; month: string; day: string } {
  const [year = '', month = '', day = ''] = vnDateOf(instant).split('-');
  return { year, month, day };
}

/** "25/11/2026". */
export function formatVnDate(instant: Date): string {
  const { year, month, day } = vnDateParts(instant);
  return `${day}/${month}/${year}`;
}

/** "08 giờ 30 phút, ngày 25/11/2026" — the way Mẫu 01 prints times (giờ, phút, ngày). */
export function formatVnDateTime(instant: Date): string {
  const [hh, mm] = formatTime(Math.floor(vnMsOfDay(instant) / MINUTE_MS)).split(':');
  return `${hh} giờ ${mm} phút, ngày ${formatVnDate(instant)}`;
}

/** "25/11/2026 08:30" — compact, for table cells. */
export function formatVnShortDateTime(instant: Date): string {
  return `${formatVnDate(instant)} ${formatTime(Math.floor(vnMsOfDay(instant) / MINUTE_MS))}`;
}

/**
 * Place and date line: "An Bình, ngày 05 tháng 01 năm 2026". Days below 10 and months 1, 2 take a leading zero
 * (Nghị định 30/2020/NĐ-CP Phụ lục I, mục II.5 — presentation of administrative documents).
 */
export function formatDateLine(placeName: string, instant: Date): string {
  const { year, month, day } = vnDateParts(instant);
  const m = Number(month);
  return `${placeName}, ngày ${day} tháng ${m <= 2 ? month : String(m)} năm ${year}`;
}

/** 1234567 → "1.234.567": a whole number with the dot as thousands separator, as Vietnamese writes amounts. */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "15.000 đồng" (dot as thousands separator). */
export function formatVnd(amount: number): string {
  if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`Số tiền không hợp lệ: ${amount}`);
  return `${groupThousands(amount)} đồng`;
}

/** "5 ngày làm việc", "4 giờ làm việc", "Trong ngày", "0,5 ngày làm việc". */
export function formatProcessingTime(t: TProcessingTime): string {
  const amount = String(t.amount).replace('.', ',');
  switch (t.unit) {
    case 'working_day':
      return `${amount} ngày làm việc`;
    case 'working_hour':
      return `${amount} giờ làm việc`;
    case 'same_day':
      return 'Trong ngày';
  }
}
