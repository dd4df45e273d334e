import { describe, expect, it } from 'vitest';
import { formatDate as portalFormatDate, formatDateTime } from '../../../portal/src/lib/format.js';
import { formatDate } from './format.js';

describe('dates shown to people are in Vietnam time', () => {
  it.each([
    ['2026-12-03T23:03:00.000Z', '04/12/2026'], // the tester's answer at 04/12 06:03 Vietnam time
    ['2026-12-03T16:59:59.000Z', '03/12/2026'],
    ['2026-12-03T17:00:00.000Z', '04/12/2026'],
    ['2026-12-31T17:30:00+00:00', '01/01/2027'],
    ['2026-02-17', '17/02/2026'], // a calendar date stays the same date
    ['', ''],
    ['không phải ngày', 'không phải ngày'],
  ])('%s → %s', (iso, shown) => {
    expect(formatDate(iso)).toBe(shown);
    expect(portalFormatDate(iso)).toBe(shown);
  });
  it('the time of day agrees with the date', () => {
    expect(formatDateTime('2026-12-03T23:03:00.000Z')).toBe('04/12/2026 06:03');
  });
});
