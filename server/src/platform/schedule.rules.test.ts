import { describe, expect, it } from 'vitest';
import { isTick, latestTick, parseCron } from './schedule.rules.js';

const vn = (s: string) => new Date(`${s}+07:00`);

describe('cron ticks in Vietnam time', () => {
  it.each([
    ['* * * * *', '2026-12-03T16:07:00', true],
    ['*/10 * * * *', '2026-12-03T16:10:00', true],
    ['*/10 * * * *', '2026-12-03T16:07:00', false],
    ['16 * * * *', '2026-12-03T09:16:00', true],
    ['0 16 * * *', '2026-12-03T16:00:00', true],
    ['0 16 * * *', '2026-12-03T09:00:00', false], // 16:00 in UTC is not 16:00 in Vietnam
    ['1 0 * * *', '2026-12-04T00:01:00', true],
    ['30 22 * * 1-5', '2026-12-05T22:30:00', false], // a Saturday
    ['30 22 * * 1-5', '2026-12-04T22:30:00', true], // a Friday
    ['0 8 1 * 0', '2026-12-06T08:00:00', true], // both day fields restricted: a Sunday fires, as in cron
    ['0 8 1 * 7', '2026-12-01T08:00:00', true],
    ['5-20/5 * * * *', '2026-12-03T10:15:00', true],
    ['5-20/5 * * * *', '2026-12-03T10:25:00', false],
  ])('%s at %s → %s', (cron, at, expected) => {
    expect(isTick(parseCron(cron), vn(at))).toBe(expected);
  });

  it('names a tick by its own instant, whatever second it is noticed at', () => {
    const every10 = parseCron('*/10 * * * *');
    expect(latestTick(every10, vn('2026-12-03T16:10:00'), 300_000)).toEqual(vn('2026-12-03T16:10:00'));
    expect(latestTick(every10, vn('2026-12-03T16:14:59.900'), 300_000)).toEqual(vn('2026-12-03T16:10:00'));
    // Noticed after the window (all instances cut off for longer): not fired late.
    expect(latestTick(every10, vn('2026-12-03T16:15:01'), 300_000)).toBeNull();
    expect(latestTick(parseCron('0 16 * * *'), vn('2026-12-03T16:04:30'), 300_000)).toEqual(vn('2026-12-03T16:00:00'));
  });

  it.each(['* * * *', '60 * * * *', '* 24 * * *', '*/0 * * * *', 'a * * * *', '5-1 * * * *'])('refuses %s', (cron) => {
    expect(() => parseCron(cron)).toThrow(/cron/);
  });
});
