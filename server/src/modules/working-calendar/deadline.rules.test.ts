import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from './calendar.rules.js';
import {
  classifyFinish,
  computeDue,
  countingStart,
  deadlineState,
  type Duration,
  type DurationUnit,
} from './deadline.rules.js';
import { officialAdjustments } from './official-adjustments.js';
import { formatVn, vnDateOf, vnInstant, vnMsOfDay } from './vn-time.js';

const cal = createWorkingCalendar({ adjustments: officialAdjustments });
const at = vnInstant;
const paper = { paperCutoff: true };
const online = { paperCutoff: false };

const days = (amount: number): Duration => ({ unit: 'working_day', amount });
const halfDays = (amount: number): Duration => ({ unit: 'half_day', amount });
const hours = (amount: number): Duration => ({ unit: 'working_hour', amount });
const sameDay: Duration = { unit: 'same_day', amount: 1 };

type Case = [label: string, received: [string, string], duration: Duration, opts: { paperCutoff: boolean }, due: string];

describe('computeDue — real cases (official 2025/2026 adjustments)', () => {
  const cases: Case[] = [
    ['Fri before Tết Bính Ngọ, 3 days (off Mon 16/2 – Fri 20/2)', ['2026-02-13', '10:00'], days(3), paper, '2026-02-25T10:00'],
    ['Tue 29/4/2025 16:00 paper, 1 day: 30/4, 1/5, swapped 2/5, weekend', ['2025-04-29', '16:00'], days(1), paper, '2025-05-05T17:30'],
    ['same, online (no cut-off): 90 min on 29/4 + 390 min on 5/5', ['2025-04-29', '16:00'], days(1), online, '2025-05-05T16:00'],
    ['Fri 29/8/2025, 2 days over Quốc khánh (1/9 + 2/9 off)', ['2025-08-29', '09:00'], days(2), paper, '2025-09-04T09:00'],
    ['make-up Saturday 26/4/2025 counts', ['2025-04-25', '14:00'], days(1), paper, '2025-04-26T14:00'],
    ['make-up Saturday 10/1/2026 counts', ['2026-01-09', '10:00'], days(1), paper, '2026-01-10T10:00'],
    ['New Year 2026: 1/1 holiday + 2/1 swapped', ['2025-12-31', '10:00'], days(2), paper, '2026-01-06T10:00'],
    ['Tết Ất Tỵ official: 27/1–31/1 off, 3/2 worked', ['2025-01-24', '10:00'], days(1), paper, '2025-02-03T10:00'],
    ['Giỗ Tổ 2026 on Sunday → nghỉ bù Mon 27/4', ['2026-04-24', '09:00'], days(1), paper, '2026-04-28T09:00'],
    ['30/4–1/5/2026 (Thu–Fri)', ['2026-04-29', '09:00'], days(2), paper, '2026-05-05T09:00'],
    ['same-day procedure received 15:30 → end of next working day', ['2026-03-12', '15:30'], sameDay, online, '2026-03-13T17:30'],
    ['same-day procedure received 14:00 → end of the day', ['2026-03-12', '14:00'], sameDay, online, '2026-03-12T17:30'],
    ['same-day received Fri 13/2/2026 15:30 → after Tết', ['2026-02-13', '15:30'], sameDay, paper, '2026-02-23T17:30'],
    ['same-day received on Saturday intake', ['2026-03-14', '09:00'], sameDay, paper, '2026-03-16T17:30'],
    ['exactly 15:00 is not "after 15:00"', ['2026-03-12', '15:00'], days(1), paper, '2026-03-13T15:00'],
    ['15:01 paper → from next morning, ends at the session end', ['2026-03-12', '15:01'], days(1), paper, '2026-03-13T17:30'],
    ['before opening → from 07:30, ends 17:30 the same day', ['2026-03-12', '07:00'], days(1), paper, '2026-03-12T17:30'],
    ['at lunch → from 13:30; 8 h later is the end of the next morning (11:30), not 13:30', ['2026-03-12', '12:00'], days(1), paper, '2026-03-13T11:30'],
    ['half day from 10:00 → 16:00', ['2026-03-09', '10:00'], halfDays(1), paper, '2026-03-09T16:00'],
    ['0.25 day (2 h) from 10:00 → 14:00', ['2026-03-09', '10:00'], days(0.25), paper, '2026-03-09T14:00'],
    ['2 working hours from 16:30 online → next day 08:30', ['2026-03-09', '16:30'], hours(2), online, '2026-03-10T08:30'],
    ['15 working days', ['2026-03-02', '08:00'], days(15), paper, '2026-03-23T08:00'],
    ['zero duration = counting start', ['2026-03-13', '18:00'], hours(0), online, '2026-03-16T07:30'],
  ];

  it.each(cases)('%s', (_label, [date, time], duration, opts, expected) => {
    expect(formatVn(computeDue(at(date, time), duration, cal, opts))).toBe(`${expected}:00+07:00`);
  });

  it('without the official data the generator alone gives another answer (Tết 2025)', () => {
    const plain = createWorkingCalendar();
    expect(formatVn(computeDue(at('2025-01-24', '10:00'), days(1), plain, paper))).toBe(
      '2025-01-27T10:00:00+07:00',
    );
  });

  it('counting start and input validation', () => {
    expect(countingStart(at('2026-03-12', '15:30'), cal, paper)).toEqual(at('2026-03-13', '07:30'));
    expect(countingStart(at('2026-03-12', '15:30'), cal, online)).toEqual(at('2026-03-12', '15:30'));
    expect(countingStart(at('2026-03-12', '14:30'), cal, { paperCutoff: true, cutoffTime: '14:00' })).toEqual(
      at('2026-03-13', '07:30'),
    );
    expect(() => computeDue(at('2026-03-12', '10:00'), { unit: 'working_day', amount: -1 }, cal, paper)).toThrow(RangeError);
    expect(() => computeDue(new Date(NaN), days(1), cal, paper)).toThrow(RangeError);
  });

  describe('independent of the process time zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });
    it.each(['UTC', 'Asia/Ho_Chi_Minh', 'America/New_York', 'Pacific/Kiritimati'])('TZ=%s', (tz) => {
      process.env.TZ = tz;
      const c = createWorkingCalendar({ adjustments: officialAdjustments });
      const due = computeDue(at('2026-02-13', '10:00'), days(3), c, paper);
      expect(due.toISOString()).toBe('2026-02-25T03:00:00.000Z');
      expect(classifyFinish(new Date('2026-02-24T17:30:00Z'), due)).toBe('on_time'); // 25/2 00:30 VN
    });
  });
});

describe('classifyFinish and deadlineState', () => {
  const due = at('2026-02-25', '10:00');
  it.each([
    ['2026-02-24', '16:00', 'early'],
    ['2026-02-25', '09:00', 'on_time'],
    ['2026-02-25', '10:00', 'on_time'],
    ['2026-02-25', '10:01', 'late'],
    ['2026-02-26', '08:00', 'late'],
  ] as const)('finished %s %s → %s', (date, time, expected) => {
    expect(classifyFinish(at(date, time), due)).toBe(expected);
  });

  it('deadline state by remaining working minutes', () => {
    // 24/2 16:00 → 25/2 10:00 = 90 + 150 = 240 working minutes.
    expect(deadlineState(at('2026-02-24', '16:00'), due, cal, 240)).toBe('due_soon');
    expect(deadlineState(at('2026-02-24', '16:00'), due, cal, 239)).toBe('on_track');
    expect(deadlineState(due, due, cal, 0)).toBe('due_soon');
    expect(deadlineState(at('2026-02-25', '10:01'), due, cal, 240)).toBe('overdue');
  });
});

describe('properties', () => {
  const minute = 60_000;
  const base = at('2025-01-01', '00:00').getTime();
  const received = fc.integer({ min: 0, max: 700 * 24 * 60 }).map((m) => new Date(base + m * minute));
  const unit = fc.constantFrom<DurationUnit>('working_day', 'half_day', 'working_hour', 'same_day');
  const amount = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom(0.25, 0.5, 0.75, 1.5));
  const duration = fc.record({ unit, amount });
  const opts = fc.record({ paperCutoff: fc.boolean() });

  it('due ≥ received', () => {
    fc.assert(
      fc.property(received, duration, opts, (r, d, o) => {
        expect(computeDue(r, d, cal, o).getTime()).toBeGreaterThanOrEqual(r.getTime());
      }),
    );
  });

  it('monotonic in the received time', () => {
    fc.assert(
      fc.property(received, received, duration, opts, (a, b, d, o) => {
        const [r1, r2] = a <= b ? [a, b] : [b, a];
        expect(computeDue(r1, d, cal, o).getTime()).toBeLessThanOrEqual(computeDue(r2, d, cal, o).getTime());
      }),
    );
  });

  it('monotonic in the duration', () => {
    fc.assert(
      fc.property(received, unit, amount, amount, opts, (r, u, a, b, o) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        const d1 = computeDue(r, { unit: u, amount: small }, cal, o);
        const d2 = computeDue(r, { unit: u, amount: large }, cal, o);
        expect(d1.getTime()).toBeLessThanOrEqual(d2.getTime());
      }),
    );
  });

  it('the due time lies inside a working session or at its end', () => {
    fc.assert(
      fc.property(received, duration, opts, (r, d, o) => {
        const due = computeDue(r, d, cal, o);
        const t = vnMsOfDay(due) / minute;
        const sessions = cal.sessionsOn(vnDateOf(due)).map((s) => {
          const [sh, sm] = s.start.split(':').map(Number) as [number, number];
          const [eh, em] = s.end.split(':').map(Number) as [number, number];
          return [sh * 60 + sm, eh * 60 + em] as const;
        });
        expect(sessions.some(([s, e]) => s <= t && t <= e)).toBe(true);
      }),
    );
  });

  it('working days: the counted working minutes equal the duration', () => {
    fc.assert(
      fc.property(received, fc.integer({ min: 0, max: 30 }), opts, (r, n, o) => {
        const start = countingStart(r, cal, o);
        const due = computeDue(r, { unit: 'working_day', amount: n }, cal, o);
        expect(cal.workingMinutesBetween(start, due)).toBe(n * 480);
      }),
    );
  });

  it('classifyFinish is consistent with the order of instants and Vietnam days', () => {
    fc.assert(
      fc.property(received, received, (finished, due) => {
        const c = classifyFinish(finished, due);
        expect(c === 'late').toBe(finished.getTime() > due.getTime());
        if (c === 'early') expect(vnDateOf(finished) < vnDateOf(due)).toBe(true);
        if (c === 'on_time') expect(vnDateOf(finished)).toBe(vnDateOf(due));
        expect(classifyFinish(due, due)).toBe('on_time');
      }),
    );
  });

  it('deadlineState: overdue exactly after the due instant; due_soon widens with the threshold', () => {
    fc.assert(
      fc.property(received, received, fc.integer({ min: 0, max: 2000 }), (now, due, soon) => {
        const s = deadlineState(now, due, cal, soon);
        expect(s === 'overdue').toBe(now.getTime() > due.getTime());
        if (s === 'due_soon') expect(deadlineState(now, due, cal, soon + 1)).toBe('due_soon');
      }),
    );
  });
});
