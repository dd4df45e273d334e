import { can, scopePaths, type Actor } from '../identity/permissions.policy.js';

/**
 * Who may do what in the postal flow. A postal worker (role `postal`, permission `postal.work`) acts on the pickup
 * orders and shipments of the desks in their area — the units their grant covers. The one-stop desk
 * (`dossiers.receive`) takes requests by phone, signs the hand-over record and sees its own orders. A postal worker
 * closes a dossier only through the delivery of its shipment (use-cases/record-shipment-event.ts), never through the
 * dossier actions (dossiers/dossier.policy.ts gives the role nothing).
 */
export function canWorkPostal(actor: Actor, receivingPath: string): boolean {
  return can(actor, 'postal.work', receivingPath);
}

export function isDeskOf(actor: Actor, receivingPath: string): boolean {
  return can(actor, 'dossiers.receive', receivingPath);
}

/**
 * Whether the officer may see a pickup or shipment of this desk at all (its postal worker or its desk). One they may
 * not see answers as a wrong id would (404): a 403 would confirm that it exists.
 */
export function seesPostalWork(actor: Actor, receivingPath: string): boolean {
  return canWorkPostal(actor, receivingPath) || isDeskOf(actor, receivingPath);
}

/** Units whose pickup orders and shipments the actor sees: their postal area and, for desk officers, their desks. */
export function postalScope(actor: Actor): string[] {
  const paths = [...scopePaths(actor, 'postal.work'), ...scopePaths(actor, 'dossiers.receive')];
  return paths.filter((p, i) => !paths.some((q, j) => (q !== p && p.startsWith(q)) || (q === p && j < i)));
}
