import { dateOfDayNumber, dayNumberOf, isoWeekday, ymd } from '../working-calendar/vn-time.js';

/** Counter columns of report_counter, in one place for the SQL and the rules. */
export const counterMetrics = [
  'received', 'received_desk', 'received_online', 'received_postal', 'received_full_eligible', 'received_online_full',
  'received_with_fee', 'result_by_post', 'resolved', 'resolved_early', 'resolved_on_time', 'resolved_late',
  'resolved_late_national', 'resolved_online', 'resolved_online_late', 'returned', 'returned_post', 'apologies', 'apologies_late',
  'digitised', 'e_result', 'paid_online', 'satisfaction_sum', 'satisfaction_count', 'satisfied_count',
] as const;
export type CounterMetric = (typeof counterMetrics)[number];
export type Counters = Record<CounterMetric, number>;

export function zeroCounters(): Counters {
  return Object.fromEntries(counterMetrics.map((m) => [m, 0])) as Counters;
}

export function addCounters(a: Counters, b: Counters): Counters {
  return Object.fromEntries(counterMetrics.map((m) => [m, a[m] + b[m]])) as Counters;
}

/** Open dossiers at an instant: on time and overdue; `overdue` is null when no end-of-day snapshot exists. */
export type OpenStock = { total: number; overdue: number | null };

/**
 * How a day range [from, to] (inclusive, Vietnam dates) is read from the counters: whole months from the month rows,
 * whole week parts from the week rows, the ragged ends from the day rows. A week part is an ISO week cut at month ends
 * (its bucket is the Monday, or the 1st when the week began the month before; migration 20261209050000), so days nest
 * in week parts and week parts in months: any range is at most 6 head days + week parts + months + week parts + 6 tail
 * days. A year is 12 month rows per unit and procedure instead of 365 day rows; 15/07–20/10 is 7 day, 5 week and
 * 2 month rows instead of 37 day and 2 month rows.
 * `weekRanges` are inclusive bucket ranges of the week rows (`bucket BETWEEN a AND b`); `weeks: false` plans days and
 * months only (the read before week rows existed, kept for the benchmark's side-by-side).
 */
export type RangePlan = { monthFrom: string | null; monthTo: string | null; weekRanges: [string, string][]; dayRanges: [string, string][] };

/** The 1st of the month of a day. */
function monthStart(date: string): string {
  return `${date.slice(0, 8)}01`;
}

/** Whether a week part starts on this day number: a Monday or the 1st of a month. */
function startsWeekPart(day: number): boolean {
  return isoWeekday(day) === 1 || dateOfDayNumber(day).endsWith('-01');
}

/** Splits [a, b] (day numbers, within one month) into whole week parts and the days around them. */
function planWithinMonth(a: number, b: number, weeks: boolean, plan: RangePlan): void {
  if (!weeks) {
    plan.dayRanges.push([dateOfDayNumber(a), dateOfDayNumber(b)]);
    return;
  }
  let first = a;
  while (first <= b && !startsWeekPart(first)) first++;
  let last = b; // the last day of the last whole week part: the next day starts a part
  while (last >= first && !startsWeekPart(last + 1)) last--;
  if (first > last) {
    plan.dayRanges.push([dateOfDayNumber(a), dateOfDayNumber(b)]);
    return;
  }
  if (a < first) plan.dayRanges.push([dateOfDayNumber(a), dateOfDayNumber(first - 1)]);
  plan.weekRanges.push([dateOfDayNumber(first), dateOfDayNumber(last)]);
  if (last < b) plan.dayRanges.push([dateOfDayNumber(last + 1), dateOfDayNumber(b)]);
}

export function planRange(from: string, to: string, opts: { weeks?: boolean } = {}): RangePlan {
  if (from > to) throw new RangeError(`from ${from} > to ${to}`);
  const weeks = opts.weeks ?? true;
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const firstFull = fd === 1 ? ymd(fy, fm, 1) : fm === 12 ? ymd(fy + 1, 1, 1) : ymd(fy, fm + 1, 1);
  const afterTo = dateOfDayNumber(dayNumberOf(to) + 1);
  const [ty, tm, td] = afterTo.split('-').map(Number) as [number, number, number];
  const endFull = td === 1 ? afterTo : ymd(ty, tm, 1); // first day after the last whole month
  const plan: RangePlan = { monthFrom: null, monthTo: null, weekRanges: [], dayRanges: [] };
  const f = dayNumberOf(from);
  const t = dayNumberOf(to);
  if (firstFull >= endFull) {
    // No whole month: one piece, or two when the range crosses a month end.
    const second = dayNumberOf(monthStart(to));
    if (second > f) {
      planWithinMonth(f, second - 1, weeks, plan);
      planWithinMonth(second, t, weeks, plan);
    } else planWithinMonth(f, t, weeks, plan);
    return plan;
  }
  plan.monthFrom = firstFull;
  plan.monthTo = endFull;
  if (from < firstFull) planWithinMonth(f, dayNumberOf(firstFull) - 1, weeks, plan);
  if (endFull <= to) planWithinMonth(dayNumberOf(endFull), t, weeks, plan);
  return plan;
}

export type PeriodKind = 'month' | 'quarter' | 'year';

/** The calendar month, quarter or year containing `day`. */
export function periodRange(kind: PeriodKind, day: string): { from: string; to: string } {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const startMonth = kind === 'month' ? m : kind === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : 1;
  const months = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  const from = ymd(y, startMonth, 1);
  const endMonth = startMonth + months;
  const next = endMonth > 12 ? ymd(y + 1, endMonth - 12, 1) : ymd(y, endMonth, 1);
  return { from, to: dateOfDayNumber(dayNumberOf(next) - 1) };
}

/**
 * The 13 columns of Biểu số 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP; vn-legal.md §7) for one row.
 * Identities: 3 = 4 + 5 + 6; 7 = 8 + 9 + 10; 11 = 12 + 13; 3 = 7 + 11.
 */
export type Form06Row = {
  total: number; // 3 Tổng số nhận giải quyết
  online: number; // 4 Trực tuyến
  deskPostal: number; // 5 Trực tiếp, dịch vụ bưu chính
  carriedOver: number; // 6 Từ kỳ trước
  resolved: number; // 7 Đã giải quyết
  early: number; // 8 Trước hạn
  onTime: number; // 9 Đúng hạn
  late: number; // 10 Quá hạn
  open: number; // 11 Đang giải quyết
  openOnTime: number | null; // 12 Trong hạn
  openOverdue: number | null; // 13 Quá hạn
};

/** The counters Biểu 06 reads. */
export const form06Metrics = ['received', 'received_desk', 'received_online', 'received_postal', 'resolved', 'resolved_early', 'resolved_on_time', 'resolved_late'] as const satisfies readonly CounterMetric[];

/** Builds a Biểu 06 row from the period's counters, the stock open before the period and the open split at its end. */
export function form06Row(c: Counters, carriedOver: number, openAtEnd: OpenStock): Form06Row {
  const total = c.received + carriedOver;
  const resolved = c.resolved;
  const open = total - resolved;
  const overdue = openAtEnd.overdue === null ? null : Math.min(openAtEnd.overdue, open);
  return {
    total,
    online: c.received_online,
    deskPostal: c.received_desk + c.received_postal,
    carriedOver,
    resolved,
    early: c.resolved_early,
    onTime: c.resolved_on_time,
    late: c.resolved_late,
    open,
    openOnTime: overdue === null ? null : open - overdue,
    openOverdue: overdue,
  };
}

/** A rate with its parts; `value` is in per cent, null when the denominator is zero. */
export type Rate = { numerator: number; denominator: number; value: number | null };

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 100 : null };
}

export const rateKeys = [
  'onlineRate', 'onlineFullRate', 'onTimeRate', 'onTimeNationalRate', 'postalIntakeRate', 'postalReturnRate',
  'digitisationRate', 'eResultRate', 'onlinePaymentRate', 'satisfactionRate',
] as const;
export type RateKey = (typeof rateKeys)[number];

/**
 * The rates leaders manage by, each with its source:
 * - onlineRate: dossiers received online / received (QĐ 766 chỉ số 3.3; TT 01/2018 Điều 13 chỉ số 9: ≥ 30 %).
 * - onlineFullRate: fully-online dossiers / dossiers of procedures offered fully online (NĐ 42/2022 Điều 11; QĐ 766 nhóm 3).
 * - onTimeRate: resolved early or on time / resolved (NĐ 61/2018 Điều 30 điểm c).
 * - onTimeNationalRate: the national portal's rule (QĐ 766 chỉ số 2.1): more than one supplementation request counts
 *   late, supplementation waits are excluded, and dossiers still open at the period's end count (overdue ones late).
 * - postalIntakeRate / postalReturnRate: received by post / received; returned by post / returned (QĐ 45/2016).
 * - digitisationRate, eResultRate: dossiers with digitised components / with an electronic result (QĐ 766 chỉ số 4.2, 4.1).
 * - onlinePaymentRate: paid online / dossiers with a fee (QĐ 766 chỉ số 3.6).
 * - satisfactionRate: satisfied or very satisfied / ratings (NĐ 61/2018 Điều 31; QĐ 766 chỉ số 5.4).
 */
export function ratesOf(c: Counters, open: OpenStock): Record<RateKey, Rate> {
  const openOverdue = open.overdue ?? 0;
  return {
    onlineRate: rate(c.received_online, c.received),
    onlineFullRate: rate(c.received_online_full, c.received_full_eligible),
    onTimeRate: rate(c.resolved_early + c.resolved_on_time, c.resolved),
    onTimeNationalRate: rate(c.resolved - c.resolved_late_national + (open.total - openOverdue), c.resolved + open.total),
    postalIntakeRate: rate(c.received_postal, c.received),
    postalReturnRate: rate(c.returned_post, c.returned),
    digitisationRate: rate(c.digitised, c.received),
    eResultRate: rate(c.e_result, c.received),
    onlinePaymentRate: rate(c.paid_online, c.received_with_fee),
    satisfactionRate: rate(c.satisfied_count, c.satisfaction_count),
  };
}

/** One scored indicator of QĐ 766/QĐ-TTg; `points` is null when the system holds no data for it (excluded). */
export type Indicator766 = { code: string; group: number; nameVi: string; max: number; targetPct: number | null; ratePct: number | null; points: number | null };

/** Points of a ratio against an optional target: full marks at or above the target, else proportional (vn-legal.md §6). */
export function points766(ratePct: number | null, max: number, targetPct: number | null): number | null {
  if (ratePct === null) return null;
  const r = targetPct === null ? ratePct / 100 : Math.min(1, ratePct / targetPct);
  return Math.round(Math.max(0, Math.min(1, r)) * max * 100) / 100;
}

/**
 * The indicators of QĐ 766/QĐ-TTg (100 points in six groups) that the dossier data supports. Publication of procedures
 * (group 1) and the catalogue-side items of groups 3 and 4 need data this system does not hold yet (PAKN 5.2–5.3 come from
 * the feedback module when the caller passes them): they are listed with null points and left out of the total, as the national tool excludes missing data.
 */
/** QĐ 766 indicators 5.2 (feedback handled on time) and 5.3 (satisfaction with the handling), from the feedback module. */
export type PaknRates = { onTimePct: number | null; satisfactionPct: number | null };

export function indicators766(c: Counters, open: OpenStock, pakn: PaknRates = { onTimePct: null, satisfactionPct: null }): { indicators: Indicator766[]; points: number; maxAvailable: number } {
  const r = ratesOf(c, open);
  const late = rate(c.resolved_late_national + (open.overdue ?? 0), c.resolved + open.total).value;
  const dislike = c.satisfaction_count > 0 ? 100 - (r.satisfactionRate.value ?? 0) : null;
  const satisfaction54 = late === null || dislike === null ? null : Math.max(0, 100 - (late + dislike));
  const rows: Omit<Indicator766, 'points'>[] = [
    { code: '1', group: 1, nameVi: 'Công khai, minh bạch (công bố, cập nhật thủ tục, đồng bộ hồ sơ)', max: 18, targetPct: null, ratePct: null },
    { code: '2.1', group: 2, nameVi: 'Hồ sơ xử lý trước hạn, đúng hạn', max: 20, targetPct: null, ratePct: r.onTimeNationalRate.value },
    { code: '3.3', group: 3, nameVi: 'Tỷ lệ hồ sơ trực tuyến', max: 12, targetPct: 50, ratePct: r.onlineRate.value },
    { code: '3.5', group: 3, nameVi: 'Thủ tục tích hợp thanh toán trực tuyến', max: 4, targetPct: 80, ratePct: null },
    { code: '3.6', group: 3, nameVi: 'Hồ sơ thanh toán trực tuyến', max: 6, targetPct: null, ratePct: r.onlinePaymentRate.value },
    { code: '4.1', group: 4, nameVi: 'Hồ sơ có kết quả điện tử', max: 6, targetPct: null, ratePct: r.eResultRate.value },
    { code: '4.2', group: 4, nameVi: 'Hồ sơ được số hóa', max: 4, targetPct: 80, ratePct: r.digitisationRate.value },
    { code: '4.3-4.5', group: 4, nameVi: 'Tái sử dụng dữ liệu số hóa, kho dữ liệu, CSDL dân cư', max: 12, targetPct: 80, ratePct: null },
    { code: '5.2', group: 5, nameVi: 'Phản ánh, kiến nghị được xử lý đúng hạn', max: 6, targetPct: null, ratePct: pakn.onTimePct },
    { code: '5.3', group: 5, nameVi: 'Mức độ hài lòng về xử lý phản ánh, kiến nghị', max: 6, targetPct: null, ratePct: pakn.satisfactionPct },
    { code: '5.4', group: 5, nameVi: 'Mức độ hài lòng trong tiếp nhận, giải quyết TTHC', max: 6, targetPct: 90, ratePct: satisfaction54 },
  ];
  const indicators = rows.map((x) => ({ ...x, points: points766(x.ratePct, x.max, x.targetPct) }));
  const scored = indicators.filter((i) => i.points !== null);
  return {
    indicators,
    points: Math.round(scored.reduce((s, i) => s + (i.points ?? 0), 0) * 100) / 100,
    maxAvailable: scored.reduce((s, i) => s + i.max, 0),
  };
}

export type RankInput = { unitId: string; name: string; ratePct: number | null; targetPct: number | null };
export type RankedUnit = RankInput & { rank: number | null; gapPct: number | null; laggard: boolean };

/**
 * Ranking for the emulation movement (phong trào thi đua): by rate, highest first; equal rates share a rank; units with
 * no dossiers are unranked. A laggard is below its target, or, without a target, in the bottom fifth of the ranked units.
 */
export function rankUnits(units: RankInput[]): RankedUnit[] {
  const ranked = units.filter((u) => u.ratePct !== null).sort((a, b) => (b.ratePct ?? 0) - (a.ratePct ?? 0) || a.name.localeCompare(b.name, 'vi'));
  const bottomFrom = Math.ceil(ranked.length * 0.8);
  const out: RankedUnit[] = ranked.map((u, i) => {
    const firstEqual = ranked.findIndex((v) => v.ratePct === u.ratePct);
    const gapPct = u.targetPct === null ? null : Math.round(((u.ratePct ?? 0) - u.targetPct) * 100) / 100;
    const laggard = gapPct !== null ? gapPct < 0 : ranked.length >= 5 && i >= bottomFrom;
    return { ...u, rank: firstEqual + 1, gapPct, laggard };
  });
  for (const u of units) if (u.ratePct === null) out.push({ ...u, rank: null, gapPct: null, laggard: false });
  return out;
}

/** The daily quick report's figures for one unit (báo cáo nhanh 16 giờ, seed article 000). */
export type DailyFigures = {
  receivedDesk: number;
  receivedOnline: number;
  receivedPostal: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  openOnTime: number;
  openOverdue: number;
  returnedByPost: number;
  paidOnline: number;
  apologies: number;
  /** Letters issued after the legal window (phát hành muộn), among `apologies`. */
  apologiesLate: number;
};

export function dailyFigures(c: Counters, open: { total: number; overdue: number }): DailyFigures {
  return {
    receivedDesk: c.received_desk,
    receivedOnline: c.received_online,
    receivedPostal: c.received_postal,
    resolvedEarly: c.resolved_early,
    resolvedOnTime: c.resolved_on_time,
    resolvedLate: c.resolved_late,
    openOnTime: open.total - open.overdue,
    openOverdue: open.overdue,
    returnedByPost: c.returned_post,
    paidOnline: c.paid_online,
    apologies: c.apologies,
    apologiesLate: c.apologies_late,
  };
}

/** Cron expression for "every day at HH:MM" (Vietnam time) from REPORT_DAILY_AT. */
export function dailyCron(at: string): string {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(at);
  if (!m) throw new RangeError(`REPORT_DAILY_AT must be HH:MM, got ${at}`);
  return `${Number(m[2])} ${Number(m[1])} * * *`;
}

/**
 * Who may give a unit its yearly target (chỉ tiêu, seed article 004: departments 30 %, communes 40 %): the office or the
 * administrator anywhere in their subtree; a leader only the units below their own — a unit's target is given by the
 * level above it, never chosen by the unit itself.
 */
export function mayAssignTarget(grants: readonly { role: string; unitPath: string }[], targetPath: string): boolean {
  return grants.some(
    (g) => targetPath.startsWith(g.unitPath) && (g.role === 'admin' || g.role === 'inspector' || (g.role === 'leader' && targetPath !== g.unitPath)),
  );
}

/** The order of unit levels in every report: province, departments, offices, districts, communes, then the desks. */
const unitKindOrder = ['province', 'department', 'office', 'district', 'commune', 'desk'];

/** Units in report order: by level (sở/ngành, huyện, xã, …), then by name in Vietnamese collation ("Phường Â" after "Phường A"). */
export function inUnitOrder<T extends { kind: string; name: string }>(units: readonly T[]): T[] {
  const rank = (kind: string) => (unitKindOrder.includes(kind) ? unitKindOrder.indexOf(kind) : unitKindOrder.length);
  return [...units].sort((a, c) => rank(a.kind) - rank(c.kind) || a.name.localeCompare(c.name, 'vi'));
}

export type DailyLine<T> = { unit: T; depth: number; direct: boolean };

/**
 * The lines of a unit's daily report, depth-first in report order. A unit with sub-units gets, before them, a line for
 * the dossiers it handles itself ("(trực tiếp tại đơn vị)"), so that its sub-units' lines and that line add up to it.
 */
export function dailyLines<T extends { id: string; parentId: string | null; kind: string; name: string }>(root: T, units: readonly T[]): DailyLine<T>[] {
  const childrenOf = new Map<string, T[]>();
  for (const u of units) if (u.parentId !== null && u.id !== root.id) childrenOf.set(u.parentId, [...(childrenOf.get(u.parentId) ?? []), u]);
  const out: DailyLine<T>[] = [];
  const walk = (parent: T, depth: number) => {
    const children = inUnitOrder(childrenOf.get(parent.id) ?? []);
    if (children.length === 0) return;
    out.push({ unit: parent, depth, direct: true });
    for (const c of children) {
      out.push({ unit: c, depth, direct: false });
      walk(c, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}
