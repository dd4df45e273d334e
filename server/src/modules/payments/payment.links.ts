import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Capability links for a citizen's own payment (result page, receipt PDF, the QR printed on the receipt): the payment
 * reference plus an HMAC of it under a key derived from the server's payment secret. Nothing to store, the same on every
 * instance, and no one can make a link for a reference they only guessed.
 */
function key(secret: string): Buffer {
  return createHmac('sha256', secret).update('motcua:payment-link:v1').digest();
}

export function paymentLinkToken(secret: string, reference: string): string {
  return createHmac('sha256', key(secret)).update(reference).digest('base64url').slice(0, 22);
}

export function paymentLinkValid(secret: string, reference: string, token: string): boolean {
  const expected = Buffer.from(paymentLinkToken(secret, reference));
  const sent = Buffer.from(token);
  return expected.length === sent.length && timingSafeEqual(expected, sent);
}

/** The portal page that shows a payment's result and its receipt. */
export function paymentResultPath(reference: string, token: string): string {
  return `/thanh-toan/ket-qua?ref=${encodeURIComponent(reference)}&t=${encodeURIComponent(token)}`;
}
