import { randomBytes } from 'node:crypto';
import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { hashToken } from '../../identity/auth.plugin.js';
import { can, scopePaths, type Actor } from '../../identity/permissions.policy.js';
import { getUnit } from '../../org-units/unit.repo.js';
import { satisfactionErrors } from '../satisfaction.errors.js';
import { findRateableDossier, getKiosk, hasRating, insertKiosk, listKiosks, revokeKiosk, type KioskRow } from '../satisfaction.repo.js';
import { canBeRated, withinKioskWindow } from '../satisfaction.rules.js';

/**
 * Pairs a tablet at the desk as a rating kiosk of a unit (the "electronic evaluation device at the desk", Nghị định
 * 61/2018 Điều 29): a desk officer of that unit creates it; the token is shown once and only its SHA-256 is kept.
 */
export async function pairKiosk(deps: { db: Db; clock: Clock }, actor: Actor, input: { unitId: string; name: string }): Promise<KioskRow & { token: string }> {
  const unit = await getUnit(deps.db, input.unitId);
  if (!unit) throw commonErrors.notFound('Unit');
  if (!can(actor, 'dossiers.receive', unit.path)) throw commonErrors.forbidden('dossiers.receive');
  const token = randomBytes(32).toString('base64url');
  const id = await insertKiosk(deps.db, { unitId: unit.id, unitPath: unit.path, name: input.name, tokenHash: hashToken(token), createdBy: actor.userId, createdAt: deps.clock.now() });
  await recordAudit(deps.db, { actorId: actor.userId, actorName: actor.fullName, action: 'kiosk.pair', entity: 'satisfaction_kiosk', entityId: id, after: { unitId: unit.id, name: input.name }, unitPaths: [unit.path], at: deps.clock.now() });
  return { ...(await getKiosk(deps.db, { id }))!, token };
}

export async function revokeKioskAs(deps: { db: Db; clock: Clock }, actor: Actor, id: string): Promise<KioskRow> {
  const k = await getKiosk(deps.db, { id });
  if (!k) throw commonErrors.notFound('Kiosk');
  // Another unit's kiosk answers as a wrong id would (no 403 to confirm it exists).
  if (!can(actor, 'dossiers.receive', k.unitPath)) throw commonErrors.notFound('Kiosk');
  await revokeKiosk(deps.db, id, deps.clock.now());
  await recordAudit(deps.db, { actorId: actor.userId, actorName: actor.fullName, action: 'kiosk.revoke', entity: 'satisfaction_kiosk', entityId: id, unitPaths: [k.unitPath], at: deps.clock.now() });
  return (await getKiosk(deps.db, { id }))!;
}

export async function listKiosksAs(deps: { db: Db; clock: Clock }, actor: Actor): Promise<KioskRow[]> {
  return listKiosks(deps.db, scopePaths(actor, 'dossiers.receive'));
}

/** The kiosk a request's token belongs to; refused when unknown or revoked. */
export async function authenticateKiosk(deps: { db: Db; clock: Clock }, token: string | undefined): Promise<KioskRow> {
  if (!token || token.length < 20 || token.length > 100) throw satisfactionErrors.kioskInvalid();
  const k = await getKiosk(deps.db, { tokenHash: hashToken(token) });
  if (!k || k.revokedAt) throw satisfactionErrors.kioskInvalid();
  return k;
}

/**
 * The dossier a citizen rates at the kiosk: one of the kiosk's unit (received or resolved in its subtree), returned within
 * the last days. Any other code gets the same "not here" answer, so the kiosk reveals nothing about other units' dossiers.
 */
export async function kioskDossier(deps: { db: Db; clock: Clock }, kiosk: KioskRow, code: string) {
  const d = await findRateableDossier(deps.db, { code: code.trim() });
  const ofUnit = d && (d.receivingPath.startsWith(kiosk.unitPath) || d.resolvingPath.startsWith(kiosk.unitPath));
  if (!d || !ofUnit || !canBeRated(d.status) || !withinKioskWindow(d.returnedAt, deps.clock.now())) throw satisfactionErrors.notAtThisDesk();
  return { dossier: d, rated: await hasRating(deps.db, d.id, 'kiosk') };
}
