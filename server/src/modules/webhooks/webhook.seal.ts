/**
 * Webhook signing secrets at rest: sealed with AES-256-GCM under a key derived from WEBHOOK_SECRET_KEY, so a database
 * dump, a backup or a read replica alone cannot sign a webhook. The sealed form is `v1.<iv>.<ciphertext>.<tag>`
 * (base64url); the tag makes a changed or swapped value fail to open instead of signing with garbage.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

export type SealKey = Buffer;

/** The AES-256 key from the configured secret (any length ≥ 16 characters), by HKDF-SHA256. */
export function sealKeyOf(configured: string): SealKey {
  return Buffer.from(hkdfSync('sha256', Buffer.from(configured, 'utf8'), Buffer.alloc(0), 'motcua/webhook-secret/v1', 32));
}

export function sealSecret(key: SealKey, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The secret again; throws when the value was not sealed with this key or was changed. */
export function openSecret(key: SealKey, sealed: string): string {
  const [version, iv, body, tag, ...rest] = sealed.split('.');
  if (version !== VERSION || !iv || body === undefined || !tag || rest.length) throw new Error('webhook secret: not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
