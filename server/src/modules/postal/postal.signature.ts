import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed status callbacks of the postal operator: `X-Postal-Signature` is hex HMAC-SHA256 of `<timestamp>.<raw body>`
 * with the shared secret, `X-Postal-Timestamp` the Unix time in seconds. A callback older or newer than the tolerance is
 * refused (a captured request cannot be replayed later); within it, the event id makes a repeat a no-op.
 */
export const SIGNATURE_HEADER = 'x-postal-signature';
export const TIMESTAMP_HEADER = 'x-postal-timestamp';

export function signPayload(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

export function verifySignature(secret: string, rawBody: string, headers: { signature?: string; timestamp?: string }, nowMs: number, toleranceSeconds: number): SignatureCheck {
  if (!headers.signature || !headers.timestamp || !/^\d{1,12}$/.test(headers.timestamp) || !/^[0-9a-f]{64}$/.test(headers.signature)) return { ok: false, reason: 'missing' };
  const ts = Number(headers.timestamp);
  if (Math.abs(nowMs / 1000 - ts) > toleranceSeconds) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signPayload(secret, ts, rawBody), 'hex');
  const given = Buffer.from(headers.signature, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

/** Headers for a signed callback (used by the simulator and by tests acting as the operator). */
export function signedHeaders(secret: string, nowMs: number, rawBody: string): Record<string, string> {
  const ts = Math.floor(nowMs / 1000);
  return { 'content-type': 'application/json', [TIMESTAMP_HEADER]: String(ts), [SIGNATURE_HEADER]: signPayload(secret, ts, rawBody) };
}
