import { linkToken, linkTokenValid } from '../../platform/signed-links.js';

/**
 * Capability links for a citizen's own payment (result page, receipt PDF, the QR printed on the receipt): the payment
 * reference signed by the one link helper (platform/signed-links.ts) under the payment purpose — the same tokens as
 * before the helper was shared, so links already printed keep working.
 */
const PURPOSE = 'payment-link:v1';

export function paymentLinkToken(secret: string, reference: string): string {
  return linkToken(secret, PURPOSE, reference);
}

export function paymentLinkValid(secret: string, reference: string, token: string): boolean {
  return linkTokenValid(secret, PURPOSE, reference, token);
}

/** The portal page that shows a payment's result and its receipt. */
export function paymentResultPath(reference: string, token: string): string {
  return `/thanh-toan/ket-qua?ref=${encodeURIComponent(reference)}&t=${encodeURIComponent(token)}`;
}
