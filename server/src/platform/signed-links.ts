import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Capability links: a subject (a payment reference, a dossier's file) plus an HMAC of it under a key derived from the
 * server's link secret (RECEIPT_LINK_SECRET) and the link's purpose. Nothing to store, the same on every instance, and
 * no one can make a link for a subject they only guessed; a key per purpose, so a token of one kind never opens another.
 */
function key(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`motcua:${purpose}`).digest();
}

/** 22 base64url characters: 132 bits of the MAC, far beyond guessing. */
export function linkToken(secret: string, purpose: string, subject: string): string {
  return createHmac('sha256', key(secret, purpose)).update(subject).digest('base64url').slice(0, 22);
}

export function linkTokenValid(secret: string, purpose: string, subject: string, token: string): boolean {
  const expected = Buffer.from(linkToken(secret, purpose, subject));
  const sent = Buffer.from(token);
  return expected.length === sent.length && timingSafeEqual(expected, sent);
}

/** A link that also ends: the expiry (Unix seconds) is signed with the subject, so it cannot be pushed back. */
export function expiringLinkToken(secret: string, purpose: string, subject: string, expiresAt: Date): { exp: number; sig: string } {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return { exp, sig: linkToken(secret, purpose, `${subject}\n${exp}`) };
}

/** Valid when the signature matches the subject and expiry and the expiry is still ahead of `now`. */
export function expiringLinkValid(secret: string, purpose: string, subject: string, exp: string, sig: string, now: Date): boolean {
  if (!/^\d{1,12}$/.test(exp)) return false;
  if (Number(exp) * 1000 <= now.getTime()) return false;
  return linkTokenValid(secret, purpose, `${subject}\n${exp}`, sig);
}
