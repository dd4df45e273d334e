import { randomBytes } from 'node:crypto';
import { withTransaction, type Db } from '../../../platform/database.js';
import { loadQrCode } from '../../../platform/libraries.js';
import type { Clock } from '../../../platform/clock.js';
import type { AppConfig } from '../../../platform/config.js';
import { paymentErrors } from '../payment.errors.js';
import { appendPaymentEvent, getPayableDossier, insertPayment, openPaymentOf, paidPaymentOf, type PayableDossier, type PaymentRow } from '../payment.repo.js';
import { feeClosedStatuses, nationalPaymentSimulatorActive, paymentReference, paymentSimulatorActive, pendingMinutes, type OnlineMethod } from '../payment.rules.js';
import { createNationalPaymentGateway } from '../national-payment.gateway.js';
import { paymentLinkToken, paymentResultPath } from '../payment.links.js';
import { buildVietQrPayload } from '../vietqr.rules.js';
import { dossierReference } from '../../dossiers/tracking-code.rules.js';
import { createVnpayGateway } from '../vnpay.gateway.js';

export type PaymentConfig = Pick<
  AppConfig,
  | 'mode' | 'vnpayTmnCode' | 'vnpayHashSecret' | 'vnpayUrl' | 'paymentSimulator' | 'receiptLinkSecret' | 'publicUrl' | 'vietqrBin' | 'vietqrAccountNo' | 'vietqrAccountName'
  | 'nationalPaymentUrl' | 'nationalPaymentMerchant' | 'nationalPaymentSecret' | 'nationalPaymentSimulator'
>;
export type StartPaymentDeps = { db: Db; clock: Clock; config: PaymentConfig };

export type StartedPayment = {
  paymentId: string;
  reference: string;
  method: OnlineMethod;
  amountVnd: number;
  dossierCode: string;
  expiresAt: Date;
  /** Portal page showing this payment's result and receipt. */
  resultPath: string;
  /** VNPay: where to send the browser. */
  redirectUrl: string | null;
  /** VietQR: what to transfer, and the QR code of it (SVG). */
  transfer: { payload: string; qrSvg: string; bankBin: string; accountNo: string; accountName: string; note: string } | null;
};


export function assertPayable(d: PayableDossier | null): asserts d is PayableDossier {
  if (!d) throw paymentErrors.notFound();
  if (d.feeVnd <= 0) throw paymentErrors.noFee();
  if (feeClosedStatuses.includes(d.status)) throw paymentErrors.dossierClosed();
}

/** ASCII, as the gateway asks for its order description. */
function asciiOrderInfo(code: string): string {
  return `Thanh toan phi le phi ho so ${code}`.replace(/[^\x20-\x7E]/g, '');
}

/**
 * Starts paying a dossier's fee online (Nghị định 61/2018 Điều 22; ND 118/2025 Điều 24: online through the system's payment
 * function). The caller has already established who may pay (the tracking secret on the portal, or the signed-in citizen):
 * this function takes the amount from the dossier alone, never from the client, refuses a dossier already paid, and opens
 * a pending payment that expires (VNPay 15 minutes, VietQR 3 days; an open VietQR payment is reused so its QR stays valid).
 * `returnUrl` is where the gateway sends the browser back (our /api/payments/vnpay/return on the public origin).
 */
export async function startPayment(
  deps: StartPaymentDeps,
  dossierId: string,
  method: OnlineMethod,
  returnUrl: string,
  options: { clientIp?: string } = {},
): Promise<StartedPayment> {
  if (method === 'vnpay' && !deps.config.vnpayUrl && !paymentSimulatorActive(deps.config)) throw paymentErrors.gatewayUnavailable();
  if (method === 'paygov' && ((!deps.config.nationalPaymentUrl && !nationalPaymentSimulatorActive(deps.config)) || !deps.config.nationalPaymentSecret)) throw paymentErrors.gatewayUnavailable();
  const now = deps.clock.now();
  const { payment, dossier } = await withTransaction(deps.db, async (tx) => {
    const d = await getPayableDossier(tx, dossierId, true);
    assertPayable(d);
    if (await paidPaymentOf(tx, d.id)) throw paymentErrors.alreadyPaid();
    const open = method === 'vietqr' ? await openPaymentOf(tx, d.id, 'vietqr', now) : null;
    if (open && open.amountVnd === d.feeVnd) return { payment: open, dossier: d };
    const p: PaymentRow = await insertPayment(tx, {
      dossierId: d.id,
      reference: paymentReference(randomBytes(10)),
      method,
      amountVnd: d.feeVnd,
      status: 'pending',
      createdAt: now,
      expiresAt: new Date(now.getTime() + pendingMinutes[method] * 60_000),
      payerName: d.applicantName,
      recordedBy: null,
    });
    await appendPaymentEvent(tx, { paymentId: p.id, at: now, kind: 'created', fromStatus: null, toStatus: 'pending', data: { method, amountVnd: p.amountVnd } });
    return { payment: p, dossier: d };
  });
  const token = paymentLinkToken(deps.config.receiptLinkSecret, payment.reference);
  const base = {
    paymentId: payment.id,
    reference: payment.reference,
    method,
    amountVnd: payment.amountVnd,
    dossierCode: dossierReference(dossier),
    expiresAt: payment.expiresAt!,
    resultPath: paymentResultPath(payment.reference, token),
  };
  if (method === 'paygov') {
    const gateway = createNationalPaymentGateway({
      merchant: deps.config.nationalPaymentMerchant,
      secret: deps.config.nationalPaymentSecret,
      // Without a configured platform the demo's own simulator answers, at this server's public address.
      payUrl: deps.config.nationalPaymentUrl ?? `${deps.config.publicUrl}/sim/paygov/pay`,
    });
    const redirectUrl = gateway.createPaymentUrl({
      reference: payment.reference,
      amountVnd: payment.amountVnd,
      orderInfo: asciiOrderInfo(dossier.code ?? payment.reference),
      // The platform sends the browser back to this server's public address (PUBLIC_URL), never to one from the request.
      returnUrl: `${deps.config.publicUrl}/api/payments/paygov/return`,
      clientIp: options.clientIp ?? '127.0.0.1',
      createdAt: payment.createdAt,
      expiresAt: payment.expiresAt!,
    });
    return { ...base, redirectUrl, transfer: null };
  }
  if (method === 'vnpay') {
    const gateway = createVnpayGateway({
      tmnCode: deps.config.vnpayTmnCode,
      hashSecret: deps.config.vnpayHashSecret,
      // Without a configured gateway the demo's own simulator answers, at this server's public address (never a request header).
      payUrl: deps.config.vnpayUrl ?? `${deps.config.publicUrl}/sim/vnpay/pay`,
    });
    const redirectUrl = gateway.createPaymentUrl({
      reference: payment.reference,
      amountVnd: payment.amountVnd,
      orderInfo: asciiOrderInfo(dossier.code ?? payment.reference),
      returnUrl,
      clientIp: options.clientIp ?? '127.0.0.1',
      createdAt: payment.createdAt,
      expiresAt: payment.expiresAt!,
    });
    return { ...base, redirectUrl, transfer: null };
  }
  const payload = buildVietQrPayload({ bin: deps.config.vietqrBin, accountNo: deps.config.vietqrAccountNo, amountVnd: payment.amountVnd, purpose: payment.reference });
  const qrSvg = await (await loadQrCode()).toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return {
    ...base,
    redirectUrl: null,
    transfer: { payload, qrSvg, bankBin: deps.config.vietqrBin, accountNo: deps.config.vietqrAccountNo, accountName: deps.config.vietqrAccountName, note: payment.reference },
  };
}
