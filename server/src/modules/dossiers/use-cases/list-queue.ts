import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { can, scopeUnitIds, type Actor } from '../../identity/permissions.policy.js';
import { dossierDeadlineState, dueSoonUntil } from '../dossier-deadline.rules.js';
import { runningStatuses } from '../dossier-actions.rules.js';
import { loadCalendar } from '../../working-calendar/use-cases/load-calendar.js';
import type { WorkingCalendar } from '../../working-calendar/calendar.rules.js';
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
  /** One of the officer's units only (the home page's counts per unit); all of them when absent. */
  unitId?: string;
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
  throw commonErrors.invalidCursor('before');
}

/** How long a loaded calendar serves the queues of one pool: a holiday changed by an administrator shows within it. */
const CALENDAR_REUSE_MS = 10_000;
const calendars = new WeakMap<Db, Map<string, { until: number; calendar: Promise<WorkingCalendar> }>>();

/**
 * The working calendar of the queues (this year and the next), read again at most every CALENDAR_REUSE_MS per pool
 * rather than on each request: the adjustments change a few times a year, the queue is asked many times a second.
 * A monotonic timer (how long it was kept, not what time it is).
 */
function queueCalendar(db: Db, unitPath: string | null, year: number): Promise<WorkingCalendar> {
  let kept = calendars.get(db);
  if (!kept) calendars.set(db, (kept = new Map()));
  const key = `${unitPath ?? ''}|${year}`;
  const at = performance.now();
  const hit = kept.get(key);
  if (hit && hit.until > at) return hit.calendar;
  const entry = { until: at + CALENDAR_REUSE_MS, calendar: loadCalendar(db, unitPath, { from: year, to: year + 1 }) };
  if (kept.size >= 64) kept.clear();
  kept.set(key, entry);
  // A failed read is not kept: the next request reads again.
  entry.calendar.catch(() => kept.get(key) === entry && kept.delete(key));
  return entry.calendar;
}

/**
 * A work queue or a search over the dossiers the officer may read (dossier_scope), one keyset page, with the tabs'
 * counts: read from the counters or bounded, never counted over the dossiers.
 */
export async function listWorkQueue(deps: { db: Db; clock: Clock }, actor: Actor, query: QueueQuery): Promise<QueueAnswer> {
  const now = deps.clock.now();
  const year = Number(vnDateOf(now).slice(0, 4));
  // The officer's province's hours (an officer works in one province; its root is the first segment of any grant).
  const province = actor.grants[0]?.unitPath.split('/')[1];
  const calendar = await queueCalendar(deps.db, province ? `/${province}/` : null, year);
  // One unit of the officer's own (an officer of several units, a leader of several), else the whole scope.
  if (query.unitId && !actor.grants.some((g) => g.unitId === query.unitId && can(actor, 'dossiers.read', g.unitPath))) throw commonErrors.forbidden('dossiers.read');
  const day = calendar.workingDayMinutesOn(now);
  const base = {
    unitIds: query.unitId ? [query.unitId] : scopeUnitIds(actor, 'dossiers.read'),
    actorId: actor.userId,
    now,
    soonUntil: dueSoonUntil(now, calendar),
    apologyBefore: calendar.addWorkingMinutes(now, 2 * day),
  };
  const { before, q, unitId: _unit, ...filters } = query;
  const after = before ? decodeCursor(before) : undefined;
  const search = q ? classifySearch(q) : null;
  // The page and the counts are independent statements: run side by side on two connections.
  const [page, counts] = await Promise.all([listQueue(deps.db, { ...base, ...filters, search, after }), countQueues(deps.db, base)]);
  return {
    items: page.rows.map((r) => ({
      ...r,
      deadlineState:
        r.dueAt && (runningStatuses as readonly string[]).includes(r.status) ? dossierDeadlineState(now, { dueAt: r.dueAt, lateSince: r.lateSince }, base.soonUntil) : r.status === 'supplement_requested' ? 'paused' : null,
    })),
    next: page.next ? encodeCursor(page.next) : null,
    counts: counts.counts,
    boundedCounts: counts.bounded,
    countBound: COUNT_BOUND,
  };
}
