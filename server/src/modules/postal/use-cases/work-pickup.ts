import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import type { AppConfig } from '../../../platform/config.js';
import { commonErrors, DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { getUnit } from '../../org-units/unit.repo.js';
import { receiveDossier } from '../../dossiers/use-cases/receive-dossier.js';
import { ZReceivedDocument } from '../../dossiers/dossier.contract.js';
import type { THandOverInput, TPickUpInput } from '../postal.contract.js';
import { postalErrors } from '../postal.errors.js';
import { canWorkPostal, isDeskOf, seesPostalWork } from '../postal.policy.js';
import { getPickup, getProcedureFacts, updatePickup, type PickupRow } from '../postal.repo.js';
import { pickupStatusLabels, pickupTransition, type PickupEvent } from '../postal.rules.js';
import { postalServiceFor } from '../postal.service.js';

type Deps = { db: Db; clock: Clock; config: AppConfig };

function step(p: PickupRow, event: PickupEvent) {
  const t = pickupTransition(p.status, event);
  if (!t.ok) throw postalErrors.transition(pickupStatusLabels[p.status], t.allowed);
  return t.to;
}

/**
 * The postal worker at the citizen's home (Quyết định 45/2016/QĐ-TTg Điều 6): documents counted against the procedure's
 * list, the Phiếu gửi hồ sơ signed by both (names and time kept), fees and charges collected with a receipt, postage
 * recorded apart (Điều 11: the citizen pays it). The operator's order gives the waybill number.
 */
export async function pickUp(deps: Deps, actor: Actor, pickupId: string, input: TPickUpInput): Promise<void> {
  if (input.feeVnd > 0 && !input.feeReceiptNo) throw postalErrors.receiptRequired();
  const now = deps.clock.now();
  const before = await getPickup(deps.db, pickupId);
  if (!before) throw postalErrors.pickupNotFound();
  if (!canWorkPostal(actor, before.receivingPath)) throw seesPostalWork(actor, before.receivingPath) ? commonErrors.forbidden('postal.work') : postalErrors.pickupNotFound();
  step(before, 'pick_up');
  const procedure = await getProcedureFacts(deps.db, before.procedureId);
  if (!procedure?.postalIntake) throw postalErrors.notAcceptedByPost();
  // The order is created before the row is locked (a network call); it is idempotent on the pickup id.
  const { trackingCode } = await postalServiceFor(deps).createOrder({ reference: `pickup:${pickupId}`, kind: 'pickup', recipientName: before.receivingUnitName, address: before.address, phone: before.phone });
  await withTransaction(deps.db, async (tx) => {
    const p = (await getPickup(tx, pickupId, true))!;
    const to = step(p, 'pick_up');
    await updatePickup(tx, pickupId, {
      status: to,
      documents: JSON.stringify(input.documents),
      citizen_signed_name: input.citizenSignedName,
      fee_vnd: input.feeVnd,
      fee_receipt_no: input.feeReceiptNo,
      postage_vnd: input.postageVnd,
      picked_up_by: actor.userId,
      picked_up_by_name: actor.fullName,
      picked_up_at: now,
      tracking_code: trackingCode,
    }, now);
  });
}

/** The order is dropped before the hand-over: the citizen changed their mind, or the procedure cannot go by post. */
export async function cancelPickup(deps: Deps, actor: Actor, pickupId: string, reason: string): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    const p = await getPickup(tx, pickupId, true);
    if (!p) throw postalErrors.pickupNotFound();
    if (!seesPostalWork(actor, p.receivingPath)) throw postalErrors.pickupNotFound();
    await updatePickup(tx, pickupId, { status: step(p, 'cancel'), cancel_reason: reason }, deps.clock.now());
  });
}

/**
 * The desk receives the parcel (Quyết định 45/2016/QĐ-TTg Điều 7): the desk officer and the postal worker count it
 * against the Phiếu gửi and sign the Biên bản giao nhận hồ sơ. The dossier counts as lawfully submitted at that moment,
 * so it is received now, channel "postal", through the one intake use case (its deadline runs from here); the pickup
 * keeps both signatures and the dossier it became. A retry finds the same dossier through the idempotency key; one with
 * another resolving unit (the dossier was written, the pickup's update was not) is refused, never filed under the first.
 */
export async function handOverPickup(deps: Deps, actor: Actor, pickupId: string, input: THandOverInput): Promise<string> {
  const p = await getPickup(deps.db, pickupId);
  if (!p) throw postalErrors.pickupNotFound();
  if (!isDeskOf(actor, p.receivingPath)) throw seesPostalWork(actor, p.receivingPath) ? commonErrors.forbidden('dossiers.receive') : postalErrors.pickupNotFound();
  step(p, 'hand_over');
  const desk = (await getUnit(deps.db, p.receivingUnitId))!;
  const resolvingUnitId = input.resolvingUnitId ?? desk.parentId ?? desk.id;
  const { id: dossierId } = await receiveDossier(
    deps,
    actor,
    {
      idempotencyKey: `postal-pickup:${p.id}`,
      procedureId: p.procedureId,
      receivingUnitId: p.receivingUnitId,
      resolvingUnitId,
      applicant: { kind: p.applicant.kind === 'organisation' ? 'organisation' : 'citizen', idNumber: p.applicant.idNumber, fullName: p.applicant.fullName, birthDate: null, address: p.address, addressUnitId: null, phone: p.phone, email: p.applicant.email },
      documents: ZReceivedDocument.array().parse(p.documents),
      eform: null,
      resultDelivery: p.resultDelivery === 'post' ? 'post' : 'desk',
      outcome: 'accept',
      missing: [],
      reason: null,
    },
    { channel: 'postal', collectedFeeVnd: p.feeVnd },
  ).catch((err: unknown) => {
    // The key is the pickup's own: "send a new request" is no advice here, the unit chosen first is.
    throw err instanceof DomainError && err.code === 'DOSSIER.IDEMPOTENCY_KEY_REUSED' ? postalErrors.handOverMismatch() : err;
  });
  await withTransaction(deps.db, async (tx) => {
    // The hand-over instant is the dossier's submission instant (Điều 7), one value in both rows.
    const { rows } = await tx.query<{ at: Date }>(`SELECT submitted_at AS at FROM dossier WHERE id = $1`, [dossierId]);
    const now = rows[0]!.at;
    const locked = (await getPickup(tx, pickupId, true))!;
    if (locked.status === 'handed_over' && locked.dossierId === dossierId) return;
    const to = step(locked, 'hand_over');
    await updatePickup(tx, pickupId, { status: to, handed_over_at: now, desk_signed_by: actor.userId, desk_signed_name: actor.fullName, postal_signed_name: input.postalSignerName, dossier_id: dossierId }, now);
  });
  return dossierId;
}
