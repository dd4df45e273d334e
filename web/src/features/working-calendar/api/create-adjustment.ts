import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf } from '../../../lib/api-types.js';
import type { Adjustment } from './get-calendar-year.js';

export type CreateAdjustmentInput = BodyOf<'/api/calendar/adjustments', 'post'>;

/** POST /api/calendar/adjustments — an extra or swapped day off, a make-up working day, or an out-of-hours session. */
export function createAdjustment(input: CreateAdjustmentInput): Promise<Adjustment> {
  return unwrap(api.POST('/api/calendar/adjustments', { body: input }));
}
