import type { Db } from '../../../platform/database.js';
import { commonErrors } from '../../../platform/errors.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { ratingsAboutOfficer } from '../satisfaction.repo.js';
import { indicatorAverage } from '../satisfaction.rules.js';
import { dayNumberOf } from '../../working-calendar/vn-time.js';

/**
 * "Đánh giá về tôi": the ratings about the signed-in officer over a period of Vietnam dates (at most a year) — each
 * with its dossier, the officer score (2 / 1 / 0) and the nine indicators' total out of 18 — and their averages (one
 * decimal, TT 01/2018 Điều 15). Only the caller's own: there is no parameter naming an officer.
 */
export async function myRatings(deps: { db: Db }, actor: Actor, q: { from: string; to: string }) {
  if (q.from > q.to || dayNumberOf(q.to) - dayNumberOf(q.from) > 366) {
    throw commonErrors.validation([
      { path: '/to', message: 'Ngày kết thúc phải từ ngày bắt đầu trở đi, và kỳ xem dài tối đa một năm.', messageEn: 'The end date must not precede the start date, and the period is a year at most.' },
    ]);
  }
  const items = await ratingsAboutOfficer(deps.db, actor.userId, q.from, q.to);
  const scored = items.filter((r) => r.officerScore !== null);
  return {
    items,
    count: items.length,
    officerScoreAverage: indicatorAverage(scored.reduce((s, r) => s + r.officerScore!, 0), scored.length),
    totalAverage: indicatorAverage(items.reduce((s, r) => s + r.total, 0), items.length),
  };
}
