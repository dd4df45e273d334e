import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, defaultCalendarConfig } from './calendar.rules.js';
import type { Holiday } from './holidays.rules.js';
import { statutoryHolidays } from './holidays.rules.js';
import { officialAdjustments } from './official-adjustments.js';
import { dayNumberOf, formatVn, isoWeekday, vnDateOf, vnInstant } from './vn-time.js';

const cal = createWorkingCalendar({ adjustments: officialAdjustments });
const at = vnInstant;
const std = [
  { start: '07:30', end: '11:30' },
  { start: '13:30', end: '17:30' },
];

describe('Vietnam time helpers', () => {
  it('convert wall-clock time at a fixed UTC+07:00', () => {
    expect(at('2026-02-13', '10:00').toISOString()).toBe('2026-02-13T03:00:00.000Z');
    expect(vnDateOf(new Date('2026-02-13T17:30:00Z'))).toBe('2026-02-14'); // 00:30 Saturday in Vietnam
    expect(formatVn(new Date('2026-02-13T17:30:00Z'))).toBe('2026-02-14T00:30:00+07:00');
    expect(isoWeekday(dayNumberOf('2026-02-16'))).toBe(1);
    expect(isoWeekday(dayNumberOf('2026-02-22'))).toBe(7);
    expect(() => dayNumberOf('2026-02-30')).toThrow(RangeError);
    expect(() => at('2026-02-13', '25:00')).toThrow(RangeError);
  });
});

describe('working days and sessions', () => {
  it('default week: Monday–Friday, 07:30–11:30 and 13:30–17:30', () => {
    const plain = createWorkingCalendar();
    expect(plain.sessionsOn('2026-03-09')).toEqual(std); // Monday
    expect(plain.isWorkingDay('2026-03-13')).toBe(true); // Friday
    expect(plain.isWorkingDay('2026-03-14')).toBe(false); // Saturday
    expect(plain.sessionsOn('2026-03-15')).toEqual([]); // Sunday
    expect(plain.workingDayMinutes).toBe(480);
  });

  it('a Date is read as its Vietnam calendar day, whatever the process time zone', () => {
    expect(cal.isWorkingDay(new Date('2026-03-12T17:30:00Z'))).toBe(true); // Fri 13/3 00:30 VN
    expect(cal.isWorkingDay(new Date('2026-03-13T17:30:00Z'))).toBe(false); // Sat 14/3 00:30 VN
  });

  it('holidays, nghỉ bù and the official 2026 adjustments', () => {
    for (const d of ['2026-01-01', '2026-01-02', '2026-02-16', '2026-02-20', '2026-04-27', '2026-04-30', '2026-05-01']) {
      expect(cal.isWorkingDay(d), d).toBe(false);
    }
    expect(cal.dayInfo('2026-04-27')).toEqual({
      date: '2026-04-27',
      isWorkingDay: false,
      sessions: [],
      reasonVi: 'Nghỉ bù Giỗ Tổ Hùng Vương',
    });
    expect(cal.isWorkingDay('2026-02-23')).toBe(true);
    expect(cal.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
    expect(cal.nextWorkingDay(at('2026-04-29', '16:00'))).toBe('2026-05-04');
  });

  it('a working_day adjustment on a Saturday is a make-up day with standard sessions', () => {
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
    expect(cal.sessionsOn('2026-01-10')).toEqual(std);
    expect(cal.dayInfo('2026-01-10').reasonVi).toBe('Làm bù cho ngày nghỉ thứ Sáu 02/01/2026');
    expect(cal.isWorkingDay('2025-04-26')).toBe(true);
    expect(cal.isWorkingDay('2025-05-02')).toBe(false);
  });

  it('official Tết 2025: Mon 27/1 – Fri 31/1 off, Mon 3/2 worked (the generator alone says otherwise)', () => {
    const generatorOnly = createWorkingCalendar();
    expect(generatorOnly.isWorkingDay('2025-01-27')).toBe(true);
    expect(generatorOnly.isWorkingDay('2025-02-03')).toBe(false); // nghỉ bù for mùng 4 on Saturday
    expect(cal.isWorkingDay('2025-01-27')).toBe(false);
    expect(cal.isWorkingDay('2025-02-03')).toBe(true);
    expect(cal.nextWorkingDay('2025-01-24')).toBe('2025-02-03');
  });

  it('adjustments may give their own sessions, and the last one for a date wins', () => {
    const c = createWorkingCalendar({
      adjustments: [
        { date: '2026-03-14', kind: 'day_off', nameVi: 'x' },
        { date: '2026-03-14', kind: 'working_day', nameVi: 'Làm bù buổi sáng', sessions: [{ start: '07:30', end: '11:30' }] },
        { date: '2026-03-13', kind: 'day_off', nameVi: 'Nghỉ đột xuất' },
      ],
    });
    expect(c.sessionsOn('2026-03-14')).toEqual([{ start: '07:30', end: '11:30' }]);
    expect(c.isWorkingDay('2026-03-13')).toBe(false);
    expect(c.daysOff(2026)).toContainEqual({ date: '2026-03-13', nameVi: 'Nghỉ đột xuất', nameEn: 'Day off (official adjustment)' });
  });

  it('extra intake sessions are opening hours, not working time', () => {
    const c = createWorkingCalendar({
      extraIntakeSessions: [
        { weekday: 6, sessions: [{ start: '07:30', end: '11:30' }], nameVi: 'Tiếp nhận sáng thứ Bảy' },
        { date: '2026-03-12', sessions: [{ start: '17:00', end: '19:00' }] },
      ],
    });
    expect(c.isWorkingDay('2026-03-14')).toBe(false);
    expect(c.intakeSessionsOn('2026-03-14')).toEqual([{ start: '07:30', end: '11:30' }]);
    expect(c.intakeSessionsOn('2026-03-12')).toEqual([std[0], { start: '13:30', end: '19:00' }]);
    expect(c.workingMinutesBetween(at('2026-03-13', '17:30'), at('2026-03-16', '07:30'))).toBe(0);
  });

  it('configurable sessions and validation', () => {
    const sixDay = createWorkingCalendar({
      weeklySessions: { ...defaultCalendarConfig.weeklySessions, 6: [{ start: '08:00', end: '12:00' }] },
    });
    expect(sixDay.isWorkingDay('2026-03-14')).toBe(true);
    expect(sixDay.dayEnd('2026-03-14')).toEqual(at('2026-03-14', '12:00'));
    const overlapping = [
      { start: '07:30', end: '12:00' },
      { start: '11:00', end: '17:00' },
    ];
    expect(() => createWorkingCalendar({ weeklySessions: { ...defaultCalendarConfig.weeklySessions, 1: overlapping } })).toThrow(
      RangeError,
    );
    expect(() =>
      createWorkingCalendar({ adjustments: [{ date: '2026-03-14', kind: 'day_off', nameVi: 'x', sessions: std }] }),
    ).toThrow(RangeError);
    expect(() => createWorkingCalendar({ makeUpDaySessions: [{ start: '12:00', end: '08:00' }] })).toThrow(RangeError);
  });

  it('holidays are generated once per year (memoised) and can be preloaded', () => {
    const calls: number[] = [];
    const c = createWorkingCalendar(
      {
        holidays: (y): Holiday[] => {
          calls.push(y);
          return statutoryHolidays(y);
        },
      },
      { preloadYears: [2025, 2026] },
    );
    const afterPreload = calls.length;
    expect(new Set(calls)).toEqual(new Set([2024, 2025, 2026]));
    for (let i = 0; i < 50; i++) c.isWorkingDay(`2026-03-${String((i % 28) + 1).padStart(2, '0')}`);
    c.addWorkingMinutes(at('2025-01-02', '08:00'), 480 * 200);
    expect(calls.length).toBe(afterPreload);
  });

  it('daysOff lists the effective named days off of a year', () => {
    const off = cal.daysOff(2026).map((h) => h.date);
    expect(off).toContain('2026-02-16');
    expect(off).toContain('2026-04-26'); // Giỗ Tổ itself (Sunday) is named
    expect(off).not.toContain('2026-01-10');
    expect(off).not.toContain('2026-03-14'); // plain Saturday
  });
});

describe('working-minute arithmetic', () => {
  it('counts only session time', () => {
    expect(cal.workingMinutesBetween(at('2026-03-09', '10:00'), at('2026-03-09', '14:00'))).toBe(120);
    expect(cal.workingMinutesBetween(at('2026-03-13', '10:00'), at('2026-03-16', '10:00'))).toBe(480);
    expect(cal.workingMinutesBetween(at('2026-03-16', '10:00'), at('2026-03-13', '10:00'))).toBe(-480);
    expect(cal.workingMinutesBetween(at('2026-02-13', '17:30'), at('2026-02-23', '07:30'))).toBe(0);
    expect(cal.workingMinutesBetween(at('2026-03-09', '10:00'), new Date(at('2026-03-09', '10:00').getTime() + 30_000))).toBe(0.5);
  });

  it('adding lands on a session end rather than the next start', () => {
    expect(cal.addWorkingMinutes(at('2026-03-09', '07:30'), 240)).toEqual(at('2026-03-09', '11:30'));
    expect(cal.addWorkingMinutes(at('2026-03-09', '07:30'), 241)).toEqual(at('2026-03-09', '13:31'));
    expect(cal.addWorkingMinutes(at('2026-03-09', '12:00'), 0)).toEqual(at('2026-03-09', '12:00'));
    expect(cal.addWorkingMinutes(at('2026-03-13', '16:00'), 120)).toEqual(at('2026-03-16', '08:00'));
    expect(() => cal.addWorkingMinutes(at('2026-03-09', '07:30'), -1)).toThrow(RangeError);
  });

  it('nextWorkingInstant', () => {
    expect(cal.nextWorkingInstant(at('2026-03-09', '09:00'))).toEqual(at('2026-03-09', '09:00'));
    expect(cal.nextWorkingInstant(at('2026-03-09', '11:30'))).toEqual(at('2026-03-09', '13:30'));
    expect(cal.nextWorkingInstant(at('2026-03-13', '18:00'))).toEqual(at('2026-03-16', '07:30'));
  });

  it('a calendar without working days fails loudly instead of looping', () => {
    const never = createWorkingCalendar({
      weeklySessions: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] },
    });
    expect(() => never.nextWorkingDay('2026-03-09')).toThrow(RangeError);
    expect(() => never.addWorkingMinutes(at('2026-03-09', '08:00'), 1)).toThrow(RangeError);
  });

  const minute = 60_000;
  const instant = fc
    .integer({ min: 0, max: 2 * 366 * 24 * 60 })
    .map((m) => new Date(at('2025-01-01', '00:00').getTime() + m * minute));

  it('property: workingMinutesBetween(from, addWorkingMinutes(from, m)) === m', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 480 * 30 }), (from, m) => {
        expect(cal.workingMinutesBetween(from, cal.addWorkingMinutes(from, m))).toBe(m);
      }),
    );
  });

  it('property: additivity of addWorkingMinutes', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 480 * 10 }), fc.integer({ min: 0, max: 480 * 10 }), (t, a, b) => {
        const from = cal.nextWorkingInstant(t); // start inside a session
        expect(cal.addWorkingMinutes(cal.addWorkingMinutes(from, a), b)).toEqual(cal.addWorkingMinutes(from, a + b));
      }),
    );
  });

  it('property: workingMinutesBetween is additive over a middle point', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        expect(cal.workingMinutesBetween(a, b) + cal.workingMinutesBetween(b, c)).toBe(cal.workingMinutesBetween(a, c));
      }),
    );
  });
});

describe('each year has the calendar of its own law and notices', () => {
  it('2024 follows its official notices: Tết off 8–14/02, 15/02 worked, 29/4 off for Saturday 4/5', () => {
    for (const d of ['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14', '2024-04-29', '2024-04-30', '2024-05-01', '2024-09-02', '2024-09-03']) {
      expect(cal.isWorkingDay(d), d).toBe(false);
    }
    for (const d of ['2024-02-07', '2024-02-15', '2024-05-02', '2024-05-04']) expect(cal.isWorkingDay(d), d).toBe(true);
  });

  it('the day beside 2/9 exists only from 2021; Giỗ Tổ only from 2007', () => {
    expect(cal.isWorkingDay('2019-09-03')).toBe(true); // Tuesday
    expect(cal.isWorkingDay('2020-09-01')).toBe(true); // Tuesday
    expect(cal.isWorkingDay('2019-09-02')).toBe(false);
    expect(cal.isWorkingDay('2006-04-07')).toBe(true); // 10/3 Bính Tuất, a Friday
    expect(cal.isWorkingDay('2007-04-26')).toBe(false); // 10/3 Đinh Hợi, a Thursday
  });
});
