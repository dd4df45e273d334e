import type { Db, Queryable } from '../../../platform/database.js';
import { commonErrors } from '../../../platform/errors.js';
import { officersAround } from '../../identity/identity.repo.js';
import type { Actor } from '../../identity/permissions.policy.js';
import type { TStaffRole } from '../../procedures/procedure.contract.js';
import { dossierErrors } from '../dossier.errors.js';
import { canAct, canRead } from '../dossier.policy.js';
import { getDossierRow, listSteps } from '../dossier.repo.js';

/** For the head assigning the current step: who may be given it. Only someone who may assign may list them. */
export async function listAssignees(deps: { db: Db }, actor: Actor, dossierId: string): Promise<{ userId: string; fullName: string; username: string }[]> {
  const d = await getDossierRow(deps.db, dossierId);
  if (!d) throw dossierErrors.notFound();
  const steps = await listSteps(deps.db, dossierId);
  const current = steps[d.stepIndex];
  const scope = { receivingPath: d.receivingPath, resolvingPath: d.resolvingPath, interagencyPath: d.interagencyPath, step: current ? { role: current.role, unitPath: current.unitPath } : null };
  if (!current || !canAct(actor, 'assign', scope)) throw canRead(actor, d) ? commonErrors.forbidden('dossier.assign') : dossierErrors.notFound();
  return (await stepOfficers(deps.db, d, current)).map((o) => ({ userId: o.userId, fullName: o.fullName, username: o.username }));
}

/** The officers who may take the dossier's current step: those the policy lets claim it. */
export async function stepOfficers(q: Queryable, d: { receivingPath: string; resolvingPath: string; interagencyPath: string | null }, step: { role: string; unitPath: string }): Promise<Actor[]> {
  const scope = { receivingPath: d.receivingPath, resolvingPath: d.resolvingPath, interagencyPath: d.interagencyPath, step };
  const around = step.role === 'desk_officer' ? d.receivingPath : step.unitPath;
  const candidates = await officersAround(q, around, [step.role as TStaffRole, 'head', 'leader']);
  return candidates.filter((o) => canAct(o, 'claim', scope));
}

/**
 * For the officer forwarding the dossier: the next step, its unit and the officers who may take it (the sender picks
 * one, or leaves it in the unit's queue). Only someone who may forward may list them.
 */
export async function forwardCandidates(
  deps: { db: Db },
  actor: Actor,
  dossierId: string,
): Promise<{ stepName: string; unitName: string; officers: { userId: string; fullName: string; username: string }[] }> {
  const d = await getDossierRow(deps.db, dossierId);
  if (!d) throw dossierErrors.notFound();
  const steps = await listSteps(deps.db, dossierId);
  const current = steps[d.stepIndex];
  const next = steps[d.stepIndex + 1];
  const scope = { receivingPath: d.receivingPath, resolvingPath: d.resolvingPath, interagencyPath: d.interagencyPath, step: current ? { role: current.role, unitPath: current.unitPath } : null };
  if (!current || !canAct(actor, 'forward', scope)) throw canRead(actor, d) ? commonErrors.forbidden('dossier.forward') : dossierErrors.notFound();
  if (!next) throw dossierErrors.actionNotAllowed(d.status, 'forward', []);
  const officers = (await stepOfficers(deps.db, d, next)).map((o) => ({ userId: o.userId, fullName: o.fullName, username: o.username }));
  const unit = await deps.db.query<{ name: string }>(`SELECT name FROM unit WHERE id = $1`, [next.unitId]);
  return { stepName: next.name, unitName: unit.rows[0]?.name ?? '', officers };
}
