import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { can, canCreateRootUnit, type Actor } from '../../identity/permissions.policy.js';
import type { TReorganiseInput } from '../unit.contract.js';
import { unitErrors } from '../unit.errors.js';
import { dateOfDayNumber, dayNumberOf } from '../../working-calendar/vn-time.js';
import { closeUnitSubtree, getUnit, getUnitByCode, getUnits, insertSuccession, insertUnit, type UnitRow } from '../unit.repo.js';


/**
 * Merges, renames or splits units (e.g. the 2025 reorganisation into two-level local government, Luật Tổ chức
 * chính quyền địa phương 2025): predecessors close the day before `effectiveOn` and are linked to the successor.
 * Nothing already attached to a predecessor moves, so old dossiers keep the unit as it was.
 */
export async function reorganiseUnits(deps: { db: Db; clock: Clock }, actor: Actor, input: TReorganiseInput): Promise<UnitRow> {
  return withTransaction(deps.db, async (tx) => {
    const predecessors = await getUnits(tx, input.predecessorIds);
    if (predecessors.length !== new Set(input.predecessorIds).size) throw unitErrors.notFound();
    for (const p of predecessors) {
      if (!can(actor, 'units.manage', p.path)) throw commonErrors.forbidden('units.manage');
      if (p.validTo) throw unitErrors.alreadyClosed();
      if (p.validFrom && p.validFrom >= input.effectiveOn) throw unitErrors.badDate();
    }
    let successor: UnitRow;
    if ('existingId' in input.successor) {
      if (input.predecessorIds.includes(input.successor.existingId)) throw unitErrors.selfSuccessor();
      const found = await getUnit(tx, input.successor.existingId);
      if (!found) throw unitErrors.notFound();
      if (!can(actor, 'units.manage', found.path)) throw commonErrors.forbidden('units.manage');
      successor = found;
    } else {
      const spec = input.successor.create;
      const parent = spec.parentId ? await getUnit(tx, spec.parentId) : null;
      if (spec.parentId && !parent) throw unitErrors.notFound();
      if (parent && !can(actor, 'units.manage', parent.path)) throw commonErrors.forbidden('units.manage');
      if (!parent && !canCreateRootUnit(actor)) {
        throw commonErrors.forbidden('units.manage');
      }
      if (await getUnitByCode(tx, spec.code)) throw unitErrors.codeTaken();
      successor = await insertUnit(tx, { ...spec, parent, validFrom: input.effectiveOn }, deps.clock.now());
    }
    const lastDay = dateOfDayNumber(dayNumberOf(input.effectiveOn) - 1);
    for (const p of predecessors) {
      await closeUnitSubtree(tx, p, lastDay);
      await insertSuccession(tx, p.id, successor.id, input.effectiveOn, input.kind);
    }
    await recordAudit(tx, {
      actorId: actor.userId,
      actorName: actor.fullName,
      action: `unit.${input.kind}`,
      entity: 'unit',
      entityId: successor.id,
      before: predecessors.map((p) => ({ id: p.id, code: p.code, name: p.name })),
      after: { successor, effectiveOn: input.effectiveOn },
      unitPaths: [successor.path, ...predecessors.map((p) => p.path)],
      at: deps.clock.now(),
    });
    return successor;
  });
}
