import { z } from 'zod';
import { onlineMethods, paymentMethods, paymentStatuses } from './payment.rules.js';

/** The tracking credentials a citizen proves a dossier is theirs with (dossier code + phone or last 4 CCCD digits). */
export const ZTrackingCredentials = z.object({ code: z.string().trim().min(10).max(60), secret: z.string().trim().min(4).max(20) });

export const ZStartPaymentInput = ZTrackingCredentials.extend({ method: z.enum(onlineMethods) });

export const ZStartedPayment = z.object({
  reference: z.string(),
  method: z.enum(onlineMethods),
  amountVnd: z.number(),
  dossierCode: z.string(),
  expiresAt: z.date(),
  resultPath: z.string(),
  redirectUrl: z.string().nullable(),
  transfer: z.object({ payload: z.string(), qrSvg: z.string(), bankBin: z.string(), accountNo: z.string(), accountName: z.string(), note: z.string() }).nullable(),
});

/** `handlingUnitId`: the unit that handles the dossier — the payment page's footer gives its contacts (as the result page's). */
export const ZDossierFee = z.object({ dossierCode: z.string(), feeVnd: z.number(), paid: z.boolean(), payable: z.boolean(), resultPath: z.string().nullable(), handlingUnitId: z.string().uuid() });

const ZPaymentView = z.object({
  id: z.string().uuid(),
  reference: z.string(),
  method: z.enum(paymentMethods),
  methodLabel: z.string(),
  amountVnd: z.number(),
  status: z.enum(paymentStatuses),
  statusLabel: z.string(),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
  paidAt: z.date().nullable(),
  receiptNo: z.string().nullable(),
});

/** `handlingUnitId`: the unit that handles the dossier — the page shows its contacts (not the citizen's own commune's). */
export const ZPublicPayment = ZPaymentView.extend({ dossierCode: z.string(), procedureName: z.string(), handlingUnitId: z.string().uuid(), receiptUrl: z.string().nullable() });

export const ZDossierPayments = z.object({
  dossierId: z.string().uuid(),
  feeVnd: z.number(),
  paid: z.boolean(),
  payments: z.array(
    ZPaymentView.extend({
      gatewayTxnNo: z.string().nullable(),
      bankRef: z.string().nullable(),
      events: z.array(z.object({ at: z.date(), kind: z.string(), fromStatus: z.string().nullable(), toStatus: z.string().nullable() })),
    }),
  ),
});

export const ZCashInput = z.object({ payerName: z.string().trim().max(200).optional() });

const transferMatches = ['matched', 'unmatched', 'amount_mismatch', 'already_paid'] as const;
export const ZReconcileInput = z.object({ unitId: z.string().uuid(), statement: z.string().min(1).max(2_000_000) });
export const ZReconcileReport = z.object({
  lines: z.array(
    z.object({
      line: z.number(),
      bankRef: z.string(),
      amountVnd: z.number(),
      description: z.string(),
      match: z.enum([...transferMatches, 'duplicate']),
      reference: z.string().nullable(),
      dossierCode: z.string().nullable(),
    }),
  ),
  problems: z.array(z.object({ line: z.number(), message: z.string() })),
  matched: z.number(),
  needsReview: z.number(),
  duplicates: z.number(),
});

export const ZTransferQuery = z.object({
  status: z.enum(['review', ...transferMatches]).default('review'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const ZTransfer = z.object({
  bankRef: z.string(),
  amountVnd: z.number(),
  receivedAt: z.date(),
  description: z.string(),
  matchStatus: z.enum(transferMatches),
  paymentReference: z.string().nullable(),
  dossierCode: z.string().nullable(),
  importedAt: z.date(),
});
