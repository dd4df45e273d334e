import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, type Session } from './calendar.rules.js';
import { computeDue, type Duration } from './deadline.rules.js';
import { officialAdjustments } from './official-adjustments.js';
import { formatVn, vnInstant, vnMsOfDay, MINUTE_MS, parseTime } from './vn-time.js';

// A province whose office hours are 07:00–11:00 and 13:30–17:00 (7 h 30 a day) from 01/12/2026; before, the default.
const PROVINCE_HOURS: Session[] = [
  { start: '07:00', end: '11:00' },
  { start: '13:30', end: '17:00' },
];
const standard = createWorkingCalendar({ adjustments: officialAdjustments });
const province = createWorkingCalendar({ adjustments: officialAdjustments, workingHours: [{ from: '2026-12-01', sessions: PROVINCE_HOURS }] });
const due = (cal: typeof standard, date: string, time: string, d: Duration, paper = true) => formatVn(computeDue(vnInstant(date, time), d, cal, { paperCutoff: paper })).slice(0, 16);

describe('working hours per province — worked by hand', () => {
  // Wednesday 02/12/2026, after the province's hours took effect.
  it.each([
    // 07:15, 1 day. Default: counting waits for 07:30; 480 min fill the day → 17:30. Province: 07:15–11:00 (225) +
    // 13:30–17:00 (210) = 435; 15 more on Thursday from 07:00 → 07:15.
    ['07:15, 1 working day', '07:15', { unit: 'working_day', amount: 1 }, '2026-12-02T17:30', '2026-12-03T07:15'],
    // 10:00, ½ day. Default 240: 10:00–11:30 (90) + 150 from 13:30 → 16:00. Province 225: 10:00–11:00 (60) + 165 → 16:15.
    ['10:00, half a day', '10:00', { unit: 'half_day', amount: 1 }, '2026-12-02T16:00', '2026-12-02T16:15'],
    // 10:30, 2 working hours. Default: 60 before 11:30 + 60 from 13:30 → 14:30. Province: 30 before 11:00 + 90 → 15:00.
    ['10:30, 2 working hours', '10:30', { unit: 'working_hour', amount: 2 }, '2026-12-02T14:30', '2026-12-02T15:00'],
    // 11:15: the province's morning is over (counting from 13:30 → 14:30); the default's has 15 min left (+45 → 14:15).
    ['11:15, 1 working hour', '11:15', { unit: 'working_hour', amount: 1 }, '2026-12-02T14:15', '2026-12-02T14:30'],
    // Same-day procedure: ends with the last session, 17:30 vs 17:00.
    ['14:00, same day', '14:00', { unit: 'same_day', amount: 0 }, '2026-12-02T17:30', '2026-12-02T17:00'],
  ] as const)('%s', (_label, time, d, expectedStandard, expectedProvince) => {
    expect(due(standard, '2026-12-02', time, d)).toBe(expectedStandard);
    expect(due(province, '2026-12-02', time, d)).toBe(expectedProvince);
  });

  it('days before the hours took effect keep the hours of their time', () => {
    // Wednesday 25/11/2026: both calendars count on 07:30–17:30 → same answers.
    expect(due(province, '2026-11-25', '07:15', { unit: 'working_day', amount: 1 })).toBe('2026-11-25T17:30');
    expect(province.sessionsOn('2026-11-30')).toEqual([{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:30' }]);
    expect(province.sessionsOn('2026-12-01')).toEqual(PROVINCE_HOURS);
    // A day counts as long as the hours of its time: 480 minutes, then 450.
    expect(province.workingDayMinutesOn('2026-11-30')).toBe(480);
    expect(province.workingDayMinutesOn('2026-12-01')).toBe(450);
    // Across the change: Monday 30/11 at 17:00, 1 working day (480, the hours where counting starts) = 30 on Monday,
    // then 450 on Tuesday 01/12 (07:00–11:00, 13:30–17:00) → 17:00 Tuesday, the session end.
    expect(due(province, '2026-11-30', '17:00', { unit: 'working_day', amount: 1 }, false)).toBe('2026-12-01T17:00');
  });

  it('weekends, holidays and make-up days follow the province hours too', () => {
    const cal = createWorkingCalendar({ adjustments: [{ date: '2026-12-05', kind: 'working_day', nameVi: 'Làm bù' }], workingHours: [{ from: '2026-12-01', sessions: PROVINCE_HOURS }] });
    expect(cal.sessionsOn('2026-12-05')).toEqual(PROVINCE_HOURS); // a make-up Saturday without its own hours
    expect(cal.sessionsOn('2026-12-06')).toEqual([]);
  });
});

const hoursArb = fc
  .tuple(fc.integer({ min: 6 * 60, max: 9 * 60 }), fc.integer({ min: 120, max: 300 }), fc.integer({ min: 0, max: 180 }), fc.integer({ min: 120, max: 300 }))
  .map(([start, morning, lunch, afternoon]): Session[] => {
    const t = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return [
      { start: t(start), end: t(start + morning) },
      { start: t(start + morning + lunch), end: t(start + morning + lunch + afternoon) },
    ];
  });
const durationArb: fc.Arbitrary<Duration> = fc.oneof(
  fc.record({ unit: fc.constant('working_day' as const), amount: fc.integer({ min: 0, max: 60 }).map((n) => n / 4) }),
  fc.record({ unit: fc.constant('half_day' as const), amount: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ unit: fc.constant('working_hour' as const), amount: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ unit: fc.constant('same_day' as const), amount: fc.constant(0) }),
);

describe('working hours per province — property', () => {
  it('a deadline never falls outside the working hours of its day (it may end exactly at a session end)', () => {
    fc.assert(
      fc.property(
        hoursArb,
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
        durationArb,
        fc.boolean(),
        (sessions, receivedAt, duration, paperCutoff) => {
          const cal = createWorkingCalendar({ adjustments: officialAdjustments, workingHours: [{ from: '2025-01-01', sessions }] });
          const d = computeDue(receivedAt, duration, cal, { paperCutoff });
          const t = vnMsOfDay(d) / MINUTE_MS;
          const inside = cal.sessionsOn(d).some((s) => parseTime(s.start) <= t && t <= parseTime(s.end));
          expect(inside, `${formatVn(d)} for ${JSON.stringify({ sessions, duration, receivedAt })}`).toBe(true);
          expect(d.getTime()).toBeGreaterThanOrEqual(receivedAt.getTime());
        },
      ),
      { numRuns: 400 },
    );
  });
});
