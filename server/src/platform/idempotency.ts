import { createHash } from 'node:crypto';
import { canonicalJson } from './json.js';

/**
 * The fingerprint of what a request under an idempotency key asks for: SHA-256 over the canonical JSON of its meaningful
 * input (keys sorted, so the order a client wrote them in does not count; absent and undefined alike). Kept beside the
 * key, so a retry can be told from another request that reuses the key (draft-ietf-httpapi-idempotency-key-header,
 * "Idempotency Fingerprint"; a key reused with another payload is answered 422, "Error Scenarios").
 */
export function requestFingerprint(meaningful: unknown): string {
  return createHash('sha256').update(canonicalJson(meaningful)).digest('base64url');
}

/**
 * Whether a request under a key already used is the request first recorded under it (a retry: answer the first
 * result) or another one (refuse it, 422). A row written before fingerprints were kept has none: it is taken as the
 * same, so the retries of those requests keep working.
 */
export function sameRequest(stored: string | null, fingerprint: string): boolean {
  return stored === null || stored === fingerprint;
}
