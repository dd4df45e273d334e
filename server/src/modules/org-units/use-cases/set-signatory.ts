import type { Clock } from '../../../platform/clock.js';
import { withTransaction, type Db } from '../../../platform/database.js';
import { commonErrors } from '../../../platform/errors.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { getSignatory, putSignatory } from '../signatory.repo.js';
import type { Signatory } from '../signatory.rules.js';
import { unitErrors } from '../unit.errors.js';
import { getUnit } from '../unit.repo.js';

/** The unit's signatory (who signs its letters), for the administrator of that unit. */
export async function readSignatory(deps: { db: Db }, actor: Actor, unitId: string): Promise<Signatory | null> {
  const unit = await getUnit(deps.db, unitId);
  if (!unit) throw unitErrors.notFound();
  if (!can(actor, 'units.manage', unit.path)) throw commonErrors.forbidden('units.manage');
  return getSignatory(deps.db, unitId);
}

/** Sets who signs the unit's letters: the head, or a deputy on the head's behalf. Audited. */
export async function setSignatory(deps: { db: Db; clock: Clock }, actor: Actor, unitId: string, s: Signatory): Promise<Signatory> {
  return withTransaction(deps.db, async (tx) => {
    const unit = await getUnit(tx, unitId);
    if (!unit) throw unitErrors.notFound();
    if (!can(actor, 'units.manage', unit.path)) throw commonErrors.forbidden('units.manage');
    const before = await getSignatory(tx, unitId);
    const at = deps.clock.now();
    await putSignatory(tx, unitId, s, at, actor.userId);
    await recordAudit(tx, { actorId: actor.userId, actorName: actor.fullName, action: 'unit.signatory_set', entity: 'unit', entityId: unitId, before, after: s, unitPaths: [unit.path], at });
    return s;
  });
}
