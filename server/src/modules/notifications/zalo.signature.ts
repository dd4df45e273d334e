import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Zalo's webhook signature: the header `X-ZEvent-Signature` carries `mac=` and the hex SHA-256 of the app id, the raw
 * JSON body, the `timestamp` field of that body and the Official Account's secret key, concatenated in that order
 * (Zalo's Official Account webhook documentation). The OA secret key is the one shown when the OA is linked to the app,
 * not the app's own secret.
 */
export const ZALO_SIGNATURE_HEADER = 'x-zevent-signature';

export function zaloMac(appId: string, rawBody: string, timestamp: string, oaSecret: string): string {
  return createHash('sha256').update(`${appId}${rawBody}${timestamp}${oaSecret}`).digest('hex');
}

/** True when `header` is the signature of `rawBody` (whose `timestamp` is given) for this app and OA secret. */
export function zaloSignatureValid(header: string | undefined, appId: string, rawBody: string, timestamp: string, oaSecret: string): boolean {
  const given = /^(?:mac=)?([0-9a-f]{64})$/i.exec(header?.trim() ?? '')?.[1]?.toLowerCase();
  if (!given) return false;
  const expected = Buffer.from(zaloMac(appId, rawBody, timestamp, oaSecret), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
