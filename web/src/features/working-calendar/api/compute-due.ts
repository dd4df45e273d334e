import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf, ResponseOf } from '../../../lib/api-types.js';

export type DueInput = BodyOf<'/api/calendar/due', 'post'>;
export type DueResult = ResponseOf<'/api/calendar/due', 'post'>;

/** POST /api/calendar/due — the due instant of a processing time counted in working time from a receipt. */
export function computeDue(input: DueInput): Promise<DueResult> {
  return unwrap(api.POST('/api/calendar/due', { body: input }));
}
