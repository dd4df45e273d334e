import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors, DomainError } from '../../../platform/errors.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { can, holdsAtTopLevel, type Actor } from '../../identity/permissions.policy.js';
import { unitErrors } from '../../org-units/unit.errors.js';
import { getUnit } from '../../org-units/unit.repo.js';
import type { TCreateAdjustmentInput } from '../calendar.contract.js';
import { deleteAdjustment, getAdjustment, insertAdjustment } from '../calendar.repo.js';

export const calendarErrors = {
  duplicate: () =>
    new DomainError('CALENDAR.DUPLICATE', 'conflict', 'Ngày này đã có điều chỉnh cùng loại cho phạm vi này.', 'An adjustment of this kind already exists for that day.'),
  notFound: () => new DomainError('CALENDAR.NOT_FOUND', 'not_found', 'Không tìm thấy điều chỉnh lịch làm việc.', 'Adjustment not found.'),
};

/** A nationwide adjustment needs `calendar.manage` at a province; a unit's own needs it over that unit. */
async function assertMayManage(db: Db, actor: Actor, unitId: string | null): Promise<string[]> {
  if (unitId === null) {
    if (!holdsAtTopLevel(actor, 'calendar.manage')) throw commonErrors.forbidden('calendar.manage');
    return [];
  }
  const unit = await getUnit(db, unitId);
  if (!unit) throw unitErrors.notFound();
  if (!can(actor, 'calendar.manage', unit.path)) throw commonErrors.forbidden('calendar.manage');
  return [unit.path];
}

/** Records a yearly official adjustment (swap, make-up day, extra day off) or a unit's out-of-hours intake session. */
export async function addAdjustment(deps: { db: Db; clock: Clock }, actor: Actor, input: TCreateAdjustmentInput): Promise<string> {
  const unitPaths = await assertMayManage(deps.db, actor, input.unitId);
  return withTransaction(deps.db, async (tx) => {
    const exists = await tx.query(
      `SELECT 1 FROM calendar_adjustment WHERE day = $1 AND kind = $2 AND unit_id IS NOT DISTINCT FROM $3`,
      [input.day, input.kind, input.unitId],
    );
    if (exists.rowCount) throw calendarErrors.duplicate();
    const id = await insertAdjustment(tx, input, deps.clock.now());
    await recordAudit(tx, { actorId: actor.userId, actorName: actor.fullName, action: 'calendar.adjustment_added', entity: 'calendar_adjustment', entityId: id, after: input, unitPaths, at: deps.clock.now() });
    return id;
  });
}

export async function removeAdjustment(deps: { db: Db; clock: Clock }, actor: Actor, id: string): Promise<void> {
  const existing = await getAdjustment(deps.db, id);
  if (!existing) throw calendarErrors.notFound();
  const unitPaths = await assertMayManage(deps.db, actor, existing.unitId);
  await withTransaction(deps.db, async (tx) => {
    await deleteAdjustment(tx, id);
    await recordAudit(tx, { actorId: actor.userId, actorName: actor.fullName, action: 'calendar.adjustment_removed', entity: 'calendar_adjustment', entityId: id, before: existing, unitPaths, at: deps.clock.now() });
  });
}
