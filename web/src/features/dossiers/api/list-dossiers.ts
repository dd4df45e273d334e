import { api, unwrap } from '../../../lib/api-client.js';
import type { QueryOf, ResponseOf } from '../../../lib/api-types.js';

export type QueuePage = ResponseOf<'/api/dossiers', 'get'>;
export type QueueItem = QueuePage['items'][number];
export type QueueQuery = QueryOf<'/api/dossiers', 'get'>;
export type Queue = NonNullable<QueueQuery['queue']>;
export type QueueCounts = Pick<QueuePage, 'counts' | 'boundedCounts' | 'countBound'>;

/** GET /api/dossiers — a work queue or a search (newest first), its keyset cursor `next`, and every queue's count. */
export function listDossiers(query: QueueQuery): Promise<QueuePage> {
  return unwrap(api.GET('/api/dossiers', { params: { query } }));
}
