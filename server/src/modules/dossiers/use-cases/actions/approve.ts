import type { ActionHandler } from './action-context.js';

/**
 * Phê duyệt at the approving step: the result is ready; the finish is classified against the due time. Before the
 * desk's return step the dossier moves on to it (`toStep`), where the desk returns the result.
 */
export const approve: ActionHandler = ({ next, dossier }) => (next.stepIndex !== dossier.stepIndex ? { type: 'approve', toStep: next.stepIndex } : { type: 'approve' });
