import { withTransaction, type Db, type Tx } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { ruleSets } from '../../rule-sets/rule-set.rules.js';
import { recordEvent } from '../../dossiers/dossier.ledger.js';
import { lockDossier } from '../../dossiers/dossier.repo.js';
import { applyAction } from '../../dossiers/dossier.rules.js';
import { canReturnByPost } from '../../dossiers/dossier.policy.js';
import { dossierErrors } from '../../dossiers/dossier.errors.js';
import { actionsNowFor } from '../../dossiers/use-cases/actions-now.js';
import type { TShipmentEventInput } from '../postal.contract.js';
import { postalErrors } from '../postal.errors.js';
import { canWorkPostal, isDeskOf, seesPostalWork } from '../postal.policy.js';
import { getShipment, insertCharge, updateShipment } from '../postal.repo.js';
import { shipmentStatusLabels, shipmentTransition } from '../postal.rules.js';

/** Who reports: a signed-in officer (postal worker, or the desk taking a result back), or the operator's signed callback. */
export type Reporter = { kind: 'staff'; actor: Actor } | { kind: 'operator'; at: Date };

/**
 * One step of a result shipment (Quyết định 45/2016/QĐ-TTg Điều 9–10): the postal worker takes the result and the
 * originals at the desk, delivers it against the citizen's signature, fails, or brings it back to the desk. Delivery
 * closes the dossier ("return_result", with who received it) in the same transaction; a return to the desk turns the
 * dossier back to collection at the desk. A new attempt after a failure may carry the extra postage and the party at
 * fault (Điều 11–12). The same function serves the console and the operator's callbacks.
 */
export async function recordShipmentEvent(deps: { db: Db; clock: Clock }, who: Reporter, shipmentId: string, input: TShipmentEventInput, tx?: Tx): Promise<void> {
  const run = async (q: Tx) => {
    const s = await getShipment(q, { id: shipmentId }, true);
    if (!s) throw postalErrors.shipmentNotFound();
    if (who.kind === 'staff') {
      const allowed = canWorkPostal(who.actor, s.receivingPath) || (input.event === 'return_to_desk' && isDeskOf(who.actor, s.receivingPath));
      if (!allowed) throw seesPostalWork(who.actor, s.receivingPath) ? commonErrors.forbidden('postal.work') : postalErrors.shipmentNotFound();
    }
    const t = shipmentTransition(s.status, input.event);
    if (!t.ok) throw postalErrors.transition(shipmentStatusLabels[s.status], t.allowed);
    const now = who.kind === 'operator' ? who.at : deps.clock.now();
    const actorId = who.kind === 'staff' ? who.actor.userId : null;
    const actorName = who.kind === 'staff' ? who.actor.fullName : 'Doanh nghiệp bưu chính';
    switch (input.event) {
      case 'hand_over':
        await updateShipment(q, s.id, {
          status: t.to,
          attempts: s.attempts + 1,
          handed_over_at: now,
          handed_over_by_name: actorName,
          ...(input.originals !== null ? { originals: input.originals } : {}),
          ...(input.postageVnd !== undefined ? { postage_vnd: input.postageVnd } : {}),
        }, now);
        if (input.charge) await insertCharge(q, { shipmentId: s.id, pickupId: null, kind: 'redelivery', ...input.charge, createdBy: actorId, createdByName: actorName }, now);
        // The citizen is told the result is on its way (ND 224/2026 Điều 15 k1g: every change, at once).
        await recordEvent(q, s.dossierId, { at: now, actorId, actorName, note: null, event: { type: 'result_sent_by_post', trackingCode: s.trackingCode } });
        return;
      case 'fail':
        await updateShipment(q, s.id, { status: t.to, failed_at: now, fail_reason: input.reason }, now);
        return;
      case 'deliver':
        await closeDossier(q, who, s.dossierId, { at: now, actorId, actorName, receivedBy: input.receivedBy, trackingCode: s.trackingCode });
        await updateShipment(q, s.id, { status: t.to, delivered_at: now, received_by: input.receivedBy }, now);
        return;
      case 'return_to_desk': {
        await updateShipment(q, s.id, { status: t.to, returned_at: now }, now);
        await recordEvent(q, s.dossierId, {
          at: now, actorId, actorName, note: input.reason ?? 'Bưu điện chuyển trả kết quả về bộ phận một cửa', event: { type: 'postal_returned_to_desk', trackingCode: s.trackingCode },
        });
        return;
      }
    }
  };
  if (tx) return run(tx);
  return withTransaction(deps.db, run);
}

/** The dossier's "return_result" under its state machine, by the delivering postal worker or the operator's report. */
async function closeDossier(q: Tx, who: Reporter, dossierId: string, p: { at: Date; actorId: string | null; actorName: string; receivedBy: string; trackingCode: string | null }) {
  const d = await lockDossier(q, dossierId);
  if (!d) throw dossierErrors.notFound();
  const { rows } = await q.query<{ resultDelivery: string }>(`SELECT result_delivery AS "resultDelivery" FROM dossier WHERE id = $1`, [dossierId]);
  const resultDelivery = rows[0]!.resultDelivery;
  if (who.kind === 'staff' && !canReturnByPost(who.actor, { receivingPath: d.receivingPath, resultDelivery })) {
    throw seesPostalWork(who.actor, d.receivingPath) ? commonErrors.forbidden('dossier.return_result') : dossierErrors.notFound();
  }
  if (resultDelivery !== 'post') throw postalErrors.resultAlreadyOut();
  const ruleSet = ruleSets.find((r) => r.id === d.ruleSet)!;
  const outcome = applyAction(
    { status: d.status, stepIndex: d.stepIndex, stepCount: d.stepCount, supplementCount: d.supplementCount, apologyCount: d.apologyCount, maxApologies: ruleSet.maxReappointments },
    'return_result',
  );
  // Named as the dossier page names them: what this officer may do now (none for the post's own reports).
  if (!outcome.ok) throw dossierErrors.actionNotAllowed(d.status, 'return_result', await actionsNowFor(q, who.kind === 'staff' ? who.actor : null, dossierId));
  await recordEvent(q, dossierId, {
    at: p.at, actorId: p.actorId, actorName: p.actorName, note: 'Trả kết quả qua dịch vụ bưu chính công ích',
    event: { type: 'return_result', receivedBy: p.receivedBy, channel: 'post', trackingCode: p.trackingCode },
  });
}
