import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { getUnit } from '../../org-units/unit.repo.js';
import { searchProvinceCatalog } from '../../procedures/use-cases/read-catalog.js';

/** The procedures the officer may receive at this desk: those of the desk's province, for an officer of the desk. */
export async function receivableProcedures(deps: { db: Db; clock: Clock }, actor: Actor, receivingUnitId: string, query: { q?: string; limit: number; offset: number }) {
  const desk = await getUnit(deps.db, receivingUnitId);
  if (!desk) throw commonErrors.notFound('Unit');
  if (!can(actor, 'dossiers.receive', desk.path)) throw commonErrors.forbidden('dossiers.receive');
  const province = `/${desk.path.split('/')[1]}/`;
  return searchProvinceCatalog(deps, province, query);
}
