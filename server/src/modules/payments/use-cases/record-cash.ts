import { randomBytes } from 'node:crypto';
import { withTransaction, type Db, type Queryable } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { paymentErrors } from '../payment.errors.js';
import { appendPaymentEvent, findPayment, getPayableDossier, insertPayment, paidPaymentOf, type PayableDossier, type PaymentRow } from '../payment.repo.js';
import { paymentReference } from '../payment.rules.js';
import { canRead } from '../../dossiers/dossier.policy.js';
import { assertPayable } from './start-payment.js';
import { payLockedPayment } from './settle-payment.js';

/**
 * The desk officer records the fee received in cash (Nghị định 61/2018 Điều 22 k1: fees paid to the agency directly) and
 * issues the receipt: needs `dossiers.receive` over the receiving or resolving unit. The amount is the dossier's fee;
 * a dossier already paid (by any channel) is refused, so a double click records nothing twice.
 */
export async function recordCashPayment(deps: { db: Db; clock: Clock }, actor: Actor, dossierId: string, input: { payerName?: string }): Promise<PaymentRow> {
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    const d = await getPayableDossier(tx, dossierId, true);
    if (!d) throw paymentErrors.notFound();
    if (!can(actor, 'dossiers.receive', d.receivingPath) && !can(actor, 'dossiers.receive', d.resolvingPath)) {
      // A dossier outside the officer's sight answers as a wrong id would (a 403 would confirm it exists).
      throw canRead(actor, d) ? commonErrors.forbidden('dossiers.receive') : paymentErrors.notFound();
    }
    assertPayable(d);
    if (await paidPaymentOf(tx, d.id)) throw paymentErrors.alreadyPaid();
    return payCashLocked(tx, actor, d, now, input.payerName);
  });
}

/**
 * Records the dossier's fee as paid in cash by this officer, with its receipt number, events and audit row, inside the
 * caller's transaction; the caller holds the dossier row lock and has checked the officer's right and that the fee is
 * due and unpaid (the cash endpoint above, and intake when the fee is paid at the desk).
 */
export async function payCashLocked(tx: Queryable, actor: Actor, d: PayableDossier, now: Date, payerName?: string): Promise<PaymentRow> {
  const p = await insertPayment(tx, {
    dossierId: d.id,
    reference: paymentReference(randomBytes(10)),
    method: 'cash',
    amountVnd: d.feeVnd,
    status: 'pending',
    createdAt: now,
    expiresAt: null,
    payerName: payerName?.trim() || d.applicantName,
    recordedBy: actor.userId,
  });
  await appendPaymentEvent(tx, { paymentId: p.id, at: now, kind: 'created', fromStatus: null, toStatus: 'pending', actorId: actor.userId, data: { method: 'cash', amountVnd: p.amountVnd } });
  await payLockedPayment(tx, p, d.receivingUnitId, now, { kind: 'paid', actorId: actor.userId, data: { via: 'desk' } });
  const paid = (await findPayment(tx, { id: p.id }))!;
  await recordAudit(tx, { actorId: actor.userId, actorName: actor.fullName, action: 'payment.cash', entity: 'dossier', entityId: d.id, after: { reference: paid.reference, amountVnd: paid.amountVnd, receiptSeq: paid.receiptSeq }, unitPaths: [d.receivingPath, d.resolvingPath], at: now });
  return paid;
}
