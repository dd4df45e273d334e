import { lateBeforeLetter } from '../../dossier-deadline.rules.js';
import type { ActionHandler } from './action-context.js';

/**
 * Phê duyệt at the approving step: the result is ready; the finish is classified against the due time — the one the
 * dossier had already missed when its apology letter came, if so (`lateBeforeLetter`). Before the desk's return step
 * the dossier moves on to it (`toStep`), where the desk returns the result.
 */
export const approve: ActionHandler = async ({ tx, next, dossier }) => {
  const { rows } = await tx.query<{ at: Date; previousDueAt: string | null }>(
    `SELECT at, data->>'previousDueAt' AS "previousDueAt" FROM dossier_action WHERE dossier_id = $1 AND action = 'apologise' ORDER BY id DESC LIMIT 1`,
    [dossier.id],
  );
  const letter = rows[0]?.previousDueAt ? { at: rows[0].at, previousDueAt: new Date(rows[0].previousDueAt) } : null;
  const missed = lateBeforeLetter(letter);
  return {
    type: 'approve',
    ...(next.stepIndex !== dossier.stepIndex ? { toStep: next.stepIndex } : {}),
    ...(missed ? { lateAgainst: missed.toISOString() } : {}),
  };
};
