import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type KnownApplicant = ResponseOf<'/api/applicants/lookup', 'post'>;

/** POST /api/applicants/lookup — the applicant the officer's province already knows by this CCCD (or found: false). */
export function lookupApplicant(idNumber: string): Promise<KnownApplicant> {
  return unwrap(api.POST('/api/applicants/lookup', { body: { idNumber } }));
}
