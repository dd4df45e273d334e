/**
 * PURE: what a webhook is — the events that may be subscribed (the ledger's closed union), the signature a receiver
 * checks, the retry schedule, and which target addresses are refused in production (SSRF).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { dossierEventTypes, type DossierEventType } from '../dossiers/dossier-events.rules.js';
import type { TDeliveryErrorKind } from './webhook.contract.js';

/** Every ledger event a subscription may choose, with its Vietnamese and English names (the console's checkboxes). */
export const webhookEventLabels = {
  submit: { vi: 'Nộp hồ sơ trực tuyến', en: 'Submitted online' },
  accept: { vi: 'Tiếp nhận hồ sơ', en: 'Received' },
  reject_intake: { vi: 'Từ chối tiếp nhận', en: 'Intake refused' },
  claim: { vi: 'Nhận xử lý', en: 'Claimed' },
  assign: { vi: 'Phân công xử lý', en: 'Assigned' },
  forward: { vi: 'Chuyển bước tiếp theo', en: 'Forwarded' },
  send_back: { vi: 'Trả lại bước trước', en: 'Sent back' },
  forward_undone: { vi: 'Thu hồi chuyển bước', en: 'Forward undone' },
  transfer: { vi: 'Chuyển liên thông', en: 'Sent to another agency' },
  transfer_back: { vi: 'Nhận lại từ liên thông', en: 'Back from another agency' },
  request_supplement: { vi: 'Yêu cầu bổ sung', en: 'Supplementation requested' },
  citizen_supplemented: { vi: 'Công dân đã bổ sung', en: 'Citizen supplemented' },
  supplement_received: { vi: 'Nhận hồ sơ bổ sung', en: 'Supplement received' },
  apologise: { vi: 'Xin lỗi, hẹn lại ngày trả', en: 'Apology and new date' },
  approve: { vi: 'Phê duyệt, có kết quả', en: 'Approved' },
  return_result: { vi: 'Trả kết quả', en: 'Result handed out' },
  withdraw: { vi: 'Rút hồ sơ', en: 'Withdrawn' },
  stop: { vi: 'Dừng xử lý', en: 'Stopped' },
  refuse: { vi: 'Từ chối giải quyết', en: 'Refused' },
  result_delivery_changed: { vi: 'Đổi hình thức nhận kết quả', en: 'Result delivery changed' },
  result_sent_by_post: { vi: 'Gửi kết quả qua bưu chính', en: 'Result sent by post' },
  postal_returned_to_desk: { vi: 'Bưu chính trả kết quả về bộ phận một cửa', en: 'Post returned the result to the desk' },
  attach_file: { vi: 'Đính kèm tệp', en: 'File attached' },
  result_downloaded: { vi: 'Công dân tải kết quả', en: 'Result downloaded' },
  overdue_marked: { vi: 'Quá hạn xử lý', en: 'Marked overdue' },
} as const satisfies Record<DossierEventType, { vi: string; en: string }>;

export const webhookEventTypes: readonly DossierEventType[] = dossierEventTypes;

/** The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (README "Chữ ký"). */
export const SIGNATURE_HEADER = 'x-motcua-signature';

/** HMAC-SHA256 over the timestamp, a dot and the exact body bytes, hex-encoded. */
export function signBody(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, timestampSeconds: number, body: string): string {
  return `t=${timestampSeconds},v1=${signBody(secret, timestampSeconds, body)}`;
}

/**
 * What a receiver does (and the tests do): parse the header, recompute, compare in constant time, and refuse a
 * timestamp more than `toleranceSeconds` from its own clock (a replayed capture).
 */
export function verifySignature(secret: string, header: string | undefined, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const m = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signBody(secret, t, body), 'hex');
  const given = Buffer.from(m[2]!, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Attempts before a delivery is given up (the log shows it "failed"; "Gửi lại" queues it again). */
export const MAX_ATTEMPTS = 10;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60_000;

/** Wait before attempt `n + 1` after `n` failed attempts: 30 s doubling, at most one hour. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1));
}

/** Addresses no production webhook may reach: this host, private networks, link-local (cloud metadata), multicast… */
const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96]] as const) blocked.addSubnet(net, bits, 'ipv6');

/** True when `address` (an IP literal) is one production webhooks must not reach; IPv4-mapped IPv6 is judged as IPv4. */
export function isBlockedAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  const v = isIP(bare);
  if (v === 0) return true;
  return blocked.check(bare, v === 4 ? 'ipv4' : 'ipv6');
}

export type UrlProblem = 'invalid' | 'not_https' | 'private_address' | 'credentials';

/**
 * How strictly targets are checked: 'production' (https, public addresses only) unless WEBHOOK_PRIVATE_TARGETS lets a
 * trial deployment or a test reach a receiver on its own network ('demo'); the mode of the deployment does not decide.
 */
export function webhookMode(config: { webhookPrivateTargets: boolean }): 'demo' | 'production' {
  return config.webhookPrivateTargets ? 'demo' : 'production';
}

/**
 * What is wrong with a target URL, if anything. Production takes only https, no user:password, no literal private or
 * loopback address and no local host name; a host name is resolved and checked again at every delivery (DNS may change).
 */
export function urlProblem(raw: string, mode: 'demo' | 'production'): UrlProblem | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'invalid';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'invalid';
  if (u.username || u.password) return 'credentials';
  if (mode === 'demo') return null;
  if (u.protocol !== 'https:') return 'not_https';
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(host) !== 0) return isBlockedAddress(host) ? 'private_address' : null;
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal') || !host.includes('.')) return 'private_address';
  return null;
}

/**
 * What went wrong with a delivery, in words an administrator can act on (the console explains each kind in Vietnamese
 * and shows the raw text only as the technical detail). Judged from the stored answer and error text, so deliveries
 * logged before the kinds existed are explained too.
 */
export function deliveryErrorKind(lastStatus: number | null, lastError: string | null): TDeliveryErrorKind | null {
  if (lastStatus !== null) return lastStatus >= 200 && lastStatus < 300 ? null : 'http_status';
  if (lastError === null) return null;
  const e = lastError.toLowerCase();
  if (e.includes('ssrf') || e.includes('bị từ chối') || e.includes('bị chặn') || e.includes('ewebhookblocked')) return 'blocked';
  if (e.includes('econnrefused')) return 'refused';
  if (e.includes('timeout') || e.includes('timed out') || e.includes('etimedout') || e.includes('hết thời gian')) return 'timeout';
  if (e.includes('enotfound') || e.includes('eai_again') || e.includes('getaddrinfo')) return 'dns';
  if (e.includes('cert') || e.includes('ssl') || e.includes('tls') || e.includes('self-signed') || e.includes('altnames')) return 'tls';
  if (e.includes('econnreset') || e.includes('socket hang up') || e.includes('epipe')) return 'reset';
  return 'network';
}
