import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { can, canCreateRootUnit, type Actor } from '../../identity/permissions.policy.js';
import type { TCreateUnitInput } from '../unit.contract.js';
import { unitErrors } from '../unit.errors.js';
import { getUnit, getUnitByCode, insertUnit, type UnitRow } from '../unit.repo.js';

/**
 * Creates a unit under a parent the administrator manages. A root unit (a province) needs an administrator
 * with system-wide scope, i.e. one whose grant sits on a root.
 */
export async function createUnit(deps: { db: Db; clock: Clock }, actor: Actor, input: TCreateUnitInput): Promise<UnitRow> {
  return withTransaction(deps.db, async (tx) => {
    const parent = input.parentId ? await getUnit(tx, input.parentId) : null;
    if (input.parentId && !parent) throw unitErrors.notFound();
    const allowed = parent ? can(actor, 'units.manage', parent.path) : canCreateRootUnit(actor);
    if (!allowed) throw commonErrors.forbidden('units.manage');
    if (parent?.validTo) throw unitErrors.closedParent();
    if (await getUnitByCode(tx, input.code)) throw unitErrors.codeTaken();
    const unit = await insertUnit(tx, { ...input, parent }, deps.clock.now());
    await recordAudit(tx, { actorId: actor.userId, actorName: actor.fullName, action: 'unit.created', entity: 'unit', entityId: unit.id, after: unit, unitPaths: [unit.path], at: deps.clock.now() });
    return unit;
  });
}
