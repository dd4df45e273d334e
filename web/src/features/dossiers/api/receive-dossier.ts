import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf } from '../../../lib/api-types.js';
import type { Dossier } from './get-dossier.js';

export type IntakeInput = BodyOf<'/api/dossiers', 'post'>;

/**
 * POST /api/dossiers — desk intake with one of three outcomes (accept, incomplete, refuse). The idempotency key is
 * made once per filled form and resent on every retry, so a double click or a lost answer never makes two dossiers.
 */
export function receiveDossier(input: IntakeInput): Promise<Dossier> {
  return unwrap(api.POST('/api/dossiers', { body: input }));
}
