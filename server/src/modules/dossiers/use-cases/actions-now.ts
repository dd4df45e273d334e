import type { Queryable } from '../../../platform/database.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { ruleSets } from '../../rule-sets/rule-set.rules.js';
import { actionsOpenTo } from '../dossier.policy.js';
import { lockDossierWithSteps } from '../dossier.repo.js';
import { allowedActions, atDeskReturnStep, endsWithDeskReturn, type DossierAction } from '../dossier.rules.js';

/**
 * What this officer may do now on the dossier (its status and position by the action table, then who may:
 * `actionsOpenTo`) — for a refusal raised outside actOnDossier (the online intake decision, the postal hand-over), so
 * that it names the same list as the dossier page, never another role's actions.
 */
export async function actionsNowFor(q: Queryable, actor: Actor | null, dossierId: string): Promise<DossierAction[]> {
  const locked = actor ? await lockDossierWithSteps(q, dossierId) : null;
  if (!actor || !locked) return [];
  const { dossier: d, steps } = locked;
  const current = steps[d.stepIndex] ?? null;
  const ruleSet = ruleSets.find((r) => r.id === d.ruleSet)!;
  const allowed = allowedActions({ ...d, maxApologies: ruleSet.maxReappointments, deskReturnStep: atDeskReturnStep(d, current), deskReturnLast: endsWithDeskReturn(steps) });
  return actionsOpenTo(actor, { ...d, step: current ? { role: current.role, unitPath: current.unitPath } : null }, allowed);
}
