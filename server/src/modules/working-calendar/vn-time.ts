/**
 * Vietnam civil time helpers. Vietnam uses a fixed offset of UTC+07:00 with no daylight saving, so every
 * conversion here is plain arithmetic on epoch milliseconds — nothing reads the process time zone
 * (`process.env.TZ`), and only the UTC getters/constructors of `Date` are used.
 *
 * Vocabulary:
 * - *date*: a Vietnam calendar date as `YYYY-MM-DD`;
 * - *day number*: whole days since 1970-01-01 in Vietnam time (1970-01-01 is day 0, a Thursday);
 * - *minute of day*: minutes since Vietnam midnight (`HH:MM` in the config).
 */

export const VN_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

/** Day number of a `YYYY-MM-DD` date; throws a RangeError on a malformed or impossible date. */
export function dayNumberOf(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Ngày không hợp lệ (cần YYYY-MM-DD): ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`Ngày không tồn tại: ${date}`);
  }
  return Math.round(ms / DAY_MS);
}

/** `YYYY-MM-DD` of a day number. */
export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Gregorian (year, month 1–12, day) → `YYYY-MM-DD`. */
export function ymd(year: number, month: number, day: number): string {
  return dateOfDayNumber(Math.round(Date.UTC(year, month - 1, day) / DAY_MS));
}

/** Checks a `Date` is valid (not `new Date(NaN)`). */
export function assertValidInstant(instant: Date, what = 'thời điểm'): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`${what} không hợp lệ`);
  }
}

/** Vietnam day number of an instant. */
export function vnDayNumber(instant: Date): number {
  return Math.floor((instant.getTime() + VN_OFFSET_MS) / DAY_MS);
}

/** Vietnam calendar date (`YYYY-MM-DD`) of an instant. */
export function vnDateOf(instant: Date): string {
  return dateOfDayNumber(vnDayNumber(instant));
}

/** Milliseconds elapsed since Vietnam midnight for an instant (0 ≤ result < 86 400 000). */
export function vnMsOfDay(instant: Date): number {
  const shifted = instant.getTime() + VN_OFFSET_MS;
  return shifted - Math.floor(shifted / DAY_MS) * DAY_MS;
}

/** The instant at Vietnam midnight starting the given day number, plus `ms` milliseconds. */
export function instantOfDay(day: number, ms = 0): Date {
  return new Date(day * DAY_MS - VN_OFFSET_MS + ms);
}

/** Parses `HH:MM` (00:00–24:00) into minutes since midnight. */
export function parseTime(time: string): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`Giờ không hợp lệ (cần HH:MM): ${time}`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  const total = h * 60 + min;
  if (min > 59 || total > 24 * 60) throw new RangeError(`Giờ không hợp lệ: ${time}`);
  return total;
}

/** Formats minutes since midnight as `HH:MM`. */
export function formatTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * The instant of a Vietnam wall-clock time: `vnInstant('2026-02-13', '10:00')` is 2026-02-13T03:00:00Z.
 */
export function vnInstant(date: string, time = '00:00'): Date {
  return instantOfDay(dayNumberOf(date), parseTime(time) * MINUTE_MS);
}

/** ISO-8601 string of an instant in Vietnam time, e.g. `2026-02-25T10:00:00+07:00` (for messages and logs). */
export function formatVn(instant: Date): string {
  return `${new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: number): number {
  // Day 0 (1970-01-01) was a Thursday (ISO 4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Gregorian year of a day number. */
export function yearOfDayNumber(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}
