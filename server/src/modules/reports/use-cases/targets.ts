import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { withTransaction } from '../../../platform/database.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { recordAudit } from '../../audit/audit.repo.js';
import type { TRanking, TTargetIndicator, TTargetInput } from '../reports.contract.js';
import { listTargets, upsertTarget } from '../reports.repo.js';
import { mayAssignTarget, rankUnits, type RateKey } from '../reports.rules.js';
import { commonErrors } from '../../../platform/errors.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import { breakdown } from './get-summary.js';
import { lineOf, scopedUnit } from './report-scope.js';

const rateOfIndicator: Record<TTargetIndicator, RateKey> = {
  online_rate: 'onlineRate',
  on_time_rate: 'onTimeRate',
  digitised_rate: 'digitisationRate',
  online_payment_rate: 'onlinePaymentRate',
  postal_return_rate: 'postalReturnRate',
  satisfaction_rate: 'satisfactionRate',
};

/** Sets a unit's yearly target (chỉ tiêu), e.g. 30 % of dossiers online for a department, 40 % for a commune. */
export async function setTarget(deps: { db: Db; clock: Clock }, actor: Actor, input: TTargetInput): Promise<void> {
  const { unit } = await scopedUnit(deps.db, actor, input.unitId, 'reports.manage');
  if (!mayAssignTarget(actor.grants, unit.path)) throw commonErrors.forbidden('reports.manage');
  await withTransaction(deps.db, async (tx) => {
    const before = await listTargets(tx, [unit.id], input.year);
    await upsertTarget(tx, input, actor.userId, deps.clock.now());
    await recordAudit(tx, {
      actorId: actor.userId,
      actorName: actor.fullName,
      action: 'reports.target.set',
      entity: 'unit',
      entityId: unit.id,
      before: before.find((t) => t.indicator === input.indicator) ?? null,
      after: input,
      unitPaths: [unit.path],
      at: deps.clock.now(),
    });
  });
}

/**
 * Progress of each direct sub-unit against its target for the year so far, ranked for the emulation movement
 * (phong trào thi đua); units below target, or in the bottom fifth without a target, are flagged as laggards.
 */
export async function getRanking(deps: { db: Db; clock: Clock }, actor: Actor, q: { unitId: string; year: number; indicator: TTargetIndicator }): Promise<TRanking> {
  const { unit: parent, children } = await scopedUnit(deps.db, actor, q.unitId);
  const today = vnDateOf(deps.clock.now());
  const to = `${q.year}-12-31` < today ? `${q.year}-12-31` : today;
  const from = `${q.year}-01-01`;
  const targets = await listTargets(deps.db, children.map((c) => c.id), q.year);
  const b = from <= to ? await breakdown(deps, parent.path, from, to, 'child') : null;
  const units = children.map((c) => {
    const counters = b?.counters.get(c.id);
    const rate = counters ? lineOf(counters, b?.carried.get(c.id) ?? 0, b?.open.get(c.id) ?? { total: 0, overdue: null }).rates[rateOfIndicator[q.indicator]].value : null;
    const target = targets.find((t) => t.unitId === c.id && t.indicator === q.indicator);
    return { unitId: c.id, name: c.name, ratePct: rate, targetPct: target ? Number(target.targetPct) : null };
  });
  return { year: q.year, indicator: q.indicator, units: rankUnits(units) };
}
