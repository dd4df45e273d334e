import { createHmac, timingSafeEqual } from 'node:crypto';
import type { GatewayPaymentRequest, GatewayResult, PaymentGateway } from './payment-gateway.js';

/**
 * The VNPay payment protocol, version 2.1.0: the merchant redirects the browser to the gateway with its parameters
 * sorted by name, URL-encoded (spaces as "+") and signed with HMAC-SHA512 under the merchant's hash secret
 * (vnp_SecureHash, hex); the gateway signs its answer the same way, sends it to the merchant's IPN URL (server to server,
 * GET) and redirects the browser to vnp_ReturnUrl. Amounts are in VND × 100; times are yyyyMMddHHmmss in GMT+7.
 * A payment succeeded when vnp_ResponseCode and vnp_TransactionStatus are both "00".
 */
export const VNP_VERSION = '2.1.0';
const VN_OFFSET_MS = 7 * 3_600_000;

/** yyyyMMddHHmmss in Vietnam time (GMT+7), whatever the process time zone. */
export function vnpDate(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().replace(/\D/g, '').slice(0, 14);
}

function encode(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, '+');
}

/** The signed string: vnp_* parameters except the hash fields, sorted by name, `key=value` URL-encoded, joined by "&". */
export function vnpSignData(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k.startsWith('vnp_') && k !== 'vnp_SecureHash' && k !== 'vnp_SecureHashType' && params[k] !== '')
    .sort()
    .map((k) => `${encode(k)}=${encode(params[k]!)}`)
    .join('&');
}

export function vnpSign(params: Record<string, string>, secret: string): string {
  return createHmac('sha512', secret).update(Buffer.from(vnpSignData(params), 'utf8')).digest('hex');
}

/** True when vnp_SecureHash is the HMAC-SHA512 of the other vnp_* fields (compared in constant time). */
export function vnpVerify(params: Record<string, string>, secret: string): boolean {
  const sent = params.vnp_SecureHash;
  if (typeof sent !== 'string' || !/^[0-9a-fA-F]{128}$/.test(sent)) return false;
  const expected = Buffer.from(vnpSign(params, secret), 'hex');
  return timingSafeEqual(expected, Buffer.from(sent.toLowerCase(), 'hex'));
}

/** The query string of a signed request: the sorted, encoded fields plus vnp_SecureHash. */
export function vnpSignedQuery(params: Record<string, string>, secret: string): string {
  return `${vnpSignData(params)}&vnp_SecureHash=${vnpSign(params, secret)}`;
}

/** Only string-valued vnp_* fields of a parsed query (a repeated field makes the message malformed). */
export function vnpFields(query: Record<string, unknown>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) {
    if (!k.startsWith('vnp_')) continue;
    if (typeof v !== 'string') return null;
    out[k] = v;
  }
  return out;
}

export type VnpayConfig = { tmnCode: string; hashSecret: string; payUrl: string };

export function createVnpayGateway(config: VnpayConfig): PaymentGateway {
  const verify = (query: Record<string, unknown>): GatewayResult => {
    const f = vnpFields(query);
    if (!f) return { ok: false, reason: 'malformed' };
    // No signature is a wrong signature (RspCode 97), as VNPay's own IPN sample answers.
    if (!f.vnp_SecureHash) return { ok: false, reason: 'signature' };
    if (!vnpVerify(f, config.hashSecret)) return { ok: false, reason: 'signature' };
    if (f.vnp_TmnCode !== config.tmnCode) return { ok: false, reason: 'merchant' };
    const amount = f.vnp_Amount ?? '';
    if (!f.vnp_TxnRef || !/^\d+00$/.test(amount) || !f.vnp_ResponseCode) return { ok: false, reason: 'malformed' };
    const { vnp_SecureHash: _hash, vnp_SecureHashType: _type, ...fields } = f;
    return {
      ok: true,
      reference: f.vnp_TxnRef,
      amountVnd: Number(amount.slice(0, -2)),
      success: f.vnp_ResponseCode === '00' && f.vnp_TransactionStatus === '00',
      responseCode: f.vnp_ResponseCode,
      transactionNo: f.vnp_TransactionNo || null,
      bankCode: f.vnp_BankCode || null,
      fields,
    };
  };
  return {
    id: 'vnpay',
    createPaymentUrl(r: GatewayPaymentRequest): string {
      const params: Record<string, string> = {
        vnp_Version: VNP_VERSION,
        vnp_Command: 'pay',
        vnp_TmnCode: config.tmnCode,
        vnp_Amount: String(BigInt(r.amountVnd) * 100n),
        vnp_CurrCode: 'VND',
        vnp_TxnRef: r.reference,
        vnp_OrderInfo: r.orderInfo,
        vnp_OrderType: 'other',
        vnp_Locale: 'vn',
        vnp_ReturnUrl: r.returnUrl,
        vnp_IpAddr: r.clientIp,
        vnp_CreateDate: vnpDate(r.createdAt),
        vnp_ExpireDate: vnpDate(r.expiresAt),
      };
      return `${config.payUrl}?${vnpSignedQuery(params, config.hashSecret)}`;
    },
    verifyReturn: verify,
    verifyIpn: verify,
  };
}

/** The IPN answers of the protocol: the gateway retries until it reads RspCode 00 or 02. */
export const ipnAnswers = {
  success: { RspCode: '00', Message: 'Confirm Success' },
  orderNotFound: { RspCode: '01', Message: 'Order not found' },
  alreadyConfirmed: { RspCode: '02', Message: 'Order already confirmed' },
  invalidAmount: { RspCode: '04', Message: 'Invalid amount' },
  invalidSignature: { RspCode: '97', Message: 'Invalid signature' },
  unknownError: { RspCode: '99', Message: 'Unknown error' },
} as const;
export type IpnAnswer = (typeof ipnAnswers)[keyof typeof ipnAnswers];
