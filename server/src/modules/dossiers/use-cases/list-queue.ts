import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { scopeUnitIds, type Actor } from '../../identity/permissions.policy.js';
import { deadlineState } from '../../working-calendar/deadline.rules.js';
import { runningStatuses } from '../dossier-actions.rules.js';
import { loadCalendar } from '../../working-calendar/use-cases/load-calendar.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import { COUNT_BOUND, countQueues, listQueue, type CountedQueue, type Queue, type QueueRow } from '../dossier-queue.repo.js';
import { classifySearch } from '../dossier-search.rules.js';

export type QueueQuery = {
  queue: Queue;
  q?: string;
  procedureId?: string;
  status?: string;
  channel?: string;
  from?: string;
  to?: string;
  /** The `next` of the previous page. */
  before?: string;
  limit: number;
};

export type QueueAnswer = {
  items: (QueueRow & { deadlineState: string | null })[];
  next: string | null;
  counts: Record<CountedQueue, number>;
  /** Tabs counted at read time up to `countBound` (shown "99+" from there); the others are exact counters. */
  boundedCounts: CountedQueue[];
  countBound: number;
};

/** The cursor is the last row's sort key, opaque to the client (base64url of a JSON array of strings). */
export function encodeCursor(key: string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length >= 1 && key.length <= 3 && key.every((k) => typeof k === 'string' && k.length <= 200)) return key as string[];
  } catch {
    // falls through to the validation error
  }
  throw commonErrors.validation({ before: 'invalid cursor' });
}

/**
 * A work queue or a search over the dossiers the officer may read (dossier_scope), one keyset page, with the tabs'
 * counts: read from the counters or bounded, never counted over the dossiers.
 */
export async function listWorkQueue(deps: { db: Db; clock: Clock }, actor: Actor, query: QueueQuery): Promise<QueueAnswer> {
  const now = deps.clock.now();
  const year = Number(vnDateOf(now).slice(0, 4));
  const calendar = await loadCalendar(deps.db, null, { from: year, to: year + 1 });
  const base = {
    unitIds: scopeUnitIds(actor, 'dossiers.read'),
    actorId: actor.userId,
    now,
    soonBefore: calendar.addWorkingMinutes(now, 480),
    apologyBefore: calendar.addWorkingMinutes(now, 2 * 480),
  };
  const { before, q, ...filters } = query;
  const after = before ? decodeCursor(before) : undefined;
  const search = q ? classifySearch(q) : null;
  // The page and the counts are independent statements: run side by side on two connections.
  const [page, counts] = await Promise.all([listQueue(deps.db, { ...base, ...filters, search, after }), countQueues(deps.db, base)]);
  return {
    items: page.rows.map((r) => ({
      ...r,
      deadlineState:
        r.dueAt && (runningStatuses as readonly string[]).includes(r.status) ? deadlineState(now, r.dueAt, calendar, 480) : r.status === 'supplement_requested' ? 'paused' : null,
    })),
    next: page.next ? encodeCursor(page.next) : null,
    counts: counts.counts,
    boundedCounts: counts.bounded,
    countBound: COUNT_BOUND,
  };
}
