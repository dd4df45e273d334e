/**
 * The working calendar: which Vietnam days are working days and which sessions (buổi làm việc) they have, and
 * arithmetic in *working minutes* over those sessions. Pure: no I/O, no dependency on `process.env.TZ`.
 *
 * A day's working sessions, by priority:
 *   1. a yearly adjustment for that date (Thủ tướng/Bộ Nội vụ notice, or the administrator's data):
 *      `day_off` → none; `working_day` → its own `sessions`, else `makeUpDaySessions` (a `working_day` on a
 *      weekend is a make-up day — ngày làm bù);
 *   2. a statutory holiday (BLLĐ 2019 Điều 112) or its compensatory day (Điều 111 k3) → none;
 *   3. the weekly pattern (default Monday–Friday 07:30–11:30 and 13:30–17:30 — 8 h a day, the 40-hour week
 *      of state agencies, QĐ 188/1999/QĐ-TTg [unverified]). Session times vary by province (each UBND tỉnh sets its
 *      own office hours): `workingHours` lists the province's hours, each in force from a date, so a day keeps the
 *      hours of its time and an old dossier's deadline does not move when the province changes them.
 * Extra *intake* sessions (e.g. a centre receiving dossiers on Saturday 07:30–11:30) are opening hours only:
 * they are reported by `intakeSessionsOn` but never count as working time for deadlines, because TTHC
 * deadlines are in "ngày làm việc" (reference §9.1).
 */
import { compensatoryDaysOff, statutoryHolidays, type Holiday } from './holidays.rules.js';
import {
  DAY_MS,
  MINUTE_MS,
  assertValidInstant,
  dateOfDayNumber,
  dayNumberOf,
  formatTime,
  instantOfDay,
  isoWeekday,
  parseTime,
  vnDayNumber,
  vnMsOfDay,
  yearOfDayNumber,
} from './vn-time.js';

/** A session in Vietnam wall-clock time, `HH:MM`–`HH:MM` (end exclusive; `24:00` allowed). */
export type Session = { start: string; end: string };
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type WeeklySessions = Readonly<Record<IsoWeekday, readonly Session[]>>;
export type CalendarAdjustment = {
  date: string;
  kind: 'day_off' | 'working_day';
  nameVi: string;
  /** Only for `working_day`: the sessions of that day (default: `makeUpDaySessions`). */
  sessions?: Session[];
};
/** Out-of-hours intake opening: recurring on a weekday, or on one date. */
export type IntakeSessions = ({ weekday: IsoWeekday } | { date: string }) & { sessions: Session[]; nameVi?: string };

export type WorkingCalendarConfig = {
  weeklySessions: WeeklySessions;
  /** Length of one "ngày làm việc" in working minutes (480 = 8 h). */
  workingDayMinutes: number;
  /** Sessions of a `working_day` adjustment that gives none (make-up Saturday). */
  makeUpDaySessions: readonly Session[];
  /** Holiday generator per Gregorian year. */
  holidays: (year: number) => readonly Holiday[];
  /** Add nghỉ bù for holidays falling on a weekly rest day (BLLĐ 2019 Điều 111 k3). */
  compensateWeekendHolidays: boolean;
  /** Yearly adjustments; for one date the last entry wins. */
  adjustments: readonly CalendarAdjustment[];
  extraIntakeSessions: readonly IntakeSessions[];
  /** The province's office hours over time (any order); a day before the first uses `weeklySessions`. */
  workingHours: readonly WorkingHours[];
};

/** A province's office hours (giờ làm việc) on its working weekdays and make-up days, in force from `from` (YYYY-MM-DD). */
export type WorkingHours = { from: string; sessions: readonly Session[] };

export type DateInput = string | Date;
export type DayInfo = { date: string; isWorkingDay: boolean; sessions: Session[]; reasonVi?: string };

export interface WorkingCalendar {
  readonly config: WorkingCalendarConfig;
  /** Length of one "ngày làm việc" under the latest hours (the day's sessions; 480 by default). */
  readonly workingDayMinutes: number;
  /** Length of one "ngày làm việc" under the hours in force on that date. */
  workingDayMinutesOn(date: DateInput): number;
  isWorkingDay(date: DateInput): boolean;
  sessionsOn(date: DateInput): Session[];
  intakeSessionsOn(date: DateInput): Session[];
  dayInfo(date: DateInput): DayInfo;
  /** The first working day strictly after `date` (`YYYY-MM-DD`). */
  nextWorkingDay(date: DateInput): string;
  /** Working minutes in [a, b) (negative when b < a); fractional when the instants are not whole minutes. */
  workingMinutesBetween(a: Date, b: Date): number;
  /** The earliest instant t ≥ from with `minutes` working minutes in [from, t); lands on a session end rather than the next start. */
  addWorkingMinutes(from: Date, minutes: number): Date;
  /** `at` if it lies inside a session, else the start of the next session. */
  nextWorkingInstant(at: Date): Date;
  /** Start of the first / end of the last session of a working day (undefined on a day off). */
  dayStart(date: DateInput): Date | undefined;
  dayEnd(date: DateInput): Date | undefined;
  /** Effective days off of a year that fall on a weekly working day or are named (holidays, nghỉ bù, adjustments). */
  daysOff(year: number): Holiday[];
  /** Compute and memoise the years [fromYear, toYear] now (otherwise done lazily on first use). */
  preload(fromYear: number, toYear: number): void;
}

const STANDARD_SESSIONS: readonly Session[] = [
  { start: '07:30', end: '11:30' },
  { start: '13:30', end: '17:30' },
];

export const defaultCalendarConfig: WorkingCalendarConfig = {
  weeklySessions: {
    1: STANDARD_SESSIONS,
    2: STANDARD_SESSIONS,
    3: STANDARD_SESSIONS,
    4: STANDARD_SESSIONS,
    5: STANDARD_SESSIONS,
    6: [],
    7: [],
  },
  workingDayMinutes: 480,
  makeUpDaySessions: STANDARD_SESSIONS,
  holidays: (year) => statutoryHolidays(year),
  compensateWeekendHolidays: true,
  // Official yearly data lives in official-adjustments.ts; pass it (or the administrator's rows) explicitly.
  adjustments: [],
  extraIntakeSessions: [],
  workingHours: [],
};

type Interval = readonly [number, number]; // ms since Vietnam midnight, [start, end)
type Reason = { nameVi: string; nameEn: string };
type YearData = { firstDay: number; intervals: Interval[][]; reasons: (Reason | undefined)[]; offList: Holiday[] };

/** Parses and validates sessions: sorted, non-overlapping, start < end. */
function toIntervals(sessions: readonly Session[], where: string): Interval[] {
  const iv = sessions
    .map((s): Interval => {
      const a = parseTime(s.start);
      const b = parseTime(s.end);
      if (a >= b) throw new RangeError(`Buổi làm việc không hợp lệ (${where}): ${s.start}–${s.end}`);
      return [a * MINUTE_MS, b * MINUTE_MS];
    })
    .sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < iv.length; i++) {
    if (iv[i]![0] < iv[i - 1]![1]) throw new RangeError(`Các buổi làm việc chồng lấn (${where})`);
  }
  return iv;
}

const toSessions = (iv: readonly Interval[]): Session[] =>
  iv.map(([a, b]) => ({ start: formatTime(a / MINUTE_MS), end: formatTime(b / MINUTE_MS) }));

const dayOf = (date: DateInput): number => {
  if (typeof date === 'string') return dayNumberOf(date);
  assertValidInstant(date);
  return vnDayNumber(date);
};

/** Longest run of consecutive days without any session before we declare the calendar broken. */
const MAX_IDLE_DAYS = 3660;

export function createWorkingCalendar(
  config: Partial<WorkingCalendarConfig> = {},
  options: { preloadYears?: readonly [number, number] } = {},
): WorkingCalendar {
  const cfg: WorkingCalendarConfig = { ...defaultCalendarConfig, ...config };
  if (!(cfg.workingDayMinutes > 0)) throw new RangeError('workingDayMinutes phải > 0');

  const weekly = new Map<number, Interval[]>();
  for (const wd of [1, 2, 3, 4, 5, 6, 7] as const) {
    weekly.set(wd, toIntervals(cfg.weeklySessions[wd] ?? [], wd === 7 ? 'Chủ nhật' : `thứ ${wd + 1}`));
  }
  const makeUp = toIntervals(cfg.makeUpDaySessions, 'ngày làm bù');
  // The province's hours, latest first: a day takes the first whose start is on or before it.
  const hours = [...cfg.workingHours]
    .map((h) => ({ from: dayNumberOf(h.from), intervals: toIntervals(h.sessions, `giờ làm việc từ ${h.from}`) }))
    .sort((a, b) => b.from - a.from);
  for (const h of hours) if (h.intervals.length === 0) throw new RangeError('Giờ làm việc cần ít nhất một buổi');
  const hoursOn = (day: number): Interval[] | undefined => hours.find((h) => h.from <= day)?.intervals;
  const minutesOf = (iv: readonly Interval[]): number => iv.reduce((s, [a, b]) => s + (b - a), 0) / MINUTE_MS;
  const dayMinutesOn = (day: number): number => {
    const iv = hoursOn(day);
    return iv ? minutesOf(iv) : cfg.workingDayMinutes;
  };
  const adjustments = new Map<number, { adj: CalendarAdjustment; intervals: Interval[] }>();
  for (const adj of cfg.adjustments) {
    if (adj.kind === 'day_off' && adj.sessions && adj.sessions.length > 0) {
      throw new RangeError(`Ngày nghỉ ${adj.date} không được có buổi làm việc`);
    }
    const intervals = adj.kind === 'working_day' ? (adj.sessions ? toIntervals(adj.sessions, adj.date) : (hoursOn(dayNumberOf(adj.date)) ?? makeUp)) : [];
    adjustments.set(dayNumberOf(adj.date), { adj, intervals });
  }
  const intakeByWeekday = new Map<number, Interval[]>();
  const intakeByDay = new Map<number, Interval[]>();
  for (const x of cfg.extraIntakeSessions) {
    const iv = toIntervals(x.sessions, 'buổi tiếp nhận ngoài giờ');
    if ('date' in x) intakeByDay.set(dayNumberOf(x.date), [...(intakeByDay.get(dayNumberOf(x.date)) ?? []), ...iv]);
    else intakeByWeekday.set(x.weekday, [...(intakeByWeekday.get(x.weekday) ?? []), ...iv]);
  }

  const weeklyWorking = (day: number): boolean => (weekly.get(isoWeekday(day)) ?? []).length > 0;
  const generated = new Map<number, Holiday[]>();
  /** Holidays (plus nghỉ bù) generated from one Gregorian year's statutory list. */
  const generatedFor = (year: number): Holiday[] => {
    let list = generated.get(year);
    if (!list) {
      const base = [...cfg.holidays(year)];
      const comp = cfg.compensateWeekendHolidays ? compensatoryDaysOff(base, (d) => weeklyWorking(dayNumberOf(d))) : [];
      list = [...base, ...comp];
      generated.set(year, list);
    }
    return list;
  };

  const years = new Map<number, YearData>();
  const yearData = (year: number): YearData => {
    const cached = years.get(year);
    if (cached) return cached;
    const firstDay = dayNumberOf(`${String(year).padStart(4, '0')}-01-01`);
    const nextFirst = dayNumberOf(`${String(year + 1).padStart(4, '0')}-01-01`);
    const holidays = new Map<number, Reason>();
    // A compensatory day may spill over from the previous year's late holidays.
    for (const h of [...generatedFor(year - 1), ...generatedFor(year)]) {
      const d = dayNumberOf(h.date);
      if (d >= firstDay && d < nextFirst && !holidays.has(d)) holidays.set(d, { nameVi: h.nameVi, nameEn: h.nameEn });
    }
    const data: YearData = { firstDay, intervals: [], reasons: [], offList: [] };
    for (let d = firstDay; d < nextFirst; d++) {
      const adj = adjustments.get(d);
      let iv: Interval[];
      let reason: Reason | undefined;
      if (adj) {
        iv = adj.intervals;
        reason = {
          nameVi: adj.adj.nameVi,
          nameEn: adj.adj.kind === 'day_off' ? 'Day off (official adjustment)' : 'Working day (official adjustment)',
        };
      } else if (holidays.has(d)) {
        iv = [];
        reason = holidays.get(d);
      } else {
        iv = weekly.get(isoWeekday(d)) ?? [];
        // A weekly working day has the province's hours of its time.
        if (iv.length > 0) iv = hoursOn(d) ?? iv;
      }
      data.intervals.push(iv);
      data.reasons.push(reason);
      if (iv.length === 0 && (reason !== undefined || weeklyWorking(d))) {
        data.offList.push({ date: dateOfDayNumber(d), nameVi: reason?.nameVi ?? 'Ngày nghỉ', nameEn: reason?.nameEn ?? 'Day off' });
      }
    }
    years.set(year, data);
    return data;
  };

  const intervalsOf = (day: number): Interval[] => {
    const y = yearData(yearOfDayNumber(day));
    return y.intervals[day - y.firstDay] ?? [];
  };

  const nextWorkingDayNumber = (day: number): number => {
    for (let d = day + 1, i = 0; i < MAX_IDLE_DAYS; d++, i++) if (intervalsOf(d).length > 0) return d;
    throw new RangeError('Lịch làm việc không có ngày làm việc nào trong 10 năm tới');
  };

  const between = (a: Date, b: Date): number => {
    const ta = a.getTime();
    const tb = b.getTime();
    if (tb < ta) return -between(b, a);
    const da = vnDayNumber(a);
    const db = vnDayNumber(b);
    let ms = 0;
    for (let d = da; d <= db; d++) {
      const lo = d === da ? vnMsOfDay(a) : 0;
      const hi = d === db ? vnMsOfDay(b) : DAY_MS;
      for (const [s, e] of intervalsOf(d)) {
        const overlap = Math.min(e, hi) - Math.max(s, lo);
        if (overlap > 0) ms += overlap;
      }
    }
    return ms / MINUTE_MS;
  };

  const calendar: WorkingCalendar = {
    config: cfg,
    workingDayMinutes: hours.length > 0 ? minutesOf(hours[0]!.intervals) : cfg.workingDayMinutes,
    workingDayMinutesOn: (date) => dayMinutesOn(dayOf(date)),
    isWorkingDay: (date) => intervalsOf(dayOf(date)).length > 0,
    sessionsOn: (date) => toSessions(intervalsOf(dayOf(date))),
    intakeSessionsOn(date) {
      const day = dayOf(date);
      const extra = [...(intakeByDay.get(day) ?? []), ...(intakeByWeekday.get(isoWeekday(day)) ?? [])];
      const all = [...intervalsOf(day), ...extra].sort((x, y) => x[0] - y[0]);
      const merged: [number, number][] = [];
      for (const [s, e] of all) {
        const last = merged[merged.length - 1];
        if (last && s <= last[1]) last[1] = Math.max(last[1], e);
        else merged.push([s, e]);
      }
      return toSessions(merged);
    },
    dayInfo(date) {
      const day = dayOf(date);
      const y = yearData(yearOfDayNumber(day));
      const iv = intervalsOf(day);
      const reasonVi = y.reasons[day - y.firstDay]?.nameVi;
      return {
        date: dateOfDayNumber(day),
        isWorkingDay: iv.length > 0,
        sessions: toSessions(iv),
        ...(reasonVi !== undefined ? { reasonVi } : {}),
      };
    },
    nextWorkingDay: (date) => dateOfDayNumber(nextWorkingDayNumber(dayOf(date))),
    workingMinutesBetween(a, b) {
      assertValidInstant(a);
      assertValidInstant(b);
      return between(a, b);
    },
    addWorkingMinutes(from, minutes) {
      assertValidInstant(from);
      if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Số phút làm việc không hợp lệ: ${minutes}`);
      let remaining = Math.round(minutes * MINUTE_MS);
      if (remaining === 0) return new Date(from.getTime());
      let day = vnDayNumber(from);
      let t = vnMsOfDay(from);
      for (let idle = 0; idle < MAX_IDLE_DAYS; day++, t = 0) {
        const iv = intervalsOf(day);
        idle = iv.length === 0 ? idle + 1 : 0;
        for (const [s, e] of iv) {
          if (e <= t) continue;
          const start = Math.max(s, t);
          const available = e - start;
          if (remaining <= available) return instantOfDay(day, start + remaining);
          remaining -= available;
        }
      }
      throw new RangeError('Lịch làm việc không có ngày làm việc nào trong 10 năm tới');
    },
    nextWorkingInstant(at) {
      assertValidInstant(at);
      const day = vnDayNumber(at);
      const t = vnMsOfDay(at);
      for (const [s, e] of intervalsOf(day)) {
        if (t < s) return instantOfDay(day, s);
        if (t < e) return new Date(at.getTime());
      }
      const next = nextWorkingDayNumber(day);
      return instantOfDay(next, intervalsOf(next)[0]![0]);
    },
    dayStart(date) {
      const day = dayOf(date);
      const first = intervalsOf(day)[0];
      return first ? instantOfDay(day, first[0]) : undefined;
    },
    dayEnd(date) {
      const day = dayOf(date);
      const iv = intervalsOf(day);
      const last = iv[iv.length - 1];
      return last ? instantOfDay(day, last[1]) : undefined;
    },
    daysOff: (year) => [...yearData(year).offList],
    preload(fromYear, toYear) {
      for (let y = fromYear; y <= toYear; y++) yearData(y);
    },
  };
  if (options.preloadYears) calendar.preload(options.preloadYears[0], options.preloadYears[1]);
  return calendar;
}
