import type { Queryable } from '../../platform/database.js';
import type { PaymentMethod, PaymentStatus, TransferMatch } from './payment.rules.js';

/** The dossier fields a payment needs; `lock` takes the dossier row lock that serialises its payments. */
export type PayableDossier = {
  id: string;
  code: string | null;
  status: string;
  feeVnd: number;
  ruleSet: string;
  procedureName: string;
  applicantName: string;
  receivingUnitId: string;
  /** The unit that handles (resolves) the dossier: whose contacts the citizen is given about it. */
  resolvingUnitId: string;
  receivingPath: string;
  resolvingPath: string;
  interagencyPath: string | null;
  /** Units the dossier belongs to (dossier_scope): who may read it. */
  scopeUnitIds: string[];
};

export async function getPayableDossier(q: Queryable, dossierId: string, lock = false): Promise<PayableDossier | null> {
  const { rows } = await q.query<PayableDossier>(
    `SELECT id, code, status, fee_vnd AS "feeVnd", rule_set AS "ruleSet", procedure_name AS "procedureName", applicant->>'fullName' AS "applicantName",
            receiving_unit_id AS "receivingUnitId", resolving_unit_id AS "resolvingUnitId", receiving_path AS "receivingPath", resolving_path AS "resolvingPath", interagency_path AS "interagencyPath",
            ARRAY(SELECT sc.unit_id FROM dossier_scope sc WHERE sc.dossier_id = dossier.id) AS "scopeUnitIds"
       FROM dossier WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [dossierId],
  );
  return rows[0] ?? null;
}

export type PaymentRow = {
  id: string;
  dossierId: string;
  reference: string;
  method: PaymentMethod;
  amountVnd: number;
  status: PaymentStatus;
  createdAt: Date;
  expiresAt: Date | null;
  paidAt: Date | null;
  gatewayTxnNo: string | null;
  bankRef: string | null;
  payerName: string;
  recordedBy: string | null;
  receiptUnitId: string | null;
  receiptYear: number | null;
  receiptSeq: number | null;
};

const COLUMNS = `id, dossier_id AS "dossierId", reference, method, amount_vnd AS "amountVnd", status, created_at AS "createdAt", expires_at AS "expiresAt",
  paid_at AS "paidAt", gateway_txn_no AS "gatewayTxnNo", bank_ref AS "bankRef", payer_name AS "payerName", recorded_by AS "recordedBy",
  receipt_unit_id AS "receiptUnitId", receipt_year AS "receiptYear", receipt_seq AS "receiptSeq"`;

export async function insertPayment(
  q: Queryable,
  p: { dossierId: string; reference: string; method: PaymentMethod; amountVnd: number; status: PaymentStatus; createdAt: Date; expiresAt: Date | null; payerName: string; recordedBy: string | null },
): Promise<PaymentRow> {
  const { rows } = await q.query<PaymentRow>(
    `INSERT INTO payment (dossier_id, reference, method, amount_vnd, status, created_at, expires_at, payer_name, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
    [p.dossierId, p.reference, p.method, p.amountVnd, p.status, p.createdAt, p.expiresAt, p.payerName, p.recordedBy],
  );
  return rows[0]!;
}

export async function findPayment(q: Queryable, by: { reference: string } | { id: string }, lock = false): Promise<PaymentRow | null> {
  const [col, val] = 'id' in by ? ['id', by.id] : ['reference', by.reference];
  const { rows } = await q.query<PaymentRow>(`SELECT ${COLUMNS} FROM payment WHERE ${col} = $1 ${lock ? 'FOR UPDATE' : ''}`, [val]);
  return rows[0] ?? null;
}

export async function findPaymentsByReferences(q: Queryable, references: string[]): Promise<PaymentRow[]> {
  if (references.length === 0) return [];
  const { rows } = await q.query<PaymentRow>(`SELECT ${COLUMNS} FROM payment WHERE reference = ANY($1) ORDER BY created_at`, [references]);
  return rows;
}

export async function listDossierPayments(q: Queryable, dossierId: string): Promise<PaymentRow[]> {
  const { rows } = await q.query<PaymentRow>(`SELECT ${COLUMNS} FROM payment WHERE dossier_id = $1 ORDER BY created_at, id`, [dossierId]);
  return rows;
}

export async function paidPaymentOf(q: Queryable, dossierId: string): Promise<PaymentRow | null> {
  const { rows } = await q.query<PaymentRow>(`SELECT ${COLUMNS} FROM payment WHERE dossier_id = $1 AND status = 'paid'`, [dossierId]);
  return rows[0] ?? null;
}

export async function openPaymentOf(q: Queryable, dossierId: string, method: PaymentMethod, now: Date): Promise<PaymentRow | null> {
  const { rows } = await q.query<PaymentRow>(
    `SELECT ${COLUMNS} FROM payment WHERE dossier_id = $1 AND method = $2 AND status = 'pending' AND expires_at > $3 ORDER BY created_at DESC LIMIT 1`,
    [dossierId, method, now],
  );
  return rows[0] ?? null;
}

/** Next receipt number of the unit's yearly series (atomic upsert: safe with many instances). */
export async function nextReceiptSeq(q: Queryable, unitId: string, year: number): Promise<number> {
  const { rows } = await q.query<{ seq: number }>(
    `INSERT INTO receipt_counter (unit_id, year, last_seq) VALUES ($1, $2, 1)
     ON CONFLICT (unit_id, year) DO UPDATE SET last_seq = receipt_counter.last_seq + 1 RETURNING last_seq AS seq`,
    [unitId, year],
  );
  return rows[0]!.seq;
}

export async function markPaid(
  q: Queryable,
  id: string,
  p: { paidAt: Date; gatewayTxnNo?: string | null; bankRef?: string | null; receiptUnitId: string; receiptYear: number; receiptSeq: number },
): Promise<void> {
  await q.query(
    `UPDATE payment SET status = 'paid', paid_at = $2, gateway_txn_no = coalesce($3, gateway_txn_no), bank_ref = coalesce($4, bank_ref),
            receipt_unit_id = $5, receipt_year = $6, receipt_seq = $7 WHERE id = $1`,
    [id, p.paidAt, p.gatewayTxnNo ?? null, p.bankRef ?? null, p.receiptUnitId, p.receiptYear, p.receiptSeq],
  );
}

export async function setStatus(q: Queryable, id: string, status: PaymentStatus): Promise<void> {
  await q.query(`UPDATE payment SET status = $2 WHERE id = $1`, [id, status]);
}

export async function appendPaymentEvent(
  q: Queryable,
  e: { paymentId: string; at: Date; kind: string; fromStatus: PaymentStatus | null; toStatus: PaymentStatus | null; actorId?: string | null; data?: unknown },
): Promise<void> {
  await q.query(`INSERT INTO payment_event (payment_id, at, kind, from_status, to_status, actor_id, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    e.paymentId,
    e.at,
    e.kind,
    e.fromStatus,
    e.toStatus,
    e.actorId ?? null,
    e.data === undefined ? null : JSON.stringify(e.data),
  ]);
}

export async function listPaymentEvents(q: Queryable, paymentIds: string[]) {
  const { rows } = await q.query<{ paymentId: string; at: Date; kind: string; fromStatus: string | null; toStatus: string | null }>(
    `SELECT payment_id AS "paymentId", at, kind, from_status AS "fromStatus", to_status AS "toStatus" FROM payment_event WHERE payment_id = ANY($1) ORDER BY id`,
    [paymentIds],
  );
  return rows;
}

/** Pending payments past their expiry, locked and skipped by other instances running the same sweep. */
export async function lockExpiredPending(q: Queryable, now: Date, limit = 500): Promise<{ id: string }[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT id FROM payment WHERE status = 'pending' AND expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, limit],
  );
  return rows;
}

export type TransferRow = {
  bankRef: string;
  amountVnd: number;
  receivedAt: Date;
  description: string;
  matchStatus: TransferMatch;
  paymentReference: string | null;
  dossierCode: string | null;
  importedAt: Date;
};

/** Inserts a statement line once per bank reference in the importing unit; false when the unit imported it before. */
export async function insertTransfer(
  q: Queryable,
  t: { bankRef: string; unitId: string; unitPath: string; amountVnd: number; receivedAt: Date; description: string; importedAt: Date; importedBy: string },
): Promise<boolean> {
  const res = await q.query(
    `INSERT INTO bank_transfer (bank_ref, unit_id, unit_path, amount_vnd, received_at, description, match_status, imported_at, imported_by)
     VALUES ($1, $2, $3, $4, $5, $6, 'unmatched', $7, $8) ON CONFLICT (unit_id, bank_ref) DO NOTHING`,
    [t.bankRef, t.unitId, t.unitPath, t.amountVnd, t.receivedAt, t.description, t.importedAt, t.importedBy],
  );
  return res.rowCount === 1;
}

export async function setTransferMatch(q: Queryable, t: { unitId: string; bankRef: string }, match: TransferMatch, paymentId: string | null): Promise<void> {
  await q.query(`UPDATE bank_transfer SET match_status = $3, payment_id = $4 WHERE unit_id = $1 AND bank_ref = $2`, [t.unitId, t.bankRef, match, paymentId]);
}

export async function listTransfers(q: Queryable, f: { paths: string[]; statuses: TransferMatch[]; limit: number }): Promise<TransferRow[]> {
  if (f.paths.length === 0) return [];
  const { rows } = await q.query<TransferRow>(
    `SELECT t.bank_ref AS "bankRef", t.amount_vnd AS "amountVnd", t.received_at AS "receivedAt", t.description, t.match_status AS "matchStatus",
            p.reference AS "paymentReference", d.code AS "dossierCode", t.imported_at AS "importedAt"
       FROM bank_transfer t LEFT JOIN payment p ON p.id = t.payment_id LEFT JOIN dossier d ON d.id = p.dossier_id
      WHERE t.unit_path LIKE ANY($1) AND t.match_status = ANY($2)
      ORDER BY t.received_at DESC, t.bank_ref LIMIT $3`,
    [f.paths.map((p) => `${p}%`), f.statuses, f.limit],
  );
  return rows;
}
