import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type MyRatings = ResponseOf<'/api/satisfaction/mine', 'get'>;
export type MyRating = MyRatings['items'][number];

/** GET /api/satisfaction/mine — the ratings about the signed-in officer over a period, with their averages. */
export function getMyRatings(query: { from: string; to: string }): Promise<MyRatings> {
  return unwrap(api.GET('/api/satisfaction/mine', { params: { query } }));
}
