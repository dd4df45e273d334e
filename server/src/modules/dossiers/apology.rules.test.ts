import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../working-calendar/calendar.rules.js';
import { officialAdjustments } from '../working-calendar/official-adjustments.js';
import { vnInstant } from '../working-calendar/vn-time.js';
import { apologyAvailability, apologyIsLate, checkApology, deadlineStateWithin, dueSoonUntil, needsApology } from './dossier-deadline.rules.js';
import { deadlineState } from '../working-calendar/deadline.rules.js';
import { dossierStatuses } from './dossier.rules.js';

const cal = createWorkingCalendar({ adjustments: officialAdjustments });
const at = (s: string) => vnInstant(s.slice(0, 10), s.slice(11));
const rules = { apologyLeadWorkingDays: 1, maxReappointments: 1 };

/**
 * The letter is due one working day (480 working minutes, 07:30–11:30 and 13:30–17:30) before the due time
 * (ND 61/2018 Điều 19 k9); counted on the working calendar with its holidays. Later it is late, never refused.
 */
describe('apology window by working days — hand-computed', () => {
  const cases: [label: string, now: string, due: string, late: boolean][] = [
    ['Wed 08:00 → Thu 08:00: 450 + 30 = 480 min, exactly one working day', '2026-12-02T08:00', '2026-12-03T08:00', false],
    ['one minute later: 479 min left', '2026-12-02T08:01', '2026-12-03T08:00', true],
    ['Wed 15:00 → Thu 08:00: 150 + 30 min', '2026-12-02T15:00', '2026-12-03T08:00', true],
    ['Fri 17:30 → Mon 17:30 over a weekend: 480 min', '2026-12-04T17:30', '2026-12-07T17:30', false],
    ['Fri 13/2 10:00 → Mon 23/2 10:00 over Tết Bính Ngọ (16–20/2 off): 330 + 150', '2026-02-13T10:00', '2026-02-23T10:00', false],
    ['same, five minutes later', '2026-02-13T10:05', '2026-02-23T10:00', true],
    ['Wed 29/4 09:00 → Mon 4/5 09:00 over 30/4, 1/5 and the weekend: 390 + 90', '2026-04-29T09:00', '2026-05-04T09:00', false],
    ['Thu 30/4 (holiday) → Mon 4/5 09:00: 90 min', '2026-04-30T09:00', '2026-05-04T09:00', true],
    ['after the due time', '2026-12-04T09:00', '2026-12-03T08:00', true],
    ['at the due time', '2026-12-03T08:00', '2026-12-03T08:00', true],
    ['three working days ahead', '2026-11-30T08:00', '2026-12-03T08:00', false],
  ];
  it.each(cases)('%s', (_l, now, due, late) => {
    expect(apologyIsLate(at(now), at(due), cal, 1)).toBe(late);
    const d = { status: 'processing', dueAt: at(due), apologyCount: 0 };
    expect(apologyAvailability(d, at(now), cal, rules)).toEqual({ possible: true, late });
  });

  it('is refused only for a date not after the current appointment or not after now, and for a dossier already re-appointed', () => {
    expect(checkApology(at('2026-12-04T09:00'), at('2026-12-03T08:00'), at('2026-12-08T17:00'), cal, 1)).toEqual({ ok: true, late: true });
    expect(checkApology(at('2026-12-01T09:00'), at('2026-12-03T08:00'), at('2026-12-08T17:00'), cal, 1)).toEqual({ ok: true, late: false });
    expect(checkApology(at('2026-12-01T09:00'), at('2026-12-03T08:00'), at('2026-12-03T08:00'), cal, 1).ok).toBe(false);
    expect(checkApology(at('2026-12-05T09:00'), at('2026-12-03T08:00'), at('2026-12-04T17:00'), cal, 1).ok).toBe(false);
    expect(apologyAvailability({ status: 'processing', dueAt: at('2026-12-03T08:00'), apologyCount: 1 }, at('2026-12-01T09:00'), cal, rules)).toMatchObject({ possible: false });
    expect(apologyAvailability({ status: 'returned', dueAt: at('2026-12-03T08:00'), apologyCount: 0 }, at('2026-12-01T09:00'), cal, rules)).toMatchObject({ possible: false });
    expect(apologyAvailability({ status: 'supplement_requested', dueAt: at('2026-12-03T08:00'), apologyCount: 0 }, at('2026-12-01T09:00'), cal, rules)).toMatchObject({ possible: false });
  });
});

describe('apology rules — properties', () => {
  const base = at('2026-01-05T07:30').getTime();
  const instant = fc.integer({ min: 0, max: 400 * 86_400 }).map((s) => new Date(base + s * 1000));

  it('once late, later is late too (the window does not reopen)', () => {
    fc.assert(fc.property(instant, instant, instant, (a, b, due) => {
      const [early, later] = a <= b ? [a, b] : [b, a];
      if (apologyIsLate(early, due, cal, 1)) expect(apologyIsLate(later, due, cal, 1)).toBe(true);
    }));
  });

  it('with no lead time, late means past the due time', () => {
    fc.assert(fc.property(instant, instant, (now, due) => {
      expect(apologyIsLate(now, due, cal, 0)).toBe(now >= due);
    }));
  });

  it('lateness never refuses the letter: any date after the appointment and after now is accepted', () => {
    fc.assert(fc.property(instant, instant, instant, (now, due, newDue) => {
      const r = checkApology(now, due, newDue, cal, 1);
      expect(r.ok).toBe(newDue > due && newDue > now);
    }));
  });

  it('no dead end: every dossier the queue lists can get its letter now', () => {
    fc.assert(fc.property(fc.constantFrom(...dossierStatuses), fc.option(instant, { nil: null }), fc.integer({ min: 0, max: 2 }), instant, (status, dueAt, apologyCount, now) => {
      const d = { status, dueAt, apologyCount };
      const before = cal.addWorkingMinutes(now, 960);
      if (needsApology(d, before, 1)) expect(apologyAvailability(d, now, cal, rules).possible).toBe(true);
    }));
  });
});

describe('due soon — one rule', () => {
  const base = at('2026-01-05T07:30').getTime();
  const instant = fc.integer({ min: 0, max: 400 * 86_400 }).map((s) => new Date(base + s * 1000));

  it('the tab edge (dueSoonUntil) gives exactly the working-time state: at most one working day left', () => {
    fc.assert(fc.property(instant, fc.integer({ min: -3 * 86_400, max: 6 * 86_400 }), (now, ahead) => {
      const due = new Date(now.getTime() + ahead * 1000);
      expect(deadlineStateWithin(now, due, dueSoonUntil(now, cal))).toBe(deadlineState(now, due, cal, cal.workingDayMinutesOn(now)));
    }), { numRuns: 500 });
  });

  it('a due time on the edge after a session end is still due soon (Fri 17:30 → Mon 17:30 and up to Tue 07:30)', () => {
    const now = at('2026-12-04T17:30');
    expect(dueSoonUntil(now, cal)).toEqual(at('2026-12-08T07:30'));
    expect(deadlineStateWithin(now, at('2026-12-07T17:30'), dueSoonUntil(now, cal))).toBe('due_soon');
    expect(deadlineStateWithin(now, at('2026-12-08T07:31'), dueSoonUntil(now, cal))).toBe('on_track');
  });
});
