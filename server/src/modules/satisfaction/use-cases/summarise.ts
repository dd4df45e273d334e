import type { Db } from '../../../platform/database.js';
import { commonErrors } from '../../../platform/errors.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { getUnit } from '../../org-units/unit.repo.js';
import { latestComments, sumByChannel, sumByOfficer } from '../satisfaction.repo.js';
import { indicatorAverage, indicators, officerIndicators } from '../satisfaction.rules.js';

/**
 * Ratings of the dossiers a unit's subtree resolves over a period of Vietnam dates — a rating counts for the competent
 * unit the dossier belongs to under its procedure, wherever it was received (migration 20261206020100 says why), the
 * same unit as the report counters and the ranking: per indicator the count, the sum and the average to one
 * decimal (Thông tư 01/2018 Điều 15), and per desk officer the total of indicators 1, 2, 3, 4 and 7. Reads the
 * reports' shape, the view satisfaction_unit_day (and the rating rows for officers).
 */
export async function summariseSatisfaction(deps: { db: Db }, actor: Actor, q: { unitId: string; from: string; to: string }) {
  const unit = await getUnit(deps.db, q.unitId);
  if (!unit) throw commonErrors.notFound('Unit');
  if (!can(actor, 'dossiers.read', unit.path)) throw commonErrors.forbidden('dossiers.read');
  const rows = await sumByChannel(deps.db, unit.path, q.from, q.to);
  const ratings = rows.reduce((s, r) => s + r.ratings, 0);
  const sumOf = (k: string) => rows.reduce((s, r) => s + (r as unknown as Record<string, number>)[`${k}_sum`]!, 0);
  const officers = await sumByOfficer(deps.db, unit.path, q.from, q.to);
  const comments = await latestComments(deps.db, unit.path, q.from, q.to);
  return {
    ratings,
    byChannel: { portal: rows.find((r) => r.channel === 'portal')?.ratings ?? 0, kiosk: rows.find((r) => r.channel === 'kiosk')?.ratings ?? 0 },
    indicators: indicators.map((i) => ({ key: i.key, number: i.number, label: i.label, count: ratings, sum: sumOf(i.key), average: indicatorAverage(sumOf(i.key), ratings) })),
    officers: officers.map((o) => ({
      officerId: o.officerId,
      officerName: o.officerName,
      ratings: o.ratings,
      officerScoreSum: o.officerScoreSum,
      indicatorTotal: o.ratings === 0 ? null : Math.round(officerIndicators.reduce((s, k) => s + indicatorAverage(o[k as 'i1'], o.ratings)!, 0) * 10) / 10,
    })),
    comments,
  };
}
