import dayjs, { type Dayjs } from 'dayjs';
import { getLang } from './i18n.js';
import { formatVnDate } from '../../../server/src/modules/forms/vn-format.rules.js';
import { workingDurationEn, workingDurationVi } from '../../../server/src/modules/working-calendar/working-duration.rules.js';

const TZ = 'Asia/Ho_Chi_Minh';

function locale(): string {
  return getLang() === 'en' ? 'en-GB' : 'vi-VN';
}

/** 1500000 → "1.500.000 ₫". */
export function formatVnd(amount: number): string {
  return new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(amount);
}

/**
 * "2026-02-17" → "17/02/2026"; an instant ("2026-12-03T23:03:00Z") is first put in Vietnam time (→ "04/12/2026"), so an
 * answer given in the morning of the 4th is never shown as the 3rd.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(iso);
  if (!m) return iso;
  if (!m[4]) return `${m[3]}/${m[2]}/${m[1]}`;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : formatVnDate(at);
}

/** An instant shown in Vietnam time, e.g. "08:30 thứ Hai, 16/02/2026". */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: TZ,
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** The weekday name of a calendar date. */
export function weekdayOf(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', weekday: 'long' }).format(new Date(`${iso}T00:00:00Z`));
}

/** The wall-clock time of an instant in Vietnam, YYYY-MM-DDTHH:mm (to seed pickers whatever the browser's zone). */
export function vnWallClock(instant: string | Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The wall-clock time now in Vietnam, YYYY-MM-DDTHH:mm. */
export function nowVnWallClock(): string {
  return vnWallClock(new Date());
}

/** Today's date in Vietnam, YYYY-MM-DD. */
export function todayVn(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** An instant as "dd/MM/yyyy HH:mm" in Vietnam time (due times, appointments), e.g. "03/12/2026 09:00". */
export function formatDueTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const w = vnWallClock(iso);
  return `${w.slice(8, 10)}/${w.slice(5, 7)}/${w.slice(0, 4)} ${w.slice(11, 16)}`;
}

/** A Vietnam wall-clock time "YYYY-MM-DDTHH:mm" (from a picker) as an ISO instant with its +07:00 offset. */
export function vnWallClockToIso(wallClock: string): string {
  return `${wallClock.slice(0, 16)}:00+07:00`;
}

/**
 * The console's one way to show and type a date and time: dd/MM/yyyy HH:mm, the way formatDueTime prints it. Every
 * date-time picker uses it, never the browser's <input type="datetime-local">, whose format follows the browser's
 * locale (a US browser shows 12/03/2026, 09:00 AM).
 */
export const DATE_TIME_PICKER_FORMAT = 'DD/MM/YYYY HH:mm';

/** A picker's value for an instant, on Vietnam's wall clock whatever the browser's time zone. */
export function pickerValueOf(instant: string | Date): Dayjs {
  return dayjs(vnWallClock(instant));
}

/** The instant a date-time picker's value names, read as Vietnam wall-clock time (never the browser's zone). */
export function instantOfPicker(value: Dayjs): string {
  return vnWallClockToIso(value.format('YYYY-MM-DDTHH:mm'));
}

/**
 * The console's one number format: Vietnamese grouping and decimal comma ("1.234", "24,08"), at most `digits`
 * decimals (English in the English console). Every number shown goes through here or formatPercent.
 */
export function formatNumber(n: number, digits = 2, minDigits = 0): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits, minimumFractionDigits: minDigits }).format(n);
}

/** 24.08 → "24,08 %"; null/undefined → "–". */
export function formatPercent(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined ? '–' : `${formatNumber(v, digits)} %`;
}

/** "2026-11" or "2026-11-05" → "11/2026" (a month as officers write it). */
export function formatMonth(iso: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(iso);
  return m ? `${m[2]}/${m[1]}` : iso;
}

/** A day or month bucket of a report: "2026-11-05" → "05/11/2026", "2026-11" → "11/2026". */
export function formatBucket(bucket: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(bucket) ? formatDate(bucket) : formatMonth(bucket);
}

/** A file size: "340 KB", "1,2 MB". */
export function formatFileSize(bytes: number): string {
  return bytes >= 1_048_576 ? `${formatNumber(bytes / 1_048_576, 1)} MB` : `${formatNumber(Math.max(1, Math.round(bytes / 1024)), 0)} KB`;
}

/**
 * A step's working time: whole days as days, a part of a day in working hours ("2 giờ làm việc", never "0,25 ngày"),
 * a day being the province's working day (`dayMinutes`, GET /api/calendar/working-hours; 480 when not known).
 */
export function formatWorkingDuration(days: number, dayMinutes?: number): string {
  return getLang() === 'en' ? workingDurationEn(days, dayMinutes) : workingDurationVi(days, dayMinutes);
}
