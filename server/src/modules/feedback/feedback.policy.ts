import { can, type Actor } from '../identity/permissions.policy.js';
import type { FeedbackAction } from './feedback.rules.js';

/**
 * Who may do what to an item, over the unit that holds it now (its subtree path). The one-stop desk records and
 * classifies (dossiers.receive); specialists draft and ask for information (dossiers.process); only a leader approves
 * the answer; a head or leader gives a reopened item back to a handler; anyone with dossiers.read over the unit reads.
 */
export function canReadItem(actor: Actor, unitPath: string, receivingPath: string): boolean {
  return can(actor, 'dossiers.read', unitPath) || can(actor, 'dossiers.read', receivingPath);
}

export function canRecordAt(actor: Actor, unitPath: string): boolean {
  return can(actor, 'dossiers.receive', unitPath);
}

function holdsRole(actor: Actor, roles: readonly string[], unitPath: string): boolean {
  return actor.grants.some((g) => roles.includes(g.role) && unitPath.startsWith(g.unitPath));
}

export function canActOn(actor: Actor, action: Exclude<FeedbackAction, 'rate' | 'reopen' | 'supply_info'>, unitPath: string): boolean {
  switch (action) {
    case 'classify':
      return can(actor, 'dossiers.receive', unitPath) || can(actor, 'dossiers.process', unitPath);
    case 'request_info':
    case 'draft':
    case 'publish':
      return can(actor, 'dossiers.process', unitPath);
    case 'approve':
    case 'return':
      return holdsRole(actor, ['leader'], unitPath);
    case 'resume':
      return holdsRole(actor, ['head', 'leader'], unitPath);
  }
}
