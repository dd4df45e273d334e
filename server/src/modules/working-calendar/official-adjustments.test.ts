/**
 * The official days off of 2021–2023 (official-adjustments.ts), checked against a table computed by hand from the
 * notices quoted there, and — for the years where the notice departs from BLLĐ 2019's default — against the
 * generator alone, which must give another answer (so each row proves the data is used).
 */
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from './calendar.rules.js';
import { computeDue } from './deadline.rules.js';
import { officialAdjustments } from './official-adjustments.js';
import { formatVn, vnInstant } from './vn-time.js';

const official = createWorkingCalendar({ adjustments: officialAdjustments });
const generatorOnly = createWorkingCalendar();

// [date, weekday, is a working day officially, what the generator alone says]
type Row = [date: string, weekday: string, working: boolean, generator: boolean];
const table: Row[] = [
  // 2021 — Tết Tân Sửu 10–16/02 (29 tháng Chạp → mùng 5); 17/02 worked.
  ['2021-02-09', 'Tue', true, true],
  ['2021-02-10', 'Wed', false, true],
  ['2021-02-11', 'Thu', false, false],
  ['2021-02-12', 'Fri', false, false],
  ['2021-02-15', 'Mon', false, false],
  ['2021-02-16', 'Tue', false, false],
  ['2021-02-17', 'Wed', true, false],
  // 2021 — 30/4 Fri, 1/5 Sat → nghỉ bù Mon 3/5.
  ['2021-04-30', 'Fri', false, false],
  ['2021-05-03', 'Mon', false, false],
  ['2021-05-04', 'Tue', true, true],
  // 2021 — Quốc khánh: 2/9 and the day after, 3/9; 1/9 worked.
  ['2021-09-01', 'Wed', true, false],
  ['2021-09-02', 'Thu', false, false],
  ['2021-09-03', 'Fri', false, true],
  ['2021-09-06', 'Mon', true, true],
  // 2022 — Tết Nhâm Dần: weekdays 31/01–04/02 off, 07/02 worked.
  ['2022-01-03', 'Mon', false, false], // nghỉ bù for 1/1 (Saturday)
  ['2022-01-28', 'Fri', true, true],
  ['2022-01-31', 'Mon', false, false],
  ['2022-02-04', 'Fri', false, false],
  ['2022-02-07', 'Mon', true, true],
  // 2022 — Giỗ Tổ Sun 10/4 → 11/4; 30/4 Sat + 1/5 Sun → 2/5 and 3/5.
  ['2022-04-11', 'Mon', false, false],
  ['2022-05-02', 'Mon', false, false],
  ['2022-05-03', 'Tue', false, false],
  ['2022-05-04', 'Wed', true, true],
  // 2022 — Quốc khánh 1/9 + 2/9.
  ['2022-08-31', 'Wed', true, true],
  ['2022-09-01', 'Thu', false, false],
  ['2022-09-02', 'Fri', false, false],
  ['2022-09-05', 'Mon', true, true],
  // 2023 — 1/1 Sunday → 2/1; Tết Quý Mão 20–26/01 (29 tháng Chạp → mùng 5); 27/01 worked.
  ['2023-01-02', 'Mon', false, false],
  ['2023-01-19', 'Thu', true, true],
  ['2023-01-20', 'Fri', false, true],
  ['2023-01-23', 'Mon', false, false],
  ['2023-01-26', 'Thu', false, false],
  ['2023-01-27', 'Fri', true, false],
  // 2023 — Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon → 2/5 and 3/5.
  ['2023-05-01', 'Mon', false, false],
  ['2023-05-02', 'Tue', false, false],
  ['2023-05-03', 'Wed', false, false],
  ['2023-05-04', 'Thu', true, true],
  // 2023 — Quốc khánh Sat 2/9 + Fri 1/9 → nghỉ bù Mon 4/9.
  ['2023-08-31', 'Thu', true, true],
  ['2023-09-01', 'Fri', false, false],
  ['2023-09-04', 'Mon', false, false],
  ['2023-09-05', 'Tue', true, true],
];

describe('official days off 2021–2023 (hand-computed table)', () => {
  it.each(table)('%s (%s): working %s', (date, weekday, working, generator) => {
    expect(new Date(`${date}T12:00:00+07:00`).toLocaleDateString('en-US', { weekday: 'short', timeZone: 'Asia/Ho_Chi_Minh' })).toBe(weekday);
    expect(official.isWorkingDay(date)).toBe(working);
    expect(generatorOnly.isWorkingDay(date)).toBe(generator);
  });

  it('deadlines across the 2021 and 2023 Tết and the 2021 Quốc khánh follow the official days', () => {
    const oneDay = { unit: 'working_day', amount: 1 } as const;
    const due = (date: string, time: string): string => formatVn(computeDue(vnInstant(date, time), oneDay, official, { paperCutoff: true }));
    // Tue 9/2/2021 10:00 + 1 day: 10/2 → 16/2 off → Wed 17/2 10:00 (the generator alone says Thu 18/2).
    expect(due('2021-02-09', '10:00')).toBe('2021-02-17T10:00:00+07:00');
    // Tue 31/8/2021 10:00 + 1 day → Wed 1/9 10:00 (worked in 2021).
    expect(due('2021-08-31', '10:00')).toBe('2021-09-01T10:00:00+07:00');
    // Wed 1/9/2021 10:00 + 1 day: 2/9, 3/9 off, weekend → Mon 6/9 10:00.
    expect(due('2021-09-01', '10:00')).toBe('2021-09-06T10:00:00+07:00');
    // Thu 19/1/2023 10:00 + 1 day: 20/1 → 26/1 off → Fri 27/1 10:00.
    expect(due('2023-01-19', '10:00')).toBe('2023-01-27T10:00:00+07:00');
  });
});
