import { getUnit } from '../../../org-units/unit.repo.js';
import { dossierErrors } from '../../dossier.errors.js';
import type { ActionHandler } from './action-context.js';

/**
 * Chuyển liên thông (ND 61/2018 Điều 19 k6–7): the dossier goes to another unit that takes part in resolving it — an
 * open unit outside the resolving unit's own line (not above it, not one of its offices).
 */
export const transfer: ActionHandler = async (c) => {
  const target = c.input.targetUnitId ? await getUnit(c.tx, c.input.targetUnitId) : null;
  if (!target || target.validTo) throw dossierErrors.transferTarget();
  if (c.dossier.resolvingPath.startsWith(target.path) || target.path.startsWith(c.dossier.resolvingPath)) throw dossierErrors.transferTarget();
  return { type: 'transfer', targetUnitId: target.id, targetUnitName: target.name, targetUnitPath: target.path };
};
