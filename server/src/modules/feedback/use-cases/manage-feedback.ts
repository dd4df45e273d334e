import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../../platform/clock.js';
import { withTransaction, type Db } from '../../../platform/database.js';
import { commonErrors } from '../../../platform/errors.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { can, scopePaths, type Actor } from '../../identity/permissions.policy.js';
import { getUnit } from '../../org-units/unit.repo.js';
import type { TRecordFeedbackInput, TReceipt } from '../feedback.contract.js';
import { feedbackErrors } from '../feedback.errors.js';
import { canRecordAt } from '../feedback.policy.js';
import { saveClockSettings } from '../feedback.repo.js';
import type { ClockSettings } from '../feedback.rules.js';
import { receiveFeedback } from './receive-feedback.js';

type Deps = { db: Db; clock: Clock };

/** An officer of the desk records a letter or a phone call faithfully, in the register of their unit. */
export async function recordFeedback(deps: Deps, actor: Actor, input: TRecordFeedbackInput): Promise<TReceipt> {
  const unit = await getUnit(deps.db, input.unitId);
  if (!unit) throw feedbackErrors.unitNotFound();
  if (!canRecordAt(actor, unit.path)) throw commonErrors.forbidden('dossiers.receive');
  let dossierId: string | null = null;
  let procedureId = input.procedureId;
  if (input.dossierCode) {
    const { rows } = await deps.db.query<{ id: string; procedureId: string; receivingPath: string; resolvingPath: string }>(
      `SELECT id, procedure_id AS "procedureId", receiving_path AS "receivingPath", resolving_path AS "resolvingPath" FROM dossier WHERE code = upper($1)`,
      [input.dossierCode.trim()],
    );
    const d = rows[0];
    if (!d || !(can(actor, 'dossiers.read', d.receivingPath) || can(actor, 'dossiers.read', d.resolvingPath))) throw feedbackErrors.dossierCodeUnknown(input.dossierCode.trim().toUpperCase());
    dossierId = d.id;
    procedureId = d.procedureId;
  }
  return receiveFeedback(deps, {
    channel: input.channel,
    kind: input.kind,
    category: input.category,
    unitId: unit.id,
    subject: input.subject,
    content: input.content,
    procedureId,
    dossierId,
    officerName: input.officerName,
    sender: input.sender,
    citizenId: null,
    open311ClientId: null,
    consent: input.consentPublishIdentity,
    place: input.place,
    files: input.files,
    recordedBy: { id: actor.userId, name: actor.fullName },
  });
}

/** The province sets its own clock lengths (e.g. answer within 10 working days); held with calendar.manage over the unit. */
export async function setClockSettings(deps: Deps, actor: Actor, unitId: string, s: ClockSettings): Promise<void> {
  const unit = await getUnit(deps.db, unitId);
  if (!unit) throw feedbackErrors.unitNotFound();
  if (!can(actor, 'calendar.manage', unit.path)) throw commonErrors.forbidden('calendar.manage');
  if (unit.kind !== 'province') throw feedbackErrors.clockNotProvince();
  const now = deps.clock.now();
  await withTransaction(deps.db, async (tx) => {
    await saveClockSettings(tx, unit.id, s, now);
    await recordAudit(tx, { at: now, actorId: actor.userId, actorName: actor.fullName, action: 'feedback.clock_settings', entity: 'unit', entityId: unit.id, after: s, unitPaths: [unit.path] });
  });
}

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Registers an Open311 client (a third-party app) posting into a unit; the key is shown once and stored as SHA-256. */
export async function createOpen311Client(deps: Deps, actor: Actor, input: { name: string; unitId: string }): Promise<{ id: string; name: string; apiKey: string }> {
  const unit = await getUnit(deps.db, input.unitId);
  if (!unit) throw feedbackErrors.unitNotFound();
  if (!can(actor, 'units.manage', unit.path)) throw commonErrors.forbidden('units.manage');
  const apiKey = `o311_${randomBytes(24).toString('base64url')}`;
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO open311_client (name, unit_id, unit_path, key_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.name, unit.id, unit.path, hashKey(apiKey), actor.userId, now],
    );
    const id = rows[0]!.id;
    await recordAudit(tx, { at: now, actorId: actor.userId, actorName: actor.fullName, action: 'feedback.open311_client', entity: 'open311_client', entityId: id, after: { name: input.name, unitId: unit.id }, unitPaths: [unit.path] });
    return { id, name: input.name, apiKey };
  });
}

export async function listOpen311Clients(deps: Deps, actor: Actor) {
  const { rows } = await deps.db.query<{ id: string; name: string; unitName: string; createdAt: Date; revokedAt: Date | null }>(
    `SELECT c.id, c.name, u.name AS "unitName", c.created_at AS "createdAt", c.revoked_at AS "revokedAt" FROM open311_client c JOIN unit u ON u.id = c.unit_id
      WHERE c.unit_path LIKE ANY (SELECT p || '%' FROM unnest($1::text[]) p) ORDER BY c.created_at DESC`,
    [scopePaths(actor, 'units.manage')],
  );
  return rows;
}

/**
 * Revokes an Open311 client's key (a leaked key, an app no longer trusted): from then on its posts and reads with the key
 * are refused (FEEDBACK.OPEN311_KEY_REVOKED). The same permission as issuing it, over the client's unit; a client outside
 * the admin's units looks absent. Revoking twice keeps the first date.
 */
export async function revokeOpen311Client(deps: Deps, actor: Actor, id: string): Promise<{ id: string; revokedAt: Date }> {
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    const { rows } = await tx.query<{ name: string; unitPath: string; revokedAt: Date | null }>(
      `SELECT name, unit_path AS "unitPath", revoked_at AS "revokedAt" FROM open311_client WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const c = rows[0];
    if (!c || !can(actor, 'units.manage', c.unitPath)) throw feedbackErrors.open311ClientNotFound();
    if (c.revokedAt) return { id, revokedAt: c.revokedAt };
    await tx.query(`UPDATE open311_client SET revoked_at = $2 WHERE id = $1`, [id, now]);
    await recordAudit(tx, { at: now, actorId: actor.userId, actorName: actor.fullName, action: 'feedback.open311_client_revoke', entity: 'open311_client', entityId: id, before: { name: c.name, revokedAt: null }, after: { revokedAt: now }, unitPaths: [c.unitPath] });
    return { id, revokedAt: now };
  });
}
