import { dossierErrors } from '../../dossier.errors.js';
import type { ActionHandler } from './action-context.js';

/**
 * Trả kết quả at the desk, recording who collected it. A result sent by post is with the postal service: the desk
 * hands it out only once it has come back (postal/ records the delivery itself).
 */
export const returnResult: ActionHandler = (c) => {
  if (c.dossier.resultDelivery === 'post') throw dossierErrors.resultByPost();
  return { type: 'return_result', receivedBy: c.input.receivedBy ?? null };
};
