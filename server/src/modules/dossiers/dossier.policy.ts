import type { Actor } from '../identity/permissions.policy.js';
import { can, scopeUnitIds } from '../identity/permissions.policy.js';
import { actionSpec } from './dossier-actions.rules.js';
import type { DossierAction } from './dossier.rules.js';

export type DossierScope = { receivingPath: string; resolvingPath: string; interagencyPath?: string | null; step: { role: string; unitPath: string } | null };

/**
 * Who may do what to a dossier, by the `who` column of the action table (dossier-actions.rules.ts). Desk actions need `dossiers.receive` over the receiving or resolving unit. Step actions
 * need the current step's role over the step's unit (the desk's own step is the receiving desk's), or a head or leader
 * over it. The apology is sent by the competent agency (head or leader) or by the desk on its behalf (ND 61/2018 Điều 19 k9).
 */
export function canAct(actor: Actor, action: DossierAction, d: DossierScope): boolean {
  const atDesk = can(actor, 'dossiers.receive', d.receivingPath) || can(actor, 'dossiers.receive', d.resolvingPath);
  const who = actionSpec[action].who;
  if (who === 'desk') return atDesk;
  if (who === 'agency') {
    return atDesk || actor.grants.some((g) => (g.role === 'head' || g.role === 'leader') && d.resolvingPath.startsWith(g.unitPath));
  }
  if (who === 'partner') {
    return !!d.interagencyPath && actor.grants.some((g) => ['specialist', 'head', 'leader'].includes(g.role) && (d.interagencyPath!.startsWith(g.unitPath) || g.unitPath.startsWith(d.interagencyPath!)));
  }
  if (!d.step) return false;
  const step = d.step;
  const stepPath = step.role === 'desk_officer' ? d.receivingPath : step.unitPath;
  // Phê duyệt: the holder of the approving role — the step's own role when it is a head's or leader's, else the
  // leader's — at the step's unit or a unit above it; not a specialist, not an office below (ND 61/2018 Điều 19 k1).
  if (who === 'approver') {
    const role = step.role === 'head' || step.role === 'leader' ? step.role : 'leader';
    return actor.grants.some((g) => g.role === role && stepPath.startsWith(g.unitPath));
  }
  // The head of the unit assigns the officer who handles the step (ND 61/2018 Điều 19 k1).
  if (who === 'head') return actor.grants.some((g) => (g.role === 'head' || g.role === 'leader') && (stepPath.startsWith(g.unitPath) || g.unitPath.startsWith(stepPath)));
  // Officers of the step's unit, of a unit above it, or of one of its offices (a step at the commune is handled by the
  // commune's offices) — but never of a sibling unit. The step's role or a rank above it: a head supervises a
  // specialist's or a desk's step, but the leader's signing step is the leader's alone (ND 61/2018 Điều 19 k1).
  const ranks = step.role === 'leader' ? ['leader'] : step.role === 'head' ? ['head', 'leader'] : [step.role, 'head', 'leader'];
  return actor.grants.some((g) => ranks.includes(g.role) && (stepPath.startsWith(g.unitPath) || g.unitPath.startsWith(stepPath)));
}

/**
 * What this officer may do now, of the actions the dossier's status and position allow (`allowedActions`): the ones
 * `canAct` gives them, less those their own use case would refuse — "Nhận xử lý" of the dossier they already hold
 * (DOSSIER.ALREADY_CLAIMED) and "Trả kết quả" at the desk of a result the post hands out (postal module). The one list
 * behind the page's buttons and every refusal's "allowed" (a refusal never names another role's actions).
 */
export function actionsOpenTo(
  actor: Actor,
  d: DossierScope & { status: string; assigneeId: string | null; resultDelivery: string },
  allowed: readonly DossierAction[],
): DossierAction[] {
  return allowed
    .filter((a) => !(a === 'return_result' && d.status === 'result_ready' && d.resultDelivery === 'post'))
    .filter((a) => !(a === 'claim' && d.assigneeId === actor.userId))
    .filter((a) => canAct(actor, a, d));
}

/**
 * Reading a dossier: an officer with `dossiers.read` at one of the units the dossier belongs to — the receiving and
 * resolving units, the units of its steps, the partner of an inter-agency transfer, and the ancestors of each
 * (dossier_scope, kept by triggers). The work queues and searches filter on the very same rows, so an officer reads
 * exactly the dossiers the lists show: a dossier resolved at the province is not every commune officer's to read.
 */
export function canRead(actor: Actor, d: { scopeUnitIds: readonly string[] }): boolean {
  return scopeUnitIds(actor, 'dossiers.read').some((u) => d.scopeUnitIds.includes(u));
}

/**
 * The one dossier action a postal worker takes: closing a dossier whose result went by post, when the citizen signed
 * for the delivery (Quyết định 45/2016/QĐ-TTg Điều 10). Only through the postal module's delivery use case; `canAct`
 * gives the postal role nothing, so every other action stays refused.
 */
export function canReturnByPost(actor: Actor, d: { receivingPath: string; resultDelivery: string }): boolean {
  return d.resultDelivery === 'post' && can(actor, 'postal.work', d.receivingPath);
}
