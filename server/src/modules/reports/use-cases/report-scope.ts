import type { Queryable } from '../../../platform/database.js';
import { commonErrors } from '../../../platform/errors.js';
import { can, type Actor, type Permission } from '../../identity/permissions.policy.js';
import { dayNumberOf } from '../../working-calendar/vn-time.js';
import { reportErrors } from '../reports.errors.js';
import { unitWithChildren, type UnitNode } from '../reports.repo.js';
import { form06Row, ratesOf, type Counters, type OpenStock } from '../reports.rules.js';

/** The unit a report is about, with its children, if the actor may read reports of it (its subtree, like everything else). */
export async function scopedUnit(q: Queryable, actor: Actor, unitId: string, permission: Permission = 'reports.read'): Promise<{ unit: UnitNode; children: UnitNode[] }> {
  const found = await unitWithChildren(q, unitId);
  if (!found) throw reportErrors.unitNotFound();
  if (!can(actor, permission, found.unit.path)) throw commonErrors.forbidden(permission);
  return found;
}

/** A day range of at most ten years, in order. */
export function checkRange(from: string, to: string): void {
  let a: number, b: number;
  try {
    a = dayNumberOf(from);
    b = dayNumberOf(to);
  } catch {
    throw reportErrors.badRange();
  }
  if (a > b || b - a > 3660) throw reportErrors.badRange();
}

/** One line of a summary: Biểu 06 columns, rates and the daily-report extras. */
export function lineOf(c: Counters, carriedOver: number, open: OpenStock) {
  return {
    form06: form06Row(c, carriedOver, open),
    rates: ratesOf(c, open),
    returnedByPost: c.returned_post,
    apologies: c.apologies,
    apologiesLate: c.apologies_late,
    paidOnline: c.paid_online,
    satisfactionAverage: c.satisfaction_count > 0 ? Math.round((c.satisfaction_sum / c.satisfaction_count) * 100) / 100 : null,
  };
}

export function unitRef(u: UnitNode) {
  return { id: u.id, name: u.name, kind: u.kind, closed: u.validTo !== null, hasChildren: u.hasChildren };
}
