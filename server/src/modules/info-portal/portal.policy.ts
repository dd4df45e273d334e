import { can, type Actor } from '../identity/permissions.policy.js';
import type { PortalRole } from './portal.rules.js';

/**
 * Who may do what on a unit's site. Roles on a site are held at that site only (not inherited): the editor of a commune
 * cannot write on the province's site or another commune's. Site settings and the list of editors and reviewers belong
 * to whoever manages the unit (units.manage on its subtree).
 */
export function canManageSite(actor: Actor, unitPath: string): boolean {
  return can(actor, 'units.manage', unitPath);
}

export function canEdit(roles: readonly PortalRole[]): boolean {
  return roles.includes('editor') || roles.includes('reviewer');
}

export function canReview(roles: readonly PortalRole[]): boolean {
  return roles.includes('reviewer');
}
