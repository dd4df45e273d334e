import { randomBytes } from 'node:crypto';
import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { normalizePhoneVn } from '../../applicants/phone.rules.js';
import { checkApplicantId } from '../../applicants/applicant-id.rules.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { getUnit } from '../../org-units/unit.repo.js';
import { dossierErrors } from '../../dossiers/dossier.errors.js';
import type { TPickupRequest } from '../postal.contract.js';
import { postalErrors } from '../postal.errors.js';
import { isDeskOf } from '../postal.policy.js';
import { getProcedureFacts, insertPickup } from '../postal.repo.js';
import { confirmationCode, postalDueAt } from '../postal.rules.js';

/**
 * A citizen asks for the postal service to fetch a dossier at home (Quyết định 45/2016/QĐ-TTg Điều 5–6): on the portal
 * (no actor) or by phone to the desk (the desk officer is the actor). Only procedures published as accepted by post
 * (Điều 13: the agency publishes the list) and only a one-stop desk as destination. Same-day procedures get a pickup due
 * time the same day. Returns the confirmation code the citizen keeps.
 */
export async function requestPickup(deps: { db: Db; clock: Clock }, actor: Actor | null, input: TPickupRequest) {
  const now = deps.clock.now();
  const [procedure, unit] = await Promise.all([getProcedureFacts(deps.db, input.procedureId), getUnit(deps.db, input.receivingUnitId)]);
  if (!procedure) throw commonErrors.notFound('Procedure');
  if (procedure.status !== 'published') throw dossierErrors.procedureClosed();
  if (!procedure.postalIntake) throw postalErrors.notAcceptedByPost();
  if (input.resultDelivery === 'post' && !procedure.postalReturn) throw postalErrors.noReturnByPost();
  if (!unit || unit.kind !== 'desk' || unit.validTo) throw postalErrors.notDesk();
  if (actor && !isDeskOf(actor, unit.path)) throw commonErrors.forbidden('dossiers.receive');
  // Checked now, as the desk will at the hand-over: a parcel must not travel to be refused for a mistyped number.
  const identity = checkApplicantId(input.applicant.kind, input.applicant.idNumber, { today: vnDateOf(now) });
  if (!identity.ok) throw dossierErrors.badApplicant(identity.reasonVi);
  const phone = normalizePhoneVn(input.phone);
  if (!phone.ok) throw commonErrors.validation([{ path: '/phone', message: phone.reasonVi }]);
  const dueAt = postalDueAt(now, procedure.processingTime);
  const code = confirmationCode(randomBytes(8));
  const id = await insertPickup(deps.db, {
    confirmationCode: code,
    procedureId: procedure.id,
    procedureName: procedure.name,
    receivingUnitId: unit.id,
    receivingPath: unit.path,
    applicant: { ...input.applicant, idNumber: identity.idNumber },
    address: input.address,
    phone: phone.national,
    preferredTime: input.preferredTime,
    requestedVia: actor ? 'phone' : 'portal',
    requestedBy: actor?.userId ?? null,
    resultDelivery: input.resultDelivery,
    dueAt,
    createdAt: now,
  });
  return { id, confirmationCode: code, status: 'requested' as const, dueAt };
}
