import { createHmac, timingSafeEqual } from 'node:crypto';
import type { GatewayPaymentRequest, GatewayResult, PaymentGateway } from './payment-gateway.js';
import { vnpDate } from './vnpay.gateway.js';

/**
 * The national payment platform (Nền tảng thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia, "PayGov"; Nghị định
 * 224/2026 Điều 15 k1đ). Its published integration (OpenCPS calls it `KeyPayDVCQG`) is not verified field by field
 * (vn-legal-2026.md §DVCQG), so this adapter speaks one explicit protocol that the simulator speaks too, with the
 * merchant code, the secret and the URL as configuration:
 * - pay: the browser is sent to {NATIONAL_PAYMENT_URL}?{fields}&checksum=…, fields `pg_*` (version, command,
 *   merchant, order, amount in VND, currency, description, return URL, create and expiry times yyyyMMddHHmmss GMT+7);
 * - result: the platform POSTs the signed result fields as JSON to our callback (server to server) and sends the
 *   browser back to the return URL with the same signed fields in the query;
 * - checksum: HMAC-SHA256 (hex) under the merchant's secret of the `pg_*` fields except `checksum`, sorted by name,
 *   joined as `name=value` with "&" (values raw UTF-8, not URL-encoded). A payment succeeded when pg_status is "00".
 */
export const PG_VERSION = '1.0';

export function pgSignData(fields: Record<string, string>): string {
  return Object.keys(fields)
    .filter((k) => k.startsWith('pg_') && fields[k] !== '')
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
}

export function pgSign(fields: Record<string, string>, secret: string): string {
  return createHmac('sha256', secret).update(pgSignData(fields), 'utf8').digest('hex');
}

/** True when `checksum` is the HMAC-SHA256 of the other pg_* fields (compared in constant time). */
export function pgVerify(fields: Record<string, string>, checksum: unknown, secret: string): boolean {
  if (typeof checksum !== 'string' || !/^[0-9a-fA-F]{64}$/.test(checksum) || !secret) return false;
  return timingSafeEqual(Buffer.from(pgSign(fields, secret), 'hex'), Buffer.from(checksum.toLowerCase(), 'hex'));
}

/** The string-valued pg_* fields of a message (a repeated or non-string field makes it malformed). */
export function pgFields(message: Record<string, unknown>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(message)) {
    if (!k.startsWith('pg_')) continue;
    if (typeof v !== 'string') return null;
    out[k] = v;
  }
  return out;
}

/** The query string of signed fields: URL-encoded fields and the checksum. */
export function pgSignedQuery(fields: Record<string, string>, secret: string): string {
  const q = new URLSearchParams(Object.entries(fields).filter(([k]) => k.startsWith('pg_')));
  q.set('checksum', pgSign(fields, secret));
  return q.toString();
}

export type NationalPaymentConfig = { merchant: string; secret: string; payUrl: string };

export function createNationalPaymentGateway(config: NationalPaymentConfig): PaymentGateway {
  const verify = (message: Record<string, unknown>): GatewayResult => {
    const f = pgFields(message);
    if (!f) return { ok: false, reason: 'malformed' };
    if (!pgVerify(f, message.checksum, config.secret)) return { ok: false, reason: 'signature' };
    if (f.pg_merchant !== config.merchant) return { ok: false, reason: 'merchant' };
    if (!f.pg_order || !/^\d{1,15}$/.test(f.pg_amount ?? '') || !f.pg_status) return { ok: false, reason: 'malformed' };
    return {
      ok: true,
      reference: f.pg_order,
      amountVnd: Number(f.pg_amount),
      success: f.pg_status === '00',
      responseCode: f.pg_status,
      transactionNo: f.pg_trans_id || null,
      bankCode: f.pg_bank || null,
      fields: f,
    };
  };
  return {
    id: 'paygov',
    createPaymentUrl(r: GatewayPaymentRequest): string {
      const fields: Record<string, string> = {
        pg_version: PG_VERSION,
        pg_command: 'pay',
        pg_merchant: config.merchant,
        pg_order: r.reference,
        pg_amount: String(r.amountVnd),
        pg_currency: 'VND',
        pg_description: r.orderInfo,
        pg_return_url: r.returnUrl,
        pg_client_ip: r.clientIp,
        pg_create_time: vnpDate(r.createdAt),
        pg_expire_time: vnpDate(r.expiresAt),
      };
      return `${config.payUrl}?${pgSignedQuery(fields, config.secret)}`;
    },
    verifyReturn: verify,
    verifyIpn: verify,
  };
}

/** The callback answers: the platform retries until it reads 00 (confirmed) or 02 (already confirmed). */
export const callbackAnswers = {
  success: { code: '00', message: 'Confirmed' },
  orderNotFound: { code: '01', message: 'Order not found' },
  alreadyConfirmed: { code: '02', message: 'Order already confirmed' },
  invalidAmount: { code: '04', message: 'Invalid amount' },
  invalidSignature: { code: '97', message: 'Invalid checksum' },
  unknownError: { code: '99', message: 'Unknown error' },
} as const;
