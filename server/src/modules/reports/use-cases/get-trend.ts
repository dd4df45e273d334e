import type { Db } from '../../../platform/database.js';
import type { Actor } from '../../identity/permissions.policy.js';
import type { TReportQuery, TTrend } from '../reports.contract.js';
import { sumCounters } from '../reports.repo.js';
import { rate } from '../reports.rules.js';
import { checkRange, scopedUnit } from './report-scope.js';

/** Received, resolved and the two headline rates per day or month of a unit's subtree (dashboard trend chart). */
export async function getTrend(deps: { db: Db }, actor: Actor, q: TReportQuery & { by: 'day' | 'month' }): Promise<TTrend> {
  checkRange(q.from, q.to);
  const { unit } = await scopedUnit(deps.db, actor, q.unitId);
  const series = await sumCounters(deps.db, unit.path, q.from, q.to, q.by);
  const points = [...series.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([bucket, c]) => ({
      bucket,
      received: c.received,
      receivedOnline: c.received_online,
      receivedPostal: c.received_postal,
      resolved: c.resolved,
      resolvedLate: c.resolved_late,
      onlineRate: rate(c.received_online, c.received).value,
      onTimeRate: rate(c.resolved_early + c.resolved_on_time, c.resolved).value,
    }));
  return { points };
}
