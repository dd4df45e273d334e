import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { scopePaths, type Actor } from '../../identity/permissions.policy.js';
import { dayNumberOf, vnDateOf } from '../../working-calendar/vn-time.js';
import type { TReportQuery, TSummary } from '../reports.contract.js';
import { firstBucket, openBefore, openNow, openSnapshot, sumCounters, unitNames, type GroupBy, type ReadOptions } from '../reports.repo.js';
import { addCounters, indicators766, zeroCounters, type CounterMetric, type Counters, type OpenStock } from '../reports.rules.js';
import { checkRange, lineOf, scopedUnit, unitRef } from './report-scope.js';
import { group5Of } from '../../feedback/use-cases/read-feedback.js';

export type Breakdown = { counters: Map<string, Counters>; carried: Map<string, number>; open: Map<string, OpenStock>; live: boolean };

/**
 * Counters of a subtree over a period, grouped, with the stock carried over from before the period and the open split
 * at its end: live (buckets + the current hour) when the period reaches today, else the end-of-day snapshot.
 */
export async function breakdown(
  deps: { db: Db; clock: Clock }, path: string, from: string, to: string, by: GroupBy, metrics?: readonly CounterMetric[], opts: ReadOptions = {},
): Promise<Breakdown> {
  const now = deps.clock.now();
  const today = vnDateOf(now);
  const live = to >= today;
  const [counters, carried, openMap] = await Promise.all([
    sumCounters(deps.db, path, from, to, by, metrics, opts),
    carriedOver(deps, path, from, today, now, by, opts),
    live ? openNow(deps.db, path, now, by) : openSnapshot(deps.db, path, to, by),
  ]);
  const open = new Map<string, OpenStock>();
  const keys = new Set([...counters.keys(), ...carried.keys(), ...(openMap?.keys() ?? [])]);
  for (const k of keys) {
    const c = counters.get(k) ?? zeroCounters();
    const total = (carried.get(k) ?? 0) + c.received - c.resolved;
    open.set(k, { total, overdue: openMap ? (openMap.get(k)?.overdue ?? 0) : null });
  }
  return { counters, carried, open, live };
}

/**
 * Dossiers open when `from` began (Từ kỳ trước) — both ways exact: forwards, everything received minus everything
 * resolved before `from`; or backwards, the open stock now minus what was received and plus what was resolved since
 * `from`. Read from a unit's own + below rows, forwards costs procedures × months (720 rows a year by procedure) and is
 * taken always: backwards reads the open stock by due hour over every unit of the subtree (report_open), which grows
 * with the open dossiers. Read over the subtree's units, whichever way reads fewer counter rows.
 */
async function carriedOver(deps: { db: Db }, path: string, from: string, today: string, now: Date, by: GroupBy, opts: ReadOptions): Promise<Map<string, number>> {
  if (by !== 'unit' && opts.below !== false) return openBefore(deps.db, path, from, by, opts);
  const first = await firstBucket(deps.db);
  if (first === null || from > today || dayNumberOf(from) - dayNumberOf(first) <= dayNumberOf(today) - dayNumberOf(from)) return openBefore(deps.db, path, from, by, opts);
  const [open, since] = await Promise.all([openNow(deps.db, path, now, by), sumCounters(deps.db, path, from, today, by, ['received', 'resolved'], opts)]);
  const out = new Map<string, number>();
  for (const [k, o] of open) out.set(k, o.total);
  for (const [k, c] of since) out.set(k, (out.get(k) ?? 0) - c.received + c.resolved);
  return out;
}

export function totalOf(b: Breakdown): { counters: Counters; carried: number; open: OpenStock } {
  let counters = zeroCounters();
  for (const c of b.counters.values()) counters = addCounters(counters, c);
  const carried = [...b.carried.values()].reduce((s, n) => s + n, 0);
  const opens = [...b.open.values()];
  const total = opens.reduce((s, o) => s + o.total, 0);
  const overdue = opens.some((o) => o.overdue === null) ? null : opens.reduce((s, o) => s + (o.overdue ?? 0), 0);
  return { counters, carried, open: { total, overdue } };
}

/**
 * Dashboard of a unit (tỉnh → sở/huyện → xã): its totals, one line per direct child (each child's whole subtree,
 * closed units included with their own dossiers), and the QĐ 766 indicators the data supports.
 */
export async function getSummary(deps: { db: Db; clock: Clock }, actor: Actor, q: TReportQuery): Promise<TSummary> {
  checkRange(q.from, q.to);
  const { unit, children } = await scopedUnit(deps.db, actor, q.unitId);
  const [b, pakn] = await Promise.all([breakdown(deps, unit.path, q.from, q.to, 'child'), group5Of(deps.db, unit.path, q.from, q.to)]);
  const total = totalOf(b);
  const line = (k: string) => lineOf(b.counters.get(k) ?? zeroCounters(), b.carried.get(k) ?? 0, b.open.get(k) ?? { total: 0, overdue: b.live ? 0 : null });
  const lines: TSummary['children'] = children.map((c) => ({ unit: unitRef(c), ...line(c.id) }));
  if (b.counters.has('') || (b.open.get('')?.total ?? 0) > 0) lines.unshift({ unit: null, ...line('') });
  // Breadcrumb from the highest unit the actor may read down to this one.
  const ids = unit.path.split('/').filter(Boolean);
  const scopes = scopePaths(actor, 'reports.read');
  const visible = ids.filter((_, i) => scopes.some((s) => `/${ids.slice(0, i + 1).join('/')}/`.startsWith(s)));
  const names = await unitNames(deps.db, visible);
  return {
    unit: unitRef(unit),
    path: visible.map((id) => ({ id, name: names.get(id) ?? '' })),
    from: q.from,
    to: q.to,
    live: b.live,
    total: { unit: unitRef(unit), ...lineOf(total.counters, total.carried, total.open) },
    children: lines,
    indicators766: indicators766(total.counters, total.open, { onTimePct: pakn.onTimeRate, satisfactionPct: pakn.satisfactionRate }),
  };
}
