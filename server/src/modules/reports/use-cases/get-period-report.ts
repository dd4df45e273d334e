import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import type { Actor } from '../../identity/permissions.policy.js';
import type { TPeriodQuery, TPeriodReport } from '../reports.contract.js';
import { procedureNames, type ReadOptions, type UnitNode } from '../reports.repo.js';
import { group5OfEach } from '../../feedback/use-cases/read-feedback.js';
import { form06Metrics, form06Row, inUnitOrder, zeroCounters } from '../reports.rules.js';
import { breakdown, totalOf } from './get-summary.js';
import { checkRange, scopedUnit } from './report-scope.js';

const levelLabels: Record<string, string> = {
  department: 'Cấp tỉnh (sở, ngành)',
  office: 'Cơ quan chuyên môn',
  district: 'Cấp huyện',
  commune: 'Cấp xã',
  desk: 'Bộ phận một cửa',
  province: 'Cấp tỉnh',
};

/** Sub-units by level (sở/ngành, huyện, xã, …), then by name. */
const byLevel = (units: UnitNode[]) => inUnitOrder(units);

/**
 * Period report in the layout of Biểu số 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP) for any range (month, quarter,
 * year or free dates): per direct sub-unit (grouped by level: sở/ngành, huyện, xã) or per procedure (grouped by field).
 * `deps.read` chooses how ranges are composed from the counters (the benchmark reads without the week rows to compare).
 */
export async function getPeriodReport(deps: { db: Db; clock: Clock; read?: ReadOptions }, actor: Actor, q: Pick<TPeriodQuery, 'unitId' | 'from' | 'to' | 'by'>): Promise<TPeriodReport> {
  checkRange(q.from, q.to);
  const { unit, children } = await scopedUnit(deps.db, actor, q.unitId);
  const b = await breakdown(deps, unit.path, q.from, q.to, q.by === 'unit' ? 'child' : 'procedure', form06Metrics, deps.read);
  const t = totalOf(b);
  const rowOf = (k: string) => form06Row(b.counters.get(k) ?? zeroCounters(), b.carried.get(k) ?? 0, b.open.get(k) ?? { total: 0, overdue: b.live ? 0 : null });
  let rows: TPeriodReport['rows'];
  if (q.by === 'unit') {
    rows = byLevel(children)
      .map((c) => ({ label: c.validTo ? `${c.name} (đã sáp nhập/giải thể)` : c.name, group: levelLabels[c.kind] ?? c.kind, values: rowOf(c.id) }));
    if (b.counters.has('') || (b.open.get('')?.total ?? 0) > 0) rows.unshift({ label: `${unit.name} (trực tiếp)`, group: levelLabels[unit.kind] ?? unit.kind, values: rowOf('') });
  } else {
    const keys = [...new Set([...b.counters.keys(), ...b.open.keys()])].filter((k) => k !== '');
    const names = await procedureNames(deps.db, keys);
    rows = keys
      .map((k) => ({ label: names.get(k)?.name ?? k, group: names.get(k)?.field ?? null, values: rowOf(k) }))
      .filter((r) => r.values.total > 0)
      .sort((a, c) => (a.group ?? '').localeCompare(c.group ?? '', 'vi') || a.label.localeCompare(c.label, 'vi'));
  }
  return { unitName: unit.name, from: q.from, to: q.to, by: q.by, rows, total: form06Row(t.counters, t.carried, t.open), group5: await group5Rows(deps.db, unit, children, q.from, q.to) };
}

/**
 * QĐ 766/QĐ-TTg group 5 (feedback: 5.2 handled on time, 5.3 satisfaction with the answer, dossiers with feedback) per
 * direct sub-unit — whatever the report's `by`, feedback is about units — with the items handled at the unit itself
 * ("(trực tiếp)") when there are any, and the total of the subtree; by period of receipt, like the dashboard.
 */
async function group5Rows(db: Db, unit: UnitNode, children: UnitNode[], from: string, to: string): Promise<TPeriodReport['group5']> {
  const ordered = byLevel(children);
  const figures = await group5OfEach(
    db,
    [{ key: 'total', path: unit.path, exact: false }, { key: 'direct', path: unit.path, exact: true }, ...ordered.map((c) => ({ key: c.id, path: c.path, exact: false }))],
    from,
    to,
  );
  const rows = ordered.map((c) => ({ label: c.validTo ? `${c.name} (đã sáp nhập/giải thể)` : c.name, group: levelLabels[c.kind] ?? c.kind, values: figures.get(c.id)! }));
  const direct = figures.get('direct')!;
  if (direct.received > 0) rows.unshift({ label: `${unit.name} (trực tiếp)`, group: levelLabels[unit.kind] ?? unit.kind, values: direct });
  return { rows, total: figures.get('total')! };
}
