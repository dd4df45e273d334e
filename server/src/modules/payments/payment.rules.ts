/**
 * PURE: the rules of a fee payment (thanh toán phí, lệ phí — Nghị định 61/2018 Điều 22, Nghị định 118/2025 Điều 24:
 * fees paid to the agency in cash or by transfer, or online through the system's payment function; proof of payment
 * travels with the dossier). See README.md.
 */
export const paymentMethods = ['vnpay', 'vietqr', 'cash', 'paygov'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
export const onlineMethods = ['vnpay', 'vietqr', 'paygov'] as const;
export type OnlineMethod = (typeof onlineMethods)[number];
export const paymentStatuses = ['pending', 'paid', 'failed', 'expired'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/**
 * Dossier statuses that take no fee any more: not received, withdrawn, stopped or refused (nothing will be resolved).
 * One list for the server's refusal (PAYMENT.DOSSIER_CLOSED) and the console's "Thu tiền mặt" button.
 */
export const feeClosedStatuses: readonly string[] = ['not_accepted', 'withdrawn', 'stopped', 'refused'];

/**
 * The fee still owed when the result is about to be handed over (status result_ready): the console warns the desk
 * before "Trả kết quả", since the fee is paid to the agency before or when the result is received (ND 61/2018 Điều 22).
 */
export function feeOwedAtReturn(d: { status: string; feeVnd: number; paid: boolean }): number {
  return d.status === 'result_ready' && d.feeVnd > 0 && !d.paid ? d.feeVnd : 0;
}

export const methodLabels: Record<PaymentMethod, string> = {
  vnpay: 'Cổng thanh toán VNPay',
  paygov: 'Nền tảng thanh toán trực tuyến quốc gia (Cổng DVCQG)',
  vietqr: 'Chuyển khoản ngân hàng (VietQR)',
  cash: 'Tiền mặt tại Bộ phận Một cửa',
};
export const statusLabels: Record<PaymentStatus, string> = {
  pending: 'Chờ thanh toán',
  paid: 'Đã thanh toán',
  failed: 'Không thành công',
  expired: 'Hết hạn',
};

/** How long a started payment waits: a card payment 15 minutes (the gateway's vnp_ExpireDate), a transfer 3 days. */
export const pendingMinutes: Record<OnlineMethod, number> = { vnpay: 15, paygov: 15, vietqr: 3 * 24 * 60 };

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I: read aloud and typed from a bank note
export const REFERENCE_PREFIX = 'MC';
export const REFERENCE_RE = /^MC[2-9A-HJ-NP-Z]{10}$/;

/** "MC" + 10 characters from 10 random bytes (50 bits): the order id at the gateway and the transfer note. */
export function paymentReference(randomBytes: Uint8Array): string {
  if (randomBytes.length < 10) throw new RangeError('need 10 random bytes');
  let s = REFERENCE_PREFIX;
  for (let i = 0; i < 10; i++) s += ALPHABET[randomBytes[i]! % 32];
  return s;
}

/**
 * Payment references found in a bank transfer description. Banks add their own words, cut, upper-case or drop spaces
 * and punctuation, so the description is folded to letters and digits and every "MC…" run of the right shape counts.
 */
export function referencesIn(description: string): string[] {
  const folded = description.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^0-9A-Z]/g, '');
  const found = new Set<string>();
  for (let i = folded.indexOf(REFERENCE_PREFIX); i >= 0; i = folded.indexOf(REFERENCE_PREFIX, i + 1)) {
    const candidate = folded.slice(i, i + 12);
    if (REFERENCE_RE.test(candidate)) found.add(candidate);
  }
  return [...found];
}

export type SettleTarget = { status: PaymentStatus; amountVnd: number };
/** What a verified gateway or bank message does to a payment. */
export type SettleDecision = 'pay' | 'fail' | 'already_final' | 'invalid_amount';

/**
 * A success settles a pending payment, or an expired one (the money moved after our deadline: it is still the fee);
 * a failure closes a pending one. A paid or failed payment never changes again, so replays change nothing.
 * The amount must be exactly the payment's (which is the dossier's fee) whatever the message says.
 */
export function settleDecision(p: SettleTarget, message: { amountVnd: number; success: boolean }): SettleDecision {
  if (message.amountVnd !== p.amountVnd) return 'invalid_amount';
  if (p.status === 'paid' || p.status === 'failed') return 'already_final';
  if (message.success) return 'pay';
  return p.status === 'pending' ? 'fail' : 'already_final';
}

export type TransferMatch = 'matched' | 'unmatched' | 'amount_mismatch' | 'already_paid';

/** A bank statement line against the payment its description names (if any) and whether the dossier is already paid. */
export function matchTransfer(amountVnd: number, payment: { amountVnd: number; status: PaymentStatus; dossierPaid: boolean } | null): TransferMatch {
  if (!payment) return 'unmatched';
  if (payment.amountVnd !== amountVnd) return 'amount_mismatch';
  if (payment.status === 'paid' || payment.dossierPaid) return 'already_paid';
  return 'matched';
}

/** Receipt number printed on the biên lai: 7 digits within the unit's yearly series, e.g. "0000012". */
export function formatReceiptNo(seq: number): string {
  return String(seq).padStart(7, '0');
}

/**
 * The demo's own VNPay simulator answers only in demo mode, when switched on and when no real gateway is configured:
 * a simulator mounted beside a real gateway would settle with the real secret payments no bank ever saw.
 */
export function paymentSimulatorActive(config: { mode: 'demo' | 'production'; paymentSimulator: boolean; vnpayUrl?: string | undefined }): boolean {
  return config.mode === 'demo' && config.paymentSimulator && !config.vnpayUrl;
}

/** True when the national payment platform's local simulator answers (demo only, no real platform configured). */
export function nationalPaymentSimulatorActive(config: { mode: 'demo' | 'production'; nationalPaymentSimulator: boolean; nationalPaymentUrl?: string | undefined }): boolean {
  return config.mode === 'demo' && config.nationalPaymentSimulator && !config.nationalPaymentUrl;
}
