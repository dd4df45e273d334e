/**
 * Deadlines of administrative procedures (TTHC) on a working calendar. Pure.
 *
 * Legal basis (see /work/shared/reference/vn-legal.md §1.6, §9.1):
 * - TTHC deadlines are expressed in ngày làm việc (working days); internal steps in fractions of a day or hours.
 *   Here time counts in working minutes: 1 working day = the day's office hours in force where counting starts
 *   (`calendar.workingDayMinutesOn`, 480 by default; each province sets its hours), ½ day = half of it.
 * - Counting starts at receipt of a complete, valid dossier (ND 61/2018 Điều 19 k4 restarts it after
 *   supplementation; postal: from the giao-nhận record, QĐ 45/2016 Điều 7 k4). A receipt outside working
 *   sessions counts from the next session start.
 * - 15:00 cut-off: a paper dossier received after 15:00 is transferred at the start of the next working day
 *   (ND 61/2018 Điều 18 k2, "sau 15 giờ hàng ngày"; kept by 2025 provincial rules under ND 118/2025), so it
 *   counts from that start.
 * - Same-day procedures: due within the day of receipt, or within the next working day if received after
 *   15:00 (ND 23/2015 Điều 21 for chứng thực; QĐ 663/QĐ-TTPVHCC Hà Nội) — applied whatever the channel.
 * - Classification trước hạn / đúng hạn / quá hạn: TT 01/2018/TT-VPCP Điều 13 indicator 1 (shorter / equal /
 *   longer than the legal time) and QĐ 766/QĐ-TTg indicator 2.1 (on time ⇔ NgayKetThucXuLy ≤ NgayHenTra). Since
 *   appointments are given per day, "earlier" means an earlier calendar day (our convention).
 */
import type { WorkingCalendar } from './calendar.rules.js';
import { MINUTE_MS, assertValidInstant, parseTime, vnDateOf, vnMsOfDay } from './vn-time.js';

export type DurationUnit = 'working_day' | 'half_day' | 'working_hour' | 'same_day';
export type Duration = { unit: DurationUnit; amount: number };
export type DeadlineOptions = {
  /** Apply the 15:00 rule (paper dossier received at the desk or by post). */
  paperCutoff: boolean;
  /** Cut-off time, default `'15:00'` (a receipt strictly after it moves to the next working day). */
  cutoffTime?: string;
};
export type FinishClass = 'early' | 'on_time' | 'late';
export type DeadlineState = 'on_track' | 'due_soon' | 'overdue';

export const DEFAULT_CUTOFF_TIME = '15:00';

/**
 * The instant counting starts: the receipt itself when inside a working session, else the next session start;
 * with the cut-off, a receipt after 15:00 on a working day counts from the start of the next working day.
 */
export function countingStart(receivedAt: Date, calendar: WorkingCalendar, options: DeadlineOptions): Date {
  assertValidInstant(receivedAt, 'Thời điểm tiếp nhận');
  if (options.paperCutoff && calendar.isWorkingDay(receivedAt)) {
    const cutoffMs = parseTime(options.cutoffTime ?? DEFAULT_CUTOFF_TIME) * MINUTE_MS;
    if (vnMsOfDay(receivedAt) > cutoffMs) {
      return calendar.dayStart(calendar.nextWorkingDay(receivedAt))!;
    }
  }
  return calendar.nextWorkingInstant(receivedAt);
}

/**
 * Working minutes of a duration (`same_day` has none: it ends with the working day). A day is as long as the office
 * hours in force on `at` (the counting start; the latest hours without it).
 */
export function durationMinutes(duration: Duration, calendar: WorkingCalendar, at?: Date): number {
  const day = at ? calendar.workingDayMinutesOn(at) : calendar.workingDayMinutes;
  const { unit, amount } = duration;
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`Thời hạn không hợp lệ: ${amount}`);
  switch (unit) {
    case 'working_day':
      return amount * day;
    case 'half_day':
      return (amount * day) / 2;
    case 'working_hour':
      return amount * 60;
    case 'same_day':
      return 0;
  }
}

/**
 * Due instant (hạn trả kết quả / hạn xử lý bước) of a dossier or step.
 *
 * N working days from 09:00 on day D end at 09:00 on the N-th working day after D; a period ending exactly
 * at a session end stays there (17:30, not the next morning). `same_day` ignores `amount` and ends with the
 * last session of the receipt's working day (next working day after 15:00, whatever `paperCutoff` says).
 */
export function computeDue(
  receivedAt: Date,
  duration: Duration,
  calendar: WorkingCalendar,
  options: DeadlineOptions,
): Date {
  if (duration.unit === 'same_day') {
    const start = countingStart(receivedAt, calendar, { ...options, paperCutoff: true });
    return calendar.dayEnd(start)!;
  }
  const start = countingStart(receivedAt, calendar, options);
  const minutes = durationMinutes(duration, calendar, start);
  return calendar.addWorkingMinutes(start, minutes);
}

/**
 * Trước hạn if finished on an earlier Vietnam calendar day than the due day; đúng hạn if on the due day at
 * or before the due time; quá hạn if after the due time.
 */
export function classifyFinish(finishedAt: Date, dueAt: Date): FinishClass {
  assertValidInstant(finishedAt, 'Thời điểm hoàn thành');
  assertValidInstant(dueAt, 'Hạn xử lý');
  if (finishedAt.getTime() > dueAt.getTime()) return 'late';
  return vnDateOf(finishedAt) < vnDateOf(dueAt) ? 'early' : 'on_time';
}

/**
 * Status of a running dossier/step: quá hạn after the due instant; sắp đến hạn when at most
 * `soonWorkingMinutes` working minutes remain; otherwise trong hạn.
 */
export function deadlineState(
  now: Date,
  dueAt: Date,
  calendar: WorkingCalendar,
  soonWorkingMinutes: number,
): DeadlineState {
  assertValidInstant(now);
  assertValidInstant(dueAt, 'Hạn xử lý');
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  return calendar.workingMinutesBetween(now, dueAt) <= soonWorkingMinutes ? 'due_soon' : 'on_track';
}
