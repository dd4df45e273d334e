import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { paymentLinkToken } from '../modules/payments/payment.links.js';
import { expiringLinkToken, expiringLinkValid, linkToken, linkTokenValid } from './signed-links.js';

describe('signed links', () => {
  it('payment links are the tokens they were before the helper was shared (receipts already printed keep working)', () => {
    // The former payment.links.ts, written out: HMAC(HMAC(secret, "motcua:payment-link:v1"), reference), 22 base64url characters.
    const before = createHmac('sha256', createHmac('sha256', 's3cret').update('motcua:payment-link:v1').digest()).update('TT-2026-000123').digest('base64url').slice(0, 22);
    expect(paymentLinkToken('s3cret', 'TT-2026-000123')).toBe(before);
  });

  it('a token of one purpose does not open another, nor another subject', () => {
    const tok = linkToken('s3cret', 'national-file:v1', 'a/component/b');
    expect(linkTokenValid('s3cret', 'national-file:v1', 'a/component/b', tok)).toBe(true);
    expect(linkTokenValid('s3cret', 'payment-link:v1', 'a/component/b', tok)).toBe(false);
    expect(linkTokenValid('s3cret', 'national-file:v1', 'a/result/b', tok)).toBe(false);
    expect(linkTokenValid('other', 'national-file:v1', 'a/component/b', tok)).toBe(false);
    expect(linkTokenValid('s3cret', 'national-file:v1', 'a/component/b', tok.slice(1))).toBe(false);
  });

  it('an expiring link holds until its second, its expiry cannot be moved, and junk is refused', () => {
    const end = new Date('2026-12-14T02:00:00Z');
    const { exp, sig } = expiringLinkToken('s3cret', 'p', 'x', end);
    expect(exp).toBe(Date.parse('2026-12-14T02:00:00Z') / 1000);
    expect(expiringLinkValid('s3cret', 'p', 'x', String(exp), sig, new Date(end.getTime() - 1000))).toBe(true);
    expect(expiringLinkValid('s3cret', 'p', 'x', String(exp), sig, end)).toBe(false);
    expect(expiringLinkValid('s3cret', 'p', 'x', String(exp + 60), sig, new Date(end.getTime() - 1000))).toBe(false);
    expect(expiringLinkValid('s3cret', 'p', 'x', '1e12', sig, new Date(0))).toBe(false);
    expect(expiringLinkValid('s3cret', 'p', 'x', '', sig, new Date(0))).toBe(false);
  });
});
