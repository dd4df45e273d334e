import { createHash, randomBytes } from 'node:crypto';
import { addressKey } from '../../../platform/client-address.js';
import type { Db, Queryable } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { sumCounters } from '../../reports/reports.repo.js';
import { rate as rateOf } from '../../reports/reports.rules.js';
import { dateOfDayNumber, isoWeekday, vnDateOf, vnDayNumber } from '../../working-calendar/vn-time.js';
import type { TLiveFigures } from '../portal.contract.js';
import { hitRateLimit } from '../../../platform/rate-limit.js';
import { portalErrors } from '../portal.errors.js';
import * as reading from '../portal-reading.repo.js';
import { unitRef } from '../portal.repo.js';
import { COMMENT_LIMIT, ONLINE_WINDOW_MINUTES, commentProblem, figureRange, type FigurePeriod } from '../portal.rules.js';

type Deps = { db: Db; clock: Clock };

/**
 * The unit's current rates from the report counters (reports module), so no editor types "99,04 %":
 * online = received online / received (QĐ 766 chỉ số 3.3), on time = resolved early or on time / resolved
 * (NĐ 61/2018 Điều 30), by post = results returned by post / results returned (QĐ 45/2016).
 */
export async function liveFigures(q: Queryable, unitPath: string, period: FigurePeriod, now: Date): Promise<TLiveFigures> {
  const range = figureRange(period, vnDateOf(now));
  const sums = await sumCounters(q, unitPath, range.from, range.to, 'none', ['received', 'received_online', 'resolved', 'resolved_early', 'resolved_on_time', 'returned', 'returned_post']);
  const c = sums.get('') ?? { received: 0, received_online: 0, resolved: 0, resolved_early: 0, resolved_on_time: 0, returned: 0, returned_post: 0 };
  return {
    ...range,
    online: rateOf(c.received_online, c.received),
    onTime: rateOf(c.resolved_early + c.resolved_on_time, c.resolved),
    byPost: rateOf(c.returned_post, c.returned),
  };
}

/**
 * The figures of the citizen's place (the portal's statistics follow the chosen province or commune): a current province
 * or commune by id, or every unit of this system when none is chosen. Other units (departments, desks) are no "place".
 */
export async function placeFigures(deps: Deps, unitId: string | undefined, period: FigurePeriod) {
  const now = deps.clock.now();
  if (!unitId) return { unitId: null, unitName: null, ...(await liveFigures(deps.db, '', period, now)) };
  const unit = await unitRef(deps.db, unitId);
  if (!unit || (unit.kind !== 'province' && unit.kind !== 'commune')) throw portalErrors.placeNotFound();
  return { unitId: unit.id, unitName: unit.name, ...(await liveFigures(deps.db, unit.path, period, now)) };
}

/** The same three rates month by month (public statistics page, NĐ 224/2026 Điều 12: figures from collected data). */
export async function monthlyFigures(q: Queryable, unitPath: string, now: Date, months = 12) {
  const today = vnDateOf(now);
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const startMonth = new Date(Date.UTC(y, m - months, 1)).toISOString().slice(0, 10);
  const series = await sumCounters(q, unitPath, startMonth, today, 'month', ['received', 'received_online', 'resolved', 'resolved_early', 'resolved_on_time', 'resolved_late', 'returned', 'returned_post']);
  return [...series.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([month, c]) => ({
      month,
      received: c.received,
      resolved: c.resolved,
      resolvedLate: c.resolved_late,
      online: rateOf(c.received_online, c.received),
      onTime: rateOf(c.resolved_early + c.resolved_on_time, c.resolved),
      byPost: rateOf(c.returned_post, c.returned),
    }));
}

const salts = new Map<string, Buffer>();

/**
 * sha256(daily salt ‖ address): the address itself is never stored, and the salt is deleted after two days. An IPv6
 * visitor is their /64 (client-address.ts): their device's address changes by itself, the subscriber's prefix does not.
 */
export async function visitorHash(q: Queryable, address: string, now: Date): Promise<string> {
  const day = vnDateOf(now);
  let salt = salts.get(day);
  if (!salt) {
    salt = await reading.daySalt(q, day, randomBytes(16));
    salts.clear();
    salts.set(day, salt);
  }
  return createHash('sha256').update(salt).update(addressKey(address)).digest('hex').slice(0, 32);
}

/**
 * The rater's key for one article: sha256(article salt ‖ address). The address is what a client cannot shed (a cookie it
 * can), so one address rates an article once; the salt differs per article, so keys cannot be joined across articles, and
 * the address is never stored.
 */
export async function raterHash(q: Queryable, articleId: string, address: string): Promise<string> {
  const salt = await reading.ratingSalt(q, articleId, randomBytes(16));
  return createHash('sha256').update(salt).update(addressKey(address)).digest('hex').slice(0, 32);
}

export async function countPageView(deps: Deps, unitId: string, address: string, articleId: string | null): Promise<void> {
  const at = deps.clock.now();
  const hash = await visitorHash(deps.db, address, at);
  await reading.countView(deps.db, { unitId, day: vnDateOf(at), visitorHash: hash, at, articleId });
}

export async function visitCounts(deps: Deps, unitId: string): Promise<reading.VisitCounts> {
  const now = deps.clock.now();
  const day = vnDayNumber(now);
  const today = dateOfDayNumber(day);
  return reading.visitCounts(deps.db, unitId, {
    today,
    yesterday: dateOfDayNumber(day - 1),
    weekStart: dateOfDayNumber(day - (isoWeekday(day) - 1)),
    monthStart: `${today.slice(0, 8)}01`,
    onlineSince: new Date(now.getTime() - ONLINE_WINDOW_MINUTES * 60_000),
  });
}

/** Ratings per address per hour, whatever the article (platform/rate-limit.ts, shared by every instance). */
export const RATING_LIMIT = { max: 20, windowSeconds: 3600 } as const;

export async function rateArticle(deps: Deps, articleId: string, address: string, score: number): Promise<void> {
  if (!Number.isInteger(score) || score < 1 || score > 5) throw portalErrors.ratingInvalid();
  const now = deps.clock.now();
  const limit = await hitRateLimit(deps.db, { key: `portal-rating:${await visitorHash(deps.db, address, now)}`, ...RATING_LIMIT }, now);
  if (!limit.allowed) throw portalErrors.ratingTooFast(limit.retryAfterSeconds);
  if (!(await reading.rate(deps.db, articleId, await raterHash(deps.db, articleId, address), score, now))) throw portalErrors.alreadyRated();
}

/** A comment waits for moderation; at most 3 per visitor per 10 minutes, counted in PostgreSQL (all instances). */
export async function postComment(deps: Deps, articleId: string, address: string, input: { authorName: string; body: string }): Promise<string> {
  const problem = commentProblem(input.authorName, input.body);
  if (problem === 'invalid') throw portalErrors.commentInvalid();
  if (problem === 'links') throw portalErrors.commentLinks();
  const now = deps.clock.now();
  const hash = await visitorHash(deps.db, address, now);
  const recent = await reading.recentComments(deps.db, hash, new Date(now.getTime() - COMMENT_LIMIT.windowMinutes * 60_000));
  // The oldest comment of the window leaves it at the latest one window from now: the wait never exceeds that.
  if (recent >= COMMENT_LIMIT.max) throw portalErrors.commentTooFast(COMMENT_LIMIT.windowMinutes * 60);
  return reading.insertComment(deps.db, { articleId, authorName: input.authorName.trim(), body: input.body.trim(), visitorHash: hash, at: now });
}
