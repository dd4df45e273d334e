import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { TRatingInput } from '../satisfaction.contract.js';
import { satisfactionErrors } from '../satisfaction.errors.js';
import { findRateableDossier, insertRating, touchKiosk } from '../satisfaction.repo.js';
import { canBeRated, type RatingChannel } from '../satisfaction.rules.js';

/**
 * Records a citizen's evaluation of a dossier (Nghị định 61/2018 Điều 31; Thông tư 01/2018 Điều 13: nine indicators scored
 * 2 / 1 / 0) and of the desk officer who served them. The caller has established the right to rate (tracking secret on the
 * portal, a paired kiosk of the unit, or the signed-in citizen owning the dossier). Allowed once the result exists; once per
 * dossier and channel, enforced by the unique constraint, so a second submission or a race is refused.
 */
export async function rateDossier(
  deps: { db: Db; clock: Clock },
  dossierId: string,
  channel: RatingChannel,
  input: TRatingInput,
  options: { kioskId?: string } = {},
): Promise<{ id: string; dossierCode: string; channel: RatingChannel; ratedAt: Date; officerName: string | null }> {
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    const d = await findRateableDossier(tx, { id: dossierId });
    if (!d) throw satisfactionErrors.notAtThisDesk();
    if (!canBeRated(d.status)) throw satisfactionErrors.notRateable();
    const id = await insertRating(tx, { dossier: d, channel, ratedAt: now, day: vnDateOf(now), scores: input.scores, officerScore: input.officerScore ?? null, kioskId: options.kioskId ?? null, comment: input.comment?.trim() || null });
    if (!id) throw satisfactionErrors.alreadyRated();
    if (options.kioskId) await touchKiosk(tx, options.kioskId, now);
    return { id, dossierCode: d.code ?? '', channel, ratedAt: now, officerName: d.officerName };
  });
}
