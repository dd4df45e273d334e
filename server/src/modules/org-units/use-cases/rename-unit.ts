import type { Clock } from '../../../platform/clock.js';
import { withTransaction, type Db } from '../../../platform/database.js';
import { commonErrors } from '../../../platform/errors.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { unitErrors } from '../unit.errors.js';
import { getUnit, renameUnit, type UnitRow } from '../unit.repo.js';

/** Corrects the spelling of a unit's name. A legal renaming goes through `reorganiseUnits` so history is kept. */
export async function correctUnitName(deps: { db: Db; clock: Clock }, actor: Actor, unitId: string, name: string): Promise<UnitRow> {
  return withTransaction(deps.db, async (tx) => {
    const unit = await getUnit(tx, unitId);
    if (!unit) throw unitErrors.notFound();
    if (!can(actor, 'units.manage', unit.path)) throw commonErrors.forbidden('units.manage');
    await renameUnit(tx, unitId, name);
    await recordAudit(tx, {
      actorId: actor.userId,
      actorName: actor.fullName,
      action: 'unit.name_corrected',
      entity: 'unit',
      entityId: unitId,
      before: { name: unit.name },
      after: { name },
      unitPaths: [unit.path],
      at: deps.clock.now(),
    });
    return { ...unit, name };
  });
}
