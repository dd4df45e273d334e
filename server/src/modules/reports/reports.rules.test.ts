import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateOfDayNumber, dayNumberOf } from '../working-calendar/vn-time.js';
import { reportJobs } from './reports.jobs.js';
import { loadConfig } from '../../platform/config.js';
import { dailyCron, dailyLines, form06Row, inUnitOrder, mayAssignTarget, periodRange, planRange, points766, rankUnits, zeroCounters } from './reports.rules.js';

describe('planRange', () => {
  it('reads whole months from month rows and the ragged ends from day rows', () => {
    const noWeeks = { weeks: false };
    expect(planRange('2026-01-01', '2026-12-31')).toEqual({ monthFrom: '2026-01-01', monthTo: '2027-01-01', weekRanges: [], dayRanges: [] });
    expect(planRange('2026-01-15', '2026-03-10', noWeeks)).toEqual({ monthFrom: '2026-02-01', monthTo: '2026-03-01', weekRanges: [], dayRanges: [['2026-01-15', '2026-01-31'], ['2026-03-01', '2026-03-10']] });
    expect(planRange('2026-02-03', '2026-02-20', noWeeks)).toEqual({ monthFrom: null, monthTo: null, weekRanges: [], dayRanges: [['2026-02-03', '2026-02-20']] });
    expect(planRange('2026-12-02', '2027-01-31', noWeeks)).toEqual({ monthFrom: '2027-01-01', monthTo: '2027-02-01', weekRanges: [], dayRanges: [['2026-12-02', '2026-12-31']] });
    // With week parts (the default): 15/01/2026 is a Thursday, 01/03/2026 a Sunday.
    expect(planRange('2026-01-15', '2026-03-10')).toEqual({
      monthFrom: '2026-02-01', monthTo: '2026-03-01', weekRanges: [['2026-01-19', '2026-01-31'], ['2026-03-01', '2026-03-08']], dayRanges: [['2026-01-15', '2026-01-18'], ['2026-03-09', '2026-03-10']],
    });
  });

  it('covers every day of the range exactly once', () => {
    const base = dayNumberOf('2024-01-01');
    fc.assert(
      fc.property(fc.nat(1500), fc.nat(800), (a, len) => {
        const from = dateOfDayNumber(base + a);
        const to = dateOfDayNumber(base + a + len);
        const p = planRange(from, to);
        const days: string[] = [];
        for (const [x, y] of [...p.dayRanges, ...p.weekRanges]) for (let d = dayNumberOf(x); d <= dayNumberOf(y); d++) days.push(dateOfDayNumber(d));
        if (p.monthFrom && p.monthTo) for (let d = dayNumberOf(p.monthFrom); d < dayNumberOf(p.monthTo); d++) days.push(dateOfDayNumber(d));
        days.sort();
        expect(days.length).toBe(len + 1);
        expect(days[0]).toBe(from);
        expect(days.at(-1)).toBe(to);
        expect(new Set(days).size).toBe(days.length);
        if (p.monthFrom) expect(p.monthFrom.endsWith('-01') && p.monthTo!.endsWith('-01')).toBe(true);
      }),
    );
  });
});

describe('periods, Biểu 06, points, ranking, schedule', () => {
  it('gives month, quarter and year ranges', () => {
    expect(periodRange('month', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodRange('quarter', '2026-11-25')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodRange('year', '2026-11-25')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('keeps the identities of Biểu 06: 3 = 4 + 5 + 6, 7 = 8 + 9 + 10, 11 = 12 + 13, 3 = 7 + 11', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(50), fc.nat(50), fc.nat(30), fc.nat(30), fc.nat(30), fc.nat(100), (desk, online, postal, carried, early, onTime, late, overdue) => {
        const c = { ...zeroCounters(), received: desk + online + postal, received_desk: desk, received_online: online, received_postal: postal, resolved: early + onTime + late, resolved_early: early, resolved_on_time: onTime, resolved_late: late };
        fc.pre(c.resolved <= c.received + carried);
        const r = form06Row(c, carried, { total: c.received + carried - c.resolved, overdue });
        expect(r.total).toBe(r.online + r.deskPostal + r.carriedOver);
        expect(r.resolved).toBe(r.early + r.onTime + r.late);
        expect(r.open).toBe((r.openOnTime ?? 0) + (r.openOverdue ?? 0));
        expect(r.total).toBe(r.resolved + r.open);
        expect(r.openOverdue).toBeLessThanOrEqual(r.open);
      }),
    );
  });

  it('scores QĐ 766 indicators against their targets', () => {
    expect(points766(25, 12, 50)).toBe(6);
    expect(points766(60, 12, 50)).toBe(12);
    expect(points766(75, 20, null)).toBe(15);
    expect(points766(null, 20, null)).toBeNull();
  });

  it('ranks with shared ranks, leaves units without dossiers unranked and flags laggards', () => {
    const r = rankUnits([
      { unitId: 'a', name: 'A', ratePct: 50, targetPct: 40 },
      { unitId: 'b', name: 'B', ratePct: 50, targetPct: 60 },
      { unitId: 'c', name: 'C', ratePct: 10, targetPct: null },
      { unitId: 'd', name: 'D', ratePct: null, targetPct: 40 },
    ]);
    expect(r.map((u) => [u.unitId, u.rank, u.laggard, u.gapPct])).toEqual([
      ['a', 1, false, 10],
      ['b', 1, true, -10],
      ['c', 3, false, null],
      ['d', null, false, null],
    ]);
  });

  it('schedules the daily report at REPORT_DAILY_AT (16:00 by default)', () => {
    expect(dailyCron('16:00')).toBe('0 16 * * *');
    expect(dailyCron('07:05')).toBe('5 7 * * *');
    expect(() => dailyCron('25:00')).toThrow(RangeError);
    const job = reportJobs.find((j) => j.name === 'reports.daily')!;
    expect(typeof job.cron === 'function' && job.cron(loadConfig({}))).toBe('0 16 * * *');
    expect(typeof job.cron === 'function' && job.cron(loadConfig({ REPORT_DAILY_AT: '17:30' }))).toBe('30 17 * * *');
    expect(() => loadConfig({ REPORT_DAILY_AT: '4pm' })).toThrow();
  });
});

describe('mayAssignTarget', () => {
  const province = '/p/';
  const ward = '/p/w/';
  const office = '/p/w/o/';
  it.each([
    ['leader of the province → a ward', [{ role: 'leader', unitPath: province }], ward, true],
    ['leader of the ward → its own office', [{ role: 'leader', unitPath: ward }], office, true],
    ['leader of the ward → the ward itself', [{ role: 'leader', unitPath: ward }], ward, false],
    ['leader of the ward → the province', [{ role: 'leader', unitPath: ward }], province, false],
    ['leader of the ward → another ward', [{ role: 'leader', unitPath: ward }], '/p/x/', false],
    ['office of the ward → the ward itself', [{ role: 'inspector', unitPath: ward }], ward, true],
    ['administrator of the province → the province', [{ role: 'admin', unitPath: province }], province, true],
    ['head of department → anything', [{ role: 'head', unitPath: province }], ward, false],
    ['desk officer → anything', [{ role: 'desk_officer', unitPath: province }], ward, false],
  ] as const)('%s', (_, grants, path, expected) => {
    expect(mayAssignTarget(grants, path)).toBe(expected);
  });
});

describe('report order and the daily report lines', () => {
  const u = (id: string, parentId: string | null, kind: string, name: string) => ({ id, parentId, kind, name });
  const province = u('p', null, 'province', 'Tỉnh Thử');
  const units = [
    province,
    u('x1', 'p', 'commune', 'Xã Ông Đình'),
    u('x2', 'p', 'commune', 'Phường Âu Cơ'),
    u('x3', 'p', 'commune', 'Phường An Bình'),
    u('s1', 'p', 'department', 'Sở Tư pháp'),
    u('d1', 'x3', 'desk', 'Bộ phận một cửa'),
    u('o1', 'x3', 'office', 'Phòng Văn hóa'),
  ];

  it('orders by level, then by name with the Vietnamese letters in place (A < Â, O < Ô)', () => {
    expect(inUnitOrder(units.filter((x) => x.parentId === 'p')).map((x) => x.name)).toEqual(['Sở Tư pháp', 'Phường An Bình', 'Phường Âu Cơ', 'Xã Ông Đình']);
  });

  it('puts a unit’s own line before its sub-units, depth-first; a unit without sub-units has no own line', () => {
    expect(dailyLines(province, units).map((l) => `${'.'.repeat(l.depth)}${l.unit.id}${l.direct ? '*' : ''}`)).toEqual(['p*', 's1', 'x3', '.x3*', '.o1', '.d1', 'x2', 'x1']);
    expect(dailyLines(units[1]!, units)).toEqual([]);
  });

  it('gives the same lines however the units come from the database', () => {
    const expected = dailyLines(province, units);
    fc.assert(
      fc.property(fc.shuffledSubarray(units, { minLength: units.length, maxLength: units.length }), (shuffled) => {
        expect(dailyLines(province, shuffled)).toEqual(expected);
      }),
    );
  });
});
