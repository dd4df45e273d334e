import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isBlockedAddress, urlProblem } from './webhook.rules.js';

export type SendResult = { statusCode: number | null; error: string | null };
export type WebhookRequest = { url: string; body: string; headers: Record<string, string> };
/** Posts one webhook; never throws (an error is a result). */
export type WebhookSender = (req: WebhookRequest) => Promise<SendResult>;

const TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Resolves like the system does, then refuses when any address is loopback, private or link-local: the check is made
 * on the address the socket will connect to, so a name that changes its DNS answer after the subscription was made
 * (DNS rebinding) is still refused.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 4);
    const list = addresses as unknown as LookupAddress[];
    const bad = list.find((a) => isBlockedAddress(a.address));
    if (bad || list.length === 0) {
      const e = Object.assign(new Error(`địa chỉ bị chặn (SSRF): ${hostname} → ${bad?.address ?? 'không có'}`), { code: 'EWEBHOOKBLOCKED' });
      return callback(e, '', 4);
    }
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    return callback(null, list[0]!.address, list[0]!.family);
  });
};

/** The HTTP sender: production checks the URL and every resolved address; no redirects are followed. */
export function httpSender(mode: 'demo' | 'production'): WebhookSender {
  return (req) =>
    new Promise<SendResult>((resolve) => {
      const problem = urlProblem(req.url, mode);
      if (problem) return resolve({ statusCode: null, error: `địa chỉ bị từ chối: ${problem}` });
      const u = new URL(req.url);
      const client = u.protocol === 'https:' ? https : http;
      const r = client.request(
        u,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(req.body), 'user-agent': 'MotCua-Webhook/1', ...req.headers },
          timeout: TIMEOUT_MS,
          ...(mode === 'production' ? { lookup: guardedLookup } : {}),
        },
        (res) => {
          let seen = 0;
          res.on('data', (c: Buffer) => {
            seen += c.length;
            if (seen > MAX_ANSWER_BYTES) res.destroy();
          });
          res.on('end', () => resolve({ statusCode: res.statusCode ?? null, error: null }));
          res.on('error', () => resolve({ statusCode: res.statusCode ?? null, error: null }));
          res.on('close', () => resolve({ statusCode: res.statusCode ?? null, error: null }));
        },
      );
      r.on('timeout', () => r.destroy(new Error('hết thời gian chờ')));
      r.on('error', (e) => resolve({ statusCode: null, error: e.message }));
      r.end(req.body);
    });
}
