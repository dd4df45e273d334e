import type { Db } from '../../../platform/database.js';
import type { AppConfig } from '../../../platform/config.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { canRead } from '../../dossiers/dossier.policy.js';
import { renderFormPdf } from '../../forms/forms.pdf.js';
import { paymentErrors } from '../payment.errors.js';
import { paymentLinkToken, paymentLinkValid, paymentResultPath } from '../payment.links.js';
import { findPayment, getPayableDossier, listDossierPayments, listPaymentEvents, type PaymentRow } from '../payment.repo.js';
import { formatReceiptNo, methodLabels, statusLabels } from '../payment.rules.js';
import { buildFeeReceipt, chargedFeeText } from '../receipt.rules.js';
import { dossierReference } from '../../dossiers/tracking-code.rules.js';
import { feeLines, type FeeRule } from '../../procedures/fee.rules.js';

type LinkConfig = Pick<AppConfig, 'receiptLinkSecret' | 'publicUrl'>;

function view(p: PaymentRow) {
  return {
    id: p.id,
    reference: p.reference,
    method: p.method,
    methodLabel: methodLabels[p.method],
    amountVnd: p.amountVnd,
    status: p.status,
    statusLabel: statusLabels[p.status],
    createdAt: p.createdAt,
    expiresAt: p.expiresAt,
    paidAt: p.paidAt,
    receiptNo: p.receiptSeq !== null ? `${formatReceiptNo(p.receiptSeq)}/${p.receiptYear}` : null,
  };
}

/** Staff view: a dossier's fee, whether it is paid, and every payment with its event log (officers who may read the dossier). */
export async function readDossierPayments(deps: { db: Db }, actor: Actor, dossierId: string) {
  const d = await getPayableDossier(deps.db, dossierId);
  if (!d) throw paymentErrors.notFound();
  if (!canRead(actor, d)) throw paymentErrors.notFound();
  const payments = await listDossierPayments(deps.db, dossierId);
  const events = await listPaymentEvents(deps.db, payments.map((p) => p.id));
  return {
    dossierId,
    feeVnd: d.feeVnd,
    paid: payments.some((p) => p.status === 'paid'),
    payments: payments.map((p) => ({ ...view(p), gatewayTxnNo: p.gatewayTxnNo, bankRef: p.bankRef, events: events.filter((e) => e.paymentId === p.id) })),
  };
}

/** Public view of one payment, for the holder of its capability link (the result page and the receipt's QR). */
export async function readPublicPayment(deps: { db: Db; config: LinkConfig }, reference: string, token: string) {
  if (!paymentLinkValid(deps.config.receiptLinkSecret, reference, token)) throw paymentErrors.notFound();
  const p = await findPayment(deps.db, { reference });
  if (!p) throw paymentErrors.notFound();
  const d = (await getPayableDossier(deps.db, p.dossierId))!;
  return { ...view(p), dossierCode: dossierReference(d), procedureName: d.procedureName, handlingUnitId: d.resolvingUnitId, receiptUrl: p.status === 'paid' ? `/api/payments/public/${p.reference}/receipt?t=${encodeURIComponent(token)}` : null };
}

/** Public fee status of a dossier the caller proved to be theirs (tracking secret): what is due, what is paid. */
export async function readDossierFee(deps: { db: Db; config: LinkConfig }, dossierId: string) {
  const d = (await getPayableDossier(deps.db, dossierId))!;
  const payments = await listDossierPayments(deps.db, dossierId);
  const paid = payments.find((p) => p.status === 'paid') ?? null;
  const token = paid ? paymentLinkToken(deps.config.receiptLinkSecret, paid.reference) : null;
  return {
    dossierCode: dossierReference(d),
    feeVnd: d.feeVnd,
    paid: paid !== null,
    payable: d.feeVnd > 0 && paid === null && !['not_accepted', 'withdrawn', 'stopped', 'refused'].includes(d.status),
    resultPath: paid && token ? paymentResultPath(paid.reference, token) : null,
    handlingUnitId: d.resolvingUnitId,
  };
}

type ReceiptFacts = {
  ruleSet: 'nd61-2018' | 'nd118-2025'; code: string | null; procedureName: string; applicant: { address?: string | null };
  unitName: string; parentName: string | null; collectorName: string | null; fees: FeeRule[] | null;
  eform: Record<string, unknown> | null; channel: string;
};

/**
 * The receipt of a paid payment as PDF. Who may see it is decided by the caller (staff scope, or the capability link).
 * The copy behind the public link carries no home address: personal data leaves only where needed (ND 13/2023 Điều 3).
 */
export async function renderReceiptPdf(deps: { db: Db; config: LinkConfig }, p: PaymentRow, options: { publicCopy: boolean }): Promise<Buffer> {
  return renderFormPdf(await receiptModel(deps, p, options));
}

/** The receipt's content (see renderReceiptPdf). */
export async function receiptModel(deps: { db: Db; config: LinkConfig }, p: PaymentRow, options: { publicCopy: boolean }) {
  if (p.status !== 'paid' || p.receiptSeq === null || p.receiptYear === null || !p.paidAt || !p.receiptUnitId) throw paymentErrors.notPaid();
  const { rows } = await deps.db.query<ReceiptFacts>(
    `SELECT d.rule_set AS "ruleSet", d.code, d.procedure_name AS "procedureName", d.applicant, u.name AS "unitName", pu.name AS "parentName",
            s.full_name AS "collectorName", v.content->'fees' AS fees, d.eform, d.channel
       FROM dossier d JOIN unit u ON u.id = $2 LEFT JOIN unit pu ON pu.id = u.parent_id
       LEFT JOIN staff_user s ON s.id = $3 JOIN procedure_version v ON v.id = d.procedure_version_id
      WHERE d.id = $1`,
    [p.dossierId, p.receiptUnitId, p.recordedBy],
  );
  const f = rows[0]!;
  const token = paymentLinkToken(deps.config.receiptLinkSecret, p.reference);
  // The case's own lines (fee.rules.ts), as the review step and the receipt form compute them.
  const lines = feeLines(f.fees ?? [], { eform: f.eform, channel: f.channel === 'online' ? 'online' : 'desk' });
  return buildFeeReceipt({
    ruleSetId: f.ruleSet,
    parentAgencyName: f.parentName ? `UBND ${f.parentName}` : null,
    agencyName: f.unitName,
    placeName: (f.parentName ?? f.unitName).replace(/^(Phường|Xã|Đặc khu|Thị trấn|Tỉnh|Thành phố|Huyện|Quận|Thị xã)\s+/u, ''),
    receiptSeq: p.receiptSeq,
    receiptYear: p.receiptYear,
    reference: p.reference,
    payerName: p.payerName,
    payerAddress: options.publicCopy ? null : (f.applicant.address ?? null),
    dossierCode: dossierReference({ id: p.dossierId, code: f.code }),
    procedureName: f.procedureName,
    feeName: chargedFeeText(lines, p.amountVnd),
    amountVnd: p.amountVnd,
    method: p.method,
    paidAt: p.paidAt,
    gatewayTxnNo: p.gatewayTxnNo,
    bankRef: p.bankRef,
    collectorName: f.collectorName,
    verifyUrl: `${deps.config.publicUrl}${paymentResultPath(p.reference, token)}`,
  });
}
