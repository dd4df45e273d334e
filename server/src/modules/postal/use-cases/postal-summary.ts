import type { Db } from '../../../platform/database.js';
import { commonErrors } from '../../../platform/errors.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { getUnit } from '../../org-units/unit.repo.js';
import { vnInstant } from '../../working-calendar/vn-time.js';

const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 100);

/**
 * The counts the seed reports print (dossiers received and results returned through the public postal service, per
 * unit and period, e.g. 1,868 / 9,257 = 20.17 %): read from the dossier table itself — channel "postal" for intake,
 * result_delivery "post" with status "returned" for return — over the unit's subtree, dates in Vietnam time.
 */
export async function postalSummary(deps: { db: Db }, actor: Actor, q: { unitId: string; from: string; to: string }) {
  const unit = await getUnit(deps.db, q.unitId);
  if (!unit) throw commonErrors.notFound('Unit');
  if (!can(actor, 'dossiers.read', unit.path) && !can(actor, 'postal.work', unit.path)) throw commonErrors.forbidden('dossiers.read');
  const from = vnInstant(q.from);
  const to = new Date(vnInstant(q.to).getTime() + 86_400_000);
  const { rows } = await deps.db.query<{ received: number; receivedByPost: number; returned: number; returnedByPost: number }>(
    `SELECT count(*) FILTER (WHERE received_at >= $2 AND received_at < $3)::int AS received,
            count(*) FILTER (WHERE received_at >= $2 AND received_at < $3 AND channel = 'postal')::int AS "receivedByPost",
            count(*) FILTER (WHERE status = 'returned' AND returned_at >= $2 AND returned_at < $3)::int AS returned,
            count(*) FILTER (WHERE status = 'returned' AND returned_at >= $2 AND returned_at < $3 AND result_delivery = 'post')::int AS "returnedByPost"
       FROM dossier WHERE (receiving_path LIKE $1 || '%' OR resolving_path LIKE $1 || '%')
        AND ((received_at >= $2 AND received_at < $3) OR (returned_at >= $2 AND returned_at < $3))`,
    [unit.path, from, to],
  );
  const r = rows[0]!;
  return { unitId: unit.id, from: q.from, to: q.to, ...r, receivedByPostRate: rate(r.receivedByPost, r.received), returnedByPostRate: rate(r.returnedByPost, r.returned) };
}
