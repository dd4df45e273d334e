import { dossierErrors } from '../../dossier.errors.js';
import type { ActionHandler } from './action-context.js';

/**
 * Nhận xử lý: the officer takes the current step (ND 61/2018 Điều 19 k1). Taking it again when it is already theirs
 * changes nothing: refused (409) before anything is written, so the ledger, the national portal and the applicant's
 * timeline do not record the same claim twice.
 */
export const claim: ActionHandler = (c) => {
  if (c.dossier.assigneeId === c.actor.userId) throw dossierErrors.alreadyClaimed();
  return { type: 'claim', assigneeId: c.actor.userId };
};
