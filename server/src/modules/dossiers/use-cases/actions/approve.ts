import type { ActionHandler } from './action-context.js';

/**
 * Phê duyệt at the approving step: the result is ready; the finish is classified against the due time — the one the
 * dossier had already missed when its apology letter came, if so (`lateSince`, kept by the fold: `lateBeforeLetter`).
 * Before the desk's return step the dossier moves on to it (`toStep`), where the desk returns the result.
 */
export const approve: ActionHandler = async ({ next, dossier }) => ({
  type: 'approve',
  ...(next.stepIndex !== dossier.stepIndex ? { toStep: next.stepIndex } : {}),
  ...(dossier.lateSince ? { lateAgainst: dossier.lateSince.toISOString() } : {}),
});
