import { withTransaction, type Db, type Queryable } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { VerifiedGatewayResult } from '../payment-gateway.js';
import { appendPaymentEvent, findPayment, getPayableDossier, markPaid, nextReceiptSeq, paidPaymentOf, setStatus, type PaymentRow } from '../payment.repo.js';
import { settleDecision, type SettleDecision } from '../payment.rules.js';
import { ipnAnswers, type IpnAnswer } from '../vnpay.gateway.js';

/**
 * Marks a locked payment paid: takes the next receipt number of the receiving unit's yearly series and writes the
 * event. The caller holds the dossier lock, so two channels cannot both pay one fee (and the unique index
 * payment_one_paid_idx stops it at the database too).
 */
export async function payLockedPayment(
  tx: Queryable,
  p: PaymentRow,
  receivingUnitId: string,
  at: Date,
  source: { kind: string; actorId?: string | null; gatewayTxnNo?: string | null; bankRef?: string | null; data?: unknown },
): Promise<void> {
  const year = Number(vnDateOf(at).slice(0, 4));
  const seq = await nextReceiptSeq(tx, receivingUnitId, year);
  await markPaid(tx, p.id, { paidAt: at, gatewayTxnNo: source.gatewayTxnNo, bankRef: source.bankRef, receiptUnitId: receivingUnitId, receiptYear: year, receiptSeq: seq });
  await appendPaymentEvent(tx, { paymentId: p.id, at, kind: source.kind, fromStatus: p.status, toStatus: 'paid', actorId: source.actorId, data: { ...((source.data as object) ?? {}), receiptSeq: seq, receiptYear: year } });
}

export type SettleOutcome = { decision: SettleDecision | 'not_found' | 'duplicate'; payment: PaymentRow | null };

/**
 * Applies a gateway message whose signature was verified (IPN or browser return) to its payment, idempotently:
 * the order must exist, the amount must be the payment's, and a payment already paid or failed never changes, so a
 * replayed message writes nothing. A success for a dossier already paid through another payment is logged for refund.
 */
export async function settleGatewayResult(
  deps: { db: Db; clock: Clock },
  r: VerifiedGatewayResult,
  via: 'ipn' | 'return',
  gateway: 'vnpay' | 'paygov' = 'vnpay',
): Promise<SettleOutcome> {
  const now = deps.clock.now();
  const found = await findPayment(deps.db, { reference: r.reference });
  // A gateway settles only the payments started with it: one gateway's signed message never pays another's order.
  if (!found || found.method !== gateway) return { decision: 'not_found', payment: null };
  return withTransaction(deps.db, async (tx) => {
    const dossier = await getPayableDossier(tx, found.dossierId, true);
    const p = (await findPayment(tx, { id: found.id }, true))!;
    const decision = settleDecision(p, { amountVnd: r.amountVnd, success: r.success });
    const data = { via, gateway, responseCode: r.responseCode, transactionNo: r.transactionNo, bankCode: r.bankCode, amountVnd: r.amountVnd };
    switch (decision) {
      case 'invalid_amount':
        await appendPaymentEvent(tx, { paymentId: p.id, at: now, kind: 'callback_rejected', fromStatus: p.status, toStatus: p.status, data: { ...data, reason: 'amount' } });
        return { decision, payment: p };
      case 'already_final':
        return { decision, payment: p };
      case 'fail':
        await setStatus(tx, p.id, 'failed');
        await appendPaymentEvent(tx, { paymentId: p.id, at: now, kind: 'failed', fromStatus: p.status, toStatus: 'failed', data });
        return { decision, payment: { ...p, status: 'failed' } };
      case 'pay': {
        const other = await paidPaymentOf(tx, p.dossierId);
        if (other) {
          await appendPaymentEvent(tx, { paymentId: p.id, at: now, kind: 'duplicate_payment', fromStatus: p.status, toStatus: p.status, data: { ...data, paidBy: other.reference, refund: true } });
          return { decision: 'duplicate', payment: p };
        }
        await payLockedPayment(tx, p, dossier!.receivingUnitId, now, { kind: 'paid', gatewayTxnNo: r.transactionNo, data });
        return { decision, payment: (await findPayment(tx, { id: p.id }))! };
      }
    }
  });
}

/** The protocol's IPN answer for an outcome (the gateway stops retrying on 00 and 02). */
export function ipnAnswerFor(o: SettleOutcome): IpnAnswer {
  switch (o.decision) {
    case 'not_found':
      return ipnAnswers.orderNotFound;
    case 'invalid_amount':
      return ipnAnswers.invalidAmount;
    case 'already_final':
    case 'duplicate':
      return ipnAnswers.alreadyConfirmed;
    case 'pay':
    case 'fail':
      return ipnAnswers.success;
  }
}
