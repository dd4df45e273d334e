import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf, ResponseOf } from '../../../lib/api-types.js';

export type IntakeInput = BodyOf<'/api/dossiers', 'post'>;
/** What the desk shows and prints after intake (the code, the appointment, the names on Mẫu 01). */
export type IntakeReceipt = Extract<ResponseOf<'/api/dossiers', 'post'>, { applicantName: string }>;

/**
 * POST /api/dossiers — desk intake with one of three outcomes (accept, incomplete, refuse). The idempotency key is
 * made once per filled form and resent on every retry, so a double click or a lost answer never makes two dossiers.
 * Asks for the receipt only (RFC 7240 `Prefer: return=minimal`): the page shows it and links to the dossier.
 */
export function receiveDossier(input: IntakeInput): Promise<IntakeReceipt> {
  return unwrap(api.POST('/api/dossiers', { body: input, headers: { prefer: 'return=minimal' } })) as Promise<IntakeReceipt>;
}
